import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { PackageFacts } from "~/components/order-package.tsx";
import { appDb } from "~/db.server.ts";
import { createTranslator, useT, metaTranslator } from "~/i18n/index.ts";
import { getOrderablePackage, orderRefusals, placeOrder } from "~/models/matchmaking/orders.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { forbidden, notFound, requireOrgMember } from "~/models/policy.server.ts";
import { MAX_ORDER_SEATS, orderSchema } from "~/schemas/order.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("orders.new.title")} · 产教通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const pkg = await getOrderablePackage(appDb(), uuidParam(params));
  if (!pkg) throw notFound();
  if (pkg.providerOrgId === actor.organization.id) throw forbidden(createTranslator()("orders.error.ownPackage"));
  return { pkg: pkg.snapshot, verified: actor.organization.status === "verified" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const formData = await request.formData();
  const parsed = parseForm(orderSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await placeOrder(appDb(), actor, uuidParam(params), parsed.data);
  if (!result.ok) return refusalResponse(formData, orderRefusals, result);
  return redirect(`/orders/${result.order.id}?done=placed`);
}

export default function OrderPackage() {
  const { pkg, verified } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(orderSchema, { feedback, defaults: { seats: "1", note: "" } });
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
      <section aria-labelledby="order-package" className="card">
        <h2 id="order-package">{t("orders.new.package")}</h2>
        <PackageFacts pkg={pkg} />
      </section>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="order-title">
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
          <SubmitButton>{t("orders.new.submit")}</SubmitButton>
          <Link to={`/l/${pkg.listingId}`}>{t("orders.new.back")}</Link>
        </div>
      </SchemaForm>
    </section>
  );
}
