import type { MessageKey } from "../i18n/translate.ts";

/**
 * The one way a model says no: a code, never an HTTP status or a text. Each area declares what its codes mean in
 * a `RefusalTable` (kind and message); routes turn a refusal into a response with `refusalResponse`
 * (app/http/refusal.server.ts). See docs/decisions/013-refusal-protocol.md.
 */
export type MessageVars = Record<string, string | number>;

export type Refused<Code extends string> = {
  ok: false;
  code: Code;
  /** The form field the refusal is about, when the user can mend it there. */
  field?: string;
  vars?: MessageVars;
};

/** `{ ok: true, ...value }` or a refusal with one of the area's codes. */
export type Result<T extends object, Code extends string> = ({ ok: true } & T) | Refused<Code>;

export function refused<Code extends string>(code: Code, extra: { field?: string; vars?: MessageVars } = {}): Refused<Code> {
  return { ok: false, code, ...extra };
}

/**
 * What a refusal is, for the status a route answers with: invalid 400, forbidden 403, notFound 404, conflict 409,
 * gone 410, tooLarge 413, unsupported 415, tooMany 429 (a rate limit).
 */
export type RefusalKind = "invalid" | "forbidden" | "notFound" | "conflict" | "gone" | "tooLarge" | "unsupported" | "tooMany";

export interface RefusalMeaning {
  kind: RefusalKind;
  message: MessageKey;
  /** The field a code is always about (a taken e-mail address), when the model does not say it per refusal. */
  field?: string;
  /** Answered with the status page instead of on the form: the user has no business with this form at all. */
  page?: true;
}

export type RefusalTable<Code extends string> = Record<Code, RefusalMeaning>;
