import crypto from "node:crypto";
import type { DB } from "../../db/client.ts";
import type { OrgRole, Organization, PlatformRole } from "../../db/schema.ts";
import type { OrganizationKind } from "../../app/domain/organization-kinds.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { createSession } from "../../app/models/session.server.ts";

/** An organisation with one user, made directly in the database, and the actor a signed-in request would carry. */
export async function makeOrgActor(
  db: DB,
  options: { kind?: OrganizationKind; status?: Organization["status"]; role?: OrgRole; name?: string; staff?: number } = {},
): Promise<OrgActor> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const organization = await db
    .insertInto("organizations")
    .values({
      kind: options.kind ?? "enterprise",
      name: options.name ?? `测试机构${suffix}`,
      status: options.status ?? "verified",
      industry: "equipment_manufacturing",
      staff_count: options.staff ?? 500,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto("users")
    .values({
      email: `user-${suffix}@example.cn`,
      name: `用户${suffix}`,
      password_hash: "x",
      organization_id: organization.id,
      org_role: options.role ?? "admin",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { session } = await createSession(db, user, {});
  return { session, user: { ...user, organization_id: organization.id }, organization } as OrgActor;
}

export async function makeStaffActor(db: DB, role: PlatformRole = "reviewer"): Promise<Actor> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const user = await db
    .insertInto("users")
    .values({ email: `staff-${suffix}@example.cn`, name: `审核员${suffix}`, password_hash: "x", platform_role: role })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { session } = await createSession(db, user, {});
  return { session, user, organization: null };
}
