import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import type { Notification } from "../../db/schema-matchmaking.ts";
import { createTranslator } from "../i18n/translate.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { runtime } from "../runtime.server.ts";
import { mailLink, mailOrigin, sendMail } from "./mailer.server.ts";

export type NotificationRecipient = { organizationId: string } | { userId: string };

export interface NotificationInput {
  /** A short machine name, e.g. "response.new", "order.confirmed"; the inbox can filter on it. */
  kind: string;
  /** Catalog keys; rendered in Chinese when the notification is created, so the inbox and the e-mail agree. */
  title: MessageKey;
  body?: MessageKey;
  params?: Record<string, string | number>;
  /** Path inside the platform, e.g. "/projects/<id>". */
  link?: string;
}

/**
 * Puts a notification in the recipient's inbox. Call inside the transaction of the change it reports, so
 * either both happen or neither; the e-mail follows after commit (deliverNotificationEmails).
 */
export async function notify(db: DB, recipient: NotificationRecipient, input: NotificationInput): Promise<void> {
  const t = createTranslator();
  await db
    .insertInto("notifications")
    .values({
      organization_id: "organizationId" in recipient ? recipient.organizationId : null,
      user_id: "userId" in recipient ? recipient.userId : null,
      kind: input.kind,
      title: t(input.title, input.params),
      body: input.body ? t(input.body, input.params) : "",
      link: input.link ?? null,
    })
    .execute();
}

/** Puts the same notification in every active platform administrator's inbox (same transaction rule as notify). */
export async function notifyPlatformAdmins(db: DB, input: NotificationInput): Promise<void> {
  const admins = await db.selectFrom("users").select("id").where("platform_role", "=", "platform_admin").where("status", "=", "active").execute();
  for (const admin of admins) await notify(db, { userId: admin.id }, input);
}

export interface InboxOwner {
  userId: string;
  organizationId: string | null;
}

function ownedBy(owner: InboxOwner) {
  return sql<boolean>`(user_id = ${owner.userId}${owner.organizationId ? sql` or organization_id = ${owner.organizationId}` : sql``})`;
}

export const INBOX_PAGE_SIZE = 30;

export async function listNotifications(
  db: DB,
  owner: InboxOwner,
  options: { page?: number; unreadOnly?: boolean } = {},
): Promise<{ items: Notification[]; total: number; unread: number }> {
  const page = Math.max(1, options.page ?? 1);
  let query = db.selectFrom("notifications").where(ownedBy(owner));
  if (options.unreadOnly) query = query.where("read_at", "is", null);
  const [items, counts] = await Promise.all([
    query
      .selectAll()
      .orderBy("id", "desc")
      .limit(INBOX_PAGE_SIZE)
      .offset((page - 1) * INBOX_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("notifications")
      .where(ownedBy(owner))
      .select([
        sql<number>`count(*)`.as("total"),
        sql<number>`count(*) filter (where read_at is null)`.as("unread"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: options.unreadOnly ? counts.unread : counts.total, unread: counts.unread };
}

export async function unreadCount(db: DB, owner: InboxOwner): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .where(ownedBy(owner))
    .where("read_at", "is", null)
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one notification (or, without an id, all of them) read; another inbox's ids match nothing. */
export async function markRead(db: DB, owner: InboxOwner, id?: number): Promise<number> {
  let query = db.updateTable("notifications").set({ read_at: sql`now()` }).where(ownedBy(owner)).where("read_at", "is", null);
  if (id !== undefined) query = query.where("id", "=", id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Opening a notification: marks it read and gives its link, as stored (a path of this site), or null when the
 * notification is not in this inbox or has no link.
 */
export async function openNotification(db: DB, owner: InboxOwner, id: number): Promise<string | null> {
  const row = await db
    .updateTable("notifications")
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where(ownedBy(owner))
    .where("id", "=", id)
    .returning("link")
    .executeTakeFirst();
  return row?.link ?? null;
}

const MAX_EMAIL_ATTEMPTS = 5;
/** How long a claimed notification is left to its sender before another run may take it (the sender died). */
export const EMAIL_CLAIM_SECONDS = 300;

/** The Message-ID of a notification's mail: the same on a resend, so a copy sent again after a crash is recognisable. */
export function notificationMessageId(id: number, publicUrl: string | undefined): string {
  const host = publicUrl ? new URL(publicUrl).hostname : "localhost";
  return `<notification-${id}@${host}>`;
}

/**
 * Sends the e-mails of new notifications to the recipients' active accounts, one notification at a time:
 * each is claimed (committed) before its mail goes out and marked after, so a crash re-sends at most the one
 * in flight, under the same Message-ID, once its claim runs out. Any number of instances can run this at once.
 */
export async function deliverNotificationEmails(
  db: DB,
  limit = 50,
  now: Date = new Date(),
): Promise<{ sent: number; skipped: number; failed: number }> {
  const { env } = runtime();
  const result = { sent: 0, skipped: 0, failed: 0 };
  // Links need the site's origin; with PORT=0 and no PUBLIC_URL it is known only once the server listens.
  if (!mailOrigin()) return result;
  const t = createTranslator();
  for (let i = 0; i < limit; i++) {
    const claimed = await sql<Notification>`
      update notifications
         set email_claimed_until = ${now}::timestamptz + make_interval(secs => ${EMAIL_CLAIM_SECONDS}),
             email_attempts = email_attempts + 1
       where id = (
         select id from notifications
          where email_status = 'pending' and (email_claimed_until is null or email_claimed_until <= ${now})
          order by id limit 1
          for update skip locked)
      returning *`.execute(db);
    const row = claimed.rows[0];
    if (!row) break;
    const recipients = await db
      .selectFrom("users")
      .select("email")
      .where("status", "=", "active")
      .where((eb) =>
        eb.or([
          ...(row.user_id ? [eb("id", "=", row.user_id)] : []),
          ...(row.organization_id ? [eb("organization_id", "=", row.organization_id)] : []),
        ]),
      )
      .execute();
    let status: "sent" | "skipped" | "failed" | "pending" = "skipped";
    if (recipients.length > 0) {
      const link = row.link ? mailLink(row.link) : null;
      const text = [row.body, link ? t("notifications.mail.link", { link }) : "", t("notifications.mail.footer")]
        .filter(Boolean)
        .join("\n\n");
      const messageId = notificationMessageId(Number(row.id), env.PUBLIC_URL);
      let delivered = 0;
      for (const { email } of recipients) {
        if ((await sendMail({ to: email, subject: `${t("app.name")}：${row.title}`, text, messageId })).delivered) delivered++;
      }
      // Without SMTP (development, tests) the mail goes to the dev-mail folder and counts as skipped.
      if (!env.SMTP_URL) status = "skipped";
      else if (delivered > 0) status = "sent";
      else status = row.email_attempts >= MAX_EMAIL_ATTEMPTS ? "failed" : "pending";
    }
    await db
      .updateTable("notifications")
      // A failed attempt is retried at the next run, not when the claim runs out.
      .set({ email_status: status, email_claimed_until: null })
      .where("id", "=", row.id)
      .execute();
    if (status === "sent") result.sent++;
    else if (status === "failed") result.failed++;
    else if (status === "skipped") result.skipped++;
    // A failed attempt is not retried within this run.
    if (status === "pending") break;
  }
  return result;
}
