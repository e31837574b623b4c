import type { Refused, RefusalKind, RefusalTable } from "../domain/refusal.ts";
import { createTranslator } from "../i18n/translate.ts";
import { fieldError, formError } from "../utils/forms.server.ts";

export const statusOfRefusal: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  gone: 410,
  tooLarge: 413,
  unsupported: 415,
  tooMany: 429,
};

/**
 * An action's answer to a model's refusal: the area's message for the code, on the form (or on its field) with
 * the status its kind says, and what the user typed sent back. A thing that is not there (or not theirs to see)
 * is the 404 page, thrown, so no form is shown about it; so is a refusal whose meaning says `page`.
 */
export function refusalResponse<Code extends string>(formData: FormData, table: RefusalTable<Code>, refusal: Refused<Code>) {
  const meaning = table[refusal.code];
  const status = statusOfRefusal[meaning.kind];
  if (meaning.kind === "notFound" || meaning.page) throw refusalThrown(table, refusal);
  const field = refusal.field ?? meaning.field;
  if (field) return fieldError(formData, field, meaning.message, refusal.vars, status);
  return formError(formData, meaning.message, status, refusal.vars);
}

/** A loader's answer to a refusal: the message as a thrown response of the kind's status. */
export function refusalThrown<Code extends string>(table: RefusalTable<Code>, refusal: Refused<Code>): Response {
  const meaning = table[refusal.code];
  return new Response(createTranslator()(meaning.message, refusal.vars), { status: statusOfRefusal[meaning.kind] });
}
