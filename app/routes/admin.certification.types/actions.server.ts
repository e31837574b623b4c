import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { appDb } from "~/db.server.ts";
import { refused } from "~/domain/refusal.ts";
import { refusalResponse, refusalThrown } from "~/http/refusal.server.ts";
import { createRubricVersion, createType, updateType } from "~/models/certification/rubrics.server.ts";
import { certificationRefusals } from "~/models/certification/shared.server.ts";
import { requirePermission, type Actor } from "~/models/policy.server.ts";
import { newTypeSchema, rubricSchema, typeCode, typeSettingsSchema } from "~/schemas/certification.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

const intentSchema = z.object({ intent: z.enum(["create", "update", "rubric"]) });
type Intent = z.infer<typeof intentSchema>["intent"];

interface Step {
  actor: Actor;
  formData: FormData;
  meta: { ip: string | null | undefined };
}

/** The type a form is about; an edited code is the 404 page, as for any record that is not there. */
function existingCode(formData: FormData): string {
  const code = typeCode.safeParse(formData.get("code"));
  if (!code.success) throw refusalThrown(certificationRefusals, refused("notFound"));
  return code.data;
}

const steps = {
  async create({ actor, formData, meta }) {
    const parsed = parseForm(newTypeSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await createType(appDb(), actor, parsed.data, meta);
    if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
    return redirect("/admin/certification/types?done=created");
  },
  async update({ actor, formData, meta }) {
    const code = existingCode(formData);
    const parsed = parseForm(typeSettingsSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    if (!(await updateType(appDb(), actor, code, parsed.data, meta))) throw refusalThrown(certificationRefusals, refused("notFound"));
    return redirect("/admin/certification/types?done=saved");
  },
  async rubric({ actor, formData, meta }) {
    const code = existingCode(formData);
    const parsed = parseForm(rubricSchema, formData);
    if (!parsed.ok) return invalid(parsed.failure);
    const result = await createRubricVersion(appDb(), actor, code, parsed.data, meta);
    if (!result.ok) return refusalResponse(formData, certificationRefusals, result);
    return redirect(`/admin/certification/types?done=published&version=${result.version}`);
  },
} satisfies Record<Intent, (step: Step) => Promise<unknown>>;

/** Creating a type, changing its settings, or publishing a new rubric version: the intent picks the step. */
export async function typesPageAction({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "certification:decide");
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) return formError(formData, "validation.choose");
  return steps[intent.data.intent]({ actor, formData, meta: { ip: context.clientIp } });
}
