import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Field, SchemaForm, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { isMessageKey, useT, type MessageKey } from "~/i18n/index.ts";
import { reviewDecisionSchema } from "~/schemas/organization-review.ts";
import { identityDecisionSchema } from "~/schemas/identity-change.ts";
import type { ReviewLoader } from "./route.tsx";
import { DataTable } from "~/components/data-table.tsx";

const historyLabel = (action: string): MessageKey | null => {
  const key = `admin.history.${action}`;
  return isMessageKey(key) ? key : null;
};

export function ReasonForm({ intent, feedback }: { intent: "reject" | "suspend"; feedback: ActionFeedback | undefined }) {
  const t = useT();
  // Messages about the whole page (a decision that no longer fits) are shown once, above.
  const own = feedback && feedback.values?.intent === intent ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(reviewDecisionSchema, { feedback: own, defaults: { intent } });
  const titleId = `review-${intent}-title`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h3 id={titleId}>{t(`admin.review.${intent}Title`)}</h3>
      <SchemaForm form={form} feedback={own} aria-labelledby={titleId}>
        <input type="hidden" defaultValue={intent} {...form.register("intent")} />
        <Field
          form={form}
          name="reason"
          control="textarea"
          label={t(`admin.review.${intent}Reason`)}
          hint={t("admin.review.reasonHint")}
          required
        />
        <div>
          <button type="submit" className="btn-danger">
            {t(`admin.review.${intent}`)}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

/** Approve or reject the pending identity change; rejecting asks for the reason the organisation will read. */
export function IdentityDecision({
  intent,
  changeId,
  feedback,
}: {
  intent: "approveIdentity" | "rejectIdentity";
  changeId: string;
  feedback: ActionFeedback | undefined;
}) {
  const t = useT();
  const own = feedback && feedback.values?.intent === intent ? { ...feedback, formError: undefined } : null;
  const form = useSchemaForm(identityDecisionSchema, { feedback: own, defaults: { intent, changeId } });
  const reject = intent === "rejectIdentity";
  const titleId = `identity-${intent}-title`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h3 id={titleId}>{t(reject ? "identityChange.rejectTitle" : "identityChange.approveTitle")}</h3>
      <SchemaForm form={form} feedback={own} aria-labelledby={titleId}>
        <input type="hidden" defaultValue={intent} {...form.register("intent")} />
        <input type="hidden" defaultValue={changeId} {...form.register("changeId")} />
        {reject ? (
          <Field
            form={form}
            name="reason"
            control="textarea"
            label={t("identityChange.rejectReason")}
            hint={t("admin.review.reasonHint")}
            required
          />
        ) : null}
        <div>
          <button type="submit" className={reject ? "btn-danger" : undefined}>
            {t(reject ? "identityChange.reject" : "identityChange.approve")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

export function PlainDecision({ intent }: { intent: "verify" | "reinstate" }) {
  const t = useT();
  return (
    <section aria-labelledby={`review-${intent}-title`} className="card">
      <h3 id={`review-${intent}-title`}>{t(`admin.review.${intent}Title`)}</h3>
      <p className="muted">{t(`admin.review.${intent}Hint`)}</p>
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <button type="submit">{t(`admin.review.${intent}`)}</button>
      </Form>
    </section>
  );
}

export function ReviewHistory({ history }: { history: SerializeFrom<ReviewLoader>["history"] }) {
  const t = useT();
  return (
        <section aria-labelledby="review-history-title" className="card">
          <h2 id="review-history-title">{t("admin.review.history")}</h2>
          {history.length === 0 ? (
            <p className="muted">{t("admin.review.historyEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <DataTable>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.review.historyAt")}</th>
                    <th scope="col">{t("admin.review.historyAction")}</th>
                    <th scope="col">{t("admin.review.historyActor")}</th>
                    <th scope="col">{t("admin.review.historyReason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => {
                    const label = historyLabel(h.action);
                    return (
                      <tr key={h.id}>
                        <td>{h.at}</td>
                        <td>{label ? t(label) : h.action}</td>
                        <td>{h.actorName ?? "—"}</td>
                        <td>{h.reason ?? "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </DataTable>
            </div>
          )}
        </section>
  );
}
