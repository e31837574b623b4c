import crypto from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../db/schema.ts";
import type { SearchHandle } from "./client.ts";
import { indexUid } from "./indexes/index.ts";
import { searchEntities, type SearchEntity } from "./entities.ts";
import { waitForTaskOrThrow } from "./settings.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Call inside the transaction that changes the row, so the change and its index job commit together. */
export async function enqueueIndexJob(db: Db, entity: SearchEntity, ids: string | string[]): Promise<void> {
  const list = Array.isArray(ids) ? ids : [ids];
  if (list.length === 0) return;
  await db
    .insertInto("search_outbox")
    .values(list.map((id) => ({ entity, entity_id: id })))
    .execute();
}

/** An organisation's visibility decides its listings' too: re-index them all with it. */
export async function enqueueOrganizationAndListings(db: Db, organizationId: string): Promise<void> {
  const listings = await db.selectFrom("listings").select("id").where("organization_id", "=", organizationId).execute();
  await enqueueIndexJob(db, "organization", organizationId);
  await enqueueIndexJob(
    db,
    "listing",
    listings.map((l) => l.id),
  );
}

export interface DrainResult {
  claimed: number;
  upserted: number;
  deleted: number;
  failed: number;
}

const CLAIM_SECONDS = 120;

/**
 * Claims a batch of due jobs (FOR UPDATE SKIP LOCKED, so concurrent drainers never take the same job),
 * re-reads each entity from the database, writes the documents, and removes the jobs only after
 * Meilisearch reports the task succeeded. A claim is a lease: if this process dies, the jobs fall due again.
 */
export async function drainOutboxOnce(
  db: Kysely<Database>,
  search: SearchHandle,
  options: { batchSize?: number; log?: Logger } = {},
): Promise<DrainResult> {
  const batchSize = options.batchSize ?? 500;
  const claimed = await sql<{ id: number; entity: SearchEntity; entity_id: string; attempts: number }>`
    update search_outbox
       set available_at = now() + make_interval(secs => ${CLAIM_SECONDS}), attempts = attempts + 1
     where id in (
       select id from search_outbox
        where available_at <= now()
        order by id
        limit ${batchSize}
        for update skip locked)
    returning id, entity, entity_id, attempts`.execute(db);
  const jobs = claimed.rows;
  const result: DrainResult = { claimed: jobs.length, upserted: 0, deleted: 0, failed: 0 };
  if (jobs.length === 0) return result;

  const byEntity = new Map<SearchEntity, typeof jobs>();
  for (const job of jobs) byEntity.set(job.entity, [...(byEntity.get(job.entity) ?? []), job]);

  for (const [entity, entityJobs] of byEntity) {
    const definition = searchEntities[entity];
    const jobIds = entityJobs.map((j) => Number(j.id));
    try {
      if (!definition) throw new Error(`unknown search entity ${entity}`);
      const ids = [...new Set(entityJobs.map((j) => j.entity_id))];
      const documents = await definition.load(db, ids);
      const upserts = ids.map((id) => documents.get(id)).filter((d): d is NonNullable<typeof d> => d != null);
      const deletions = ids.filter((id) => documents.get(id) == null);
      const index = search.client.index(indexUid(search, definition.index));
      if (upserts.length) {
        const task = await index.addDocuments(upserts as Array<Record<string, unknown>>, {
          primaryKey: definition.index.primaryKey,
        });
        await waitForTaskOrThrow(search.client, task.taskUid, `index ${entity}`);
      }
      if (deletions.length) {
        const task = await index.deleteDocuments(deletions);
        await waitForTaskOrThrow(search.client, task.taskUid, `delete ${entity}`);
      }
      await db.deleteFrom("search_outbox").where("id", "in", jobIds).execute();
      result.upserted += upserts.length;
      result.deleted += deletions.length;
    } catch (error) {
      result.failed += entityJobs.length;
      const attempts = Math.max(...entityJobs.map((j) => j.attempts));
      const backoffSeconds = Math.min(300, 2 ** Math.min(attempts, 8));
      options.log?.warn({ entity, jobs: jobIds.length, err: (error as Error).message, backoffSeconds }, "index jobs failed");
      await db
        .updateTable("search_outbox")
        .set({
          available_at: sql`now() + make_interval(secs => ${backoffSeconds})`,
          last_error: String((error as Error).message).slice(0, 1000),
        })
        .where("id", "in", jobIds)
        .execute()
        .catch(() => {
          // the database is gone too; the claim lease runs out and the jobs are retried
        });
    }
  }
  return result;
}

/**
 * One relay per deployment drains at a time (a lease in the leases table), so two instances never
 * write the same document out of order; if the holder dies its lease runs out and another takes over.
 */
export function startOutboxRelay(
  db: Kysely<Database>,
  search: SearchHandle,
  options: { log: Logger; intervalMs?: number; isReady?: () => boolean },
): () => Promise<void> {
  const holder = `${process.pid}-${crypto.randomUUID()}`;
  const intervalMs = options.intervalMs ?? 250;
  let stopped = false;
  let running: Promise<void> | undefined;

  const takeLease = async () => {
    const res = await sql`
      insert into leases (name, holder, expires_at) values ('search-relay', ${holder}, now() + interval '30 seconds')
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.holder = excluded.holder or leases.expires_at < now()`.execute(db);
    return Number(res.numAffectedRows ?? 0) > 0;
  };

  const tick = async () => {
    if (stopped) return;
    try {
      if ((options.isReady?.() ?? true) && (await takeLease())) {
        for (let i = 0; i < 20 && !stopped; i++) {
          const drained = await drainOutboxOnce(db, search, { log: options.log });
          if (drained.claimed === 0 || drained.failed > 0) break;
        }
      }
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, "outbox relay tick failed");
    }
  };

  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = undefined));
  }, intervalMs);

  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await db
      .deleteFrom("leases")
      .where("name", "=", "search-relay")
      .where("holder", "=", holder)
      .execute()
      .catch(() => {});
  };
}
