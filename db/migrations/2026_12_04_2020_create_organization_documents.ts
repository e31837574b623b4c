import { type Kysely, sql } from "kysely";

// An organisation's registration documents (营业执照, 事业单位法人证书, 办学许可证): what a reviewer checks before
// passing the registration. Kept like the platform's other files, in the database, removed with the organisation.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization_documents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("organization_documents_org_idx").on("organization_documents").columns(["organization_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organization_documents").execute();
}
