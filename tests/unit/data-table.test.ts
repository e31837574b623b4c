import { ESLint } from "eslint";
import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, textOf } from "../../app/components/data-table.tsx";

const cells = (html: string, tag: "td" | "th") => [...html.matchAll(new RegExp(`<${tag}[^>]*>`, "g"))].map((m) => m[0]);
const label = (cell: string) => cell.match(/data-label="([^"]*)"/)?.[1] ?? null;

describe(DataTable.name, () => {
  it("labels every body cell with its column's header text, skipping a column that is not shown", () => {
    const showActor = false;
    const html = renderToStaticMarkup(
      h(
        DataTable,
        { className: "wide" },
        h("caption", null, "审核记录"),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "时间"), showActor ? h("th", { scope: "col" }, "审核人") : null, h("th", { scope: "col" }, "原因", h("span", null, "（选填）")))),
        h(
          "tbody",
          null,
          [1, 2].map((n) => h("tr", { key: n }, h("th", { scope: "row" }, `2026-0${n}-01`), showActor ? h("td", null, "王敏") : null, h("td", null, "材料不全"))),
        ),
      ),
    );
    expect(html).toMatch(/^<table role="table" class="data-table wide">/);
    expect(cells(html, "td").map(label)).toEqual(["原因（选填）", "原因（选填）"]);
    const rowHeaders = cells(html, "th").filter((c) => c.includes('scope="row"'));
    expect(rowHeaders.map(label)).toEqual(["时间", "时间"]);
    expect(rowHeaders[0]).toContain('role="rowheader"');
    // The header cells themselves are not labelled: they are the labels.
    expect(cells(html, "th").filter((c) => c.includes('scope="col"')).map(label)).toEqual([null, null]);
    expect(html).toContain('<th scope="col" role="columnheader">时间</th>');
    expect(html.match(/role="row"/g)).toHaveLength(3);
    expect(html.match(/role="rowgroup"/g)).toHaveLength(2);
  });

  it("counts spanned columns and keeps a label a cell already has", () => {
    const html = renderToStaticMarkup(
      h(
        DataTable,
        null,
        h("thead", null, h("tr", null, h("th", { colSpan: 2 }, "评分"), h("th", null, "差异"))),
        h(
          "tbody",
          null,
          h("tr", null, h("td", null, "8"), h("td", { "data-label": "第二位" }, "9"), h("td", null, "1")),
          h("tr", null, h("td", { colSpan: 2 }, "17"), h("td", null, "—")),
        ),
      ),
    );
    expect(cells(html, "td").map(label)).toEqual(["评分", "第二位", "差异", "评分", "差异"]);
  });

  it("reads header text through elements, fragments and numbers", () => {
    expect(textOf(h(Fragment, null, "评审员", 2, h("strong", null, "：", "王敏"), null, false))).toBe("评审员2：王敏");
  });
});

describe("the lint rule that sends every data table through DataTable", () => {
  const lint = async (code: string, filePath: string) => {
    const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
  };

  it("refuses a bare <table> in app code and lets the component itself render one", async () => {
    const code = "export const T = () => <table><tbody /></table>;\n";
    expect(await lint(code, "app/routes/example.tsx")).toEqual([1]);
    expect(await lint(code, "app/components/data-table.tsx")).toEqual([]);
  });
});
