import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { runtime } from "../runtime.server.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID (e.g. one per notification), so a copy sent again is recognisable. */
  messageId?: string;
}

let transporter: Transporter | undefined;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it, outside production, the message is written to the
 * log and to DATA_DIR/dev-mail/ (links included) so a developer or a browser test can follow it; in
 * production nothing with a token is ever logged.
 */
export async function sendMail(message: MailMessage): Promise<{ delivered: boolean }> {
  const { env, log } = runtime();
  if (env.SMTP_URL) {
    transporter ??= createTransport(env.SMTP_URL);
    try {
      await transporter.sendMail({ from: env.MAIL_FROM, ...message });
      return { delivered: true };
    } catch (error) {
      log.error({ err: (error as Error).message, subject: message.subject }, "sending mail failed");
      return { delivered: false };
    }
  }
  if (env.NODE_ENV === "production") {
    log.warn({ subject: message.subject }, "SMTP_URL is not set; mail not sent");
    return { delivered: false };
  }
  const dir = path.join(env.dataDir, "dev-mail");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${message.to.replace(/[^\w.@-]/g, "_")}.json`);
  fs.writeFileSync(file, JSON.stringify(message, null, 2));
  log.info({ mail: message }, "development mail (not sent)");
  return { delivered: false };
}

/**
 * Absolute link for e-mails, from PUBLIC_URL alone: never from the request's Host or X-Forwarded-Host, which
 * the sender chooses (a reset link to evil.example). Without PUBLIC_URL (allowed outside production,
 * see env.server.ts) the link points at this machine's own port.
 */
export function mailLink(pathname: string): string {
  const origin = mailOrigin();
  if (!origin) throw new Error("mail link before the server listens (PORT=0 without PUBLIC_URL)");
  return new URL(pathname, origin).toString();
}

/** The origin of mail links; undefined while it is not known yet (PORT=0, PUBLIC_URL unset, not listening). */
export function mailOrigin(): string | undefined {
  const { env, listenPort } = runtime();
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const port = listenPort ?? env.PORT;
  return port ? `http://localhost:${port}` : undefined;
}
