import { enMessages, zhCN, type MessageKey } from "./zh-CN.ts";

export type Locale = "zh-CN" | "en";
export const defaultLocale: Locale = "zh-CN";
export type { MessageKey };

const catalogs: Record<Locale, Partial<Record<MessageKey, string>>> = { "zh-CN": zhCN, en: enMessages };

/** The reader's language, from the `lang` cookie the language switch sets. */
export function localeFromCookie(cookie: string | null): Locale {
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookie ?? "") ? "en" : defaultLocale;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function createTranslator(locale: Locale = defaultLocale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const template = catalog[key] ?? zhCN[key] ?? key;
    return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : template;
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/**
 * The label of a value the type system cannot vouch for (a code stored as text, a key built at run time): its
 * catalog entry `prefix.value`, or the value itself when the catalog has none — never a raw key.
 */
export function labelFor(t: Translate, prefix: string, value: string, vars?: Record<string, string | number>): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key, vars) : value;
}

/**
 * A catalog key with its variables packed into one string ("validation.tooLongMax?max=80"), for the places that carry
 * only a string from the schema to the page: zod issue messages, sent as field errors and shown in either language.
 */
export function keyWithVars(key: MessageKey, vars: Record<string, string | number>): string {
  return `${key}?${new URLSearchParams(Object.entries(vars).map(([name, value]) => [name, String(value)]))}`;
}

/** The key and variables of a message made by keyWithVars (or of a bare key); null when it names no catalog entry. */
export function unpackMessage(message: string): { key: MessageKey; vars: Record<string, string> } | null {
  const split = message.indexOf("?");
  const key = split > 0 ? message.slice(0, split) : message;
  if (!Object.hasOwn(zhCN, key)) return null;
  return { key: key as MessageKey, vars: split > 0 ? Object.fromEntries(new URLSearchParams(message.slice(split + 1))) : {} };
}

/** A message the server sent as a key (a field error), with or without packed variables: its text, or the string itself when it is no key. */
export function messageOrText(t: Translate, message: string, vars?: Record<string, string | number>): string {
  const unpacked = unpackMessage(message);
  return unpacked ? t(unpacked.key, { ...unpacked.vars, ...vars }) : message;
}
