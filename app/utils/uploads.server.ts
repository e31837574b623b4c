import { readUpload as readUploadBody } from "../http/upload.server.ts";
import { checkStoredFile, type DocumentFileType } from "../models/stored-file.server.ts";

// The plan report files still use these `{ error }` shapes; projects and certification use
// app/models/stored-file.server.ts and app/http/upload.server.ts directly. Delete this file once the plan does.

export { isMultipart } from "../http/upload.server.ts";
export { attachmentDisposition, documentFileTypes, storedFileDownload as fileDownload, type DocumentFileType } from "../models/stored-file.server.ts";

export async function readUpload(
  request: Request,
  options: { maxBytes: number; fields: string[] },
): Promise<{ ok: true; formData: FormData } | { ok: false; error: "tooLarge" | "unreadable" }> {
  const read = await readUploadBody(request, options);
  return read.ok ? read : { ok: false, error: read.code };
}

export type FileCheck = { ok: true; contentType: DocumentFileType; extension: string } | { ok: false; error: "empty" | "tooLarge" | "type" };

export async function checkDocumentFile(bytes: Uint8Array, maxBytes: number): Promise<FileCheck> {
  const check = await checkStoredFile(bytes, maxBytes);
  if (check.ok) return { ok: true, contentType: check.file.contentType, extension: check.file.extension };
  return { ok: false, error: check.code === "wrongType" ? "type" : check.code };
}
