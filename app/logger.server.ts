import { pino, type Logger } from "pino";

// Keys that must never reach a log line, wherever they appear in a logged object.
const redactPaths = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "apiKey",
  "masterKey",
  "secret",
  "cookie",
  "authorization",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.apiKey",
  "*.masterKey",
  "*.secret",
  "*.cookie",
  "*.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      level,
      base: { service: "chanjiaotong" },
      redact: { paths: redactPaths, censor: "[已隐藏]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Written asynchronously so a log line never blocks a request; pino flushes what is pending on exit.
    pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
