import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process.ts";
import { smtpSink } from "../support/smtp-sink.ts";

// A real SMTP server on loopback receives what the app sends; no mock of the mail path.
describe("e-mail through SMTP", () => {
  const smtp = smtpSink();
  const { received } = smtp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-smtp-"));
  let server: RunningServer;

  beforeAll(async () => {
    const smtpUrl = await smtp.listen();
    server = await startServer({
      DATA_DIR: tmp,
      DEMO_PASSWORD: "Demo-Pass-2026!",
      SMTP_URL: smtpUrl,
      MAIL_FROM: "产教通 <noreply@cjt-demo.cn>",
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await smtp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("sends the password-reset link in a Chinese mail, and nothing to an unknown address", async () => {
    const post = (email: string) =>
      fetch(`${server.url}/forgot-password`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
        body: new URLSearchParams({ email }),
      });
    const known = await post("zhijiao@cjt-demo.cn");
    const unknown = await post("nobody-at-all@cjt-demo.cn");
    expect(known.status).toBe(unknown.status);

    // The notification job mails the demo data's inbox entries through the same server: pick the reset mails.
    const resets = () => received.filter((r) => decodeMime(r.raw).includes("/reset-password/"));
    const deadline = Date.now() + 30_000;
    while (resets().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
    expect(resets()).toHaveLength(1);
    expect(received.flatMap((r) => r.to)).not.toContain("nobody-at-all@cjt-demo.cn");
    const [reset] = resets();
    expect(reset.to).toEqual(["zhijiao@cjt-demo.cn"]);
    expect(reset.from).toBe("noreply@cjt-demo.cn");
    const decoded = decodeMime(reset.raw);
    const link = /http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]+/.exec(decoded)?.[0];
    expect(link).toBeTruthy();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("新密码");
    // Notifications reach the members of the organisations they concern by mail as well.
    const deadlineNotices = Date.now() + 60_000;
    while (!received.some((r) => decodeMime(r.raw).includes("查看详情：")) && Date.now() < deadlineNotices) await new Promise((r) => setTimeout(r, 500));
    expect(received.some((r) => decodeMime(r.raw).includes("查看详情："))).toBe(true);
    // No copy is left in the development mailbox when SMTP is configured.
    expect(fs.existsSync(path.join(tmp, "dev-mail"))).toBe(false);
  });
});

/** Decodes the quoted-printable or base64 text parts of a raw message, enough to find a link. */
function decodeMime(raw: string): string {
  const parts = [raw];
  for (const match of raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)) {
    parts.push(Buffer.from(match[1].replace(/\s+/g, ""), "base64").toString("utf8"));
  }
  const qp = raw
    .replace(/=\r?\n/g, "")
    .replace(/(?:=[0-9A-F]{2})+/gi, (m) => Buffer.from(m.split("=").slice(1).map((h) => parseInt(h, 16))).toString("utf8"));
  parts.push(qp);
  return parts.join("\n");
}
