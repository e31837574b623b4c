import type { DB } from "../db.server.ts";
import { roleCan } from "../domain/permissions.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import { UPLOAD_LIMITS } from "../domain/upload-limits.ts";
import { cleanFileName } from "../schemas/response.ts";
import { isUuid } from "../schemas/ids.ts";
import { inTransaction } from "../../db/client.ts";
import { audit } from "./audit.server.ts";
import type { Actor, OrgActor } from "./policy.server.ts";
import { checkStoredFile, contentOf, insertStoredFile, withRealExtension, type CheckedFile, type StoredFileRefusal } from "./stored-file.server.ts";

/**
 * An organisation's registration documents (营业执照, 事业单位法人证书, 办学许可证): its administrators upload them, its
 * members and platform staff read them, and the reviewer checks the profile against them. Nobody else learns
 * that they exist.
 */

export const ORGANIZATION_DOCUMENT_MAX_BYTES = UPLOAD_LIMITS.organizationDocument;
/** Enough for a licence, its renewal and a certificate or two; more is a mistake. */
export const MAX_ORGANIZATION_DOCUMENTS = 10;

export type OrganizationDocumentRefusal = "notAdmin" | "tooMany" | StoredFileRefusal;

export const organizationDocumentRefusals = {
  notAdmin: { kind: "forbidden", message: "org.documents.adminsOnly" },
  tooMany: { kind: "conflict", message: "org.documents.tooMany", field: "file" },
  empty: { kind: "invalid", message: "storedFile.empty", field: "file" },
  tooLarge: { kind: "tooLarge", message: "org.documents.tooLarge", field: "file" },
  wrongType: { kind: "unsupported", message: "storedFile.wrongType", field: "file" },
  unreadable: { kind: "invalid", message: "storedFile.unreadable", field: "file" },
} satisfies RefusalTable<OrganizationDocumentRefusal>;

export interface OrganizationDocumentInfo {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: Date;
}

export async function listOrganizationDocuments(db: DB, organizationId: string): Promise<OrganizationDocumentInfo[]> {
  const rows = await db
    .selectFrom("organization_documents")
    .select(["id", "file_name", "content_type", "size_bytes", "created_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes, uploadedAt: r.created_at }));
}

/** A document as it will be kept: checked by its bytes and named by what it really is; or why it cannot be kept. */
export async function checkOrganizationDocument(upload: { name: string; bytes: Uint8Array }) {
  const check = await checkStoredFile(upload.bytes, ORGANIZATION_DOCUMENT_MAX_BYTES);
  if (!check.ok) return check;
  return { ok: true as const, file: check.file, fileName: withRealExtension(cleanFileName(upload.name), check.file.extension) };
}

/** Inside the caller's transaction (registration): keeps a checked document for a new organisation. */
export async function insertOrganizationDocument(trx: DB, organizationId: string, document: { file: CheckedFile; fileName: string }, uploadedBy: string) {
  return insertStoredFile(trx, "organization_documents", { organization_id: organizationId }, document.file, { fileName: document.fileName, uploadedBy });
}

export async function addOrganizationDocument(
  db: DB,
  actor: OrgActor,
  upload: { name: string; bytes: Uint8Array },
  meta: { ip?: string | null } = {},
): Promise<Result<{ documentId: string }, OrganizationDocumentRefusal>> {
  if (actor.user.org_role !== "admin") return refused("notAdmin");
  const check = await checkOrganizationDocument(upload);
  if (!check.ok) return check;
  const { file, fileName } = check;
  const organizationId = actor.organization.id;
  return inTransaction(db, async (trx) => {
    // Counted under a lock on the organisation's row, so two uploads at once cannot both pass the limit.
    await trx.selectFrom("organizations").select("id").where("id", "=", organizationId).forUpdate().executeTakeFirst();
    const held = await trx.selectFrom("organization_documents").select((eb) => eb.fn.countAll<number>().as("n")).where("organization_id", "=", organizationId).executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_ORGANIZATION_DOCUMENTS) return refused("tooMany");
    const documentId = await insertOrganizationDocument(trx, organizationId, { file, fileName }, actor.user.id);
    await audit(trx, {
      action: "organization.document.upload",
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      organizationId,
      targetType: "organization",
      targetId: organizationId,
      targetTitle: actor.organization.name,
      ip: meta.ip ?? null,
      detail: { fileName, size: file.content.byteLength, type: file.contentType },
    });
    return { ok: true as const, documentId };
  });
}

/** A document for download: for members of its organisation and platform staff; null for anyone else or no such file. */
export async function getOrganizationDocument(db: DB, actor: Actor, id: string) {
  if (!isUuid(id)) return null;
  const row = await db.selectFrom("organization_documents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const allowed = actor.user.organization_id === row.organization_id || roleCan(actor.user.platform_role, "staff:read");
  if (!allowed) return null;
  return { content: contentOf(row.content), contentType: row.content_type, fileName: row.file_name, sha256: row.sha256 };
}
