import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode, type TableHTMLAttributes } from "react";

type Props = { children?: ReactNode; colSpan?: number; scope?: string; role?: string; "data-label"?: string };
type Part = ReactElement<Props>;

/** The text a header cell shows, for the label its column's cells repeat on a phone. */
export function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<Props>(node)) return textOf(node.props.children);
  return "";
}

function elements(children: ReactNode): Part[] {
  return Children.toArray(children).filter((c): c is Part => isValidElement<Props>(c));
}

function cellRole(cell: Part, inHead: boolean): string {
  if (cell.type === "td") return "cell";
  return inHead || cell.props.scope === "col" ? "columnheader" : "rowheader";
}

// Browsers (Safari above all) drop a table's semantics once CSS makes its parts blocks, as the phone layout does:
// explicit roles keep rows, cells and headers announced.
function withRoles(row: Part, inHead: boolean, labels?: string[]): Part {
  let column = 0;
  const cells = elements(row.props.children).map((cell) => {
    const label = labels?.[column];
    column += cell.props.colSpan ?? 1;
    return cloneElement(cell, {
      role: cell.props.role ?? cellRole(cell, inHead),
      ...(labels && cell.props["data-label"] === undefined && label ? { "data-label": label } : {}),
    });
  });
  return cloneElement(row, { role: row.props.role ?? "row" }, cells);
}

/**
 * A data table that becomes one card per row on a narrow screen (see `.data-table` in styles.css): every body cell
 * gets a data-label with its column's header text, taken from the <thead>, so the card can name each value.
 * Write the table as usual inside it: <DataTable><caption/><thead/><tbody/></DataTable>.
 */
export function DataTable({ children, className, ...rest }: TableHTMLAttributes<HTMLTableElement>) {
  const parts = elements(children);
  const head = parts.find((p) => p.type === "thead");
  const headRow = head ? elements(head.props.children).find((r) => r.type === "tr") : undefined;
  const labels: string[] = [];
  for (const cell of headRow ? elements(headRow.props.children) : []) {
    const text = textOf(cell.props.children).replace(/\s+/g, " ").trim();
    for (let i = 0; i < (cell.props.colSpan ?? 1); i++) labels.push(text);
  }
  const content = parts.map((part) => {
    if (part.type === "thead" || part.type === "tbody" || part.type === "tfoot") {
      const inHead = part.type === "thead";
      const rows = elements(part.props.children).map((r) => (r.type === "tr" ? withRoles(r, inHead, inHead ? undefined : labels) : r));
      return cloneElement(part, { role: "rowgroup" }, rows);
    }
    return part;
  });
  return (
    <table role="table" className={className ? `data-table ${className}` : "data-table"} {...rest}>
      {content}
    </table>
  );
}
