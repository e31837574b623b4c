import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { todayInChina } from "../../utils/dates.ts";
import { containsPattern } from "../../utils/like-pattern.ts";
import { isUuid } from "../../schemas/ids.ts";

// Where certificates show: badges on profiles and listings, the public directory and notices, and the
// lookups of one organisation or application.

/** Certificates in force: not revoked, issued and not yet expired (China dates). */
export function currentCertificates(db: DB, today: string = todayInChina()) {
  return db
    .selectFrom("certificates as c")
    .where("c.revoked_at", "is", null)
    .where("c.issued_on", "<=", today)
    .where("c.valid_until", ">=", today);
}

export interface CertificateBadge {
  number: string;
  typeCode: string;
  typeName: string;
  validUntil: string;
}

export async function badgesOf(db: DB, organizationId: string): Promise<CertificateBadge[]> {
  if (!isUuid(organizationId)) return [];
  return currentCertificates(db)
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .select(["c.number", "c.type_code as typeCode", "t.name as typeName", "c.valid_until as validUntil"])
    .where("c.organization_id", "=", organizationId)
    .orderBy("t.sort")
    .execute();
}

export interface DirectoryEntry {
  id: string;
  number: string;
  typeCode: string;
  typeName: string;
  issuedOn: string;
  validUntil: string;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  industry: string | null;
}


/** The public directory (认证目录): certificates in force of verified organisations. */
export async function listDirectory(db: DB, filter: { type?: string; industry?: string; q?: string } = {}): Promise<DirectoryEntry[]> {
  let query = currentCertificates(db)
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .innerJoin("organizations as o", "o.id", "c.organization_id")
    .where("o.status", "=", "verified")
    .select([
      "c.id",
      "c.number",
      "c.type_code as typeCode",
      "t.name as typeName",
      "c.issued_on as issuedOn",
      "c.valid_until as validUntil",
      "o.id as organizationId",
      "o.name as organizationName",
      "o.kind as organizationKind",
      "o.industry",
    ]);
  if (filter.type) query = query.where("c.type_code", "=", filter.type);
  if (filter.industry) query = query.where("o.industry", "=", filter.industry);
  if (filter.q) query = query.where(sql<boolean>`lower(o.name) like lower(${containsPattern(filter.q)})`);
  return query.orderBy("t.sort").orderBy("c.issued_on", "desc").orderBy("c.number").limit(500).execute();
}

export interface NoticeEntry {
  applicationId: string;
  organizationId: string;
  organizationName: string;
  typeName: string;
  startsAt: Date;
  endsAt: Date;
  running: boolean;
}

/** The public notices (公示): running ones and those ended within the last 30 days. */
export async function listNotices(db: DB, now: Date = new Date()): Promise<NoticeEntry[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .selectFrom("certification_notices as n")
    .innerJoin("certification_applications as a", "a.id", "n.application_id")
    .innerJoin("organizations as o", "o.id", "n.organization_id")
    .innerJoin("certification_types as t", "t.code", "n.type_code")
    .select(["n.application_id as applicationId", "o.id as organizationId", "o.name as organizationName", "t.name as typeName", "n.starts_at as startsAt", "n.ends_at as endsAt"])
    .where("a.status", "in", ["approved", "certified"])
    .where("n.ends_at", ">=", since)
    .orderBy("n.starts_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, running: r.endsAt.getTime() > now.getTime() }));
}

export async function certificatesOfOrg(db: DB, organizationId: string) {
  return db
    .selectFrom("certificates as c")
    .innerJoin("certification_types as t", "t.code", "c.type_code")
    .select(["c.id", "c.number", "c.type_code as typeCode", "t.name as typeName", "c.issued_on as issuedOn", "c.valid_until as validUntil", "c.revoked_at as revokedAt", "c.revoke_reason as revokeReason", "c.application_id as applicationId"])
    .where("c.organization_id", "=", organizationId)
    .orderBy("c.issued_on", "desc")
    .execute();
}

export async function certificateOfApplication(db: DB, applicationId: string) {
  return (await db.selectFrom("certificates").selectAll().where("application_id", "=", applicationId).executeTakeFirst()) ?? null;
}

export async function noticeOf(db: DB, applicationId: string) {
  return (await db.selectFrom("certification_notices").selectAll().where("application_id", "=", applicationId).executeTakeFirst()) ?? null;
}

export async function decisionsOf(db: DB, applicationId: string) {
  return db
    .selectFrom("certification_decisions as d")
    .leftJoin("users as u", "u.id", "d.decided_by")
    .select(["d.id", "d.decision", "d.reason", "d.created_at as at", "u.name as by"])
    .where("d.application_id", "=", applicationId)
    .orderBy("d.id")
    .execute();
}

export async function hasCurrentCertificate(db: DB, organizationId: string, typeCode = "enterprise"): Promise<boolean> {
  const row = await currentCertificates(db).select("c.id").where("c.organization_id", "=", organizationId).where("c.type_code", "=", typeCode).executeTakeFirst();
  return !!row;
}
