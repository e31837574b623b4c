import { useRouteLoaderData } from "@remix-run/react";
import type { SiteSettings } from "../schemas/site-settings.ts";

/** The site's particulars as the root loader read them for this page (null inside an error page without data). */
export function useSiteSettings(): SiteSettings | null {
  const data = useRouteLoaderData("root") as { site?: SiteSettings } | undefined;
  return data?.site ?? null;
}
