import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import type { StoredFileRefusal } from "../models/stored-file.server.ts";
import { refusalResponse } from "./refusal.server.ts";

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
): Promise<Result<{ formData: FormData }, "tooLarge" | "unreadable">> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes + FORM_OVERHEAD_BYTES) return refused("tooLarge");
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: options.maxBytes, filter: ({ name }) => options.fields.includes(name) }),
    );
    return { ok: true, formData };
  } catch (error) {
    return refused(error instanceof MaxPartSizeExceededError ? "tooLarge" : "unreadable");
  }
}

/** The file a form sent: its name as the browser gave it and its bytes (not yet checked). */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * An upload form's body: its fields and the chosen file, or the form's answer when the body is too large, does
 * not parse or holds no file. `refusals` is the form's table (its messages and statuses); `values` are echoed
 * back when the body could not be read at all (e.g. the intent, so the page knows which form it was).
 */
export async function receiveUpload(
  request: Request,
  options: {
    maxBytes: number;
    fields: string[];
    refusals: RefusalTable<StoredFileRefusal>;
    fileField?: string;
    values?: Record<string, string>;
  },
) {
  const fileField = options.fileField ?? "file";
  const read = await readUpload(request, { maxBytes: options.maxBytes, fields: [fileField, ...options.fields] });
  if (!read.ok) {
    const echoed = new FormData();
    for (const [name, value] of Object.entries(options.values ?? {})) echoed.set(name, value);
    return { ok: false as const, answer: refusalResponse(echoed, options.refusals, read) };
  }
  const file = read.formData.get(fileField);
  if (!file || typeof file === "string" || file.size === 0) {
    return { ok: false as const, answer: refusalResponse(read.formData, options.refusals, refused("empty")) };
  }
  const received: ReceivedFile = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  return { ok: true as const, formData: read.formData, file: received };
}
