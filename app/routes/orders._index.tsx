import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { OrderStatusBadge, yuan } from "~/components/order-package.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listOrders, providerRevenue } from "~/models/matchmaking/orders.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { orderFilterSchema, orderSides, orderStatuses } from "~/schemas/order.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { LinkFilter } from "~/components/link-filter.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("orders.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const filter = orderFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = appDb();
  const [orders, revenue] = await Promise.all([
    listOrders(db, actor.organization.id, filter.side, { status: filter.status }),
    filter.side === "provider" ? providerRevenue(db, actor.organization.id) : Promise.resolve(null),
  ]);
  return {
    side: filter.side,
    status: filter.status ?? "",
    revenue,
    orders: orders.map((o) => ({ ...o, created_at: formatDateTime(o.created_at) })),
  };
}

export default function Orders() {
  const { side, status, revenue, orders } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="orders-title" className="page-stack">
      <h1 id="orders-title">{t("orders.title")}</h1>
      <p className="muted">{t("orders.intro")}</p>
      <LinkFilter label={t("orders.tabs")} links={orderSides.map((s) => ({ key: s, to: `?side=${s}`, text: t(`orders.tab.${s}`), current: s === side }))} />
      {revenue ? (
        <section aria-labelledby="revenue-title" className="card" data-testid="revenue">
          <h2 id="revenue-title">{t("orders.revenue.title")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("orders.revenue.confirmed")}</dt>
              <dd>{t("orders.yuan", { amount: yuan(revenue.confirmedYuan) })}</dd>
            </div>
            <div>
              <dt>{t("orders.revenue.delivered")}</dt>
              <dd>{t("orders.yuan", { amount: yuan(revenue.deliveredYuan) })}</dd>
            </div>
            <div>
              <dt>{t("orders.revenue.completed")}</dt>
              <dd>{t("orders.yuan", { amount: yuan(revenue.completedYuan) })}</dd>
            </div>
            <div>
              <dt>{t("orders.revenue.total")}</dt>
              <dd>
                <strong>{t("orders.yuan", { amount: yuan(revenue.totalYuan) })}</strong>
              </dd>
            </div>
            <div>
              <dt>{t("orders.revenue.completedSeats")}</dt>
              <dd>{t("orders.seatsValue", { n: revenue.completedSeats })}</dd>
            </div>
            <div>
              <dt>{t("orders.revenue.averageRating")}</dt>
              <dd>{revenue.averageRating === null ? t("orders.revenue.noRating") : t("orders.rate.star", { n: revenue.averageRating })}</dd>
            </div>
          </dl>
          <p className="muted small">{t("orders.revenue.note")}</p>
        </section>
      ) : null}
      <Form method="get" className="filters">
        <input type="hidden" name="side" value={side} />
        <div className="field">
          <label htmlFor="order-status">{t("orders.filter.status")}</label>
          <select id="order-status" name="status" defaultValue={status}>
            <option value="">{t("orders.filter.all")}</option>
            {orderStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`orders.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("orders.filter.apply")}
        </button>
      </Form>
      {orders.length === 0 ? (
        <p className="muted">{t(side === "buyer" ? "orders.empty.buyer" : "orders.empty.provider")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t(`orders.tab.${side}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("orders.col.package")}</th>
                <th scope="col">{t(side === "buyer" ? "orders.col.provider" : "orders.col.buyer")}</th>
                <th scope="col">{t("orders.col.seats")}</th>
                <th scope="col">{t("orders.col.total")}</th>
                <th scope="col">{t("orders.col.status")}</th>
                <th scope="col">{t("orders.col.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.title}</Link>
                  </td>
                  <td>{o.other_name}</td>
                  <td>{o.seats}</td>
                  <td>{yuan(o.total_yuan)}</td>
                  <td>
                    <OrderStatusBadge status={o.status} />
                    {o.rating !== null ? <span className="tag">{t("orders.rate.given", { rating: o.rating })}</span> : null}
                  </td>
                  <td>{o.created_at}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
