import { parseEnvOrExit } from "../app/env.server.ts";
import { openDatabase } from "./client.ts";
import { migrateToLatest } from "./migrator.ts";

const env = parseEnvOrExit();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
try {
  const applied = await migrateToLatest(handle.db);
  process.stdout.write(applied.length ? `已应用迁移 / applied: ${applied.join(", ")}\n` : "数据库已是最新 / database is up to date\n");
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
