import type { NextFunction, Request, Response } from "express";

export function contentSecurityPolicy(nonce: string, production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${production ? "" : " 'unsafe-eval'"}`,
    // ECharts and React set style attributes; no inline <style> or <script> without the nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: { production: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = res.locals.cspNonce as string;
    // Vite's dev server injects scripts of its own; the policy is enforced on the built app.
    res.setHeader(
      options.production ? "Content-Security-Policy" : "Content-Security-Policy-Report-Only",
      contentSecurityPolicy(nonce, options.production),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every state-changing request: a browser always sends Origin (or at least
 * Sec-Fetch-Site) on a cross-site POST, and SameSite=Lax keeps the session cookie off it as well.
 */
export function refuseCrossOriginWrites(options: { publicUrl?: string }) {
  const allowed = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const crossOrigin =
      (origin !== undefined && origin !== ownOrigin && origin !== allowed) ||
      (origin === undefined && fetchSite === "cross-site");
    if (crossOrigin) {
      res.status(403).type("text/plain; charset=utf-8").send("跨站请求已被拒绝 / cross-origin request refused");
      return;
    }
    next();
  };
}
