import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { addReportFile, PLAN_FILE_MAX_BYTES } from "~/models/plan/files.server.ts";
import { fileReport, reviewReport } from "~/models/plan/reports.server.ts";
import { updatePlanTask } from "~/models/plan/task-edits.server.ts";
import { canAdministerPlan, notFound, requirePermission } from "~/models/policy.server.ts";
import { planContributionSchema, planReportSchema, planReviewSchema, planTaskSchema } from "~/schemas/plan-tracking.ts";
import { formError, formValues, invalid, parseForm } from "~/utils/forms.server.ts";
import { isMultipart, readUpload } from "~/utils/uploads.server.ts";

/** The task number from the path; anything but digits is 404. */
export function taskNumber(param: string | undefined): number {
  if (!param || !/^\d{1,9}$/.test(param)) throw notFound();
  return Number(param);
}

export const done = ["report", "contribution", "accepted", "returned", "saved", "unchanged", "file"] as const;
export type Done = (typeof done)[number];
export const doneMessage: Record<Done, MessageKey> = {
  report: "plan.form.reportFiled",
  contribution: "plan.form.contributionFiled",
  accepted: "plan.review.accepted",
  returned: "plan.review.returned",
  saved: "plan.edit.saved",
  unchanged: "plan.edit.unchanged",
  file: "plan.file.uploaded",
};

/** The task page's one action: an upload, or the intent (report, contribution, review, edit) picks its step. */
export async function taskPageAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const db = appDb();
  const number = taskNumber(params.number);
  if (isMultipart(request)) {
    return upload(request, actor.user, number, context.clientIp);
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  const meta = { ip: context.clientIp };
  const back = (flag: Done) => redirect(`/plan/tasks/${number}?done=${flag}`);

  if (intent === "report" || intent === "contribution") {
    let filing: Parameters<typeof fileReport>[3];
    if (intent === "report") {
      const parsed = parseForm(planReportSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      filing = { kind: "lead", input: parsed.data };
    } else {
      const parsed = parseForm(planContributionSchema, formData);
      if (!parsed.ok) return invalid(parsed.failure);
      filing = { kind: "contribution", input: parsed.data };
    }
    const result = await fileReport(db, actor.user, number, filing, meta);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      if (result.field) return invalid({ fieldErrors: { [result.field]: result.message }, values: formValues(formData) });
      return formError(formData, result.message, result.status);
    }
    return back(intent);
  }

  if (intent === "review") {
    if (!canAdministerPlan(actor)) return formError(formData, "plan.refused.adminsOnly", 403);
    const parsed = parseForm(planReviewSchema, formData);
    if (!parsed.ok) {
      if (parsed.failure.fieldErrors.reportId) throw notFound();
      return invalid(parsed.failure);
    }
    const result = await reviewReport(db, actor.user, number, parsed.data, meta);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      return formError(formData, result.message, result.status);
    }
    return back(result.status);
  }

  if (intent === "edit") {
    if (!canAdministerPlan(actor)) return formError(formData, "plan.refused.adminsOnly", 403);
    const parsed = parseForm(planTaskSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await updatePlanTask(db, actor.user, number, parsed.data, meta);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      if (result.field) return invalid({ fieldErrors: { [result.field]: result.message }, values: formValues(formData) });
      return formError(formData, result.message, result.status);
    }
    return back(result.changed ? "saved" : "unchanged");
  }

  return formError(formData, "plan.error.badRequest", 400);
}

const uploadFailure = (message: MessageKey, status: number, reportId = "") =>
  data(
    { ok: false as const, fieldErrors: { file: message } as Record<string, string>, formError: undefined, values: { intent: "upload", reportId } as Record<string, string> },
    { status },
  );

async function upload(request: Request, user: Parameters<typeof addReportFile>[1], number: number, ip: string) {
  const read = await readUpload(request, { maxBytes: PLAN_FILE_MAX_BYTES, fields: ["file", "intent", "reportId"] });
  if (!read.ok) return uploadFailure(read.error === "tooLarge" ? "plan.file.tooLarge" : "plan.file.unreadable", 400);
  const { formData } = read;
  const reportId = String(formData.get("reportId") ?? "");
  const file = formData.get("file");
  if (!file || typeof file === "string" || file.size === 0) return uploadFailure("plan.file.empty", 400, reportId);
  const result = await addReportFile(appDb(), user, number, reportId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { ip });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return uploadFailure(result.message, result.status, reportId);
  }
  return redirect(`/plan/tasks/${number}?done=file`);
}

