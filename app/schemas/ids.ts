import { z } from "zod";
import type { MessageKey } from "../i18n/translate.ts";

/**
 * Record ids are UUIDs. Anything else is "not found" (or a form error), checked here before it reaches SQL,
 * where it would be a cast error. One pattern for the whole app: any version, either case.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID_PATTERN.test(value);

/** A record id in a form or query, with the message shown when it is not one. */
export const uuidField = (message: MessageKey) => z.string({ message }).trim().regex(UUID_PATTERN, { message });
