import crypto from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../db/schema.ts";
import type { SearchHandle } from "./client.ts";
import { indexUid } from "./indexes/index.ts";
import { searchEntities, type SearchEntity } from "./entities.ts";
import { waitForTaskOrThrow } from "./settings.ts";
import { createBackgroundLoop, type BackgroundTask } from "../app/background.server.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The lease a full rebuild holds (search/reindex.ts); while it is held, finished jobs are parked, not deleted. */
export const REINDEX_LEASE = "search-reindex";

/** Call inside the transaction that changes the row, so the change and its index job commit together. */
export async function enqueueIndexJob(db: Db, entity: SearchEntity, ids: string | string[]): Promise<void> {
  const list = Array.isArray(ids) ? ids : [ids];
  // In chunks: one statement has at most 65 535 parameters.
  for (let i = 0; i < list.length; i += 10_000) {
    await db
      .insertInto("search_outbox")
      .values(list.slice(i, i + 10_000).map((id) => ({ entity, entity_id: id })))
      .execute();
  }
}

/**
 * Removes jobs whose documents have been written — unless a rebuild is running: a rebuild streams the
 * database into a new index while the relay keeps writing the live one, which the swap then throws away.
 * So during a rebuild finished jobs are parked (available_at = 'infinity') and replayed into the new index
 * after the swap (unparkJobs). One statement, one snapshot: a job is either parked or deleted, never lost.
 */
async function finishJobs(db: Db, jobIds: number[]): Promise<void> {
  const ids = sql.join(jobIds);
  await sql`
    with reindexing as (
      select exists (select 1 from leases where name = ${REINDEX_LEASE} and expires_at > now()) as active),
    parked as (
      update search_outbox set available_at = 'infinity', attempts = 0, last_error = null
       where id in (${ids}) and (select active from reindexing)
      returning id)
    delete from search_outbox where id in (${ids}) and not (select active from reindexing)`.execute(db);
}

/**
 * Makes parked jobs due again once no rebuild holds its lease (after a swap, or when a rebuild died and its
 * lease ran out). Returns how many.
 */
export async function unparkJobs(db: Db): Promise<number> {
  const res = await sql`
    update search_outbox set available_at = now()
     where available_at = 'infinity'
       and not exists (select 1 from leases where name = ${REINDEX_LEASE} and expires_at > now())`.execute(db);
  return Number(res.numAffectedRows ?? 0);
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
      const dependents = definition.dependents ? await definition.dependents(db, ids) : [];
      await db.transaction().execute(async (trx) => {
        for (const dependent of dependents) await enqueueIndexJob(trx, dependent.entity, dependent.ids);
        await finishJobs(trx, jobIds);
      });
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
 * A task of the background loop (app/background.server.ts): each tick is one round.
 *
 * Cheap when idle, which matters on PGlite, whose queries run on the app's own thread: one read-only probe
 * per round, the lease written only every few seconds, and rounds thinning out to one per `idleIntervalMs`
 * while there is nothing to do (every tick again as soon as there is).
 */
export function outboxRelayTask(
  db: Kysely<Database>,
  search: SearchHandle,
  options: { log: Logger; idleIntervalMs?: number; isReady?: () => boolean },
): BackgroundTask {
  const holder = `${process.pid}-${crypto.randomUUID()}`;
  const idleIntervalMs = options.idleIntervalMs ?? 1000;
  const leaseSeconds = 30;
  const renewAfterMs = 10_000;
  let holding = false;
  let renewedAt = 0;
  let lastUnpark = 0;
  let idleSince: number | undefined;
  let lastIdleRound = 0;
  const takeLease = async () => {
    // Read first: an instance that does not hold the lease only needs to notice when it runs out.
    if (!holding) {
      const current = await sql<{ holder: string; live: boolean }>`
        select holder, expires_at > now() as live from leases where name = 'search-relay'`.execute(db);
      const row = current.rows[0];
      if (row?.live && row.holder !== holder) return false;
    }
    const res = await sql`
      insert into leases (name, holder, expires_at) values ('search-relay', ${holder}, now() + make_interval(secs => ${leaseSeconds}))
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.holder = excluded.holder or leases.expires_at < now()`.execute(db);
    const got = Number(res.numAffectedRows ?? 0) > 0;
    if (got && !holding) {
      // Taken over (the last holder died or stopped): only the holder drains, so jobs still claimed were
      // claimed by a relay that is gone. Due now rather than when their claim runs out.
      const released = await sql`
        update search_outbox set available_at = now()
         where available_at > now() and available_at <> 'infinity'`.execute(db);
      const count = Number(released.numAffectedRows ?? 0);
      if (count) options.log.info({ jobs: count }, "outbox relay took over; released earlier claims");
    }
    holding = got;
    if (got) renewedAt = Date.now();
    return got;
  };
  const leaseHeld = async () => (holding && Date.now() - renewedAt < renewAfterMs ? true : takeLease());

  /** One round; true if there was work (so the next comes soon). */
  const tick = async (): Promise<boolean> => {
    if (!(options.isReady?.() ?? true) || !(await leaseHeld())) return false;
    const probe = await sql<{ due: boolean; parked: boolean }>`
      select exists (select 1 from search_outbox where available_at <= now()) as due,
             exists (select 1 from search_outbox where available_at = 'infinity') as parked`.execute(db);
    const { due, parked } = probe.rows[0];
    if (parked && Date.now() - lastUnpark > 5000) {
      lastUnpark = Date.now();
      const unparked = await unparkJobs(db);
      if (unparked) {
        options.log.info({ jobs: unparked }, "replaying index jobs parked by a rebuild that ended");
        return true;
      }
    }
    if (!due) return false;
    for (let i = 0; i < 20; i++) {
      // Checked before every batch, so a long round never outlives the lease.
      if (i > 0 && !(await leaseHeld())) break;
      const drained = await drainOutboxOnce(db, search, { log: options.log });
      if (drained.claimed === 0 || drained.failed > 0) break;
    }
    return true;
  };

  return {
    name: "search-outbox",
    everyMs: 0,
    async run() {
      // While idle, one round per idleIntervalMs is enough (the loop may tick faster).
      const realNow = Date.now();
      if (idleSince !== undefined && realNow - lastIdleRound < idleIntervalMs) return;
      const worked = await tick().catch((error: unknown) => {
        options.log.warn({ err: (error as Error).message }, "outbox relay tick failed");
        return false;
      });
      if (worked) idleSince = undefined;
      else {
        idleSince ??= realNow;
        lastIdleRound = realNow;
      }
    },
    async stop() {
      await db
        .deleteFrom("leases")
        .where("name", "=", "search-relay")
        .where("holder", "=", holder)
        .execute()
        .catch(() => {});
    },
  };
}

/** The relay on a loop of its own (tools and tests); the server runs outboxRelayTask on the runtime's loop. */
export function startOutboxRelay(
  db: Kysely<Database>,
  search: SearchHandle,
  options: { log: Logger; intervalMs?: number; idleIntervalMs?: number; isReady?: () => boolean },
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 250;
  const loop = createBackgroundLoop({
    log: options.log,
    tickMs: intervalMs,
    tasks: [outboxRelayTask(db, search, { ...options, idleIntervalMs: Math.max(intervalMs, options.idleIntervalMs ?? 1000) })],
  });
  loop.start();
  return () => loop.stop();
}
