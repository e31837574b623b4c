import type { z } from "zod";
import { data } from "@remix-run/node";
import { keyWithVars, type MessageKey } from "../i18n/translate.ts";

export type FieldErrors = Record<string, string>;

export interface FormFailure {
  fieldErrors: FieldErrors;
  formError?: string;
  /** What the user typed, sent back so nothing is lost (passwords excluded). */
  values: Record<string, string | string[]>;
}

const neverEcho = /password/i;

export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (neverEcho.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** The first message per field, as catalog keys. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; failure: FormFailure } {
  const values = formValues(formData);
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    input[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, failure: { fieldErrors: fieldErrorsOf(result.error), values } };
}

/** A 400 answer (or the status given) that re-renders the form with its values and messages. */
export function invalid(failure: FormFailure, status = 400) {
  return data({ ok: false as const, ...failure }, { status });
}

type MessageVars = Record<string, string | number>;

/** The message sent to the form: its key, with any variables packed in, so the page renders it in the reader's language. */
const messageText = (message: MessageKey, vars?: MessageVars): string => (vars ? keyWithVars(message, vars) : message);

export function fieldError(formData: FormData, field: string, message: MessageKey, vars?: MessageVars, status = 400) {
  return invalid({ fieldErrors: { [field]: messageText(message, vars) }, values: formValues(formData) }, status);
}

export function formError(formData: FormData, message: MessageKey, status = 400, vars?: MessageVars) {
  return data({ ok: false as const, fieldErrors: {}, formError: messageText(message, vars), values: formValues(formData) }, { status });
}
