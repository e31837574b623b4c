import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { SearchHandle } from "../../search/client.ts";
import { indexUid } from "../../search/indexes/index.ts";
import { searchEntities, type SearchEntity } from "../../search/entities.ts";

export interface JobStatus {
  name: string;
  lastRunAt: Date | null;
  /** The lease's expiry: when the job is due again. */
  nextDueAt: Date;
}

export interface SystemStatus {
  jobs: JobStatus[];
  outbox: { due: number; parked: number; waiting: number; oldestPendingAt: Date | null };
  index: Array<{ entity: SearchEntity; database: number; indexed: number | null }>;
  mail: { sent: number; failed: number; pending: number; skipped: number };
}

/**
 * What an operator needs to see (issue 12, item 7), read from the database and Meilisearch; a later change
 * adds each job's result (last_error, last_finished_at) to the jobs read here.
 */
export async function systemStatus(db: DB, search: SearchHandle, now: Date = new Date()): Promise<SystemStatus> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const leases = await db.selectFrom("leases").select(["name", "last_run_at", "expires_at"]).where("name", "like", "schedule:%").orderBy("name").execute();
  const outbox = await db
    .selectFrom("search_outbox")
    .select([
      sql<number>`count(*) filter (where available_at <= ${at})`.as("due"),
      sql<number>`count(*) filter (where available_at = 'infinity')`.as("parked"),
      sql<number>`count(*) filter (where available_at > ${at} and available_at <> 'infinity')`.as("waiting"),
      sql<Date | null>`min(created_at) filter (where available_at <> 'infinity')`.as("oldest"),
    ])
    .executeTakeFirstOrThrow();
  const mailRows = await db.selectFrom("notifications").select(["email_status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("email_status").execute();
  const mail = { sent: 0, failed: 0, pending: 0, skipped: 0 };
  for (const row of mailRows) mail[row.email_status as keyof typeof mail] = Number(row.n);

  let byType: Record<string, number> | null = null;
  try {
    const result = await search.client.index(indexUid(search)).search("", { limit: 0, facets: ["type"] });
    byType = (result.facetDistribution?.type as Record<string, number> | undefined) ?? {};
  } catch {
    byType = null; // Meilisearch unreachable: shown as unknown
  }
  const index = await Promise.all(
    (Object.keys(searchEntities) as SearchEntity[]).map(async (entity) => ({
      entity,
      database: await searchEntities[entity].count(db),
      indexed: byType ? (byType[entity] ?? 0) : null,
    })),
  );
  return {
    jobs: leases.map((l) => ({ name: l.name.slice("schedule:".length), lastRunAt: l.last_run_at ? new Date(l.last_run_at) : null, nextDueAt: new Date(l.expires_at) })),
    outbox: { due: Number(outbox.due), parked: Number(outbox.parked), waiting: Number(outbox.waiting), oldestPendingAt: outbox.oldest ? new Date(outbox.oldest) : null },
    index,
    mail,
  };
}
