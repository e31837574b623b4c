import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { IndexDefinition } from "./settings.ts";
import { todayInChina } from "../app/utils/dates.ts";
import { catalogIndex, listingDocument, organizationDocument } from "./indexes/catalog.ts";

export type SearchEntity = "organization" | "listing";

export interface SearchEntityDefinition {
  index: IndexDefinition;
  /** Current documents by id; null (or absent) means the entity must not be in the index. */
  load(db: Kysely<Database>, ids: string[]): Promise<Map<string, object | null>>;
  /** Every id that belongs in the index, for a full rebuild. */
  allIds(db: Kysely<Database>): Promise<string[]>;
}

export const searchEntities: Record<SearchEntity, SearchEntityDefinition> = {
  organization: {
    index: catalogIndex,
    async load(db, ids) {
      const rows = await db.selectFrom("organizations").selectAll().where("id", "in", ids).execute();
      return new Map(rows.map((row) => [row.id, organizationDocument(row)]));
    },
    async allIds(db) {
      const rows = await db.selectFrom("organizations").select("id").where("status", "=", "verified").execute();
      return rows.map((r) => r.id);
    },
  },
  listing: {
    index: catalogIndex,
    async load(db, ids) {
      const rows = await db
        .selectFrom("listings")
        .innerJoin("organizations", "organizations.id", "listings.organization_id")
        .selectAll("listings")
        .select(["organizations.name as org_name", "organizations.kind as org_kind", "organizations.status as org_status"])
        .where("listings.id", "in", ids)
        .execute();
      const today = todayInChina();
      return new Map(
        rows.map(({ org_name, org_kind, org_status, ...listing }) => [
          listing.id,
          listingDocument(listing, { name: org_name, kind: org_kind, status: org_status }, { today }),
        ]),
      );
    },
    async allIds(db) {
      const rows = await db
        .selectFrom("listings")
        .innerJoin("organizations", "organizations.id", "listings.organization_id")
        .select("listings.id")
        .where("listings.status", "=", "published")
        .where("organizations.status", "=", "verified")
        .execute();
      return rows.map((r) => r.id);
    },
  },
};
