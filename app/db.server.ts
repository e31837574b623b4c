import type { DB } from "../db/client.ts";
import { runtime } from "./runtime.server.ts";

export type { DB };

/** The process's database, for route modules (gateways take it as their first argument). */
export function appDb(): DB {
  return runtime().db;
}
