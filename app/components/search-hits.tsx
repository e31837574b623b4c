import { Link } from "@remix-run/react";
import { MarkedText } from "~/components/marked-text.tsx";
import { useT, labelFor } from "~/i18n/index.ts";
import type { SearchParams } from "~/schemas/search.ts";
import type { SearchHit } from "../../search/query.ts";

/** The result cards of /search; the closing day is the China day the listing page shows too. */
export function SearchHits({ hits }: { hits: SearchHit[] }) {
  const t = useT();
  return (
    <ol className="hits">
      {hits.map((hit) => (
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
          {hit.validUntil ? (
            <p className="muted small hit-valid-until">
              {t("search.validUntil", { date: hit.validUntil })}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Nothing found: hints and the popular kinds. */
export function SearchEmpty({ params, hasFilters }: { params: SearchParams; hasFilters: boolean }) {
  const t = useT();
  return (
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
  );
}
