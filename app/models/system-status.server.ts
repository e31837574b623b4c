import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { SearchHandle } from "../../search/client.ts";
import { indexUid } from "../../search/indexes/index.ts";
import { searchEntities, type SearchEntity } from "../../search/entities.ts";
import { scheduledJobs } from "../jobs.server.ts";
import { within } from "./health.server.ts";
import { listJobStatus, type JobStatus, type ScheduledJob } from "./scheduler.server.ts";

export type { JobStatus };

export interface SystemStatus {
  jobs: JobStatus[];
  outbox: { due: number; parked: number; waiting: number; oldestPendingAt: Date | null };
  index: Array<{ entity: SearchEntity; database: number; indexed: number | null }>;
  mail: { sent: number; failed: number; pending: number; skipped: number };
}

/** How long the page waits for Meilisearch before it shows 不可用 (unavailable) instead. */
const SEARCH_TIMEOUT_MS = 2000;

/**
 * What an operator needs to see, read from the database and Meilisearch: each scheduled job's
 * last run, outcome and next due time (`jobs`, with the periods the server runs them at), the outbox backlog,
 * the documents in the index against the public rows in the database, and the mail counts. A Meilisearch that
 * cannot be reached leaves `indexed` null; nothing here throws for it.
 */
export async function systemStatus(
  db: DB,
  search: SearchHandle,
  now: Date = new Date(),
  jobs: Array<Pick<ScheduledJob, "name" | "everySeconds">> = scheduledJobs(),
): Promise<SystemStatus> {
  const at = sql`${now.toISOString()}::timestamptz`;
  // The figures are independent of each other: asked at once, the page waits for the slowest alone.
  const [outbox, mailRows, byType, databaseCounts, jobStatus] = await Promise.all([
    db
      .selectFrom("search_outbox")
      .select([
        sql<number>`count(*) filter (where available_at <= ${at})`.as("due"),
        sql<number>`count(*) filter (where available_at = 'infinity')`.as("parked"),
        sql<number>`count(*) filter (where available_at > ${at} and available_at <> 'infinity')`.as("waiting"),
        sql<Date | null>`min(created_at) filter (where available_at <> 'infinity')`.as("oldest"),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom("notifications").select(["email_status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("email_status").execute(),
    // Meilisearch unreachable: null, shown as unknown.
    within(SEARCH_TIMEOUT_MS, search.client.index(indexUid(search)).search("", { limit: 0, facets: ["type"] })).then(
      (result) => (result.facetDistribution?.type as Record<string, number> | undefined) ?? {},
      () => null,
    ),
    Promise.all((Object.keys(searchEntities) as SearchEntity[]).map(async (entity) => [entity, await searchEntities[entity].count(db)] as const)),
    listJobStatus(db, now, jobs),
  ]);
  const mail = { sent: 0, failed: 0, pending: 0, skipped: 0 };
  for (const row of mailRows) mail[row.email_status as keyof typeof mail] = Number(row.n);
  return {
    jobs: jobStatus,
    outbox: { due: Number(outbox.due), parked: Number(outbox.parked), waiting: Number(outbox.waiting), oldestPendingAt: outbox.oldest ? new Date(outbox.oldest) : null },
    index: databaseCounts.map(([entity, database]) => ({ entity, database, indexed: byType ? (byType[entity] ?? 0) : null })),
    mail,
  };
}

export interface SearchServerStatus {
  /** Null when Meilisearch does not answer in time. */
  version: string | null;
  /** Restarts of the embedded Meilisearch since this process started; null when it runs elsewhere (MEILI_URL). */
  restarts: number | null;
  embedded: boolean;
}

export async function searchServerStatus(search: SearchHandle): Promise<SearchServerStatus> {
  let version: string | null = null;
  try {
    version = (await within(SEARCH_TIMEOUT_MS, search.client.getVersion())).pkgVersion;
  } catch {
    version = null;
  }
  return { version, restarts: search.embedded ? search.embedded.restarts() : null, embedded: Boolean(search.embedded) };
}

export type JobHealth = "ok" | "error" | "overdue" | "running" | "never";

/**
 * A job's badge: 出错 when its last run failed, 逾期 when it is more than `graceMs` past due (the loop is stuck or
 * no instance runs it), 运行中 while a claimed run has not finished, 尚未运行 before its first run.
 */
export function jobHealth(job: JobStatus, now: Date, graceMs: number): JobHealth {
  if (job.lastError) return "error";
  if (!job.lastRunAt) return "never";
  if (now.getTime() - job.nextDueAt.getTime() > graceMs) return "overdue";
  if (!job.lastFinishedAt) return "running";
  return "ok";
}
