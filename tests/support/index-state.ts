import { sql } from "kysely";
import type { Meilisearch } from "meilisearch";
import type { DB } from "../../db/client.ts";
import { enqueueIndexJob, enqueueOrganizationAndListings } from "../../search/outbox.ts";

/**
 * What the catalog index must hold, computed straight from the tables (not with the app's document code):
 * verified organisations, and published listings of verified organisations still valid today (Beijing),
 * each as "title · organisation name".
 */
export async function publicState(db: DB): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; line: string }>`
    select o.id::text as id, o.name || ' · ' || o.name as line from organizations o where o.status = 'verified'
    union all
    select l.id::text, l.title || ' · ' || o.name
      from listings l join organizations o on o.id = l.organization_id
     where l.status = 'published' and o.status = 'verified'
       and l.valid_until >= (now() at time zone 'Asia/Shanghai')::date`.execute(db);
  return new Map(rows.map((r) => [r.id, r.line]));
}

/** Every document of an index, in the same shape. */
export async function indexState(client: Meilisearch, uid: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index(uid).getDocuments({ limit: 1000, offset, fields: ["id", "title", "organizationName"] });
    for (const d of page.results) out.set(String(d.id), `${String(d.title)} · ${String(d.organizationName)}`);
    if (page.results.length < 1000) return out;
  }
}

/** Differences, for a readable assertion message: empty when the index equals the database. */
export function differences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [id, line] of expected) {
    if (!actual.has(id)) out.push(`missing ${id} ${line}`);
    else if (actual.get(id) !== line) out.push(`stale ${id}: index "${actual.get(id)}" ≠ db "${line}"`);
  }
  for (const [id, line] of actual) if (!expected.has(id)) out.push(`extra ${id} ${line}`);
  return out;
}

export async function outboxCount(db: DB, options: { includeParked?: boolean } = {}): Promise<number> {
  let query = db.selectFrom("search_outbox").select((eb) => eb.fn.countAll<number>().as("n"));
  if (!options.includeParked) query = query.where("available_at", "<", sql<Date>`'infinity'::timestamptz`);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kinds = ["internship", "order_training", "training_package", "cooperation", "research_result"] as const;
const words = ["数控", "机床", "汽车零部件", "电子商务", "生物医药", "实习", "订单班", "学徒制", "焊接", "物流", "葡萄", "旅游"];

/**
 * Random writes of every kind that changes the index — create, publish, unpublish, expire, edit, delete
 * listings; create, verify, suspend, rename, delete organisations — each with its index job in the same
 * transaction, as the model functions do. An organisation's status or name change enqueues only the
 * organisation: its listings must follow through the relay's dependents cascade.
 */
export class RandomWriter {
  readonly rand: () => number;
  private orgs: string[] = [];
  private listings: string[] = [];
  private n = 0;
  readonly counts: Record<string, number> = {};

  constructor(
    private db: DB,
    seed: number,
    private tag = `w${seed}`,
  ) {
    this.rand = prng(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)];
  }

  private day(offset: number): string {
    return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  }

  async setup(organizations: number, listingsEach: number): Promise<void> {
    for (let i = 0; i < organizations; i++) await this.createOrganization("verified");
    for (const org of [...this.orgs]) for (let j = 0; j < listingsEach; j++) await this.createListing(org, "published");
  }

  private async createOrganization(status: "verified" | "pending"): Promise<void> {
    const name = `${this.tag}-${this.pick(words)}企业${++this.n}`;
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("organizations")
        .values({ kind: "enterprise", name, status, reviewed_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueIndexJob(trx, "organization", row.id);
      this.orgs.push(row.id);
    });
  }

  private async createListing(org: string, status: "published" | "draft"): Promise<void> {
    const title = `${this.pick(words)}${this.pick(["岗位", "项目", "培训", "合作"])}${++this.n}`;
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("listings")
        .values({
          organization_id: org,
          kind: this.pick(kinds),
          status,
          title,
          description: `${title}，${this.pick(words)}方向。`,
          valid_until: this.day(30),
          details: "{}",
          published_at: status === "published" ? new Date() : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueIndexJob(trx, "listing", row.id);
      this.listings.push(row.id);
    });
  }

  private async updateListing(values: Record<string, unknown>): Promise<void> {
    const id = this.pick(this.listings);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("listings")
        .set({ ...values, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
      await enqueueIndexJob(trx, "listing", id);
    });
  }

  private async updateOrganization(values: Record<string, unknown>): Promise<void> {
    const id = this.pick(this.orgs);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("organizations")
        .set({ ...values, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
      await enqueueIndexJob(trx, "organization", id);
    });
  }

  /** One random write; returns its name. */
  async step(): Promise<string> {
    const r = this.rand();
    let op: string;
    if (this.orgs.length < 3 || r < 0.06) {
      op = "org.create";
      await this.createOrganization(this.rand() < 0.8 ? "verified" : "pending");
    } else if (this.listings.length < 5 || r < 0.23) {
      op = "listing.create";
      await this.createListing(this.pick(this.orgs), this.rand() < 0.8 ? "published" : "draft");
    } else if (r < 0.33) {
      op = "listing.publish";
      await this.updateListing({ status: "published", published_at: sql`coalesce(published_at, now())` });
    } else if (r < 0.4) {
      op = "listing.unpublish";
      await this.updateListing({ status: "closed", closed_reason: "withdrawn" });
    } else if (r < 0.43) {
      op = "listing.expire";
      await this.updateListing({ valid_until: this.day(-2) });
    } else if (r < 0.58) {
      op = "listing.edit";
      await this.updateListing({ title: `${this.pick(words)}更新${++this.n}` });
    } else if (r < 0.63) {
      op = "listing.delete";
      const id = this.listings.splice(Math.floor(this.rand() * this.listings.length), 1)[0];
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom("listings").where("id", "=", id).execute();
        await enqueueIndexJob(trx, "listing", id);
      });
    } else if (r < 0.75) {
      op = "org.rename";
      await this.updateOrganization({ name: `${this.tag}-改名${++this.n}` });
    } else if (r < 0.83) {
      op = "org.suspend";
      await this.updateOrganization({ status: "suspended" });
    } else if (r < 0.99) {
      op = "org.verify";
      await this.updateOrganization({ status: "verified" });
    } else {
      op = "org.delete";
      const id = this.orgs.splice(Math.floor(this.rand() * this.orgs.length), 1)[0];
      await this.db.transaction().execute(async (trx) => {
        // Deleting cascades to the listings, which the relay could no longer find: enqueue them first.
        await enqueueOrganizationAndListings(trx, id);
        await trx.deleteFrom("organizations").where("id", "=", id).execute();
      });
      const remaining = this.listings.length
        ? await this.db.selectFrom("listings").select("id").where("id", "in", this.listings).execute()
        : [];
      const kept = new Set(remaining.map((l) => l.id));
      this.listings = this.listings.filter((l) => kept.has(l));
    }
    this.counts[op] = (this.counts[op] ?? 0) + 1;
    return op;
  }
}
