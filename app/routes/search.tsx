import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { MarkedText } from "~/components/marked-text.tsx";
import { useT, type Translate, labelFor, metaTranslator } from "~/i18n/index.ts";
import { parseSearchUrl } from "~/models/search-api.server.ts";
import { runSearch, SearchUnavailableError } from "~/models/search.server.ts";
import { sortOrders, type SearchParams } from "~/schemas/search.ts";
import type { SearchResult } from "../../search/query.ts";
import { Pagination } from "~/components/pagination.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  const title = `${t("search.title")} · ${t("app.name")}`;
  return [{ title: data?.params.q ? `${data.params.q} · ${title}` : title }, { name: "description", content: t("search.metaDescription") }];
};

const emptyResult: SearchResult = { hits: [], facets: {}, totalHits: 0, page: 1, totalPages: 0, processingTimeMs: 0 };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The page is forgiving: a bad filter is dropped with a notice instead of an error page.
  let parsed = parseSearchUrl(url, { strict: false });
  let notice: string | null = null;
  if (!parsed.ok) {
    notice = parsed.message;
    parsed = parseSearchUrl(new URL(`${url.pathname}?q=${encodeURIComponent(url.searchParams.get("q")?.slice(0, 100) ?? "")}`, url), { strict: false });
  }
  const params = (parsed as { ok: true; params: SearchParams }).params;
  try {
    return { params, result: await runSearch(params), notice, unavailable: false };
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return data({ params, result: emptyResult, notice, unavailable: true }, { status: 503 });
  }
}

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
const facetParams: Array<[facet: string, param: string]> = [
  ["kind", "kind"],
  ["industryGroup", "industryGroup"],
  ["industry", "industry"],
  ["location", "location"],
  ["organizationKind", "orgKind"],
  ["majors", "major"],
];

