import type { Refused, RefusalTable } from "../../app/domain/refusal.ts";
import { statusOfRefusal } from "../../app/http/refusal.server.ts";
import type { MessageKey } from "../../app/i18n/translate.ts";

export type Answered<Code extends string> = Refused<Code> & { status: number; message: MessageKey };

/**
 * A model's answer as its route reads it: a refusal gains the status, message and field its area's table gives
 * its code, so a test says what the person is told; an answer that is no refusal comes back as it is.
 */
export function answered<Code extends string, T extends { ok: true }>(table: RefusalTable<Code>, result: T | Refused<Code>): T | Answered<Code> {
  if (result.ok) return result;
  const meaning = table[result.code];
  const field = result.field ?? meaning.field;
  return { ...result, status: statusOfRefusal[meaning.kind], message: meaning.message, ...(field ? { field } : {}) };
}
