import { runtime } from "../runtime.server.ts";
import { ABSOLUTE_LIFETIME_SECONDS, SESSION_COOKIE } from "./session.server.ts";

function secure(request: Request): boolean {
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
