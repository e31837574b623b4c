import type { FieldValues, UseFormReturn } from "react-hook-form";
import { industryGroups } from "../domain/industries.ts";
import { locationIds } from "../domain/locations.ts";
import { kindsRequiringCreditCode, organizationKinds } from "../domain/organization-kinds.ts";
import { useT } from "../i18n/index.ts";
import { Field } from "./form.tsx";

/** The profile fields of an organisation, shared by registration and the profile editor. */
export function OrganizationFields({ form, kindLocked = false }: { form: UseFormReturn<FieldValues>; kindLocked?: boolean }) {
  const t = useT();
  const kind = form.watch("kind") as string | undefined;
  const isEnterprise = !kind || kind === "enterprise";
  const isSchool = !kind || ["university", "vocational_school", "training_provider"].includes(kind);
  // Marked as the schema's rules require them for the chosen kind (checkProfileRules).
  const enterpriseRequires = kind === "enterprise";
  const creditCodeRequired = (kindsRequiringCreditCode as readonly string[]).includes(kind ?? "");
  return (
    <>
      <Field
        form={form}
        name="kind"
        label={t("org.kind")}
        control="select"
        required
        disabled={kindLocked}
        options={organizationKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
      />
      <Field form={form} name="name" label={t("org.name")} required autoComplete="organization" />
      <Field form={form} name="creditCode" label={t("org.creditCode")} hint={t("org.creditCodeHint")} maxLength={18} required={creditCodeRequired} />
      <Field
        form={form}
        name="industry"
        label={t("org.industry")}
        control="select"
        required={enterpriseRequires}
        options={industryGroups.flatMap((g) =>
          g.industries.map((i) => ({
            value: i,
            label: `${t(`industryGroup.${g.id}`)} · ${t(`industry.${i}`)}`,
          })),
        )}
      />
      <Field
        form={form}
        name="location"
        label={t("org.location")}
        control="select"
        options={locationIds.map((l) => ({ value: l, label: t(`location.${l}`) }))}
      />
      <Field form={form} name="address" label={t("org.address")} autoComplete="street-address" />
      <Field form={form} name="contactName" label={t("org.contactName")} required />
      <Field form={form} name="contactPhone" label={t("org.contactPhone")} type="tel" inputMode="numeric" required />
      <Field form={form} name="contactEmail" label={t("org.contactEmail")} type="email" required />
      {isEnterprise ? (
        <>
          <Field
            form={form}
            name="staffCount"
            label={t("org.staffCount")}
            hint={t("org.staffCountHint")}
            inputMode="numeric"
            required={enterpriseRequires}
          />
          <Field form={form} name="annualPayroll" label={t("org.annualPayroll")} hint={t("org.annualPayrollHint")} inputMode="numeric" />
        </>
      ) : null}
      {isSchool ? (
        <>
          <Field form={form} name="studentCount" label={t("org.studentCount")} inputMode="numeric" />
          <Field form={form} name="majors" label={t("org.majors")} hint={t("org.majorsHint")} />
        </>
      ) : null}
      <Field form={form} name="description" label={t("org.description")} control="textarea" />
    </>
  );
}
