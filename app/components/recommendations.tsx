import { Link } from "@remix-run/react";
import type { ListingKind } from "../domain/listing-kinds.ts";
import { useT } from "../i18n/index.ts";
import type { RecommendationsState, RecommendationView } from "../models/recommendations.server.ts";
import { kindLabel } from "./listing-details.tsx";

// Explained recommendations (task 56): each item with its link, kind, organisation, score and reasons.

type Item = Pick<RecommendationView, "id" | "type" | "kind" | "title" | "organization" | "url" | "score" | "reasons">;

export function RecommendationList({ items, headingLevel = 3 }: { items: Item[]; headingLevel?: 3 | 4 }) {
  const t = useT();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <ul className="hits">
      {items.map((item) => (
        <li key={item.id} className="card" data-testid="recommendation">
          <Heading className="hit-title">
            <Link to={item.url}>{item.title}</Link>
          </Heading>
          <p className="hit-meta">
            <span className="tag">{item.type === "organization" ? t("recommend.kind.organization") : kindLabel(t, item.kind as ListingKind)}</span>
            {item.type === "listing" ? <span>{item.organization.name}</span> : null}
            <span className="score" title={t("recommend.scoreHint")}>
              {t("recommend.score", { score: item.score })}
            </span>
          </p>
          <ul className="reason-tags" aria-label={t("recommend.reasons")}>
            {item.reasons.map((reason) => (
              <li key={reason.code} className="tag" data-reason={reason.code}>
                {reason.text}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The dashboard's 为您推荐 section. */
export function RecommendationsSection({ state }: { state: RecommendationsState }) {
  const t = useT();
  return (
    <section aria-labelledby="recommendations-title" className="card" data-testid="recommendations">
      <h2 id="recommendations-title">{t("recommend.title")}</h2>
      {state.status === "unavailable" ? (
        <p className="alert" role="status">
          {t("recommend.unavailable")}
        </p>
      ) : state.items.length === 0 ? (
        <p className="muted">{t("recommend.empty")}</p>
      ) : (
        <>
          <p className="muted">{t("recommend.intro")}</p>
          <RecommendationList items={state.items} />
        </>
      )}
    </section>
  );
}

/** Similar listings on a listing's public page; nothing at all when there are none. */
export function SimilarListings({ state }: { state: RecommendationsState }) {
  const t = useT();
  if (state.status === "ok" && state.items.length === 0) return null;
  return (
    <section aria-labelledby="similar-listings-title" className="card" data-testid="similar-listings">
      <h2 id="similar-listings-title">{t("recommend.similar.title")}</h2>
      {state.status === "unavailable" ? (
        <p className="muted" role="status">
          {t("recommend.similar.unavailable")}
        </p>
      ) : (
        <RecommendationList items={state.items} />
      )}
    </section>
  );
}
