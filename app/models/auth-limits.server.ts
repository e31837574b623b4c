import { appDb } from "../db.server.ts";
import { runtime } from "../runtime.server.ts";
import { audit } from "./audit.server.ts";
import { hitRateLimit } from "./rate-limit.server.ts";

// Per client address across all authentication forms (login, registration, resets, invitations); the
// AUTH_IP_LIMIT setting (default 30) raises it where many people share one address.
export const AUTH_IP_WINDOW_SECONDS = 10 * 60;

export async function authAttemptAllowed(
  ip: string,
  route: string,
  now: Date = new Date(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const limit = runtime().env.AUTH_IP_LIMIT;
  const result = await hitRateLimit(appDb(), `auth-ip:${ip}`, limit, AUTH_IP_WINDOW_SECONDS, now);
  if (result.firstRefusal) {
    await audit(appDb(), { action: "auth.rate_limited", outcome: "denied", ip, detail: { route } });
  }
  return result;
}
