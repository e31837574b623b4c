import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { isMultipart, receiveUpload } from "~/http/upload.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { addFile, certificationFileRefusals, deleteFile, getApplicationForOrg, saveEvidence, submitApplication, type ApplicationRow } from "~/models/certification/applications.server.ts";
import { getRubric } from "~/models/certification/rubrics.server.ts";
import { notFound, requireOrgMember } from "~/models/policy.server.ts";
import { deleteFileSchema, evidenceSchema, fileFieldSchema, MAX_FILE_BYTES, statementField, valueField } from "~/schemas/certification.ts";
import type { CriterionEvidence } from "../../../db/schema-certification.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";
import { uuidParam } from "~/http/params.server.ts";

function evidenceFrom(keys: string[], parsed: Record<string, unknown>): Record<string, CriterionEvidence> {
  const evidence: Record<string, CriterionEvidence> = {};
  for (const key of keys) {
    const value = parsed[valueField(key)];
    evidence[key] = { value: typeof value === "number" ? value : null, statement: String(parsed[statementField(key)] ?? "") };
  }
  return evidence;
}

export async function applicationPageAction({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request, { admin: true });
  const db = appDb();
  const application = await getApplicationForOrg(db, actor.organization.id, uuidParam(params));
  if (!application) throw notFound();
  const base = `/certification/applications/${application.id}`;

  if (isMultipart(request)) {
    const received = await receiveUpload(request, { maxBytes: MAX_FILE_BYTES, fields: ["criterionKey", "intent"], refusals: certificationFileRefusals });
    if (!received.ok) return received.answer;
    const { formData } = received;
    const parsed = parseForm(fileFieldSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const rubric = (await getRubric(db, application.rubric_id))!;
    if (!rubric.criteria.some((c) => c.key === parsed.data.criterionKey)) return formError(formData, "validation.choose");
    const result = await addFile(db, actor, application, { criterionKey: parsed.data.criterionKey, ...received.file });
    if (!result.ok) return refusalResponse(formData, certificationFileRefusals, result);
    return redirect(`${base}?done=uploaded`);
  }

  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "deleteFile") {
    const parsed = parseForm(deleteFileSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    if (!(await deleteFile(db, application, parsed.data.fileId))) return formError(formData, "certification.error.notEditable", 409);
    return redirect(`${base}?done=fileDeleted`);
  }
  if (intent !== "save" && intent !== "submit") return formError(formData, "validation.choose");
  const rubric = (await getRubric(db, application.rubric_id))!;
  const keys = rubric.criteria.map((c) => c.key);
  const parsed = parseForm(evidenceSchema(keys), formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const saved = await saveEvidence(db, actor, application, evidenceFrom(keys, parsed.data as Record<string, unknown>));
  if (!saved.ok) return formError(formData, "certification.error.notEditable", 409);
  if (intent === "save") return redirect(`${base}?done=saved`);
  const fresh = (await getApplicationForOrg(db, actor.organization.id, application.id)) as ApplicationRow;
  const submitted = await submitApplication(db, actor, fresh, { ip: context.clientIp });
  if (!submitted.ok) return refusalResponse(formData, certificationRefusals, submitted);
  return redirect(`${base}?done=submitted`);
}
