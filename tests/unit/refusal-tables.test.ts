import { describe, expect, it } from "vitest";
import type { RefusalTable } from "../../app/domain/refusal.ts";
import { refused } from "../../app/domain/refusal.ts";
import { refusalResponse, statusOfRefusal } from "../../app/http/refusal.server.ts";
import { enMessages, zhCN } from "../../app/i18n/zh-CN.ts";

// Every area's table of refusals, found by name so that a new area's table is checked without being listed here.
const modules = import.meta.glob<Record<string, unknown>>("../../app/models/**/*.server.ts", { eager: true });
const tables: [string, RefusalTable<string>][] = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith("Refusals"))
    .map(([name, table]) => [`${file.replace("../../app/models/", "")} ${name}`, table as RefusalTable<string>] as [string, RefusalTable<string>]),
);

describe("refusal tables", () => {
  it("are found in the models", () => {
    expect(tables.length).toBeGreaterThan(0);
  });

  it.each(tables)("%s: every code has a kind and a message in Chinese and in English", (_, table) => {
    for (const [code, meaning] of Object.entries(table)) {
      expect(Object.keys(statusOfRefusal), code).toContain(meaning.kind);
      expect(zhCN[meaning.message] ?? "", `${code} → ${meaning.message} (zh-CN)`).toMatch(/\S/);
      expect(enMessages[meaning.message] ?? "", `${code} → ${meaning.message} (en)`).toMatch(/\S/);
      expect(enMessages[meaning.message], `${code} → ${meaning.message} (en is the Chinese text)`).not.toBe(zhCN[meaning.message]);
    }
  });
});

describe("refusalResponse", () => {
  const table = {
    gone: { kind: "notFound", message: "error.notFound" },
    busy: { kind: "conflict", message: "error.forbiddenAction" },
    mine: { kind: "invalid", message: "validation.required", field: "name" },
    closed: { kind: "forbidden", message: "error.forbiddenAction", page: true },
  } satisfies RefusalTable<string>;
  const form = () => {
    const f = new FormData();
    f.set("name", "甲");
    f.set("password", "secret");
    return f;
  };

  it("throws the 404 page for a thing that is not there", () => {
    let thrown: unknown;
    try {
      refusalResponse(form(), table, refused("gone"));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });

  it("throws the status page when the meaning says page", () => {
    expect(() => refusalResponse(form(), table, refused("closed"))).toThrow();
  });

  it("answers on the form with the kind's status, keeping what was typed but no password", () => {
    const answer = refusalResponse(form(), table, refused("busy")) as unknown as { data: { formError: string; values: Record<string, string> }; init: { status: number } };
    expect(answer.init.status).toBe(409);
    expect(answer.data.formError).toBe("error.forbiddenAction");
    expect(answer.data.values).toEqual({ name: "甲" });
  });

  it("puts a field's refusal on its field, the refusal's own field first", () => {
    const onTable = refusalResponse(form(), table, refused("mine")) as unknown as { data: { fieldErrors: Record<string, string> }; init: { status: number } };
    expect(onTable.init.status).toBe(400);
    expect(onTable.data.fieldErrors).toEqual({ name: "validation.required" });
    const onRefusal = refusalResponse(form(), table, refused("mine", { field: "title" })) as unknown as { data: { fieldErrors: Record<string, string> } };
    expect(Object.keys(onRefusal.data.fieldErrors)).toEqual(["title"]);
  });
});
