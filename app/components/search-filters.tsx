import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT, type Translate, labelFor } from "~/i18n/index.ts";
import type { SearchNotice } from "~/models/search-page.server.ts";
import { sortOrders, type SearchParams } from "~/schemas/search.ts";
import type { SearchResult } from "../../search/query.ts";

// The search page's filters (pilot review, plan task 56): a <details> drawer that works without JavaScript —
// closed on a phone, so the results come first, and opened as a sidebar on a wide screen (or when a field has
// a notice to read). A filter's notice sits next to its field.

function facetLabel(t: Translate, facet: string, value: string): string {
  switch (facet) {
    case "kind":
      return value === "organization" ? t("search.kind.organization") : labelFor(t, "listingKind", value);
    case "industryGroup":
      return labelFor(t, "industryGroup", value);
    case "industry":
      return labelFor(t, "industry", value);
    case "location":
      return labelFor(t, "location", value);
    case "organizationKind":
      return labelFor(t, "orgKind", value);
    default:
      return value;
  }
}

// Facet name in the index → parameter name in the URL.
export const facetParams: Array<[facet: string, param: string]> = [
  ["kind", "kind"],
  ["industryGroup", "industryGroup"],
  ["industry", "industry"],
  ["location", "location"],
  ["organizationKind", "orgKind"],
  ["majors", "major"],
];

/** Fields that show their notice in the drawer; the others are shown above the results. */
export const drawerFields = new Set(["sort", "payMin", "payMax", "startFrom", "endBy"]);

export const listParam = (params: SearchParams, param: string): string[] => (params as unknown as Record<string, string[]>)[param] ?? [];

export function chosenCount(params: SearchParams): number {
  return facetParams.reduce((n, [, p]) => n + listParam(params, p).length, 0) + (params.certified ? 1 : 0) +
    [params.payMin, params.payMax, params.startFrom, params.endBy].filter((v) => v !== undefined).length;
}

export function NoticeText({ notice }: { notice: SearchNotice }) {
  const t = useT();
  return <>{t(notice.key, { ...notice.vars, ...(notice.filter ? { filter: t(notice.filter) } : {}) })}</>;
}

function FieldNotices({ notices, fields }: { notices: SearchNotice[]; fields: string[] }) {
  const mine = notices.filter((n) => fields.includes(n.field));
  if (!mine.length) return null;
  return (
    <>
      {mine.map((notice) => (
        <p key={notice.key + notice.field} id={`notice-${notice.field}`} className="field-error">
          <NoticeText notice={notice} />
        </p>
      ))}
    </>
  );
}

export function SearchFilters({
  params,
  facets,
  notices,
  typed,
}: {
  params: SearchParams;
  facets: SearchResult["facets"];
  notices: SearchNotice[];
  typed: Record<string, string>;
}) {
  const t = useT();
  const drawer = useRef<HTMLDetailsElement>(null);
  const fieldNotice = notices.some((n) => drawerFields.has(n.field));
  const count = chosenCount(params);
  // Wide screens keep the drawer open as a sidebar, also after a notice (which opened it) goes away.
  useEffect(() => {
    if (drawer.current && window.matchMedia("(min-width: 721px)").matches) drawer.current.open = true;
  }, [fieldNotice]);
  const invalid = (field: string) => (notices.some((n) => n.field === field) ? { "aria-invalid": true, "aria-describedby": `notice-${field}` } : {});

  return (
    <details className="search-drawer" ref={drawer} open={fieldNotice || undefined}>
      <summary>
        {t("search.drawer")}
        {count ? t("search.drawerChosen", { count }) : null}
      </summary>
      <div className="facets" role="group" aria-label={t("search.filters")}>
        <div className="field">
          <label htmlFor="sort">{t("search.sort")}</label>
          <select id="sort" name="sort" defaultValue={params.sort} {...invalid("sort")}>
            {sortOrders.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
          <FieldNotices notices={notices} fields={["sort"]} />
        </div>
        {facetParams.map(([facet, param]) => {
          const counts = facets[facet as keyof SearchResult["facets"]] ?? {};
          const values = Object.entries(counts)
            .sort((a, b) => b[1] - a[1])
            .slice(0, facet === "majors" ? 15 : 30);
          const chosen = listParam(params, param).filter((v) => !(v in counts));
          if (!values.length && !chosen.length) return null;
          return (
            <fieldset key={facet} className="facet">
              <legend>{labelFor(t, "search.facet", facet)}</legend>
              {[...chosen.map((v) => [v, 0] as [string, number]), ...values].map(([value, n]) => {
                const on = listParam(params, param).includes(value);
                return (
                  <label key={`${value}:${on}`} className="facet-option">
                    <input type="checkbox" name={param} value={value} defaultChecked={on} /> {facetLabel(t, facet, value)}{" "}
                    <span className="muted">({n})</span>
                  </label>
                );
              })}
            </fieldset>
          );
        })}
        <fieldset className="facet">
          <legend>{t("search.facet.certified")}</legend>
          <label className="facet-option" key={`certified:${params.certified}`}>
            <input type="checkbox" name="certified" value="true" defaultChecked={params.certified === "true"} /> {t("search.certifiedOnly")}{" "}
            <span className="muted">({facets.certified?.true ?? 0})</span>
          </label>
        </fieldset>
        <fieldset className="facet" key={`pay:${params.payMin}:${params.payMax}`}>
          <legend>{t("search.pay")}</legend>
          <div className="inline-fields">
            <label>
              {t("search.payMin")}{" "}
              <input type="number" name="payMin" min={0} defaultValue={typed.payMin ?? params.payMin ?? ""} inputMode="numeric" {...invalid("payMin")} />
            </label>
            <label>
              {t("search.payMax")}{" "}
              <input type="number" name="payMax" min={0} defaultValue={typed.payMax ?? params.payMax ?? ""} inputMode="numeric" {...invalid("payMax")} />
            </label>
          </div>
          <FieldNotices notices={notices} fields={["payMin", "payMax"]} />
        </fieldset>
        <fieldset className="facet" key={`period:${params.startFrom}:${params.endBy}`}>
          <legend>{t("search.period")}</legend>
          <label>
            {t("search.startFrom")} <input type="date" name="startFrom" defaultValue={typed.startFrom ?? params.startFrom ?? ""} {...invalid("startFrom")} />
          </label>
          <label>
            {t("search.endBy")} <input type="date" name="endBy" defaultValue={typed.endBy ?? params.endBy ?? ""} {...invalid("endBy")} />
          </label>
          <FieldNotices notices={notices} fields={["startFrom", "endBy"]} />
        </fieldset>
        <noscript>
          <button type="submit">{t("search.applyFilters")}</button>
        </noscript>
        {count ? (
          <p>
            <Link to={params.q ? `/search?q=${encodeURIComponent(params.q)}` : "/search"}>{t("search.clearFilters")}</Link>
          </p>
        ) : null}
      </div>
    </details>
  );
}
