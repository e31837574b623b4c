import { Link } from "@remix-run/react";
import { useT } from "../i18n/index.ts";

/**
 * Previous / page n of m / next links. Without `pageCount` (lists that only know whether a next page exists)
 * it shows the page number alone and relies on `hasNext`. Renders nothing for a single page.
 */
export function Pagination({
  page,
  pageCount,
  hasNext = pageCount !== undefined && page < pageCount,
  hrefFor,
  label,
}: {
  page: number;
  pageCount?: number;
  hasNext?: boolean;
  hrefFor: (page: number) => string;
  /** The navigation's accessible name, when a page has more than one list. */
  label?: string;
}) {
  const t = useT();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label ?? t("pagination.label")} className="pagination">
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("pagination.prev")}</Link> : null}
      <span>{pageCount === undefined ? t("pagination.page", { page }) : t("pagination.pageOf", { page, pages: pageCount })}</span>
      {hasNext ? <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
