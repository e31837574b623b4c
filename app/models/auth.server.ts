import { sql } from "kysely";
import { insertOrganizationDocument } from "./organization-documents.server.ts";
import type { CheckedFile } from "./stored-file.server.ts";
import type { DB } from "../db.server.ts";
import type { User } from "../../db/schema.ts";
import type { RegistrationInput } from "../schemas/auth.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { audit } from "./audit.server.ts";
import { hashPassword, needsRehash, verifyPassword } from "./password.server.ts";
import { organizationValues } from "./organization-profile.server.ts";
import { inTransaction } from "../../db/client.ts";

// ASVS 2.2.1: 5 failures within 15 minutes lock the account for 15 minutes. The count starts again once the
// window has passed or the lock has ended (ADR 003), so a slow drip of wrong passwords never locks it.
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const CONSENT_VERSION = "2026-11";

export type LoginResult = { ok: true; user: User } | { ok: false };

/**
 * Unknown e-mail, wrong password and locked account get the same answer after the same work
 * (one argon2 verification each), so the answer tells nothing about which accounts exist.
 */
export async function authenticate(
  db: DB,
  input: { email: string; password: string; ip?: string | null },
  now: Date = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where(sql`lower(email)`, "=", email)
    .where("status", "=", "active")
    .executeTakeFirst();
  const locked = !!user?.locked_until && new Date(user.locked_until) > now;
  const passwordOk = await verifyPassword(locked ? null : (user?.password_hash ?? null), input.password);
  const base = { ip: input.ip ?? null, organizationId: user?.organization_id ?? null };

  if (!user) {
    await audit(db, { ...base, action: "auth.login", outcome: "failure", actorLabel: email.slice(0, 254), detail: { reason: "unknown_email" } });
    return { ok: false };
  }
  if (locked) {
    await audit(db, { ...base, action: "auth.login", outcome: "denied", actorUserId: user.id, actorLabel: user.email, detail: { reason: "locked" } });
    return { ok: false };
  }
  if (!passwordOk) {
    const at = sql`${now.toISOString()}::timestamptz`;
    // A new window starts when there is none, when it is older than the window, or when a lock has ended.
    const fresh = sql`(failed_logins_since is null or failed_logins_since <= ${at} - make_interval(mins => ${LOCKOUT_WINDOW_MINUTES})
      or (locked_until is not null and locked_until <= ${at}))`;
    const count = sql<number>`case when ${fresh} then 1 else failed_logins + 1 end`;
    const updated = await db
      .updateTable("users")
      .set({
        failed_logins: count,
        failed_logins_since: sql`case when ${fresh} then ${at} else failed_logins_since end`,
        locked_until: sql`case when ${count} >= ${LOCKOUT_THRESHOLD} then ${at} + make_interval(mins => ${LOCKOUT_MINUTES}) else null end`,
      })
      .where("id", "=", user.id)
      .returning(["failed_logins", "locked_until"])
      .executeTakeFirstOrThrow();
    await audit(db, { ...base, action: "auth.login", outcome: "failure", actorUserId: user.id, actorLabel: user.email, detail: { reason: "wrong_password", failures: updated.failed_logins } });
    if (updated.failed_logins === LOCKOUT_THRESHOLD) {
      await audit(db, { ...base, action: "auth.lockout", outcome: "success", actorUserId: user.id, actorLabel: user.email, targetType: "user", targetId: user.id, detail: { minutes: LOCKOUT_MINUTES } });
    }
    return { ok: false };
  }
  const rehash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  const fresh = await db
    .updateTable("users")
    .set({ failed_logins: 0, failed_logins_since: null, locked_until: null, last_login_at: sql`now()`, ...(rehash ? { password_hash: rehash } : {}) })
    .where("id", "=", user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, { ...base, action: "auth.login", outcome: "success", actorUserId: user.id, actorLabel: user.email });
  return { ok: true, user: fresh };
}

export type RegistrationRefusal = "emailTaken" | "creditCodeTaken" | "nameTaken";

// Each is mended on its field of the form, so each answers 400 as the form's own checks do.
export const registrationRefusals = {
  emailTaken: { kind: "invalid", message: "validation.emailTaken", field: "userEmail" },
  creditCodeTaken: { kind: "invalid", message: "validation.creditCodeTaken", field: "creditCode" },
  nameTaken: { kind: "invalid", message: "validation.nameTaken", field: "name" },
} satisfies RefusalTable<RegistrationRefusal>;

export type RegistrationResult = Result<{ user: User; organizationId: string }, RegistrationRefusal>;

/** Creates a pending organisation and its first user, its administrator, in one transaction. */
/** Registers an organisation and its first administrator, with its licence when one was sent (checked by the caller). */
export async function registerOrganization(
  db: DB,
  input: RegistrationInput,
  meta: { ip?: string | null } = {},
  document?: { file: CheckedFile; fileName: string },
): Promise<RegistrationResult> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx): Promise<RegistrationResult> => {
    const emailTaken = await trx.selectFrom("users").select("id").where(sql`lower(email)`, "=", input.userEmail).executeTakeFirst();
    if (emailTaken) return refused("emailTaken");
    if (input.creditCode) {
      const codeTaken = await trx.selectFrom("organizations").select("id").where("credit_code", "=", input.creditCode).executeTakeFirst();
      if (codeTaken) return refused("creditCodeTaken");
    }
    const nameTaken = await trx.selectFrom("organizations").select("id").where(sql`lower(name)`, "=", input.name.toLowerCase()).executeTakeFirst();
    if (nameTaken) return refused("nameTaken");

    const organization = await trx
      .insertInto("organizations")
      .values({ ...organizationValues(input), status: "pending" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto("users")
      .values({
        email: input.userEmail,
        name: input.userName,
        password_hash: passwordHash,
        organization_id: organization.id,
        org_role: "admin",
        consent_at: sql`now()`,
        consent_version: CONSENT_VERSION,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: "organization.register",
      outcome: "success",
      actorUserId: user.id,
      actorLabel: user.email,
      organizationId: organization.id,
      targetType: "organization",
      targetId: organization.id,
      ip: meta.ip,
      detail: { kind: input.kind, name: input.name, ...(document ? { document: document.fileName } : {}) },
    });
    if (document) await insertOrganizationDocument(trx, organization.id, document, user.id);
    return { ok: true, user, organizationId: organization.id };
  });
}
