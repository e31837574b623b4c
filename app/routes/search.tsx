import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { runSearch, SearchUnavailableError } from "~/models/search.server.ts";
import { pageBeyondEnd, readSearchPage } from "~/models/search-page.server.ts";
import type { SearchResult } from "../../search/query.ts";
import { Pagination } from "~/components/pagination.tsx";
import { chosenCount, drawerFields, NoticeText, SearchFilters } from "~/components/search-filters.tsx";
import { SearchEmpty, SearchHits } from "~/components/search-hits.tsx";
import { appDb } from "~/db.server.ts";
import { getVerifiedOrganization } from "~/models/organization.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  const title = `${t("search.title")} · ${t("app.name")}`;
  return [{ title: data?.params.q ? `${data.params.q} · ${title}` : title }, { name: "description", content: t("search.metaDescription") }];
};

const emptyResult: SearchResult = { hits: [], facets: {}, totalHits: 0, page: 1, totalPages: 0, processingTimeMs: 0 };

export async function loader({ request }: LoaderFunctionArgs) {
  // The page is forgiving (task 56): a bad filter is named next to its field and dropped alone, never an error page.
  const { params, notices, typed } = readSearchPage(new URL(request.url));
  // The one organisation the results are limited to, named so the visitor knows why and can leave it.
  const organization = params.org ? await getVerifiedOrganization(appDb(), params.org) : null;
  const only = organization ? { id: organization.id, name: organization.name } : null;
  try {
    const result = await runSearch(params);
    return { params, result, notices, typed, only, beyond: pageBeyondEnd(params, result.totalPages), unavailable: false };
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return data({ params, result: emptyResult, notices, typed, only, beyond: null, unavailable: true }, { status: 503 });
  }
}

export default function Search() {
  const { params, result, notices, typed, only, beyond, unavailable } = useLoaderData<typeof loader>();
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
  const general = notices.filter((n) => !drawerFields.has(n.field));
  const withoutOrg = () => {
    const next = new URLSearchParams(searchParams);
    next.delete("org");
    next.delete("page");
    return `?${next.toString()}`;
  };

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
        {params.org ? <input type="hidden" name="org" value={params.org} /> : null}
        {params.org ? (
          <p className="alert" role="status">
            {t("search.orgFilter", { name: only?.name ?? params.org })} <Link to={withoutOrg()}>{t("search.orgFilterRemove")}</Link>
          </p>
        ) : null}
        {general.length ? (
          <div className="alert" role="status">
            {general.map((notice) => (
              <p key={notice.key + notice.field}>
                <NoticeText notice={notice} />
              </p>
            ))}
          </div>
        ) : null}
        {unavailable ? (
          <p className="alert alert-error" role="alert">
            {t("search.unavailable")}
          </p>
        ) : null}
        <div className="search-columns">
          <SearchFilters params={params} facets={result.facets} notices={notices} typed={typed} />
          <div className="results" aria-live="polite">
            <p className="muted">
              {params.q ? t("search.resultsFor", { q: params.q, total: result.totalHits }) : t("search.results", { total: result.totalHits })} ·{" "}
              {t("search.took", { ms: result.processingTimeMs })}
            </p>
            {beyond ? (
              <div className="card empty-state">
                <p>
                  <NoticeText notice={beyond} />
                </p>
                <p>
                  <Link to={pageLink(result.totalPages)}>{t("search.lastPage", { pages: result.totalPages })}</Link>
                </p>
              </div>
            ) : result.hits.length === 0 && !unavailable ? (
              <SearchEmpty params={params} hasFilters={chosenCount(params) > 0} />
            ) : (
              <SearchHits hits={result.hits} />
            )}
            {result.totalPages > 1 && !beyond ? <Pagination page={result.page} pageCount={result.totalPages} hrefFor={pageLink} /> : null}
          </div>
        </div>
      </Form>
    </section>
  );
}
