import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { appDb } from "~/db.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { createTranslator, type MessageKey } from "~/i18n/index.ts";
import { disableUser, enableUser, platformUserRefusals, setPlatformRole, unlockUser } from "~/models/platform-users.server.ts";
import { requirePermission, type Actor } from "~/models/policy.server.ts";
import { platformRoleSchema, userStatusSchema } from "~/schemas/membership.ts";
import { fieldErrorsOf } from "~/utils/forms.server.ts";

const intentSchema = z.object({ intent: z.enum(["role", "disable", "enable", "unlock"]) });
type Intent = z.infer<typeof intentSchema>["intent"];

/**
 * The page's own refusal, in the shape of a model's (`refusalResponse`): one message above the table — a catalog
 * key, or a schema's field message (also a key, as zod carries it).
 */
function pageRefusal(intent: Intent, status: number, message: MessageKey | string) {
  return data({ ok: false as const, fieldErrors: {}, formError: message, values: { intent } }, { status });
}

const done = (intent: Intent, message: MessageKey, vars: { name: string; role: string }) => ({ ok: true as const, intent, message, vars });

interface Step {
  actor: Actor;
  formData: FormData;
  form: Record<string, FormDataEntryValue>;
  meta: { ip: string | null | undefined };
}

const steps = {
  async role({ actor, formData, form, meta }: Step) {
    const parsed = platformRoleSchema.safeParse(form);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      if (errors.userId) return pageRefusal("role", 404, "adminUsers.notFound");
      return pageRefusal("role", 400, errors.role ?? errors.planUnit);
    }
    const { userId, role, planUnit } = parsed.data;
    const result = await setPlatformRole(appDb(), actor.user, userId, role === "none" ? null : role, planUnit ?? null, meta);
    if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
    return done("role", result.changed ? "adminUsers.roleChanged" : "adminUsers.roleUnchanged", {
      name: result.user.name,
      role: createTranslator()(`adminUsers.role.${role}`),
    });
  },
  async disable(step: Step) {
    return changeStatus("disable", step);
  },
  async enable(step: Step) {
    return changeStatus("enable", step);
  },
  async unlock({ actor, formData, form, meta }: Step) {
    const parsed = userStatusSchema.safeParse(form);
    if (!parsed.success) return pageRefusal("unlock", 404, "adminUsers.notFound");
    const result = await unlockUser(appDb(), actor.user, parsed.data.userId, meta);
    if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
    return done("unlock", result.changed ? "adminUsers.unlockedDone" : "adminUsers.notLocked", { name: result.user.name, role: "" });
  },
} satisfies Record<Intent, (step: Step) => Promise<unknown>>;

async function changeStatus(intent: "disable" | "enable", { actor, formData, form, meta }: Step) {
  const parsed = userStatusSchema.safeParse(form);
  if (!parsed.success) return pageRefusal(intent, 404, "adminUsers.notFound");
  const change = intent === "disable" ? disableUser : enableUser;
  const result = await change(appDb(), actor.user, parsed.data.userId, meta);
  if (!result.ok) return refusalResponse(formData, platformUserRefusals, result);
  return done(intent, intent === "disable" ? "adminUsers.disabledDone" : "adminUsers.enabledDone", { name: result.user.name, role: "" });
}

/** Changing a user's platform role, disabling, enabling or unlocking: the intent picks the step. */
export async function usersPageAction({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) return pageRefusal("role", 400, "adminUsers.notFound");
  return steps[intent.data.intent]({ actor, formData, form: Object.fromEntries(formData), meta: { ip: context.clientIp } });
}
