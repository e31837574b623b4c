import type { RequestHandler } from "express";
import { SESSION_COOKIE } from "../models/session.server.ts";

const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);

/**
 * Whatever is answered to a request that carries a session cookie may be made for that person (a page, a
 * `.data` response, a file), so no shared cache or browser history may keep it. A route that sets its own
 * Cache-Control (a public file) still wins, since Remix writes its headers after this one.
 */
export const privateResponses: RequestHandler = (req, res, next) => {
  if (sessionCookie.test(req.headers.cookie ?? "")) {
    res.setHeader("Cache-Control", "private, no-store");
    res.vary("Cookie");
  }
  next();
};

/** Invitation and password-reset links carry a secret in their path: the log keeps everything else. */
export function maskTokenPaths(path: string): string {
  return path.replace(/^\/(invite|reset-password)\/[^/]+/, "/$1/[已隐藏]");
}
