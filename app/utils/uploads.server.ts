import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";

/** Agreements, evidence and reports: PDF or an image, nothing that could run. */
export const documentFileTypes = ["application/pdf", "image/png", "image/jpeg"] as const;
export type DocumentFileType = (typeof documentFileTypes)[number];

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a multipart form with every part capped at `maxBytes` and only the named fields kept, so an
 * oversized or padded body is refused while it streams instead of being buffered whole. A body whose
 * Content-Length is already too large is refused unread (the HTTP edge drains it after the answer, so the
 * browser receives the route's own message).
 */
export async function readUpload(
  request: Request,
  options: { maxBytes: number; fields: string[] },
): Promise<{ ok: true; formData: FormData } | { ok: false; error: "tooLarge" | "unreadable" }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes + FORM_OVERHEAD_BYTES) return { ok: false, error: "tooLarge" };
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: options.maxBytes, filter: ({ name }) => options.fields.includes(name) }),
    );
    return { ok: true, formData };
  } catch (error) {
    return { ok: false, error: error instanceof MaxPartSizeExceededError ? "tooLarge" : "unreadable" };
  }
}

export type FileCheck =
  | { ok: true; contentType: DocumentFileType; extension: string }
  | { ok: false; error: "empty" | "tooLarge" | "type" };

/**
 * What the file IS, read from its bytes (file-type), never from its name or the browser's content type:
 * a text file or an executable called "协议.pdf" is refused.
 */
export async function checkDocumentFile(bytes: Uint8Array, maxBytes: number): Promise<FileCheck> {
  if (bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (bytes.byteLength > maxBytes) return { ok: false, error: "tooLarge" };
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(documentFileTypes as readonly string[]).includes(type.mime)) return { ok: false, error: "type" };
  return { ok: true, contentType: type.mime as DocumentFileType, extension: type.ext };
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
export function fileDownload(file: { content: Uint8Array; contentType: string; fileName: string; sha256?: string }): Response {
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
