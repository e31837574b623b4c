import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { createTranslator } from "../i18n/translate.ts";
import { LARGEST_UPLOAD_BYTES } from "../domain/upload-limits.ts";

// The HTTP edge in front of Remix: requests no route should ever see are answered here, in Chinese, with a 4xx
// the browser actually receives — never a 500 or a stack trace.

const t = createTranslator();

export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const allow = ALLOWED_METHODS.join(", ");

/** The largest upload any form takes, plus the form around it. */
export const MAX_MULTIPART_BYTES = LARGEST_UPLOAD_BYTES + 256 * 1024;
/** Every other form: the longest texts are a few thousand characters. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** A refused body is read and thrown away up to this much, so the browser gets to read the answer. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

function plain(res: Response, status: number, text: string) {
  res.status(status).type("text/plain; charset=utf-8").send(text);
}

/** PUT, PATCH, DELETE, TRACE, OPTIONS…: no route takes them. */
export function onlyKnownMethods(): RequestHandler {
  return (req, res, next) => {
    if ((ALLOWED_METHODS as readonly string[]).includes(req.method)) return next();
    res.setHeader("Allow", allow);
    plain(res, 405, t("http.methodNotAllowed"));
  };
}

/**
 * Reads what is left of a request body and throws it away, so a client still sending (a browser uploading a file
 * too large) reaches the end and reads the answer instead of hanging; beyond the drain limit the socket is closed.
 */
export function drainRequest(req: Request) {
  if (req.complete || req.destroyed) return;
  let seen = 0;
  req.unpipe();
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * A body larger than any form may be is refused by its Content-Length before a byte of it is read (413), and every
 * answer sent while the body is still arriving drains the rest of it.
 */
export function limitBodies(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    res.once("finish", () => drainRequest(req));
    const length = Number(req.get("content-length") ?? 0);
    const multipart = (req.get("content-type") ?? "").toLowerCase().startsWith("multipart/");
    const max = multipart ? MAX_MULTIPART_BYTES : MAX_FORM_BYTES;
    if (Number.isFinite(length) && length > max) {
      // No "Connection: close": closing while the body still arrives resets the connection, and a browser then
      // shows a network error instead of this answer. The body is drained after the answer (above).
      plain(res, 413, t("http.tooLarge", { mb: Math.floor(max / 1024 / 1024) }));
      return;
    }
    next();
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page of its own (no React, no assets), so it can be sent whatever else is broken. */
export function errorPage(status: number, requestId: string): string {
  const client = status < 500;
  const title = t(client ? "http.badRequestTitle" : "http.errorTitle");
  const text = t(client ? "http.badRequestText" : "http.errorText", { id: requestId });
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · 产教通</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">${escapeHtml(t("error.backHome"))}</a></p></main></body></html>`;
}

/**
 * Express's last word: a Chinese page with the request id, never a stack trace. Errors Express itself marks as the
 * client's (a path that is not valid percent-encoding, `GET /%FF`) keep their 4xx.
 */
export function finalErrorHandler(log: Logger): ErrorRequestHandler {
  // Express knows an error handler by its four parameters, so the unused `_next` must stay.
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const declared = Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode);
    const status = declared >= 400 && declared < 500 ? declared : 500;
    const requestId = String(res.locals.requestId ?? "");
    if (status >= 500) log.error({ err: error, requestId, method: req.method }, "request failed");
    if (res.headersSent) {
      // Part of an answer is out already: all that is left is to end the connection.
      req.socket.destroy();
      return;
    }
    res.status(status).type("text/html; charset=utf-8").setHeader("Cache-Control", "no-store");
    res.send(errorPage(status, requestId));
  };
}

/**
 * Requests Node cannot parse at all (a 100 KB query string overflows the header limit) are answered with a short
 * Chinese text instead of Node's empty 431 or a silent close.
 */
export function answerClientErrors(server: Server) {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const overflow = error.code === "HPE_HEADER_OVERFLOW";
    const status = overflow ? "431 Request Header Fields Too Large" : "400 Bad Request";
    const body = Buffer.from(`${t(overflow ? "http.headersTooLarge" : "http.badRequest")}\n`, "utf8");
    // A HEAD request is answered with the headers alone: a body after them breaks the client's parser.
    const raw = (error as NodeJS.ErrnoException & { rawPacket?: Buffer }).rawPacket;
    const head = raw?.subarray(0, 5).toString("latin1") === "HEAD ";
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${head ? "" : body.toString("utf8")}`,
    );
  });
}
