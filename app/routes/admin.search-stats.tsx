import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { useT } from "~/i18n/index.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { searchTotals, topZeroResultQueries } from "~/models/search-stats.server.ts";
import { addDays, todayInChina } from "~/utils/dates.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = () => [{ title: "检索统计 · 产教通" }];

const periods = [7, 30, 90, 365] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:review");
  const requested = Number(new URL(request.url).searchParams.get("days"));
  const days = (periods as readonly number[]).includes(requested) ? requested : 30;
  const sinceDay = addDays(todayInChina(), -(days - 1));
  const [totals, zero] = await Promise.all([searchTotals(appDb(), sinceDay), topZeroResultQueries(appDb(), { sinceDay, limit: 50 })]);
  return { days, totals, zero };
}

export default function SearchStats() {
  const { days, totals, zero } = useLoaderData<typeof loader>();
  const t = useT();
  const rate = totals.searches ? Math.round((totals.zeroResults / totals.searches) * 1000) / 10 : 0;
  return (
    <section aria-labelledby="stats-title" className="page-stack">
      <h1 id="stats-title">{t("searchStats.title")}</h1>
      <p className="muted">{t("searchStats.intro")}</p>
      <Form method="get" className="filters">
        <label htmlFor="days">{t("searchStats.period")}</label>{" "}
        <select id="days" name="days" defaultValue={String(days)} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {t("searchStats.days", { days: p })}
            </option>
          ))}
        </select>{" "}
        <noscript>
          <button type="submit">{t("search.applyFilters")}</button>
        </noscript>
      </Form>
      <ul className="cards">
        <li className="card">
          <h2>{t("searchStats.searches")}</h2>
          <p className="stat">{totals.searches}</p>
        </li>
        <li className="card">
          <h2>{t("searchStats.zeroResults")}</h2>
          <p className="stat">{totals.zeroResults}</p>
        </li>
        <li className="card">
          <h2>{t("searchStats.zeroRate")}</h2>
          <p className="stat">{rate}%</p>
        </li>
      </ul>
      <h2>{t("searchStats.topZero")}</h2>
      {zero.length === 0 ? (
        <p>{t("searchStats.none")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <thead>
              <tr>
                <th scope="col">{t("searchStats.query")}</th>
                <th scope="col">{t("searchStats.zeroResults")}</th>
                <th scope="col">{t("searchStats.searches")}</th>
                <th scope="col">{t("searchStats.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {zero.map((row) => (
                <tr key={row.query}>
                  <td>
                    {row.query} <Link to={`/search?q=${encodeURIComponent(row.query)}`}>{t("searchStats.tryIt")}</Link>
                  </td>
                  <td>{row.zeroResults}</td>
                  <td>{row.searches}</td>
                  <td>{row.lastDay}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
