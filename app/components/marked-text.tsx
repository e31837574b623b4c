import { Fragment } from "react";

const START = "\u0002";
const END = "\u0003";

/** Renders search highlights as <mark> without ever treating indexed text as HTML. */
export function MarkedText({ text }: { text: string }) {
  const parts: Array<{ marked: boolean; text: string }> = [];
  let rest = text;
  while (rest.length) {
    const start = rest.indexOf(START);
    if (start < 0) {
      parts.push({ marked: false, text: rest });
      break;
    }
    if (start > 0) parts.push({ marked: false, text: rest.slice(0, start) });
    const end = rest.indexOf(END, start);
    const inner = rest.slice(start + 1, end < 0 ? undefined : end);
    parts.push({ marked: true, text: inner });
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return (
    <>
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}
