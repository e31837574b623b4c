import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const lint = async (code: string, filePath: string) => {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
};

describe("the lint rule against role names compared in place", () => {
  it("refuses platform_role compared with a role name in app code, in either spelling and through ?.", async () => {
    const code = [
      'export const a = (u: { platform_role: string | null }) => u.platform_role === "platform_admin";',
      'export const b = (v?: { platformRole: string }) => v?.platformRole !== "reviewer";',
      "export const c = (u: { platform_role: string }, r: string) => u.platform_role === r;",
    ].join("\n");
    expect(await lint(code, "app/models/example.server.ts")).toEqual([1, 2]);
  });

  it("lets the permission table itself name roles", async () => {
    expect(await lint('export const x = (role: string) => ({ platform_role: role }).platform_role === "reviewer";', "app/domain/permissions.ts")).toEqual([]);
  });
});
