import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../db/schema.ts";
import type { SearchHandle } from "./client.ts";
import { searchEntities, type SearchEntityDefinition } from "./entities.ts";
import { indexDefinitions, indexUid } from "./indexes/index.ts";
import { REINDEX_LEASE, unparkJobs } from "./outbox.ts";
import { ensureIndex, waitForTaskOrThrow, type IndexDefinition } from "./settings.ts";

export interface ReindexProgress {
  /** Documents read from the database and sent to Meilisearch. */
  sent: number;
  /** Documents Meilisearch has finished indexing. */
  indexed: number;
  /** Documents the rebuild will write (counted when it starts). */
  total: number;
  phase: "documents" | "swap" | "done";
}

export interface ReindexOptions {
  onProgress?: (progress: ReindexProgress) => void;
  /** Rows read per query and documents per Meilisearch task. */
  batchSize?: number;
  /**
   * Document tasks Meilisearch may have queued at once. Meilisearch merges the tasks waiting in its queue into
   * one indexing batch, and a few large batches index far faster than many small ones, so the rebuild keeps
   * sending while it indexes (the payloads wait on Meilisearch's disk, not in this process).
   */
  maxTasksInFlight?: number;
  /** How long the rebuild lease lasts without renewal; it is renewed every sixth of that. */
  leaseSeconds?: number;
  signal?: AbortSignal;
  log?: Logger;
  /** Runs once the new index holds every document, just before the swap (tests use it to write in that window). */
  beforeSwap?: () => Promise<void>;
}

export interface ReindexResult {
  documents: number;
  seconds: number;
  /** Index jobs that arrived during the rebuild, replayed into the new index after the swap. */
  replayed: number;
  indexes: string[];
}

export class ReindexBusyError extends Error {
  constructor(readonly holder: string, readonly expiresAt: Date) {
    super(
      `另一个索引重建正在进行（${holder}，租约至 ${expiresAt.toISOString()}），请稍后再试 / another rebuild is running (${holder}, lease until ${expiresAt.toISOString()}); try again later`,
    );
    this.name = "ReindexBusyError";
  }
}

export class ReindexLeaseLostError extends Error {
  constructor() {
    super(
      "重建期间丢失了重建租约（进程停顿过久或数据库不可达），期间的变更可能未进入新索引，请重新运行 npm run search:reindex / the rebuild lost its lease; run npm run search:reindex again",
    );
    this.name = "ReindexLeaseLostError";
  }
}

const rebuildUidOf = (live: string) => `${live}_rebuild_${Date.now()}`;

async function acquireLease(db: Kysely<Database>, holder: string, seconds: number): Promise<void> {
  const res = await sql`
    insert into leases (name, holder, expires_at) values (${REINDEX_LEASE}, ${holder}, now() + make_interval(secs => ${seconds}))
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
     where leases.expires_at < now()`.execute(db);
  if (Number(res.numAffectedRows ?? 0) > 0) return;
  const current = await db.selectFrom("leases").select(["holder", "expires_at"]).where("name", "=", REINDEX_LEASE).executeTakeFirst();
  throw new ReindexBusyError(current?.holder ?? "?", new Date(current?.expires_at ?? Date.now()));
}

/** Renews only a lease that has not run out: once it has, the relay may have replayed parked jobs. */
async function renewLease(db: Kysely<Database>, holder: string, seconds: number): Promise<boolean> {
  const res = await sql`
    update leases set expires_at = now() + make_interval(secs => ${seconds})
     where name = ${REINDEX_LEASE} and holder = ${holder} and expires_at > now()`.execute(db);
  return Number(res.numAffectedRows ?? 0) > 0;
}

/** Rebuild indexes a crashed run left behind (we hold the lease, so no other rebuild is using them). */
async function dropLeftovers(search: SearchHandle, live: string, log?: Logger): Promise<void> {
  const { results } = await search.client.getRawIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(`${live}_rebuild_`))) {
    log?.warn({ uid: index.uid }, "deleting an unfinished rebuild index");
    const task = await search.client.deleteIndex(index.uid);
    await waitForTaskOrThrow(search.client, task.taskUid, `delete ${index.uid}`);
  }
}

