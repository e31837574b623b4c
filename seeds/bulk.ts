// npm run seed:bulk -- --listings 100000
// Generated, realistic listings for benchmarks, on top of the demo data (loaded first if the database is empty).
// The argument is checked before anything heavy is loaded, so a typo is answered at once.

export {};

const MAX_LISTINGS = 1_000_000;

function listingsArgument(argv: string[]): number | null {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--listings") raw = argv[i + 1];
    else if (argv[i].startsWith("--listings=")) raw = argv[i].slice("--listings=".length);
  }
  if (raw === undefined || !/^\d{1,7}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= 1 && n <= MAX_LISTINGS ? n : null;
}

const count = listingsArgument(process.argv.slice(2));
if (count === null) {
  process.stderr.write(
    "参数错误：--listings 须为 1 到 1000000 之间的整数，例如 npm run seed:bulk -- --listings 100000 / --listings must be an integer from 1 to 1,000,000\n",
  );
  process.exit(1);
}

const [{ default: cliProgress }, { parseEnvOrExit }, { openDatabase }, { migrateToLatest }, { seedIfEmpty }, { seedBulkListings }] =
  await Promise.all([
    import("cli-progress"),
    import("../app/env.server.ts"),
    import("../db/client.ts"),
    import("../db/migrator.ts"),
    import("./demo.ts"),
    import("./demo-listings.ts"),
  ]);

const env = parseEnvOrExit();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
const bar = new cliProgress.SingleBar(
  { format: "生成信息 listings [{bar}] {percentage}% | {value}/{total} | {duration}s", stream: process.stderr, hideCursor: true },
  cliProgress.Presets.shades_classic,
);
try {
  await migrateToLatest(handle.db);
  await seedIfEmpty(handle.db, { dataDir: env.dataDir });
  const started = performance.now();
  bar.start(count, 0);
  let done = 0;
  // One listing in 100 goes through its form schema; the rest are built the same way unchecked (see seedBulkListings).
  const inserted = await seedBulkListings(handle.db, {
    count,
    validateEvery: 100,
    onBatch: (n) => bar.update((done += n)),
  });
  bar.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`已生成 ${inserted} 条信息，用时 ${seconds} 秒 / inserted ${inserted} listings in ${seconds} s\n`);
} catch (error) {
  bar.stop();
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
