import type { Migration } from "kysely/migration";
import * as createFoundation from "./2026_11_26_1900_create_foundation.ts";
import * as createAccounts from "./2026_11_26_1910_create_accounts.ts";
import * as createListings from "./2026_11_26_1930_create_listings.ts";
import * as createSearchStats from "./2026_11_26_1950_create_search_stats.ts";

// Listed here rather than read from disk so the same list works under tsx, vitest and the Vite build.
export const migrations: Record<string, Migration> = {
  "2026_11_26_1900_create_foundation": createFoundation,
  "2026_11_26_1910_create_accounts": createAccounts,
  "2026_11_26_1930_create_listings": createListings,
  "2026_11_26_1950_create_search_stats": createSearchStats,
};
