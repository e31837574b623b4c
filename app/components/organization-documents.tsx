import { useT } from "../i18n/index.ts";

export interface DocumentListItem {
  id: string;
  fileName: string;
  uploadedAt: string;
}

/** An organisation's registration documents as download links, or `empty` when it has none. */
export function DocumentList({ documents, empty }: { documents: DocumentListItem[]; empty: string }) {
  const t = useT();
  if (!documents.length) {
    return (
      <p className="alert" role="note">
        {empty}
      </p>
    );
  }
  return (
    <ul className="plain-list">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/org/documents/${d.id}`}>{d.fileName}</a> <span className="muted">{t("org.documents.uploadedAt", { at: d.uploadedAt })}</span>
        </li>
      ))}
    </ul>
  );
}
