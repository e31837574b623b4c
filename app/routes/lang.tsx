import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { languageSchema } from "~/schemas/language.ts";
import { languageCookie } from "~/models/session-cookie.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";


/** The footer's language switch: remembers the choice in a cookie and goes back to the page it was pressed on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = languageSchema.parse(Object.fromEntries(await request.formData()));
  return redirect(safeRedirect(form.redirectTo), { headers: { "Set-Cookie": languageCookie(request, form.locale) } });
}

export const loader = () => redirect("/");
