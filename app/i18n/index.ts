import { useRouteLoaderData } from "@remix-run/react";
import { createTranslator, defaultLocale, type Locale, type Translate } from "./translate.ts";

export * from "./translate.ts";

export function useT(): Translate {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return createTranslator(data?.locale ?? defaultLocale);
}

/** The translator for a route's `meta`: the reader's language, read from the root loader's data among the matches. */
export function metaTranslator(matches: ReadonlyArray<{ id: string; data?: unknown }>): Translate {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return createTranslator(root?.locale ?? defaultLocale);
}
