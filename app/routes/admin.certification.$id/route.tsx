import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge, DecisionHistory } from "~/components/certification.tsx";
import { ObjectionList } from "~/components/certification-objections.tsx";
import { FormAlert } from "~/components/form.tsx";
import { appDb } from "~/db.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { listFiles } from "~/models/certification/applications.server.ts";
import { certificateOfApplication, decisionsOf, noticeOf } from "~/models/certification/directory.server.ts";
import { listReviewers, reviewState } from "~/models/certification/reviews.server.ts";
import { getRubric, getType } from "~/models/certification/rubrics.server.ts";
import { objectionsOf } from "~/models/certification/objections.server.ts";
import { can, requirePermission } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { uuidParam } from "~/http/params.server.ts";
import { getOrganization } from "~/models/organization.server.ts";
import { REVIEWERS_PER_APPLICATION } from "~/models/certification/shared.server.ts";
import { reviewPageAction, staffApplication } from "./actions.server.ts";
import { EvidencePanel, ScoreComparison } from "./panels.tsx";
import { DecideForm, RevokeForm, ScoreForm } from "./forms.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `${data.organization.name} · ` : ""}${metaTranslator(matches)("certification.queue.title")} · 产教通` },
];

const doneMessages = {
  assigned: "certification.review.assignedOk",
  scored: "certification.review.scoredOk",
  decided: "certification.decide.done",
  issued: "certification.issue.done",
  revoked: "certification.revoke.done",
  objection: "certification.objections.handledOk",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const db = appDb();
  const application = await staffApplication(uuidParam(params));
  const [rubric, type, organization, files, decisions, notice, certificate, reviewers, objections] = await Promise.all([
    getRubric(db, application.rubric_id),
    getType(db, application.type_code),
    getOrganization(db, application.organization_id),
    listFiles(db, application.id),
    decisionsOf(db, application.id),
    noticeOf(db, application.id),
    certificateOfApplication(db, application.id),
    listReviewers(db),
    objectionsOf(db, application.id),
  ]);
  const frozen = application.frozen_evidence;
  const criteria = frozen?.criteria ?? rubric!.criteria;
  const reviews = await reviewState(db, application, actor.user.id, criteria);
  const isAdmin = can(actor, "certification:decide");
  const inReview = application.status === "submitted" || application.status === "under_review";
  const mine = reviews.reviews.find((r) => r.mine);
  const done = new URL(request.url).searchParams.get("done");
  return {
    application: {
      id: application.id,
      status: application.status,
      round: application.round,
      submittedAt: formatDateTime(application.submitted_at),
      decisionReason: application.decision_reason,
    },
    organization: { id: organization!.id, name: organization!.name, kind: organization!.kind, status: organization!.status },
    type: { name: type?.name ?? application.type_code },
    passMark: frozen?.passMark ?? rubric!.pass_mark,
    criteria,
    figures: (frozen?.platform ?? {}) as Record<string, number | null>,
    evidence: frozen?.applicant ?? application.evidence,
    files: files.map((f) => ({ id: f.id, criterionKey: f.criterionKey, fileName: f.fileName, sha256: f.sha256 })),
    reviews,
    reviewers: isAdmin ? reviewers.filter((r) => !reviews.reviews.some((x) => x.reviewerId === r.id)).map((r) => ({ id: r.id, label: `${r.name}（${r.email}）` })) : [],
    isAdmin,
    canClaim: inReview && !mine && reviews.reviews.length < REVIEWERS_PER_APPLICATION,
    canAssign: isAdmin && inReview && reviews.reviews.length < REVIEWERS_PER_APPLICATION,
    canScore: application.status === "under_review" && !!mine && !mine.submitted,
    canDecide: isAdmin && inReview,
    canIssue: isAdmin && application.status === "approved",
    openObjections: objections.filter((o) => o.status === "open").length,
    // Who objected, and how to reach them, is for administrators alone.
    objections: isAdmin
      ? objections.map((o) => ({
          id: o.id,
          name: o.objector_name,
          organization: o.objector_organization,
          contact: o.objector_contact,
          content: o.content,
          status: o.status,
          filedAt: formatDateTime(o.created_at),
          handlingNote: o.handling_note,
          handledAt: formatDateTime(o.handled_at),
          handledBy: o.handledByName,
        }))
      : null,
    noticeRunning: notice ? notice.ends_at.getTime() > Date.now() : false,
    notice: notice ? { start: formatDateTime(notice.starts_at), end: formatDateTime(notice.ends_at) } : null,
    certificate: certificate
      ? { id: certificate.id, number: certificate.number, issuedOn: certificate.issued_on, validUntil: certificate.valid_until, revokedAt: formatDateTime(certificate.revoked_at), revokeReason: certificate.revoke_reason }
      : null,
    decisions: decisions.map((d) => ({ ...d, at: formatDateTime(d.at) })),
    done: done && done in doneMessages ? doneMessages[done as keyof typeof doneMessages] : null,
  };
}

