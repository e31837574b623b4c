import { sql } from "kysely";
import type { Organization } from "../../db/schema.ts";
import { enqueueOrganizationAndListings } from "../../search/outbox.ts";
import type { DB } from "../db.server.ts";
import type { OrganizationKind } from "../domain/organization-kinds.ts";
import { runtime } from "../runtime.server.ts";
import type { OrganizationProfileInput } from "../schemas/organization.ts";
import { audit } from "./audit.server.ts";
import { organizationValues } from "./organization-profile.server.ts";
import { canManageOrganization, type Actor } from "./policy.server.ts";
import { isUuid } from "../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { inTransaction } from "../../db/client.ts";
import { getPendingIdentityChange, identityDiffers, recordIdentityChange } from "./organization-identity-change.server.ts";

export type OrganizationRefusal =
  | "notFound"
  | "forbidden"
  | "creditCodeTaken"
  | "nameTaken"
  | "invalidTransition"
  | "reasonRequired"
  | "reasonInvalid"
  | "identityChangePending";

// A taken name or code is mended on the form like any other field, so it answers 400 as the form's checks do.
export const organizationRefusals = {
  notFound: { kind: "notFound", message: "error.notFound" },
  forbidden: { kind: "forbidden", message: "error.forbiddenAction", page: true },
  creditCodeTaken: { kind: "invalid", message: "validation.creditCodeTaken", field: "creditCode" },
  nameTaken: { kind: "invalid", message: "validation.nameTaken", field: "name" },
  invalidTransition: { kind: "conflict", message: "admin.review.staleStatus" },
  reasonRequired: { kind: "invalid", message: "admin.review.reasonRequired", field: "reason" },
  reasonInvalid: { kind: "invalid", message: "admin.review.reasonTooShort", field: "reason" },
  identityChangePending: { kind: "conflict", message: "identityChange.onePending", field: "name" },
} satisfies RefusalTable<OrganizationRefusal>;

export async function countVerifiedOrganizationsByKind(): Promise<Partial<Record<OrganizationKind, number>>> {
  const rows = await runtime()
    .db.selectFrom("organizations")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("count")])
    .where("status", "=", "verified")
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.count)]));
}


export async function getOrganization(db: DB, id: string): Promise<Organization | null> {
  if (!isUuid(id)) return null;
  return (await db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** Only a verified organisation has a public profile. */
export async function getVerifiedOrganization(db: DB, id: string): Promise<Organization | null> {
  const organization = await getOrganization(db, id);
  return organization?.status === "verified" ? organization : null;
}

/** The profile form's values for an organisation (the editor's defaults). */
export function profileFormValues(o: Organization): Record<string, string> {
  const text = (v: string | number | null) => (v == null ? "" : String(v));
  return {
    kind: o.kind,
    name: o.name,
    creditCode: text(o.credit_code),
    industry: text(o.industry),
    location: text(o.location),
    address: text(o.address),
    contactName: text(o.contact_name),
    contactPhone: text(o.contact_phone),
    contactEmail: text(o.contact_email),
    staffCount: text(o.staff_count),
    annualPayroll: text(o.annual_payroll),
    studentCount: text(o.student_count),
    majors: o.majors.join("、"),
    description: o.description,
  };
}

// ---------------------------------------------------------------------------------------------
// The organisation's own administrator edits the profile.

export type ProfileUpdateResult = Result<
  { organization: Organization; resubmitted: boolean; identityChangeRequested: boolean },
  Extract<OrganizationRefusal, "notFound" | "creditCodeTaken" | "nameTaken" | "identityChangePending">
>;

function uniqueViolation(error: unknown): "creditCodeTaken" | "nameTaken" | null {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== "23505") return null;
  const where = `${e.constraint ?? ""} ${e.message ?? ""}`;
  if (where.includes("organizations_credit_code_key")) return "creditCodeTaken";
  if (where.includes("organizations_name_key")) return "nameTaken";
  return null;
}

/**
 * Saves the profile. Only that organisation's administrator may; anyone else gets "notFound", as
 * if the organisation did not exist. Saving a rejected organisation's profile resubmits it for review (back to
 * pending); any other status is kept. A verified organisation's new 全称, 统一社会信用代码 or kind is not applied:
 * it becomes an identity change request for a reviewer (organization-identity-change.server.ts), and the other
 * fields save at once. Organisations not yet verified keep their registered kind.
 */
export async function updateOrganizationProfile(
  db: DB,
  actor: Actor,
  orgId: string,
  input: OrganizationProfileInput,
  meta: { ip?: string | null } = {},
): Promise<ProfileUpdateResult> {
  if (!isUuid(orgId) || !canManageOrganization(actor, orgId)) return refused("notFound");
  try {
    return await inTransaction(db, async (trx): Promise<ProfileUpdateResult> => {
      const current = await trx.selectFrom("organizations").selectAll().where("id", "=", orgId).forUpdate().executeTakeFirst();
      if (!current) return refused("notFound");
      const verified = current.status === "verified";
      const requested = organizationValues({ ...input, kind: verified ? input.kind : current.kind });
      const next = { name: requested.name, credit_code: requested.credit_code ?? null, kind: requested.kind };
      const identityChangeRequested = verified && identityDiffers(current, next);
      if (identityChangeRequested && (await getPendingIdentityChange(trx, orgId))) {
        return refused("identityChangePending");
      }
      // The public identity stays the old one until a reviewer approves the request.
      const values = identityChangeRequested
        ? organizationValues({ ...input, kind: current.kind, name: current.name, creditCode: current.credit_code ?? undefined })
        : requested;

      if (next.credit_code) {
        const taken = await trx
          .selectFrom("organizations")
          .select("id")
          .where("credit_code", "=", next.credit_code)
          .where("id", "!=", orgId)
          .executeTakeFirst();
        if (taken) return refused("creditCodeTaken");
      }
      const nameTaken = await trx
        .selectFrom("organizations")
        .select("id")
        .where(sql`lower(name)`, "=", next.name.toLowerCase())
        .where("id", "!=", orgId)
        .executeTakeFirst();
      if (nameTaken) return refused("nameTaken");

      const resubmitted = current.status === "rejected";
      const organization = await trx
        .updateTable("organizations")
        .set({ ...values, ...(resubmitted ? { status: "pending" as const } : {}), updated_at: sql`now()` })
        .where("id", "=", orgId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const changed = changedFields(current, organization);
      await audit(trx, {
        action: resubmitted ? "organization.resubmit" : "organization.update",
        outcome: "success",
        actorUserId: actor.user.id,
        actorLabel: actor.user.email,
        organizationId: orgId,
        targetType: "organization",
        targetId: orgId,
        ip: meta.ip,
        detail: { changed },
      });
      if (identityChangeRequested) await recordIdentityChange(trx, actor, current, next, meta);
      await enqueueOrganizationAndListings(trx, orgId);
      return { ok: true, organization, resubmitted, identityChangeRequested };
    });
  } catch (error) {
    // Two organisations saving the same name or code at the same moment: the unique index decides.
    const taken = uniqueViolation(error);
    if (taken) return refused(taken);
    throw error;
  }
}

const profileColumns = [
  "name",
  "credit_code",
  "industry",
  "location",
  "address",
  "contact_name",
  "contact_phone",
  "contact_email",
  "staff_count",
  "annual_payroll",
  "student_count",
  "majors",
  "description",
] as const;

function changedFields(before: Organization, after: Organization): string[] {
  return profileColumns.filter((c) => JSON.stringify(before[c]) !== JSON.stringify(after[c]));
}
