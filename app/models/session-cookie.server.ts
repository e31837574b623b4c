import { runtime } from "../runtime.server.ts";
import { ABSOLUTE_LIFETIME_SECONDS, SESSION_COOKIE } from "./session.server.ts";

export function secure(request: Request): boolean {
  const env = runtime().env;
  if (env.NODE_ENV !== "production") return false;
  return new URL(request.url).protocol === "https:" || (env.PUBLIC_URL ?? "").startsWith("https:");
}

export function sessionCookie(request: Request, token: string): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${ABSOLUTE_LIFETIME_SECONDS}`,
    ...(secure(request) ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookie(request: Request): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure(request) ? ["Secure"] : [])].join("; ");
}

export const LANGUAGE_COOKIE = "lang";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The reader's language choice, kept a year; not a session, so it outlives signing out. */
export function languageCookie(request: Request, locale: "zh-CN" | "en"): string {
  return [`${LANGUAGE_COOKIE}=${locale}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${ONE_YEAR_SECONDS}`, ...(secure(request) ? ["Secure"] : [])].join("; ");
}
