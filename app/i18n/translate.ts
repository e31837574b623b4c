import { enMessages, zhCN, type MessageKey } from "./zh-CN.ts";

export type Locale = "zh-CN" | "en";
export const defaultLocale: Locale = "zh-CN";
export type { MessageKey };

const catalogs: Record<Locale, Partial<Record<MessageKey, string>>> = { "zh-CN": zhCN, en: enMessages };

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