export const action = (args: ActionFunctionArgs) => reviewPageAction(args);

export default function CertificationReview() {
  const d = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const { reviews } = d;
  return (
    <article aria-labelledby="review-title" className="page-stack">
      <p>
        <Link to="/admin/certification">{t("certification.review.back")}</Link>
      </p>
      <h1 id="review-title">{t("certification.review.title", { organization: d.organization.name, type: d.type.name })}</h1>
      {d.done ? (
        <div className="alert alert-ok" role="status">
          {t(d.done)}
        </div>
      ) : null}
      {feedback?.formError ? <FormAlert feedback={feedback} /> : null}

      <section aria-labelledby="rv-status-title" className="card">
        <h2 id="rv-status-title">
          {t("certification.application.statusTitle")}：<ApplicationStatusBadge status={d.application.status} />
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("certification.application.organization")}</dt>
            <dd>
              <Link to={`/admin/organizations/${d.organization.id}`}>{d.organization.name}</Link>
            </dd>
          </div>
          <div>
            <dt>{t("certification.application.submittedAt")}</dt>
            <dd>{d.application.submittedAt || "—"}</dd>
          </div>
          {d.application.decisionReason ? (
            <div>
              <dt>{t("certification.application.reason")}</dt>
              <dd>{d.application.decisionReason}</dd>
            </div>
          ) : null}
        </dl>
        {d.notice ? <p>{t("certification.application.notice", { start: d.notice.start, end: d.notice.end })}</p> : null}
        {d.certificate ? (
          <p>
            <strong>
              {t("certification.application.certificate", { number: d.certificate.number, issuedOn: d.certificate.issuedOn, validUntil: d.certificate.validUntil })}
            </strong>
            {d.certificate.revokedAt ? ` · ${t("certification.applications.revoked", { reason: d.certificate.revokeReason ?? "" })}` : null}
          </p>
        ) : null}
      </section>

      <EvidencePanel criteria={d.criteria} evidence={d.evidence} files={d.files} figures={d.figures} />

      <section aria-labelledby="rv-reviewers-title" className="card">
        <h2 id="rv-reviewers-title">{t("certification.review.reviewers")}</h2>
        {reviews.reviews.length === 0 ? (
          <p className="muted">{t("certification.review.noReviewers")}</p>
        ) : (
          <ul>
            {reviews.reviews.map((r) => (
              <li key={r.reviewerId}>
                {r.reviewerName}
                {r.mine ? t("certification.review.you") : ""} · {t(r.submitted ? "certification.review.scored" : "certification.review.pending")}
                {r.mine && r.total !== null && !reviews.allIn ? ` · ${t("certification.review.yourScores", { total: r.total })}` : null}
              </li>
            ))}
          </ul>
        )}
        {!reviews.allIn && reviews.reviews.length > 0 ? <p className="muted">{t("certification.review.blind")}</p> : null}
        {d.canClaim ? (
          <Form method="post">
            <input type="hidden" name="intent" value="claim" />
            <button type="submit" className="btn-secondary">
              {t("certification.review.claim")}
            </button>
          </Form>
        ) : null}
        {d.canAssign && d.reviewers.length ? (
          <Form method="post" className="stack" aria-label={t("certification.review.assign")}>
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="assign-reviewer">{t("certification.review.reviewer")}</label>
              <select id="assign-reviewer" name="reviewerId">
                {d.reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit" className="btn-secondary">
                {t("certification.review.assignButton")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {d.canScore ? <ScoreForm criteria={d.criteria} /> : null}

      {reviews.comparison ? <ScoreComparison reviews={reviews} comparison={reviews.comparison} passMark={d.passMark} /> : null}

      {d.canDecide ? <DecideForm /> : null}

      {d.objections && (d.notice || d.objections.length) ? <ObjectionList objections={d.objections} canHandle={d.isAdmin} /> : null}

      {d.canIssue ? (
        <section aria-labelledby="rv-issue-title" className="card">
          <h2 id="rv-issue-title">{t("certification.issue.title")}</h2>
          <p className="muted">{t("certification.issue.hint")}</p>
          {d.openObjections ? <p className="alert alert-error">{t("certification.error.objectionsOpen")}</p> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="issue" />
            <button type="submit" disabled={d.noticeRunning || d.openObjections > 0} aria-disabled={d.noticeRunning || d.openObjections > 0 || undefined}>
              {t("certification.issue.button")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.isAdmin && d.certificate && !d.certificate.revokedAt ? <RevokeForm certificateId={d.certificate.id} /> : null}

      <DecisionHistory decisions={d.decisions} showActor />
    </article>
  );
}
