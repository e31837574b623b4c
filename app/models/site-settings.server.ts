import type { DB } from "../db.server.ts";
import type { SiteSettingsTable } from "../../db/schema.ts";
import { inTransaction } from "../../db/client.ts";
import { roleCan } from "../domain/permissions.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { siteSettingsFields, type SiteSettings, type SiteSettingsInput } from "../schemas/site-settings.ts";
import { audit } from "./audit.server.ts";
import type { Actor } from "./policy.server.ts";

// The site's own particulars, one row (db/migrations/2026_12_04_2000_create_site_settings.ts). The root loader
// reads it on every page, so it is one primary-key read and nothing is cached in the process: a change made on
// one instance shows on the next page from any instance.

const columns = {
  sponsor: "sponsor",
  organizer: "organizer",
  contactAddress: "contact_address",
  contactPhone: "contact_phone",
  contactEmail: "contact_email",
  icpNumber: "icp_number",
  policeNumber: "police_number",
  siteCode: "site_code",
  objectionAddress: "objection_address",
  objectionPhone: "objection_phone",
} as const satisfies Record<keyof SiteSettingsInput, keyof SiteSettingsTable>;

const empty = Object.fromEntries(siteSettingsFields.map((f) => [f, null])) as SiteSettings;

function fromRow(row: Partial<Record<keyof SiteSettingsTable, unknown>> | undefined): SiteSettings {
  if (!row) return { ...empty };
  return Object.fromEntries(siteSettingsFields.map((f) => [f, (row[columns[f]] as string | null) ?? null])) as SiteSettings;
}

export async function readSiteSettings(db: DB): Promise<SiteSettings> {
  const row = await db.selectFrom("site_settings").select(Object.values(columns)).where("id", "=", true).executeTakeFirst();
  return fromRow(row);
}

/** The settings with who changed them last, for the admin page. */
export async function siteSettingsForAdmin(db: DB) {
  const row = await db
    .selectFrom("site_settings as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select([...Object.values(columns).map((c) => `s.${c}` as const), "s.updated_at", "s.updated_by", "u.name"])
    .executeTakeFirst();
  return {
    settings: fromRow(row),
    updatedAt: row?.updated_by ? row.updated_at : null,
    updatedByName: row?.name ?? null,
  };
}

export type SiteSettingsRefusal = "adminsOnly";

export const siteSettingsRefusals = {
  adminsOnly: { kind: "forbidden", message: "site.error.adminsOnly", page: true },
} satisfies RefusalTable<SiteSettingsRefusal>;

/** Platform administrators change the settings; audited with the fields that changed, before and after. */
export async function updateSiteSettings(
  db: DB,
  actor: Actor,
  input: SiteSettingsInput,
  meta: { ip?: string | null } = {},
  now: Date = new Date(),
): Promise<Result<{ changed: Array<keyof SiteSettingsInput> }, SiteSettingsRefusal>> {
  if (!roleCan(actor.user.platform_role, "site:administer")) return refused("adminsOnly");
  return inTransaction(db, async (trx) => {
    const beforeRow = await trx.selectFrom("site_settings").select(Object.values(columns)).where("id", "=", true).forUpdate().executeTakeFirst();
    const before = fromRow(beforeRow);
    const changed = siteSettingsFields.filter((f) => before[f] !== input[f]);
    const values = Object.fromEntries(siteSettingsFields.map((f) => [columns[f], input[f]]));
    await trx
      .insertInto("site_settings")
      .values({ id: true, ...values, updated_by: actor.user.id, updated_at: now })
      .onConflict((oc) => oc.column("id").doUpdateSet({ ...values, updated_by: actor.user.id, updated_at: now }))
      .execute();
    await audit(trx, {
      action: "site.settings.update",
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      targetType: "site_settings",
      ip: meta.ip ?? null,
      detail: {
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, input[f]])),
      },
    });
    return { ok: true as const, changed };
  });
}
