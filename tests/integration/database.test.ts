import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirLockedError, openPglite } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrator.ts";
import { seedDemo } from "../../seeds/demo.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(backends)("database on %s", (backend) => {
  let handle: TestDatabase;
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-seed-"));
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("applies every migration and applying again changes nothing", async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(handle.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["organizations", "search_outbox", "leases"]),
    );
  });

  it("returns counts, money and dates as the same JavaScript types on both servers", async () => {
    const row = await sql<{ n: number; money: number; day: string; at: Date }>`
      select 9007199254740991::bigint as n, 1234.50::numeric as money, date '2026-11-26' as day, now() as at`.execute(
      handle.db,
    );
    expect(row.rows[0]).toMatchObject({ n: 9007199254740991, money: 1234.5, day: "2026-11-26" });
    expect(row.rows[0].at).toBeInstanceOf(Date);
  });

  it("loads the demo organisations with an index job for each, and refuses duplicates", async () => {
    const first = await seedDemo(handle.db, { dataDir: seedDir });
    expect(first.organizations).toBeGreaterThan(40);
    const jobs = await handle.db.selectFrom("search_outbox").select("entity_id").where("entity", "=", "organization").execute();
    expect(jobs).toHaveLength(first.organizations);
    const again = await seedDemo(handle.db, { dataDir: seedDir });
    expect(again.organizations).toBe(0);
    const names = await handle.db.selectFrom("organizations").select("name").execute();
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["西安交通大学", "陕西国防工业职业技术学院", "西安汽车零部件产业园", "区教科局", "区人社局"]),
    );
  });
});

describe("PGlite data dir", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-pglite-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps data across restarts and lets only one opener in at a time", async () => {
    const dataDir = path.join(dir, "pglite");
    const first = await openPglite(dataDir);
    await migrateToLatest(first.db);
    await first.db.insertInto("organizations").values({ kind: "enterprise", name: "持久化测试企业" }).execute();

    await expect(openPglite(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();

    const second = await openPglite(dataDir);
    const rows = await second.db.selectFrom("organizations").select("name").execute();
    expect(rows.map((r) => r.name)).toEqual(["持久化测试企业"]);
    await second.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dataDir = path.join(dir, "stale");
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const handle = await openPglite(dataDir);
    await handle.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
