import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import {
  INBOX_PAGE_SIZE,
  type InboxOwner,
  listNotifications,
  markRead,
  openNotification,
} from "~/models/notification.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { type Actor, requireActor } from "~/models/policy.server.ts";
import { inboxActionSchema, inboxFilterSchema } from "~/schemas/notification.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { Pagination } from "~/components/pagination.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("notifications.title")} · 产教通` }];

const ownerOf = (actor: Actor): InboxOwner => ({ userId: actor.user.id, organizationId: actor.user.organization_id });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const filter = inboxFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const inbox = await listNotifications(appDb(), ownerOf(actor), { page: filter.page, unreadOnly: !!filter.unread });
  return {
    unreadOnly: !!filter.unread,
    page: filter.page,
    pages: Math.max(1, Math.ceil(inbox.total / INBOX_PAGE_SIZE)),
    unread: inbox.unread,
    items: inbox.items.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      read: n.read_at !== null,
      at: formatDateTime(n.created_at),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = inboxActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ ok: false as const, message: "notifications.badRequest" as const }, { status: 400 });
  if (parsed.data.intent === "open") {
    // The link comes from the stored notification, never from the form: opening cannot be turned into a redirect elsewhere.
    const link = await openNotification(appDb(), ownerOf(actor), parsed.data.id);
    return redirect(link ? safeRedirect(link, "/notifications") : "/notifications");
  }
  const count = await markRead(appDb(), ownerOf(actor), parsed.data.intent === "read" ? parsed.data.id : undefined);
  return { ok: true as const, count, all: parsed.data.intent === "read-all" };
}

export default function Notifications() {
  const { items, unread, unreadOnly, page, pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), page: String(p) })}`;
  return (
    <section className="stack">
      <h1>{t("notifications.title")}</h1>
      <p className="muted">{t("notifications.intro")}</p>
      {result && !result.ok ? (
        <p role="alert" className="alert alert-error">
          {t(result.message)}
        </p>
      ) : null}
      {result?.ok ? (
        <p role="status" className="alert alert-ok">
          {result.all ? t("notifications.markedAllRead", { count: result.count }) : t("notifications.markedRead")}
        </p>
      ) : null}
      <div className="inline-form">
        <nav aria-label={t("notifications.title")} className="inline-form">
          <Link to="?" aria-current={unreadOnly ? undefined : "page"}>
            {t("notifications.filter.all")}
          </Link>
          <Link to="?unread=1" aria-current={unreadOnly ? "page" : undefined}>
            {t("notifications.filter.unread")}
          </Link>
        </nav>
        <span className="tag">{t("notifications.unreadCount", { count: unread })}</span>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="btn-secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="muted">{unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "card" : "card notification-unread"}>
              <h2 className="notification-title">
                {n.read ? null : <span className="tag">{t("notifications.unread")}</span>} {n.title}
              </h2>
              {n.body ? <p>{n.body}</p> : null}
              <p className="muted">
                {t("notifications.receivedAt")}：{n.at}
              </p>
              <div className="inline-form">
                {n.link ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="open" className="link-button" aria-label={t("notifications.openFor", { title: n.title })}>
                      {t("notifications.open")}
                    </button>
                  </Form>
                ) : null}
                {n.read ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="read"
                      className="link-button"
                      aria-label={t("notifications.markReadFor", { title: n.title })}
                    >
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <Pagination page={page} pageCount={pages} hrefFor={pageLink} label={t("notifications.pagination")} />
      ) : null}
    </section>
  );
}
