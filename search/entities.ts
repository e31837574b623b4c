import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { IndexDefinition } from "./settings.ts";
import { todayInChina } from "../app/utils/dates.ts";
import { catalogIndex, listingDocument, organizationDocument } from "./indexes/catalog.ts";

export type SearchEntity = "organization" | "listing";

/** One page of a full rebuild: the public documents of up to `size` rows, in id order. */
export interface DocumentBatch {
  documents: Array<Record<string, unknown> & { id: string }>;
}

export interface SearchEntityDefinition {
  index: IndexDefinition;
  /** Current documents by id; null (or absent) means the entity must not be in the index. */
  load(db: Kysely<Database>, ids: string[]): Promise<Map<string, object | null>>;
  /** Every id that belongs in the index, for a full rebuild. */
  allIds(db: Kysely<Database>): Promise<string[]>;
  /** How many documents a full rebuild will write (for progress). */
  count(db: Kysely<Database>): Promise<number>;
  /**
   * Every public document, streamed in batches by keyset pagination on the id, so a rebuild of any size
   * holds one batch in memory and never re-reads a row (OFFSET would).
   */
  batches(db: Kysely<Database>, size: number): AsyncGenerator<DocumentBatch>;
  /**
   * Other entities whose documents embed this one's data (a listing carries its organisation's name and
   * is public only while the organisation is verified): re-indexed whenever this entity is.
   */
  dependents?(db: Kysely<Database>, ids: string[]): Promise<Array<{ entity: SearchEntity; ids: string[] }>>;
}

type Doc = DocumentBatch["documents"][number];

/**
 * The catalog's `certified` flag: the organisation holds a 产教融合型企业 certificate ('enterprise' type)
 * in force — issued, not expired, not revoked. Only that type, because the facet and badge read "产教融合型企业";
 * issuing, revoking and expiring re-index the organisation and its listings (app/models/certification/certificates.server.ts).
 */
function certifiedColumn(orgIdColumn: "organizations.id", today: string) {
  return sql<boolean>`exists (select 1 from certificates c where c.organization_id = ${sql.ref(orgIdColumn)}
    and c.type_code = 'enterprise' and c.revoked_at is null and c.issued_on <= ${today}::date and c.valid_until >= ${today}::date)`.as(
    "certified",
  );
}
const isDoc = (d: object | null): d is Doc => d != null;

function listingQuery(db: Kysely<Database>, today: string = todayInChina()) {
  return db
    .selectFrom("listings")
    .innerJoin("organizations", "organizations.id", "listings.organization_id")
    .selectAll("listings")
    .select(["organizations.name as org_name", "organizations.kind as org_kind", "organizations.status as org_status"])
    .select(certifiedColumn("organizations.id", today));
}

type ListingRow = Awaited<ReturnType<ReturnType<typeof listingQuery>["execute"]>>[number];

function listingDocuments(rows: ListingRow[], today: string): Array<[string, Doc | null]> {
  return rows.map(({ org_name, org_kind, org_status, certified, ...listing }) => [
    listing.id,
    listingDocument(listing, { name: org_name, kind: org_kind, status: org_status }, { today, certified: Boolean(certified) }) as Doc | null,
  ]);
}

function publicListings(db: Kysely<Database>, today: string) {
  return listingQuery(db, today)
    .where("listings.status", "=", "published")
    .where("organizations.status", "=", "verified")
    .where("listings.valid_until", ">=", today);
}

export const searchEntities: Record<SearchEntity, SearchEntityDefinition> = {
  organization: {
    index: catalogIndex,
    async load(db, ids) {
      const rows = await db
        .selectFrom("organizations")
        .selectAll()
        .select(certifiedColumn("organizations.id", todayInChina()))
        .where("id", "in", ids)
        .execute();
      return new Map(rows.map(({ certified, ...row }) => [row.id, organizationDocument(row, { certified: Boolean(certified) })]));
    },
    async allIds(db) {
      const rows = await db.selectFrom("organizations").select("id").where("status", "=", "verified").execute();
      return rows.map((r) => r.id);
    },
    async count(db) {
      const row = await db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "verified")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async *batches(db, size) {
      const today = todayInChina();
      let after: string | undefined;
      for (;;) {
        let query = db
          .selectFrom("organizations")
          .selectAll()
          .select(certifiedColumn("organizations.id", today))
          .where("status", "=", "verified")
          .orderBy("id")
          .limit(size);
        if (after) query = query.where("id", ">", after);
        const rows = await query.execute();
        if (rows.length === 0) return;
        yield { documents: rows.map(({ certified, ...r }) => organizationDocument(r, { certified: Boolean(certified) }) as Doc | null).filter(isDoc) };
        if (rows.length < size) return;
        after = rows[rows.length - 1].id;
      }
    },
    async dependents(db, ids) {
      // Listings that are (or may just have been) public: the others are never in the index.
      const rows = await db
        .selectFrom("listings")
        .select("id")
        .where("organization_id", "in", ids)
        .where("status", "=", "published")
        .execute();
      return rows.length ? [{ entity: "listing", ids: rows.map((r) => r.id) }] : [];
    },
  },
  listing: {
    index: catalogIndex,
    async load(db, ids) {
      const rows = await listingQuery(db).where("listings.id", "in", ids).execute();
      return new Map(listingDocuments(rows, todayInChina()));
    },
    async allIds(db) {
      const rows = await publicListings(db, todayInChina()).clearSelect().select("listings.id").execute();
      return rows.map((r) => r.id);
    },
    async count(db) {
      const row = await publicListings(db, todayInChina())
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async *batches(db, size) {
      const today = todayInChina();
      let after: string | undefined;
      for (;;) {
        let query = publicListings(db, today).orderBy("listings.id").limit(size);
        if (after) query = query.where("listings.id", ">", after);
        const rows = await query.execute();
        if (rows.length === 0) return;
        yield { documents: listingDocuments(rows, today).map(([, d]) => d).filter(isDoc) };
        if (rows.length < size) return;
        after = rows[rows.length - 1].id;
      }
    },
  },
};
