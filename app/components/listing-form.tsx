import { Link, useNavigation } from "@remix-run/react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { industryGroups } from "../domain/industries.ts";
import {
  cooperationTypes,
  deliveryModes,
  maturityLevels,
  provisionLevels,
  transferModes,
  type ListingKind,
} from "../domain/listing-kinds.ts";
import { locationIds } from "../domain/locations.ts";
import { majorNames } from "../domain/majors.ts";
import { useT, labelFor } from "../i18n/index.ts";
import { CheckboxField, Field, SchemaForm, type ActionFeedback } from "./form.tsx";

export interface ListingFormButton {
  intent: "save" | "submit";
  label: string;
  primary?: boolean;
}

const MAJORS_LIST = "listing-majors-list";

/**
 * The one form for every kind of listing, on the new and the edit page: the common fields, the kind's own
 * fields and the contacts. Validation is the same zod schema the action uses (listingSchemaFor(kind)).
 */
export function ListingForm({
  kind,
  form,
  feedback,
  buttons,
  labelledBy,
}: {
  kind: ListingKind;
  form: UseFormReturn<FieldValues>;
  feedback?: ActionFeedback | null;
  buttons: ListingFormButton[];
  labelledBy: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const f = (key: string) => labelFor(t, "listings.field", key);
  const options = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: labelFor(t, `listings.${prefix}`, v) }));

  return (
    <SchemaForm form={form} feedback={feedback} aria-labelledby={labelledBy}>
      <fieldset>
        <legend>{t("listings.section.basic")}</legend>
        <Field form={form} name="title" label={f("title")} hint={f("titleHint")} maxLength={80} required />
        <Field form={form} name="description" label={f("description")} hint={f("descriptionHint")} control="textarea" required />
        <Field
          form={form}
          name="industry"
          label={f("industry")}
          control="select"
          required
          options={industryGroups.flatMap((g) =>
            g.industries.map((i) => ({
              value: i,
              label: `${t(`industryGroup.${g.id}`)} · ${t(`industry.${i}`)}`,
            })),
          )}
        />
        <Field form={form} name="majors" label={f("majors")} hint={f("majorsHint")} list={MAJORS_LIST} autoComplete="off" />
        <datalist id={MAJORS_LIST}>
          {majorNames.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Field form={form} name="skills" label={f("skills")} hint={f("skillsHint")} autoComplete="off" />
        <Field
          form={form}
          name="location"
          label={f("location")}
          control="select"
          options={locationIds.map((l) => ({ value: l, label: t(`location.${l}`) }))}
        />
        <Field form={form} name="validUntil" label={f("validUntil")} hint={f("validUntilHint")} type="date" required />
      </fieldset>

      <fieldset>
        <legend>{t("listings.section.details", { kind: t(`listingKind.${kind}`) })}</legend>
        <KindFields kind={kind} form={form} f={f} options={options} />
      </fieldset>

      <fieldset>
        <legend>{t("listings.section.contacts")}</legend>
        <p className="field-hint">{t("listings.contactsHint")}</p>
        <Field form={form} name="contactName" label={f("contactName")} autoComplete="name" required />
        <Field form={form} name="contactPhone" label={f("contactPhone")} type="tel" autoComplete="tel" required />
        <Field form={form} name="contactEmail" label={f("contactEmail")} type="email" autoComplete="email" />
      </fieldset>

      <div className="actions">
        {buttons.map((b) => (
          <button
            key={b.intent}
            type="submit"
            name="intent"
            value={b.intent}
            className={b.primary ? undefined : "btn-secondary"}
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {b.label}
          </button>
        ))}
        <Link to="/listings">{t("listings.cancel")}</Link>
      </div>
    </SchemaForm>
  );
}

function KindFields({
  kind,
  form,
  f,
  options,
}: {
  kind: ListingKind;
  form: UseFormReturn<FieldValues>;
  f: (key: string) => string;
  options: (prefix: string, values: readonly string[]) => Array<{ value: string; label: string }>;
}) {
  const number = { type: "number", inputMode: "numeric", min: 0, step: 1 } as const;
  switch (kind) {
    case "internship":
      return (
        <>
          <Field form={form} name="positions" label={f("positions")} required {...number} min={1} />
          <Field form={form} name="startDate" label={f("startDate")} type="date" required />
          <Field form={form} name="endDate" label={f("endDate")} type="date" required />
          <Field form={form} name="hoursPerWeek" label={f("hoursPerWeek")} hint={f("hoursPerWeekHint")} required {...number} min={1} max={44} />
          <Field form={form} name="monthlyPay" label={f("monthlyPay")} hint={f("monthlyPayHint")} required {...number} min={1} />
          <CheckboxField form={form} name="insurance">
            {f("insurance")}
          </CheckboxField>
          <Field form={form} name="accommodation" label={f("accommodation")} control="select" required options={options("provision", provisionLevels)} />
          <Field form={form} name="meals" label={f("meals")} control="select" required options={options("provision", provisionLevels)} />
          <CheckboxField form={form} name="supervisor">
            {f("supervisor")}
          </CheckboxField>
        </>
      );
    case "order_training":
      return (
        <>
          <Field form={form} name="major" label={f("major")} list={MAJORS_LIST} autoComplete="off" required />
          <Field form={form} name="students" label={f("students")} required {...number} min={1} />
          <Field form={form} name="cohort" label={f("cohort")} hint={f("cohortHint")} required {...number} min={2020} max={2040} />
          <Field form={form} name="trainingPeriod" label={f("trainingPeriod")} hint={f("trainingPeriodHint")} required />
          <CheckboxField form={form} name="employmentOnCompletion">
            {f("employmentOnCompletion")}
          </CheckboxField>
          <Field form={form} name="scholarship" label={f("scholarship")} {...number} />
          <Field form={form} name="practiceShare" label={f("practiceShare")} {...number} max={100} />
          <Field form={form} name="certificate" label={f("certificate")} />
        </>
      );
    case "training_package":
      return (
        <>
          <Field form={form} name="courses" label={f("courses")} hint={f("coursesHint")} control="textarea" required />
          <Field form={form} name="mode" label={f("mode")} control="select" required options={options("mode", deliveryModes)} />
          <Field form={form} name="priceYuan" label={f("priceYuan")} hint={f("priceYuanHint")} required {...number} />
          <Field form={form} name="audience" label={f("audience")} required />
          <Field form={form} name="seats" label={f("seats")} required {...number} min={1} />
          <Field form={form} name="schedule" label={f("schedule")} hint={f("scheduleHint")} required />
          <Field form={form} name="certificate" label={f("certificate")} />
        </>
      );
    case "cooperation":
      return (
        <>
          <Field
            form={form}
            name="cooperationType"
            label={f("cooperationType")}
            control="select"
            required
            options={options("cooperationType", cooperationTypes)}
          />
          <Field form={form} name="budgetMinWan" label={f("budgetMinWan")} {...number} />
          <Field form={form} name="budgetMaxWan" label={f("budgetMaxWan")} {...number} />
          <Field form={form} name="durationMonths" label={f("durationMonths")} {...number} max={240} />
        </>
      );
    case "research_result":
      return (
        <>
          <Field form={form} name="field" label={f("field")} required />
          <Field form={form} name="maturity" label={f("maturity")} control="select" required options={options("maturity", maturityLevels)} />
          <Field
            form={form}
            name="transferMode"
            label={f("transferMode")}
            control="select"
            required
            options={options("transfer", transferModes)}
          />
          <Field form={form} name="patents" label={f("patents")} hint={f("patentsHint")} autoComplete="off" />
        </>
      );
  }
}
