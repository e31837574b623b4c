import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormAlert, SchemaForm, SubmitButton, useSchemaForm, type ActionFeedback } from "~/components/form.tsx";
import { OrderStatusBadge, PackageFacts, yuan } from "~/components/order-package.tsx";
import { appDb } from "~/db.server.ts";
import { useT, labelFor, metaTranslator } from "~/i18n/index.ts";
import {
  advanceOrder,
  cancelOrder,
  cancellableStatuses,
  getOrderForViewer,
  rateOrder,
  orderRefusals,
  type OrderResult,
  type OrderStep,
} from "~/models/matchmaking/orders.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import { cancelOrderSchema, rateOrderSchema } from "~/schemas/order.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${data ? t("orders.detail.title", { title: data.snapshot.title }) : t("orders.title")} · 产教通` }];
};

const nextStep: Partial<Record<string, OrderStep>> = { requested: "confirm", confirmed: "deliver", delivered: "complete" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const view = await getOrderForViewer(appDb(), actor, uuidParam(params));
  if (!view) throw notFound();
  const { order } = view;
  return {
    id: order.id,
    side: view.side,
    status: order.status,
    seats: order.seats,
    unitPrice: order.unit_price_yuan,
    total: order.total_yuan,
    note: order.note,
    cancelReason: order.cancel_reason,
    rating: order.rating,
    ratingComment: order.rating_comment,
    listingId: order.listing_id,
    createdAt: formatDateTime(order.created_at),
    buyerName: view.buyerName,
    providerName: view.providerName,
    snapshot: view.snapshot,
    timeline: view.timeline.map((e) => ({ ...e, at: formatDateTime(e.at) })),
    nextStep: view.side === "provider" ? (nextStep[order.status] ?? null) : null,
    canCancel: view.side !== "staff" && cancellableStatuses.includes(order.status),
    canRate: view.side === "buyer" && order.status === "completed" && order.rating === null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const id = uuidParam(params);
  // Anyone who may not see the order gets the same 404 as for an order that does not exist.
  const view = await getOrderForViewer(db, actor, id);
  if (!view) throw notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  let result: OrderResult;
  if (intent === "confirm" || intent === "deliver" || intent === "complete") {
    result = await advanceOrder(db, actor, id, intent);
  } else if (intent === "cancel") {
    const parsed = parseForm(cancelOrderSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    result = await cancelOrder(db, actor, id, parsed.data.reason);
  } else if (intent === "rate") {
    const parsed = parseForm(rateOrderSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    result = await rateOrder(db, actor, id, parsed.data);
  } else {
    return formError(formData, "orders.error.badIntent");
  }
  if (!result.ok) return refusalResponse(formData, orderRefusals, result);
  return data({ ok: true as const, done: intent === "rate" ? "rated" : result.order.status });
}

export default function OrderDetail() {
  const order = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (ActionFeedback & { done?: string }) | undefined;
  const [params] = useSearchParams();
  const t = useT();
  const intentOfFeedback = result && !result.ok ? result.values?.intent : undefined;
  const cancelForm = useSchemaForm(cancelOrderSchema, { feedback: intentOfFeedback === "cancel" ? result : null });
  const rateForm = useSchemaForm(rateOrderSchema, { feedback: intentOfFeedback === "rate" ? result : null });
  const { snapshot } = order;
  const done = result?.ok ? result.done : params.get("done");
  return (
    <article aria-labelledby="order-title" className="page-stack">
      <h1 id="order-title">{t("orders.detail.title", { title: snapshot.title })}</h1>
      {done === "placed" ? (
        <p className="alert alert-ok" role="status">
          {t("orders.placed", { provider: order.providerName })}
        </p>
      ) : done ? (
        <p className="alert alert-ok" role="status">
          {labelFor(t, "orders.action.done", done)}
        </p>
      ) : null}
      {result && !result.ok && intentOfFeedback !== "cancel" && intentOfFeedback !== "rate" ? <FormAlert feedback={result} /> : null}
      <p>
        {t("orders.col.status")}：<OrderStatusBadge status={order.status} />{" "}
        {order.side !== "staff" ? <span className="tag">{t(`orders.detail.youAre.${order.side}`)}</span> : null}
      </p>
      {order.side === "staff" ? <p className="alert">{t("orders.detail.staffReadOnly")}</p> : null}

      <section aria-labelledby="order-parties" className="card">
        <h2 id="order-parties">{t("orders.detail.parties")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("orders.col.buyer")}</dt>
            <dd>{order.buyerName}</dd>
          </div>
          <div>
            <dt>{t("orders.col.provider")}</dt>
            <dd>{order.providerName}</dd>
          </div>
          <div>
            <dt>{t("orders.col.seats")}</dt>
            <dd>{t("orders.seatsValue", { n: order.seats })}</dd>
          </div>
          <div>
            <dt>{t("orders.detail.unitPrice")}</dt>
            <dd>{t("orders.yuan", { amount: yuan(order.unitPrice) })}</dd>
          </div>
          <div>
            <dt>{t("orders.detail.total")}</dt>
            <dd data-testid="order-total">{t("orders.yuan", { amount: yuan(order.total) })}</dd>
          </div>
          <div>
            <dt>{t("orders.col.createdAt")}</dt>
            <dd>{order.createdAt}</dd>
          </div>
          {order.note ? (
            <div>
              <dt>{t("orders.detail.note")}</dt>
              <dd className="preserve-lines">{order.note}</dd>
            </div>
          ) : null}
          {order.cancelReason ? (
            <div>
              <dt>{t("orders.detail.cancelReason")}</dt>
              <dd className="preserve-lines">{order.cancelReason}</dd>
            </div>
          ) : null}
          {order.rating !== null ? (
            <div>
              <dt>{t("orders.col.rating")}</dt>
              <dd>
                {t("orders.rate.given", { rating: order.rating })}
                {order.ratingComment ? <p className="preserve-lines">{order.ratingComment}</p> : null}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      {order.side !== "staff" && (order.nextStep || order.canCancel || order.canRate || order.status === "requested" || order.status === "confirmed" || order.status === "delivered") ? (
        <section aria-labelledby="order-actions" className="card">
          <h2 id="order-actions">{t("orders.detail.actions")}</h2>
          <p className="muted small">{t("orders.detail.flow")}</p>
          {order.nextStep ? (
            <Form method="post" className="actions">
              <button type="submit" name="intent" value={order.nextStep}>
                {t(`orders.action.${order.nextStep}`)}
              </button>
            </Form>
          ) : order.side === "buyer" && ["requested", "confirmed", "delivered"].includes(order.status) ? (
            <p>{t("orders.action.waitProvider")}</p>
          ) : null}
          {order.canCancel ? (
            <SchemaForm form={cancelForm} feedback={intentOfFeedback === "cancel" ? result : null} aria-labelledby="cancel-order-title">
              <h3 id="cancel-order-title">{t("orders.action.cancel")}</h3>
              <input type="hidden" name="intent" value="cancel" />
              <Field form={cancelForm} name="reason" label={t("orders.action.cancelReason")} hint={t("orders.action.cancelHint")} required />
              <div>
                <button type="submit" className="btn-danger">
                  {t("orders.action.cancel")}
                </button>
              </div>
            </SchemaForm>
          ) : null}
          {order.canRate ? (
            <SchemaForm form={rateForm} feedback={intentOfFeedback === "rate" ? result : null} aria-labelledby="rate-order-title">
              <h3 id="rate-order-title">{t("orders.rate.title")}</h3>
              <p className="muted small">{t("orders.rate.onlyOnce")}</p>
              <input type="hidden" name="intent" value="rate" />
              <Field
                form={rateForm}
                name="rating"
                label={t("orders.rate.rating")}
                control="select"
                options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t("orders.rate.star", { n }) }))}
                required
              />
              <Field form={rateForm} name="comment" label={t("orders.rate.comment")} control="textarea" />
              <div>
                <SubmitButton>{t("orders.rate.submit")}</SubmitButton>
              </div>
            </SchemaForm>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="order-snapshot" className="card">
        <h2 id="order-snapshot">{t("orders.detail.snapshot")}</h2>
        <p className="muted small">{t("orders.detail.snapshotNote")}</p>
        <PackageFacts pkg={snapshot} />
        {order.listingId ? (
          <p>
            <Link to={`/l/${order.listingId}`}>{t("orders.detail.listing")}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="order-timeline" className="card">
        <h2 id="order-timeline">{t("orders.detail.timeline")}</h2>
        <ol className="plain-list" data-testid="order-timeline">
          {order.timeline.map((e, i) => (
            <li key={i}>
              <time>{e.at}</time> <strong>{labelFor(t, "orders.status", e.status)}</strong>
              {e.actorOrgName ? <span className="muted">（{e.actorOrgName}）</span> : null}
              {e.note ? <p className="preserve-lines muted small">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
