import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SchemaForm, useSchemaForm } from "~/components/form.tsx";
import { kindLabel } from "~/components/listing-details.tsx";
import { ResponseFacts, Timeline } from "~/components/matchmaking.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { notFound, requireActor } from "~/models/policy.server.ts";
import {
  decideResponse,
  getResponseForViewer,
  responseRefusals,
  timelineOf,
  withdrawResponse,
  type PartyContact,
} from "~/models/matchmaking/responses.server.ts";
import { Fact } from "~/components/fact.tsx";
import { refusalResponse } from "~/http/refusal.server.ts";
import { responseActionSchema, responseDecisionSchema, type ResponseDetails } from "~/schemas/response.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `${data.listing.title} · ` : ""}${metaTranslator(matches)("responses.detail.title")} · 产教通` },
];

const notices = ["sent", "accepted", "declined", "withdrawn"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const view = await getResponseForViewer(db, actor, uuidParam(params));
  if (!view) throw notFound();
  const timeline = await timelineOf(db, "response", view.response.id);
  const notice = notices.find((n) => n === new URL(request.url).searchParams.get("notice")) ?? null;
  const r = view.response;
  return {
    role: view.role,
    notice,
    response: {
      id: r.id,
      status: r.status,
      message: r.message,
      details: r.details as ResponseDetails,
      decisionReason: r.decision_reason,
      decidedAt: formatDateTime(r.decided_at),
      decidedBy: view.decidedByName,
      createdAt: formatDateTime(r.created_at),
      responderUser: view.responderUserName,
    },
    listing: view.listing,
    owner: view.owner,
    responder: view.responder,
    projectId: view.projectId,
    contacts: view.contacts,
    timeline: timeline.map((e) => ({ ...e, at: formatDateTime(e.at) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const formData = await request.formData();
  const parsed = parseForm(responseActionSchema, formData);
  if (!parsed.ok) {
    // Without a readable response there is nothing to correct: do not reveal whether the id exists.
    if (!(await getResponseForViewer(db, actor, uuidParam(params)))) throw notFound();
    return invalid(parsed.failure);
  }
  const id = uuidParam(params);
  const input = parsed.data;
  const result = input.intent === "withdraw" ? await withdrawResponse(db, actor, id) : await decideResponse(db, actor, id, input);
  if (!result.ok) return refusalResponse(formData, responseRefusals, result);
  const notice = input.intent === "withdraw" ? "withdrawn" : input.intent === "accept" ? "accepted" : "declined";
  return redirect(`/responses/${id}?notice=${notice}`);
}

function DecisionForm() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  // The intent comes from the button pressed; the browser checks the reason only.
  const form = useSchemaForm(responseDecisionSchema.pick({ reason: true }), { feedback });
  return (
    <section aria-labelledby="decide-title" className="card">
      <h2 id="decide-title">{t("responses.decide.title")}</h2>
      <p className="muted">{t("responses.decide.hint")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="decide-title">
        <Field form={form} name="reason" control="textarea" label={t("responses.decide.reason")} hint={t("responses.decide.reasonHint")} required />
        <div className="actions">
          <button type="submit" name="intent" value="accept">
            {t("responses.decide.accept")}
          </button>
          <button type="submit" name="intent" value="decline" className="btn-danger">
            {t("responses.decide.decline")}
          </button>
        </div>
      </SchemaForm>
    </section>
  );
}

function WithdrawForm() {
  const t = useT();
  const feedback = useActionData<typeof action>();
  return (
    <section aria-labelledby="withdraw-title" className="card">
      <h2 id="withdraw-title">{t("responses.withdraw.title")}</h2>
      <p className="muted">{t("responses.withdraw.hint")}</p>
      <FormAlert feedback={feedback} />
      <Form method="post">
        <button type="submit" name="intent" value="withdraw" className="btn-secondary">
          {t("responses.withdraw.button")}
        </button>
      </Form>
    </section>
  );
}

function PartyContactFacts({ title, contact }: { title: string; contact: PartyContact }) {
  const t = useT();
  const none = <span className="muted">{t("org.notGiven")}</span>;
  return (
    <>
      <h3>{title}</h3>
      <dl className="facts">
        <Fact label={t("org.contactName")}>{contact.name ?? none}</Fact>
        <Fact label={t("org.contactPhone")}>{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : none}</Fact>
        <Fact label={t("org.contactEmail")}>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : none}</Fact>
      </dl>
    </>
  );
}

export default function ResponseDetail() {
  const { role, notice, response, listing, owner, responder, projectId, contacts, timeline } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const pending = response.status === "pending";
  return (
    <article aria-labelledby="response-title" className="page-stack">
      <header>
        <p>
          <span className="tag">{kindLabel(t, listing.kind)}</span>{" "}
          <span className={`status status-response-${response.status}`}>{t(`responses.status.${response.status}`)}</span>
        </p>
        <h1 id="response-title">{t("responses.detail.heading", { listing: listing.title })}</h1>
        <p className="muted">{t(`responses.role.${role}`)}</p>
      </header>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(`responses.notice.${notice}`)}
        </div>
      ) : null}
      {feedback && !feedback.ok && !pending ? <FormAlert feedback={feedback} /> : null}
      {projectId ? (
        <p className="alert alert-ok">
          {t("responses.detail.projectCreated")} <Link to={`/projects/${projectId}`}>{t("responses.detail.openProject")}</Link>
        </p>
      ) : null}

      <section aria-labelledby="response-facts" className="card">
        <h2 id="response-facts">{t("responses.detail.facts")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("responses.detail.listing")}</dt>
            <dd>
              {listing.status === "published" ? <Link to={`/l/${listing.id}`}>{listing.title}</Link> : listing.title}
            </dd>
          </div>
          <div>
            <dt>{t("responses.col.owner")}</dt>
            <dd>{owner.name}</dd>
          </div>
          <div>
            <dt>{t("responses.col.responder")}</dt>
            <dd>
              {responder.name}
              {response.responderUser ? `（${response.responderUser}）` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("responses.col.createdAt")}</dt>
            <dd>{response.createdAt}</dd>
          </div>
          {response.decisionReason ? (
            <div>
              <dt>{t(response.status === "accepted" ? "responses.detail.acceptReason" : "responses.detail.declineReason")}</dt>
              <dd className="preserve-lines">{response.decisionReason}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="response-contacts" className="card">
        <h2 id="response-contacts">{t("responses.contacts.title")}</h2>
        {contacts ? (
          <>
            <p className="muted">{t("responses.contacts.hint")}</p>
            <PartyContactFacts title={t("responses.contacts.ownerTitle", { name: owner.name })} contact={contacts.owner} />
            <PartyContactFacts title={t("responses.contacts.responderTitle", { name: responder.name })} contact={contacts.responder} />
          </>
        ) : (
          <p className="muted">{t(pending ? "responses.contacts.afterAccept" : "responses.contacts.notAccepted")}</p>
        )}
      </section>

      <section aria-labelledby="response-message" className="card">
        <h2 id="response-message">{t("responses.field.message")}</h2>
        <p className="preserve-lines">{response.message}</p>
        <ResponseFacts kind={listing.kind} details={response.details} />
      </section>

      {pending && role === "owner" ? <DecisionForm /> : null}
      {pending && role === "responder" ? <WithdrawForm /> : null}
      {role === "staff" ? <p className="muted">{t("responses.detail.staffReadOnly")}</p> : null}

      <Timeline entries={timeline} subject="response" />
      <p>
        <Link to={role === "staff" ? "/admin" : `/responses?tab=${role === "owner" ? "incoming" : "outgoing"}`}>{t("responses.detail.back")}</Link>
      </p>
    </article>
  );
}
