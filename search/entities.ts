import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { IndexDefinition } from "./settings.ts";
import { organizationDocument, organizationsIndex } from "./indexes/organizations.ts";

export type SearchEntity = "organization";

export interface SearchEntityDefinition {
  index: IndexDefinition;
  /** Current documents by id; null (or absent) means the entity must not be in the index. */
  load(db: Kysely<Database>, ids: string[]): Promise<Map<string, object | null>>;
  /** Every id that belongs in the index, for a full rebuild. */
  allIds(db: Kysely<Database>): Promise<string[]>;
}

export const searchEntities: Record<SearchEntity, SearchEntityDefinition> = {
  organization: {
    index: organizationsIndex,
    async load(db, ids) {
      const rows = await db.selectFrom("organizations").selectAll().where("id", "in", ids).execute();
      return new Map(rows.map((row) => [row.id, organizationDocument(row)]));
    },
    async allIds(db) {
      const rows = await db.selectFrom("organizations").select("id").where("status", "=", "verified").execute();
      return rows.map((r) => r.id);
    },
  },
};
