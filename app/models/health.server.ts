import { sql } from "kysely";
import { runtime } from "../runtime.server.ts";

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
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
