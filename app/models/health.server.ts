import { sql } from "kysely";
import { runtime } from "../runtime.server.ts";

/** `work`, or a rejection once `ms` have passed (a hung dependency must not hang the page that asks). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Health {
  status: "ok" | "degraded";
  db: "ok" | "unavailable";
  search: "ok" | "unavailable";
  version: string;
}

export async function checkHealth(): Promise<Health> {
  const rt = runtime();
  const [db, search] = await Promise.all([
    within(2000, sql`select 1`.execute(rt.db)).then(
      () => "ok" as const,
      () => "unavailable" as const,
    ),
    within(2000, rt.search.client.health()).then(
      (h) => (h.status === "available" && rt.searchReady ? ("ok" as const) : ("unavailable" as const)),
      () => "unavailable" as const,
    ),
  ]);
  return { status: db === "ok" && search === "ok" ? "ok" : "degraded", db, search, version: rt.version };
}

export interface Readiness {
  ready: boolean;
  /** Why not yet, for the load balancer's log and the operator. */
  reason?: "search_settings_pending" | "index_backlog" | "unavailable";
  backlog?: number;
}

/**
 * Ready once the index settings are applied and the outbox has no due change left: right after a first start
 * the index is still being filled while /healthz already says ok. Parked jobs (a rebuild) do not count.
 */
export async function checkReadiness(): Promise<Readiness> {
  const rt = runtime();
  if (!rt.searchReady) return { ready: false, reason: "search_settings_pending" };
  try {
    const row = await within(
      2000,
      rt.db
        .selectFrom("search_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("available_at", "<>", sql<Date>`'infinity'::timestamptz`)
        .executeTakeFirstOrThrow(),
    );
    const backlog = Number(row.n);
    return backlog === 0 ? { ready: true } : { ready: false, reason: "index_backlog", backlog };
  } catch {
    return { ready: false, reason: "unavailable" };
  }
}
