/** What the JobPosting needs of a published internship. */
export interface JobPostingSource {
  title: string;
  description: string;
  /** 'YYYY-MM-DD' */
  publishedAt: string;
  /** 'YYYY-MM-DD' */
  validUntil: string;
  organizationName: string;
  locationLabel: string | null;
  monthlyPay: unknown;
}

/**
 * schema.org JobPosting JSON-LD for an internship, so search engines can list it. "<" (and the JavaScript
 * line separators) are escaped, so nothing a publisher types can close the <script> element.
 */
export function jobPostingJsonLd(source: JobPostingSource): string {
  const posting: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: source.title,
    description: source.description,
    datePosted: source.publishedAt,
    validThrough: source.validUntil,
    employmentType: "INTERN",
    hiringOrganization: { "@type": "Organization", name: source.organizationName },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        ...(source.locationLabel ? { addressLocality: source.locationLabel } : {}),
        addressRegion: "陕西省西安市鄠邑区",
        addressCountry: "CN",
      },
    },
  };
  if (typeof source.monthlyPay === "number") {
    posting.baseSalary = {
      "@type": "MonetaryAmount",
      currency: "CNY",
      value: { "@type": "QuantitativeValue", value: source.monthlyPay, unitText: "MONTH" },
    };
  }
  return JSON.stringify(posting).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
