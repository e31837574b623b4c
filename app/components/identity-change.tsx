import type { OrganizationKind } from "~/domain/organization-kinds.ts";
import { useT } from "~/i18n/index.ts";
import { DataTable } from "./data-table.tsx";

export interface IdentityChangeView {
  id: string;
  createdAt: string;
  before: { name: string; creditCode: string | null; kind: OrganizationKind };
  after: { name: string; creditCode: string | null; kind: OrganizationKind };
}

/** The before/after table of an identity change request (the organisation's editor and the reviewer's page). */
export function IdentityDiff({ change, captionId }: { change: IdentityChangeView; captionId?: string }) {
  const t = useT();
  const rows = [
    { key: "name", label: t("org.name"), before: change.before.name, after: change.after.name },
    {
      key: "creditCode",
      label: t("org.creditCode"),
      before: change.before.creditCode ?? t("org.notGiven"),
      after: change.after.creditCode ?? t("org.notGiven"),
    },
    { key: "kind", label: t("org.kind"), before: t(`orgKind.${change.before.kind}`), after: t(`orgKind.${change.after.kind}`) },
  ];
  return (
    <DataTable className="identity-diff" aria-labelledby={captionId}>
      <thead>
        <tr>
          <th scope="col">{t("identityChange.field")}</th>
          <th scope="col">{t("identityChange.before")}</th>
          <th scope="col">{t("identityChange.after")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-changed={row.before !== row.after ? "true" : undefined}>
            <th scope="row">{row.label}</th>
            <td>{row.before}</td>
            <td>{row.before !== row.after ? <strong>{row.after}</strong> : row.after}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
