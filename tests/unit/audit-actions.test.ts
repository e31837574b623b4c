import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionsByGroup, auditActionList, auditCategories, auditGroups, auditTargetTypes } from "../../app/domain/audit-actions.ts";
import { enMessages, zhCN, type MessageKey } from "../../app/i18n/zh-CN.ts";
import { createTranslator } from "../../app/i18n/translate.ts";
import { auditDetailFields, auditDetails } from "../../app/models/audit-view.server.ts";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every action code written as a literal where audit entries are made: `action: "…"` beside an audit() call, and SQL inserts. */
function writtenCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "db"))]) {
    const text = fs.readFileSync(file, "utf8");
    const rel = path.relative(root, file);
    if (/\baudit\(/.test(text)) {
      for (const line of text.split("\n").filter((l) => /\baction:/.test(l))) {
        for (const m of line.matchAll(/"([a-z][a-z_]*(?:\.[a-z_]+)+)"/g)) found.set(m[1], rel);
      }
    }
    for (const m of text.matchAll(/insert into audit_log[\s\S]{0,400}?'([a-z][a-z_]*(?:\.[a-z_]+)+)'/g)) found.set(m[1], rel);
  }
  return found;
}

const missing = (keys: string[]) => ({
  zh: keys.filter((k) => !Object.hasOwn(zhCN, k) || !zhCN[k as MessageKey].trim()),
  en: keys.filter((k) => !enMessages[k as MessageKey]?.trim()),
});

describe("the audit log's action codes", () => {
  it("each have a label in Chinese and in English", () => {
    expect(missing(auditActionList.map((a) => `audit.action.${a}`))).toEqual({ zh: [], en: [] });
  });

  it("are all that app/ and db/ write", () => {
    const codes = writtenCodes();
    // The scan must see the calls it is meant to check.
    expect(codes.size).toBeGreaterThan(40);
    expect(codes.get("plan.unit.unmatched")).toMatch(/^db\/migrations\//);
    const unknown = [...codes].filter(([code]) => !(auditActionList as string[]).includes(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
  });

  it("have one label each: no two codes read the same", () => {
    const labels = auditActionList.map((a) => zhCN[`audit.action.${a}`]);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
  });

  it("all sit in a group of the filter, and the groups, categories, subjects and detail fields have labels", () => {
    expect(actionsByGroup().flatMap((g) => g.actions).sort()).toEqual([...auditActionList].sort());
    expect(actionsByGroup().every((g) => g.actions.length > 0)).toBe(true);
    expect(
      missing([
        ...auditGroups.map((g) => `audit.group.${g}`),
        ...auditCategories.map((c) => `audit.category.${c}`),
        ...auditTargetTypes.map((t) => `audit.targetType.${t}`),
        ...auditDetailFields.map((f) => `audit.field.${f}`),
      ]),
    ).toEqual({ zh: [], en: [] });
  });
});

describe("an audit entry's details", () => {
  const t = createTranslator("zh-CN");

  it("show status codes through their labels and times in China time", () => {
    expect(auditDetails(t, "organization.verify", { to: "verified", from: "pending" })).toEqual([
      { label: "原状态", value: "待审核" },
      { label: "新状态", value: "已核验" },
    ]);
    expect(auditDetails(t, "user.role_change", { from: null, to: "plan_officer" })).toEqual([
      { label: "原状态", value: "无平台角色" },
      { label: "新状态", value: "任务跟踪联络员" },
    ]);
    expect(auditDetails(t, "certification.approve", { noticeEnds: "2026-12-20T16:00:00.000Z" })).toEqual([{ label: "公示截止", value: "2026-12-21 00:00" }]);
    expect(auditDetails(t, "auth.login", { reason: "wrong_password", failures: 3 })).toEqual([
      { label: "原因", value: "密码错误" },
      { label: "连续失败次数", value: "3" },
    ]);
  });

  it("show a before/after pair as the fields that changed, and hide internal ids", () => {
    expect(
      auditDetails(t, "plan.task.update", {
        before: { theme: "旧任务", deadline: "2025年底", lead_units: ["区教科局"] },
        after: { theme: "新任务", deadline: "2025年底", lead_units: ["区教科局", "区人社局"] },
      }),
    ).toEqual([
      { label: "主要任务", value: "旧任务 → 新任务" },
      { label: "牵头单位", value: "区教科局 → 区教科局、区人社局" },
    ]);
    expect(auditDetails(t, "certification.objection.file", { applicationId: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
    expect(auditDetails(t, "organization.update", { changed: ["name", "contact_phone"] })).toEqual([{ label: "修改的内容", value: "名称、联系人手机" }]);
  });
});
