import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { Fact } from "~/components/fact.tsx";
import { PackageFacts, yuan } from "~/components/order-package.tsx";
import { appDb } from "~/db.server.ts";
import { createTranslator, useT, metaTranslator } from "~/i18n/index.ts";
import { getOrderablePackage, orderRefusals, placeOrder, quoteOrder } from "~/models/matchmaking/orders.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { forbidden, notFound, requireOrgMember } from "~/models/policy.server.ts";
import { MAX_ORDER_SEATS, orderSchema, orderStepSchema } from "~/schemas/order.ts";
import { formValues, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("orders.new.title")} · 产教通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const pkg = await getOrderablePackage(appDb(), uuidParam(params));
  if (!pkg) throw notFound();
  if (pkg.providerOrgId === actor.organization.id) throw forbidden(createTranslator()("orders.error.ownPackage"));
  return { pkg: pkg.snapshot, verified: actor.organization.status === "verified" };
}

/** Review (the summary, nothing placed), then confirm (the order, at the total the summary showed). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const formData = await request.formData();
  const parsed = parseForm(orderStepSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const { intent, quotedTotalYuan, ...input } = parsed.data;
  if (intent === "confirm" && quotedTotalYuan !== undefined) {
    const result = await placeOrder(appDb(), actor, uuidParam(params), { ...input, quotedTotalYuan });
    if (!result.ok) return refusalResponse(formData, orderRefusals, result);
    return redirect(`/orders/${result.order.id}?done=placed`);
  }
  const quoted = await quoteOrder(appDb(), actor, uuidParam(params), input);
  if (!quoted.ok) return refusalResponse(formData, orderRefusals, quoted);
  return { ok: true as const, quote: { ...quoted.quote, note: input.note ?? "" }, values: formValues(formData) };
}

export default function OrderPackage() {
  const { pkg, verified } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const quote = answer && answer.ok ? answer.quote : null;
  const feedback = answer && !answer.ok ? answer : null;
  const t = useT();
  const form = useSchemaForm(orderSchema, { feedback, defaults: { seats: "1", note: "", ...(answer?.values ?? {}) } });
  const max = pkg.classSeats ?? MAX_ORDER_SEATS;
  return (
    <section aria-labelledby="order-title" className="page-stack">
      <h1 id="order-title">{t("orders.new.title")}</h1>
      <p>{t("orders.new.intro", { provider: pkg.providerName, title: pkg.title })}</p>
      {!verified ? (
        <div className="alert" role="note">
          {t("orders.error.notVerified")}
        </div>
      ) : null}
      {quote ? (
        <section aria-labelledby="order-summary" className="card" data-testid="order-summary">
          <h2 id="order-summary">{t("orders.new.summaryTitle")}</h2>
          <p role="status">{t("orders.new.summaryIntro", { provider: pkg.providerName })}</p>
          <dl className="facts">
            <Fact label={t("orders.col.package")}>{pkg.title}</Fact>
            <Fact label={t("orders.new.summarySeats")}>{t("orders.seatsValue", { n: quote.seats })}</Fact>
            <Fact label={t("orders.new.price")}>{t("orders.new.pricePerSeat", { amount: yuan(quote.unitPriceYuan) })}</Fact>
            <Fact label={t("orders.new.summaryTotal")}>
              <strong>¥{yuan(quote.totalYuan)}</strong>
            </Fact>
            {quote.note ? (
              <Fact label={t("orders.new.summaryNote")}>
                <span className="preserve-lines">{quote.note}</span>
              </Fact>
            ) : null}
          </dl>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="seats" value={quote.seats} />
            <input type="hidden" name="note" value={quote.note} />
            <input type="hidden" name="quotedTotalYuan" value={quote.totalYuan} />
            <SubmitButton>{t("orders.new.confirm", { amount: yuan(quote.totalYuan) })}</SubmitButton>
          </Form>
          <p className="muted">{t("orders.new.change")}</p>
        </section>
      ) : null}
      <section aria-labelledby="order-package" className="card">
        <h2 id="order-package">{t("orders.new.package")}</h2>
        <PackageFacts pkg={pkg} />
      </section>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="order-title">
        <input type="hidden" name="intent" value="review" />
        <Field
          form={form}
          name="seats"
          label={t("orders.new.seats")}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          hint={t("orders.new.seatsHint", { max })}
          required
        />
        <Field form={form} name="note" label={t("orders.new.note")} control="textarea" hint={t("orders.new.noteHint")} />
        <div className="actions">
          <SubmitButton>{t(quote ? "orders.new.reviewAgain" : "orders.new.submit")}</SubmitButton>
          <Link to={`/l/${pkg.listingId}`}>{t("orders.new.back")}</Link>
        </div>
      </SchemaForm>
    </section>
  );
}
