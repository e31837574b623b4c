import { Link } from "@remix-run/react";

export interface FilterLink {
  key: string;
  to: string;
  text: string;
  current: boolean;
  testId?: string;
}

/**
 * A row of links that filter or switch a list (status counts, tabs), the current one marked with
 * aria-current="page", in a navigation landmark named by `label`.
 */
export function LinkFilter({ label, links, tabs = false }: { label: string; links: FilterLink[]; tabs?: boolean }) {
  return (
    <nav aria-label={label}>
      <ul className={tabs ? "count-list tabs" : "count-list"}>
        {links.map((l) => (
          <li key={l.key}>
            <Link to={l.to} aria-current={l.current ? "page" : undefined} data-testid={l.testId}>
              {l.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