export default function Search() {
  const { params, result, notice, unavailable } = useLoaderData<typeof loader>();
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const [q, setQ] = useState(params.q);
  const typing = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => setQ(params.q), [params.q]);

  // Typing refreshes results after a pause; the URL is replaced so the back button skips keystrokes.
  const onType = (value: string) => {
    setQ(value);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true });
    }, 300);
  };
  const onFilterChange = (event: FormEvent<HTMLFormElement>) => {
    if ((event.target as HTMLElement).getAttribute("name") === "q") return;
    submit(event.currentTarget, { preventScrollReset: true });
  };

  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const selected = (param: string, value: string) =>
    (params as unknown as Record<string, string[]>)[param]?.includes(value) ?? false;
  const hasFilters = facetParams.some(([, p]) => ((params as unknown as Record<string, string[]>)[p] ?? []).length > 0) || !!params.certified;

  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title">{t("search.title")}</h1>
      <Form method="get" ref={formRef} role="search" className="search-layout" onChange={onFilterChange} aria-busy={navigation.state === "loading"}>
        <div className="search-box">
          <label htmlFor="q" className="visually-hidden">
            {t("search.label")}
          </label>
          <input id="q" name="q" type="search" value={q} onChange={(e) => onType(e.target.value)} placeholder={t("search.placeholder")} maxLength={100} />
          <button type="submit">{t("search.button")}</button>
        </div>
        {notice ? (
          <p className="alert" role="status">
            {notice}
          </p>
        ) : null}
        {unavailable ? (
          <p className="alert alert-error" role="alert">
            {t("search.unavailable")}
          </p>
        ) : null}
        <div className="search-columns">
          <aside className="facets" aria-label={t("search.filters")}>
            <div className="field">
              <label htmlFor="sort">{t("search.sort")}</label>
              <select id="sort" name="sort" defaultValue={params.sort}>
                {sortOrders.map((s) => (
                  <option key={s} value={s}>
                    {t(`search.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            {facetParams.map(([facet, param]) => {
              const counts = result.facets[facet as keyof SearchResult["facets"]] ?? {};
              const values = Object.entries(counts)
                .sort((a, b) => b[1] - a[1])
                .slice(0, facet === "majors" ? 15 : 30);
              const chosen = ((params as unknown as Record<string, string[]>)[param] ?? []).filter((v) => !(v in counts));
              if (!values.length && !chosen.length) return null;
              return (
                <fieldset key={facet} className="facet">
                  <legend>{labelFor(t, "search.facet", facet)}</legend>
                  {[...chosen.map((v) => [v, 0] as [string, number]), ...values].map(([value, count]) => (
                    <label key={value} className="facet-option">
                      <input type="checkbox" name={param} value={value} defaultChecked={selected(param, value)} />{" "}
                      {facetLabel(t, facet, value)} <span className="muted">({count})</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
            <fieldset className="facet">
              <legend>{t("search.facet.certified")}</legend>
              <label className="facet-option">
                <input type="checkbox" name="certified" value="true" defaultChecked={params.certified === "true"} /> {t("search.certifiedOnly")}{" "}
                <span className="muted">({result.facets.certified?.true ?? 0})</span>
              </label>
            </fieldset>
            <fieldset className="facet">
              <legend>{t("search.pay")}</legend>
              <div className="inline-fields">
                <label>
                  {t("search.payMin")} <input type="number" name="payMin" min={0} defaultValue={params.payMin ?? ""} inputMode="numeric" />
                </label>
                <label>
                  {t("search.payMax")} <input type="number" name="payMax" min={0} defaultValue={params.payMax ?? ""} inputMode="numeric" />
                </label>
              </div>
            </fieldset>
            <fieldset className="facet">
              <legend>{t("search.period")}</legend>
              <label>
                {t("search.startFrom")} <input type="date" name="startFrom" defaultValue={params.startFrom ?? ""} />
              </label>
              <label>
                {t("search.endBy")} <input type="date" name="endBy" defaultValue={params.endBy ?? ""} />
              </label>
            </fieldset>
            <noscript>
              <button type="submit">{t("search.applyFilters")}</button>
            </noscript>
            {hasFilters ? (
              <p>
                <Link to={params.q ? `/search?q=${encodeURIComponent(params.q)}` : "/search"}>{t("search.clearFilters")}</Link>
              </p>
            ) : null}
          </aside>
          <div className="results" aria-live="polite">
            <p className="muted">
              {params.q ? t("search.resultsFor", { q: params.q, total: result.totalHits }) : t("search.results", { total: result.totalHits })} ·{" "}
              {t("search.took", { ms: result.processingTimeMs })}
            </p>
            {result.hits.length === 0 && !unavailable ? (
              <div className="card empty-state">
                <p>{params.q ? t("search.empty", { q: params.q }) : t("search.emptyNoQuery")}</p>
                <p className="muted">{t("search.emptyHints")}</p>
                <ul>
                  {params.q && hasFilters ? (
                    <li>
                      <Link to={`/search?q=${encodeURIComponent(params.q)}`}>{t("search.clearFilters")}</Link>
                    </li>
                  ) : null}
                  {params.q ? (
                    <li>
                      <Link to="/search">{t("search.tryBroader")}</Link>
                    </li>
                  ) : null}
                  {["internship", "order_training", "training_package", "cooperation"].map((k) => (
                    <li key={k}>
                      <Link to={`/search?kind=${k}`}>{labelFor(t, "listingKind", k)}</Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <ol className="hits">
                {result.hits.map((hit) => (
                  <li key={hit.id} className="card hit">
                    <h2 className="hit-title">
                      <Link to={hit.url}>
                        <MarkedText text={hit.titleMarked} />
                      </Link>
                    </h2>
                    <p className="hit-meta">
                      <span className="tag">{hit.kindLabel}</span>
                      {hit.kind !== "organization" ? <Link to={`/orgs/${hit.organization.id}`}>{hit.organization.name}</Link> : null}
                      {hit.certified ? <span className="tag tag-certified">{t("search.certifiedBadge")}</span> : null}
                      {hit.industryLabel ? <span className="muted"> · {hit.industryLabel}</span> : null}
                      {hit.locationLabel ? <span className="muted"> · {hit.locationLabel}</span> : null}
                      {hit.monthlyPay ? <span> · {t("search.pay.value", { pay: hit.monthlyPay })}</span> : null}
                    </p>
                    {hit.snippetMarked ? (
                      <p className="hit-snippet">
                        <MarkedText text={hit.snippetMarked} />
                      </p>
                    ) : null}
                    {hit.validUntil ? <p className="muted small">{t("search.validUntil", { date: hit.validUntil })}</p> : null}
                  </li>
                ))}
              </ol>
            )}
            {result.totalPages > 1 ? (
              <Pagination page={result.page} pageCount={result.totalPages} hrefFor={pageLink} />
            ) : null}
          </div>
        </div>
      </Form>
    </section>
  );
}
