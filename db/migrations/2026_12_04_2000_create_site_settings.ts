import { type Kysely, sql } from "kysely";

// What a government site shows about itself (主办/承办单位, contact, ICP and public-security filing numbers,
// 网站标识码) and where written objections to a certification notice go: one row, edited by platform
// administrators. A column left null is not shown.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("site_settings")
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn("sponsor", "text")
    .addColumn("organizer", "text")
    .addColumn("contact_address", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("icp_number", "text")
    .addColumn("police_number", "text")
    .addColumn("site_code", "text")
    .addColumn("objection_address", "text")
    .addColumn("objection_phone", "text")
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto("site_settings").values({ id: true }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("site_settings").execute();
}
