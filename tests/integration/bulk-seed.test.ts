import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../db/client.ts";

const root = path.resolve(import.meta.dirname, "../..");

function runBulk(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "seeds/bulk.ts", ...args], {
      cwd: root,
      // Never the developer's or CI's database: an empty DATABASE_URL means PGlite in DATA_DIR.
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, DEMO_PASSWORD: "Bulk-Test-2026!", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run seed:bulk", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-bulk-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads the demo data, then the requested number of generated listings with index jobs", { timeout: 300_000 }, async () => {
    const dataDir = path.join(dir, "ok");
    const result = await runBulk(["--listings", "300"], dataDir);
    expect(result.stderr).not.toMatch(/Error|at .+:\d+:\d+/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/已生成 300 条信息，用时 [\d.]+ 秒/);

    const handle = await openPglite(path.join(dataDir, "pglite"));
    try {
      const listings = await handle.db.selectFrom("listings").select(["id", "title", "status"]).execute();
      expect(listings.length).toBeGreaterThanOrEqual(300 + 200);
      const generated = listings.filter((l) => / · .+第 \d+ 号$/.test(l.title));
      expect(generated).toHaveLength(300);
      expect(new Set(generated.map((l) => l.title)).size).toBe(300);
      expect(generated.every((l) => l.status === "published")).toBe(true);
      const jobs = await handle.db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "listing").execute();
      const queued = new Set(jobs.map((j) => j.entity_id));
      expect(generated.every((l) => queued.has(l.id))).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it.each([
    { args: ["--listings", "abc"] },
    { args: ["--listings=0"] },
    { args: ["--listings", "1000001"] },
    { args: ["--listings", "2.5"] },
    { args: [] },
  ])("refuses $args with one bilingual line and exit code 1", async ({ args }) => {
    const dataDir = path.join(dir, "refused");
    const result = await runBulk(args, dataDir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("--listings");
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(lines[0]).toMatch(/must be an integer/);
    expect(result.stdout).toBe("");
    // Refused before anything was opened or written.
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
