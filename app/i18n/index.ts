import { useRouteLoaderData } from "@remix-run/react";
import { createTranslator, defaultLocale, type Locale, type Translate } from "./translate.ts";

export * from "./translate.ts";

export function useT(): Translate {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return createTranslator(data?.locale ?? defaultLocale);
}
