import { parseEnvOrExit } from "../app/env.server.ts";
import { openDatabase } from "../db/client.ts";
import { migrateToLatest } from "../db/migrator.ts";
import { seedDemo } from "./demo.ts";

const env = parseEnvOrExit();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
try {
  await migrateToLatest(handle.db);
  const result = await seedDemo(handle.db, { dataDir: env.dataDir });
  process.stdout.write(`演示数据已载入 / demo data loaded: ${result.organizations} 个机构 organisations, ${result.accounts} 个账号 accounts, ${result.listings} 条信息 listings\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
