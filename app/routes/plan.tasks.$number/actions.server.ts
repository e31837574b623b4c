import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { refused } from "~/domain/refusal.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { isMultipart, receiveUpload } from "~/http/upload.server.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { addReportFile, PLAN_FILE_MAX_BYTES, planFileRefusals } from "~/models/plan/files.server.ts";
import { fileReport, reviewReport } from "~/models/plan/reports.server.ts";
import { planRefusals } from "~/models/plan/shared.server.ts";
import { updatePlanTask } from "~/models/plan/task-edits.server.ts";
import { can, notFound, requirePermission, type Actor } from "~/models/policy.server.ts";
import { planTaskPageSchema, type PlanTaskPageForms, type PlanTaskPageIntent } from "~/schemas/plan-tracking.ts";
import { formError, invalid, parseForm, type FormFailure } from "~/utils/forms.server.ts";

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

interface StepContext {
  actor: Actor;
  number: number;
  formData: FormData;
  meta: { ip: string };
}

type StepAnswer = Response | ReturnType<typeof invalid> | ReturnType<typeof formError>;

interface Step<Input> {
  /** Only plan administrators take this step; checked before the form is read, so others hear 403, not what was wrong with it. */
  administrators?: true;
  /** The answer to a form that does not parse, when it is not the form's own errors. */
  whenInvalid?: (failure: FormFailure) => StepAnswer;
  take: (input: Input, context: StepContext) => Promise<StepAnswer>;
}

const back = (number: number, flag: Done) => redirect(`/plan/tasks/${number}?done=${flag}`);

const steps: { [K in PlanTaskPageIntent]: Step<PlanTaskPageForms[K]> } = {
  report: {
    take: async ({ intent: _, ...input }, { actor, number, formData, meta }) => {
      const result = await fileReport(appDb(), actor.user, number, { kind: "lead", input }, meta);
      return result.ok ? back(number, "report") : refusalResponse(formData, planRefusals, result);
    },
  },
  contribution: {
    take: async ({ intent: _, ...input }, { actor, number, formData, meta }) => {
      const result = await fileReport(appDb(), actor.user, number, { kind: "contribution", input }, meta);
      return result.ok ? back(number, "contribution") : refusalResponse(formData, planRefusals, result);
    },
  },
  review: {
    administrators: true,
    // The report's id comes from the page, not from the user: a bad one is a report that is not there.
    whenInvalid: (failure) => {
      if (failure.fieldErrors.reportId) throw notFound();
      return invalid(failure);
    },
    take: async (input, { actor, number, formData, meta }) => {
      const result = await reviewReport(appDb(), actor.user, number, input, meta);
      return result.ok ? back(number, result.status) : refusalResponse(formData, planRefusals, result);
    },
  },
  edit: {
    administrators: true,
    take: async (input, { actor, number, formData, meta }) => {
      const result = await updatePlanTask(appDb(), actor.user, number, input, meta);
      return result.ok ? back(number, result.changed ? "saved" : "unchanged") : refusalResponse(formData, planRefusals, result);
    },
  },
};

const isIntent = (value: unknown): value is PlanTaskPageIntent => typeof value === "string" && Object.hasOwn(steps, value);

function take<K extends PlanTaskPageIntent>(intent: K, input: PlanTaskPageForms[K], context: StepContext) {
  return steps[intent].take(input, context);
}

/** The task page's one action: an upload, or the intent (report, contribution, review, edit) picks its step. */
export async function taskPageAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plan:track");
  const number = taskNumber(params.number);
  if (isMultipart(request)) {
    return upload(request, actor.user, number, context.clientIp);
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isIntent(intent)) return formError(formData, "plan.error.badRequest", 400);
  const step = steps[intent];
  if (step.administrators && !can(actor, "plan:administer")) return refusalResponse(formData, planRefusals, refused("adminsOnly"));
  const parsed = parseForm(planTaskPageSchema, formData);
  if (!parsed.ok) return step.whenInvalid ? step.whenInvalid(parsed.failure) : invalid(parsed.failure);
  return take(parsed.data.intent, parsed.data, { actor, number, formData, meta: { ip: context.clientIp } });
}

/** An evidence file for one report; the report's id echoed back so the page shows the answer beside its form. */
async function upload(request: Request, user: Parameters<typeof addReportFile>[1], number: number, ip: string) {
  const received = await receiveUpload(request, {
    maxBytes: PLAN_FILE_MAX_BYTES,
    fields: ["intent", "reportId"],
    refusals: planFileRefusals,
    values: { intent: "upload", reportId: "" },
  });
  if (!received.ok) return received.answer;
  const { formData, file } = received;
  const result = await addReportFile(appDb(), user, number, String(formData.get("reportId") ?? ""), file, { ip });
  // Whatever the refusal, the page shows it beside the file field of the report it was for.
  if (!result.ok) return refusalResponse(formData, planRefusals, { ...result, field: "file" });
  return redirect(`/plan/tasks/${number}?done=file`);
}