async function rebuildOne(
  db: Kysely<Database>,
  search: SearchHandle,
  definition: IndexDefinition,
  entities: SearchEntityDefinition[],
  options: ReindexOptions & { checkLease: () => void; progress: ReindexProgress },
): Promise<string> {
  const { client } = search;
  const live = indexUid(search, definition);
  await dropLeftovers(search, live, options.log);
  const rebuild = rebuildUidOf(live);
  await ensureIndex(client, rebuild, definition);
  const index = client.index(rebuild);
  const batchSize = options.batchSize ?? 10_000;
  const maxInFlight = options.maxTasksInFlight ?? 32;
  const progress = options.progress;
  const inFlight: Array<{ taskUid: number; documents: number }> = [];
  const settleOldest = async () => {
    const task = inFlight.shift()!;
    await waitForTaskOrThrow(client, task.taskUid, `add documents to ${rebuild}`);
    progress.indexed += task.documents;
    options.onProgress?.({ ...progress });
  };
  try {
    for (const entity of entities) {
      for await (const batch of entity.batches(db, batchSize)) {
        options.signal?.throwIfAborted();
        options.checkLease();
        if (batch.documents.length === 0) continue;
        const task = await index.addDocuments(batch.documents, { primaryKey: definition.primaryKey });
        inFlight.push({ taskUid: task.taskUid, documents: batch.documents.length });
        progress.sent += batch.documents.length;
        options.onProgress?.({ ...progress });
        while (inFlight.length > maxInFlight) await settleOldest();
      }
    }
    while (inFlight.length) await settleOldest();
    options.signal?.throwIfAborted();
    options.checkLease();

    await options.beforeSwap?.();
    options.checkLease();
    progress.phase = "swap";
    options.onProgress?.({ ...progress });
    // The live index stays untouched (and answering) until this one task exchanges the two.
    await ensureIndex(client, live, definition);
    const swap = await client.swapIndexes([{ indexes: [live, rebuild], rename: false }]);
    await waitForTaskOrThrow(client, swap.taskUid, `swap ${live} and ${rebuild}`);
  } catch (error) {
    const task = await client.deleteIndex(rebuild).catch(() => undefined);
    if (task) await waitForTaskOrThrow(client, task.taskUid, `delete ${rebuild}`).catch(() => undefined);
    throw error;
  }
  // After the swap the rebuild uid names the old index.
  const drop = await client.deleteIndex(rebuild);
  await waitForTaskOrThrow(client, drop.taskUid, `delete the old ${live}`);
  return live;
}

/**
 * Rebuilds every index from PostgreSQL into a fresh index with the same settings and swaps it in atomically;
 * search keeps answering from the old index meanwhile. Changes made during the rebuild are not lost: the
 * relay keeps writing the live index, and the jobs it finishes while the rebuild lease is held are parked
 * (see finishJobs in outbox.ts) and replayed into the new index after the swap. A lease ('search-reindex')
 * keeps two rebuilds from running at once.
 */
export async function reindexAll(
  db: Kysely<Database>,
  search: SearchHandle,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const started = performance.now();
  const holder = `reindex-${process.pid}-${crypto.randomUUID()}`;
  const leaseSeconds = options.leaseSeconds ?? 120;
  // Taken before the first row is read: every change committed after that point has a job that will be parked.
  await acquireLease(db, holder, leaseSeconds);

  let lost = false;
  let renewing: Promise<void> | undefined;
  const renewTimer = setInterval(
    () => {
      renewing ??= renewLease(db, holder, leaseSeconds)
        .then((ok) => {
          if (!ok) lost = true;
        })
        .catch((error: Error) => options.log?.warn({ err: error.message }, "renewing the rebuild lease failed"))
        .finally(() => (renewing = undefined));
    },
    Math.max(1000, (leaseSeconds * 1000) / 6),
  );
  const checkLease = () => {
    if (lost) throw new ReindexLeaseLostError();
  };

  const progress: ReindexProgress = { sent: 0, indexed: 0, total: 0, phase: "documents" };
  const rebuilt: string[] = [];
  let replayed = 0;
  try {
    const plan = indexDefinitions.map((definition) => ({
      definition,
      entities: Object.values(searchEntities).filter((e) => e.index.name === definition.name),
    }));
    for (const { entities } of plan) for (const entity of entities) progress.total += await entity.count(db);
    options.onProgress?.({ ...progress });
    for (const { definition, entities } of plan) {
      rebuilt.push(await rebuildOne(db, search, definition, entities, { ...options, checkLease, progress }));
    }
  } finally {
    clearInterval(renewTimer);
    await renewing;
    // Release the lease and replay the parked jobs in one transaction; if the lease ran out meanwhile the
    // relay has replayed them already (into the old index, if the swap came later), so say so.
    const released = await db.transaction().execute(async (trx) => {
      const res = await trx
        .deleteFrom("leases")
        .where("name", "=", REINDEX_LEASE)
        .where("holder", "=", holder)
        .where("expires_at", ">", sql<Date>`now()`)
        .executeTakeFirst();
      replayed = await unparkJobs(trx);
      return Number(res.numDeletedRows) > 0;
    });
    if (!released) lost = true;
  }
  if (lost) throw new ReindexLeaseLostError();
  progress.phase = "done";
  options.onProgress?.({ ...progress });
  return { documents: progress.indexed, seconds: (performance.now() - started) / 1000, replayed, indexes: rebuilt };
}
