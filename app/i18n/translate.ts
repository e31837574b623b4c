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

/** A message the server sent as a key (a field error): its text, or the string itself when it is no key. */
export function messageOrText(t: Translate, key: string, vars?: Record<string, string | number>): string {
  return isMessageKey(key) ? t(key, vars) : key;
}
