import { appDb } from "../db.server.ts";
import { audit } from "./audit.server.ts";
import { hitRateLimit } from "./rate-limit.server.ts";

// Per client address across all authentication forms (login, registration, resets, invitations).
export const AUTH_IP_LIMIT = 30;
export const AUTH_IP_WINDOW_SECONDS = 10 * 60;

export async function authAttemptAllowed(ip: string, route: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const result = await hitRateLimit(appDb(), `auth-ip:${ip}`, AUTH_IP_LIMIT, AUTH_IP_WINDOW_SECONDS);
  if (!result.allowed && result.count === AUTH_IP_LIMIT + 1) {
    await audit(appDb(), { action: "auth.rate_limited", outcome: "denied", ip, detail: { route } });
  }
  return result;
}
