import type { Organization } from "../../db/schema.ts";
import { educationKinds } from "../domain/organization-kinds.ts";
import { useT, labelFor } from "../i18n/index.ts";
import { Fact } from "./fact.tsx";

/** What anyone may read about an organisation. */
export interface OrganizationProfileView {
  kind: Organization["kind"];
  industry: string | null;
  location: string | null;
  staffCount: number | null;
  studentCount: number | null;
  majors: string[];
  description: string;
}

/** Contact details: for signed-in users of verified organisations, platform staff and the organisation itself. */
export interface OrganizationContactsView {
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
}

/** Fields only the organisation and platform staff see. */
export interface OrganizationPrivateView {
  creditCode: string | null;
  annualPayroll: number | null;
}

export function profileView(o: Organization): OrganizationProfileView {
  const school = educationKinds.includes(o.kind);
  return {
    kind: o.kind,
    industry: o.industry,
    location: o.location,
    staffCount: o.kind === "enterprise" ? o.staff_count : null,
    studentCount: school ? o.student_count : null,
    majors: school ? o.majors : [],
    description: o.description,
  };
}

export function contactsView(o: Organization): OrganizationContactsView {
  return { contactName: o.contact_name, contactPhone: o.contact_phone, contactEmail: o.contact_email, address: o.address };
}

export function privateView(o: Organization): OrganizationPrivateView {
  return { creditCode: o.credit_code, annualPayroll: o.annual_payroll == null ? null : Number(o.annual_payroll) };
}

export function OrganizationFacts({ profile, extra }: { profile: OrganizationProfileView; extra?: OrganizationPrivateView }) {
  const t = useT();
  const school = educationKinds.includes(profile.kind);
  const none = <span className="muted">{t("org.notGiven")}</span>;
  return (
    <dl className="facts">
      <Fact label={t("org.kind")}>{t(`orgKind.${profile.kind}`)}</Fact>
      {extra ? <Fact label={t("org.creditCode")}>{extra.creditCode ?? none}</Fact> : null}
      <Fact label={t("org.industry")}>{profile.industry ? labelFor(t, "industry", profile.industry) : none}</Fact>
      <Fact label={t("org.location")}>{profile.location ? labelFor(t, "location", profile.location) : none}</Fact>
      {profile.kind === "enterprise" ? (
        <Fact label={t("org.staffCount")}>
          {profile.staffCount != null ? t("org.people", { count: profile.staffCount }) : none}
        </Fact>
      ) : null}
      {extra && profile.kind === "enterprise" ? (
        <Fact label={t("org.annualPayroll")}>
          {extra.annualPayroll != null ? t("org.yuan", { amount: extra.annualPayroll.toLocaleString("zh-CN") }) : none}
        </Fact>
      ) : null}
      {school ? (
        <>
          <Fact label={t("org.studentCount")}>
            {profile.studentCount != null ? t("org.people", { count: profile.studentCount }) : none}
          </Fact>
          <Fact label={t("org.majors")}>
            {profile.majors.length
              ? profile.majors.map((m) => (
                  <span key={m} className="tag">
                    {m}
                  </span>
                ))
              : none}
          </Fact>
        </>
      ) : null}
    </dl>
  );
}

export function OrganizationContacts({ contacts }: { contacts: OrganizationContactsView }) {
  const t = useT();
  const none = <span className="muted">{t("org.notGiven")}</span>;
  return (
    <dl className="facts">
      <Fact label={t("org.contactName")}>{contacts.contactName ?? none}</Fact>
      <Fact label={t("org.contactPhone")}>
        {contacts.contactPhone ? <a href={`tel:${contacts.contactPhone}`}>{contacts.contactPhone}</a> : none}
      </Fact>
      <Fact label={t("org.contactEmail")}>
        {contacts.contactEmail ? <a href={`mailto:${contacts.contactEmail}`}>{contacts.contactEmail}</a> : none}
      </Fact>
      <Fact label={t("org.address")}>{contacts.address ?? none}</Fact>
    </dl>
  );
}

/** The description as paragraphs, as typed. */
export function OrganizationDescription({ text }: { text: string }) {
  const t = useT();
  const paragraphs = text.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean);
  if (!paragraphs.length) return <p className="muted">{t("org.noDescription")}</p>;
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}
