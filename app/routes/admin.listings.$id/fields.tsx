import { isMessageKey, type MessageKey, type Translate } from "~/i18n/index.ts";

// Showing a field and its value the way the owner typed it.

export const columnLabels: Record<string, MessageKey> = {
  title: "listings.field.title",
  description: "listings.field.description",
  industry: "listings.field.industry",
  majors: "listings.field.majors",
  skills: "listings.field.skills",
  location: "listings.field.location",
  valid_until: "listings.field.validUntil",
  contact_name: "listings.field.contactName",
  contact_phone: "listings.field.contactPhone",
  contact_email: "listings.field.contactEmail",
  "details.totalHours": "listings.detail.totalHours",
};

export function fieldLabel(t: Translate, field: string): string {
  const known = columnLabels[field];
  if (known) return t(known);
  const key = `listings.field.${field.replace(/^details\./, "")}`;
  return isMessageKey(key) ? t(key) : field;
}

export const enumPrefixes: Record<string, string> = {
  industry: "industry",
  location: "location",
  "details.accommodation": "listings.provision",
  "details.meals": "listings.provision",
  "details.mode": "listings.mode",
  "details.cooperationType": "listings.cooperationType",
  "details.maturity": "listings.maturity",
  "details.transferMode": "listings.transfer",
};

export function formatValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return t("listingReview.empty.value");
  }
  if (typeof value === "boolean") return t(value ? "listings.yes" : "listings.no");
  const prefix = enumPrefixes[field];
  if (prefix && typeof value === "string") {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  }
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        item && typeof item === "object" && "name" in item && "hours" in item
          ? t("listings.detail.course", { name: String(item.name), hours: String(item.hours) })
          : String(item),
      )
      .join("、");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}
