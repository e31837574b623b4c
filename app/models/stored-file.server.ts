import crypto from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { Insertable } from "kysely";
import type { DB } from "../db.server.ts";
import type { Database } from "../../db/schema.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";

/**
 * A file kept in the database (the source of truth, so a backup holds it too): agreements of cooperation projects,
 * certification evidence and plan report evidence. Each lives in its owner's table (`project_files`,
 * `certification_files`, `plan_report_files`), all with the same columns, so the owner's row cascades its files
 * away; this module is what those tables have in common: the content check, the hash, the insert and the download.
 */

/** Agreements, evidence and reports: PDF or an image, nothing that could run. */
export const documentFileTypes = ["application/pdf", "image/png", "image/jpeg"] as const;
export type DocumentFileType = (typeof documentFileTypes)[number];

/** Why a file is not stored: nothing chosen, over the form's bound, not what it claims, or a body that did not parse. */
export type StoredFileRefusal = "empty" | "tooLarge" | "wrongType" | "unreadable";

/** The plain meaning of each refusal; an area whose form answers differently declares its own table. */
export const storedFileRefusals = {
  empty: { kind: "invalid", message: "storedFile.empty", field: "file" },
  tooLarge: { kind: "tooLarge", message: "storedFile.tooLarge", field: "file" },
  wrongType: { kind: "unsupported", message: "storedFile.wrongType", field: "file" },
  unreadable: { kind: "invalid", message: "storedFile.unreadable", field: "file" },
} satisfies RefusalTable<StoredFileRefusal>;

/** The tables that hold stored files: every one with the columns below, beside its owner's id. */
export type StoredFileTable = "project_files" | "certification_files" | "plan_report_files" | "organization_documents";

/** A file that passed the check: what it really is (read from its bytes) and its SHA-256. */
export interface CheckedFile {
  content: Buffer;
  contentType: DocumentFileType;
  extension: string;
  sha256: string;
}

/**
 * What the file IS, read from its bytes (file-type), never from its name or the browser's content type:
 * a text file or an executable called "协议.pdf" is refused.
 */
export async function checkStoredFile(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<Result<{ file: CheckedFile }, Exclude<StoredFileRefusal, "unreadable">>> {
  if (bytes.byteLength === 0) return refused("empty");
  if (bytes.byteLength > maxBytes) return refused("tooLarge");
  const type = await fileTypeFromBuffer(bytes);
  const contentType = documentFileTypes.find((known) => known === type?.mime);
  if (!type || !contentType) return refused("wrongType");
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { ok: true, file: { content, contentType, extension: type.ext, sha256: crypto.createHash("sha256").update(content).digest("hex") } };
}

/** The columns of a stored-file row other than its owner's id. */
export function storedFileColumns(file: CheckedFile, fileName: string, uploadedBy: string | null) {
  return {
    file_name: fileName,
    content_type: file.contentType,
    size_bytes: file.content.byteLength,
    sha256: file.sha256,
    content: file.content,
    uploaded_by: uploadedBy,
  };
}

type StoredFileColumn = keyof ReturnType<typeof storedFileColumns>;

/** The owner's column(s) of a table, e.g. `{ project_id }` or `{ application_id, criterion_key }`. */
export type StoredFileOwner<T extends StoredFileTable> = Omit<Insertable<Database[T]>, StoredFileColumn | "id" | "created_at">;

/** Inserts a checked file into its owner's table (inside the caller's transaction when it has one); its id. */
export async function insertStoredFile<T extends StoredFileTable>(
  db: DB,
  table: T,
  owner: StoredFileOwner<T>,
  file: CheckedFile,
  meta: { fileName: string; uploadedBy: string | null },
): Promise<string> {
  // Kysely cannot follow a table name that is a type parameter; the three tables share these columns.
  const values = { ...owner, ...storedFileColumns(file, meta.fileName, meta.uploadedBy) } as Insertable<Database["project_files"]>;
  const row = await db
    .insertInto(table as "project_files")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A stored name that ends with the extension of what the file really is. */
export function withRealExtension(name: string, extension: string): string {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}.${extension}`;
}

/** The bytes of a `content` column: pg gives a Buffer, PGlite a Uint8Array. */
export function contentOf(column: Uint8Array): Buffer {
  return Buffer.isBuffer(column) ? column : Buffer.from(column);
}

/** Content-Disposition for a download: an ASCII fallback and the real (e.g. Chinese) name per RFC 5987/6266. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A stored file as a download. The content type was read from the bytes at upload; the sandbox CSP and
 * nosniff (sent on every response by app/security-headers.server.ts) keep a browser from running anything in it.
 */
export function storedFileDownload(file: { content: Uint8Array; contentType: string; fileName: string; sha256?: string }): Response {
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ...(file.sha256 ? { ETag: `"${file.sha256}"` } : {}),
    },
  });
}
