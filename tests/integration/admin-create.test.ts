import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../db/client.ts";
import { authenticate } from "../../app/models/auth.server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-admin-create-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runCli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    delete env.DATABASE_URL;
    const proc = spawn(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    proc.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDatabase<T>(dataDir: string, read: (db: Awaited<ReturnType<typeof openPglite>>["db"]) => Promise<T>): Promise<T> {
  const handle = await openPglite(path.join(dataDir, "pglite"));
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

// A fresh PGlite directory (initdb and migrations) in a child process takes a while on a busy machine.
const SLOW = 240_000;

describe("npm run admin:create", () => {
  it("creates a platform administrator with a strong password printed once, and closes the database", async () => {
    const dataDir = path.join(tmp, "fresh");
    const result = await runCli(["--email", "Chief@Example.cn", "--name", "总管理员"], dataDir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/已创建平台管理员 \/ platform administrator created: chief@example\.cn/);
    const password = /^ {2}(\S+)$/m.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(16);
    // The lock file is gone: the process let go of the PGlite directory.
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    await withDatabase(dataDir, async (db) => {
      const user = await db.selectFrom("users").selectAll().where("email", "=", "chief@example.cn").executeTakeFirstOrThrow();
      expect(user).toMatchObject({ name: "总管理员", platform_role: "platform_admin", status: "active", organization_id: null });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(user.password_hash).not.toContain(password!);
      expect((await authenticate(db, { email: "chief@example.cn", password: password! })).ok).toBe(true);
      const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "user.create").execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].detail).toMatchObject({ via: "cli", platformRole: "platform_admin" });
    });

    // Run again for the same address: nothing new, no password printed.
    const again = await runCli(["--email", "chief@example.cn"], dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/已经是平台管理员/);
    expect(again.stdout).not.toMatch(/^ {2}\S+$/m);
  }, SLOW);

  it("promotes an existing account without touching its password", async () => {
    const dataDir = path.join(tmp, "promote");
    await withDatabase(dataDir, async (db) => {
      const { migrateToLatest } = await import("../../db/migrator.ts");
      await migrateToLatest(db);
      await db.insertInto("users").values({ email: "staff@example.cn", name: "员工", password_hash: "kept", platform_role: "reviewer" }).execute();
    });
    const result = await runCli(["--email", "STAFF@example.cn"], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/已将现有账号设为平台管理员/);
    await withDatabase(dataDir, async (db) => {
      const user = await db.selectFrom("users").selectAll().where("email", "=", "staff@example.cn").executeTakeFirstOrThrow();
      expect(user).toMatchObject({ platform_role: "platform_admin", password_hash: "kept" });
    });
  }, SLOW);

  it.each([
    [["--email", "not-an-email"], /^邮箱格式不正确 \/ invalid e-mail address: not-an-email$/],
    [[], /^缺少 --email \/ --email is required/],
    [["--email", "a@example.cn", "--bogus"], /^参数有误 \/ bad arguments/],
  ])("refuses bad input %j with one line and exit code 1", async (args, message) => {
    const dataDir = path.join(tmp, "bad");
    const result = await runCli(args, dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    // Refused before the database was touched.
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
  }, SLOW);
});
