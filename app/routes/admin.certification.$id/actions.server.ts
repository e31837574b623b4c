import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Permission } from "~/domain/permissions.ts";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { getSubmittedApplication, type ApplicationRow } from "~/models/certification/applications.server.ts";
import { decide, issueCertificate, revokeCertificate } from "~/models/certification/certificates.server.ts";
import { certificateOfApplication } from "~/models/certification/directory.server.ts";
import { handleObjection } from "~/models/certification/objections.server.ts";
import { assignReviewer, submitReview } from "~/models/certification/reviews.server.ts";
import { getRubric } from "~/models/certification/rubrics.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { can, forbidden, notFound, requirePermission, type Actor } from "~/models/policy.server.ts";
import { assignSchema, commentField, decisionSchema, handleObjectionSchema, reviewSchema, revokeSchema, scoreField } from "~/schemas/certification.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

/** A submitted application for staff; a draft or an unknown id is 404. */
export async function staffApplication(id: string): Promise<ApplicationRow> {
  const application = await getSubmittedApplication(appDb(), id);
  if (!application) throw notFound();
  return application;
}

const intents = ["claim", "assign", "review", "approve", "reject", "return", "issue", "objection", "revoke"] as const;
type Intent = (typeof intents)[number];
const intentSchema = z.object({ intent: z.enum(intents) });

/** What each intent needs beyond the page's own staff:review: reviewers claim and score, administrators decide. */
const permissionFor: Record<Intent, Permission> = {
  claim: "staff:review",
  review: "staff:review",
  assign: "certification:decide",
  approve: "certification:decide",
  reject: "certification:decide",
  return: "certification:decide",
  issue: "certification:decide",
  objection: "certification:decide",
  revoke: "certification:decide",
};

interface Step {
  actor: Actor;
  application: ApplicationRow;
  formData: FormData;
  meta: { ip: string | null | undefined };
  intent: Intent;
}

const done = (application: ApplicationRow, what: string) => redirect(`/admin/certification/${application.id}?done=${what}`);

async function assign({ actor, application, formData, meta, intent }: Step) {
  let reviewerId = actor.user.id;
  if (intent === "assign") {
    const parsed = parseForm(assignSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    reviewerId = parsed.data.reviewerId;
  }
  const result = await assignReviewer(appDb(), actor, application.id, reviewerId, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "assigned");
}

async function review({ actor, application, formData, meta }: Step) {
  const db = appDb();
  const criteria = application.frozen_evidence?.criteria ?? (await getRubric(db, application.rubric_id))!.criteria;
  const parsed = parseForm(reviewSchema(criteria), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const values = parsed.data as Record<string, unknown>;
  const scores = Object.fromEntries(
    criteria.map((c) => [c.key, { score: Number(values[scoreField(c.key)]), comment: String(values[commentField(c.key)]) }]),
  );
  const result = await submitReview(db, actor, application.id, scores, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "scored");
}

async function decision({ actor, application, formData, meta }: Step) {
  const parsed = parseForm(decisionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await decide(appDb(), actor, application.id, parsed.data, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "decided");
}

async function issue({ actor, application, formData, meta }: Step) {
  const result = await issueCertificate(appDb(), actor, application.id, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "issued");
}

async function objection({ actor, application, formData, meta }: Step) {
  const parsed = parseForm(handleObjectionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await handleObjection(appDb(), actor, application.id, parsed.data, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "objection");
}

async function revoke({ actor, application, formData, meta }: Step) {
  const db = appDb();
  const parsed = parseForm(revokeSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const certificate = await certificateOfApplication(db, application.id);
  if (!certificate || certificate.id !== parsed.data.certificateId) throw notFound();
  const result = await revokeCertificate(db, actor, certificate.id, parsed.data.reason, meta);
  if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
  return done(application, "revoked");
}

const steps = { claim: assign, assign, review, approve: decision, reject: decision, return: decision, issue, objection, revoke } satisfies Record<
  Intent,
  (step: Step) => Promise<unknown>
>;

/** The review page's one action: the intent picks the step, after the intent's own permission. */
export async function reviewPageAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "staff:review");
  const application = await staffApplication(uuidParam(params));
  const formData = await request.formData();
  const parsed = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) return formError(formData, "validation.choose");
  const intent = parsed.data.intent;
  if (!can(actor, permissionFor[intent])) throw forbidden();
  return steps[intent]({ actor, application, formData, meta: { ip: context.clientIp }, intent });
}
