import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { unpackMessage } from "../../app/i18n/translate.ts";
import { zhCN } from "../../app/i18n/zh-CN.ts";

// Shared material for the property-based form-schema tests (tests/unit/*-schemas.test.ts): what a hostile or
// broken client might post, and the one promise every schema keeps about it.

/** Names that live on Object.prototype (or are special to it), sent as form fields or values. */
export const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"] as const;

/** Strings of every kind: ASCII, binary (control characters, lone surrogates), graphemes (emoji, CJK, combining marks). */
export const unicodeStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

/** Far beyond any field's length limit. */
export const hugeStrings = fc.string({ minLength: 2_000, maxLength: 20_000 });

/** Numbers as a form post carries them, including the ones that parse strangely. */
export const numbersAsStrings = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom("0", "-0", "-1", "1.5", "12.5", "1e3", "1e309", "NaN", "Infinity", "0x10", "1,234.56", "٣", "５", "9".repeat(40)),
);

/** Strings that mean something to JavaScript, SQL, HTML or a sloppy parser. */
export const trickyStrings = fc.constantFrom(
  ...prototypeKeys,
  "",
  " ",
  " \n\t ",
  "\u0000",
  "\u0000\u0000驳回原因",
  "null",
  "undefined",
  "true",
  "false",
  "on",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "2026-02-30",
  "9999-99-99",
);

/** Only strings (what FormData and URLs carry): all of the above, plus a form's own interesting strings. */
export function hostileStrings(extras: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(unicodeStrings, hugeStrings, trickyStrings, numbersAsStrings, ...(extras.length ? [fc.constantFrom(...extras)] : []));
}

/** Repeated fields arrive as arrays. */
export const hostileArrays = fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 20 })), { maxLength: 5 });

/**
 * What a hostile or broken client might send for one form field: all of the above, numbers, booleans, null,
 * undefined and nested objects, plus `extras`: a schema's own interesting strings (its enum values, formats
 * near the edge) or arbitraries (e-mail addresses, UUIDs, dates).
 */
export function hostileValue(extras: ReadonlyArray<string | fc.Arbitrary<unknown>> = []): fc.Arbitrary<unknown> {
  const strings = extras.filter((e): e is string => typeof e === "string");
  const arbitraries = extras.filter((e): e is fc.Arbitrary<unknown> => typeof e !== "string");
  return fc.oneof(
    unicodeStrings,
    hugeStrings,
    hostileArrays,
    trickyStrings,
    numbersAsStrings,
    ...(strings.length ? [fc.constantFrom(...strings)] : []),
    ...arbitraries,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.object({ maxDepth: 2 }),
  );
}

/**
 * A form object with any of `fields`, an unknown field ("extra") and prototype keys as own properties;
 * sometimes without a prototype at all. `extras` as for hostileValue.
 */
export function hostileInput(fields: readonly string[], extras: ReadonlyArray<string | fc.Arbitrary<unknown>> = []) {
  const value = hostileValue(extras);
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...fields, "extra", ...prototypeKeys), value), { maxLength: 10 }),
      fc.subarray([...prototypeKeys]),
      value,
      // Now and then no prototype at all (the schemas refuse those at once, so not so often that deeper checks go short).
      fc.oneof({ arbitrary: fc.constant(true), weight: 1 }, { arbitrary: fc.constant(false), weight: 9 }),
    )
    .map(([entries, protoKeys, protoValue, nullPrototype]) => {
      const input: Record<string, unknown> = nullPrototype ? Object.create(null) : {};
      const define = (key: string, v: unknown) => Object.defineProperty(input, key, { value: v, enumerable: true, writable: true, configurable: true });
      for (const [key, v] of entries) define(key, v);
      for (const key of protoKeys) define(key, protoValue);
      return input;
    });
}

/** Things that are not a form object at all. */
export const notFormObjects: unknown[] = [null, undefined, "text", 42, [], [{}], Object.create(null)];

/**
 * A key of the message catalog itself (isMessageKey alone also accepts inherited names such as "toString"), bare or
 * with its variables packed by keyWithVars: every {placeholder} of its text must be given, or the reader would see it.
 */
export function isCatalogKey(message: string): boolean {
  const unpacked = unpackMessage(message);
  if (!unpacked) return false;
  const placeholders = [...zhCN[unpacked.key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return placeholders.every((name) => name in unpacked.vars);
}

/** The messages of a failed parse, none for a successful one. */
export function messagesOf(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => issue.message);
}

/**
 * Never throws; either parses or answers only with message-catalog keys (and, with `alsoRequire`, keys that pass
 * that stricter test too). Returns the result for further checks.
 */
export function expectParsesOrNamesCatalogKeys<S extends z.ZodType>(schema: S, input: unknown, alsoRequire?: (message: string) => boolean) {
  const result = schema.safeParse(input) as z.ZodSafeParseResult<z.output<S>>;
  if (!result.success) {
    for (const issue of result.error.issues) {
      const ok = isCatalogKey(issue.message) && (alsoRequire?.(issue.message) ?? true);
      expect(ok, `${issue.path.join(".")}: ${issue.message}`).toBe(true);
    }
  }
  return result;
}

/** The property: hostile objects with these fields never make the schema throw or answer with anything but catalog keys. */
export function propertyNeverThrows(
  schema: z.ZodType,
  fields: readonly string[],
  options: { numRuns?: number; extras?: ReadonlyArray<string | fc.Arbitrary<unknown>> } = {},
) {
  fc.assert(
    fc.property(hostileInput(fields, options.extras), (input) => void expectParsesOrNamesCatalogKeys(schema, input)),
    { numRuns: options.numRuns ?? 300 },
  );
}

/** A schema for a form refuses, without throwing, anything that is not a form object. */
export function expectRefusesNonObjects(schema: z.ZodType) {
  for (const input of notFormObjects) expect(schema.safeParse(input).success, JSON.stringify(input) ?? String(input)).toBe(false);
}

/** For each named schema, a describe with both promises above: the property, and the refusal of non-objects. */
export function describeHostileInput(
  schemas: Record<string, z.ZodType>,
  fields: readonly string[],
  options: { numRuns?: number; extras?: ReadonlyArray<string | fc.Arbitrary<unknown>> } = {},
) {
  describe.each(Object.entries(schemas))("%s with hostile input", (_name, schema) => {
    it("never throws and either parses or answers only with catalog keys", () => {
      propertyNeverThrows(schema, fields, options);
    });

    it("refuses, without throwing, anything that is not a form object", () => {
      expectRefusesNonObjects(schema);
    });
  });
}
