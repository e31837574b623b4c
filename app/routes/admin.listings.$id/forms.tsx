import { Form, useActionData } from "@remix-run/react";
import { Field, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import { useT } from "~/i18n/index.ts";
import { listingDecisionSchema } from "~/schemas/listing-review.ts";
import type { action } from "./route.tsx";

export function RejectForm() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  // A message about the whole page (a decision that no longer fits) is shown once, above.
  const own = feedback && feedback.values?.intent === "reject" ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(listingDecisionSchema, { feedback: own, defaults: { intent: "reject" } });
  return (
    <section aria-labelledby="decide-reject-title" className="card">
      <h3 id="decide-reject-title">{t("listingReview.rejectTitle")}</h3>
      <p className="muted">{t("listingReview.rejectHint")}</p>
      <SchemaForm form={form} feedback={own} aria-labelledby="decide-reject-title">
        <input type="hidden" defaultValue="reject" {...form.register("intent")} />
        <Field form={form} name="reason" control="textarea" label={t("listingReview.reason")} hint={t("listingReview.reasonHint")} required />
        <div>
          <button type="submit" className="btn-danger">
            {t("listingReview.reject")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

export function ApproveForm() {
  const t = useT();
  return (
    <section aria-labelledby="decide-approve-title" className="card">
      <h3 id="decide-approve-title">{t("listingReview.approveTitle")}</h3>
      <p className="muted">{t("listingReview.approveHint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="approve" />
        <button type="submit">{t("listingReview.approve")}</button>
      </Form>
    </section>
  );
}
