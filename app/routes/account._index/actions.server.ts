import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { appDb } from "~/db.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { createTranslator } from "~/i18n/index.ts";
import { accountRefusals, updateProfile } from "~/models/account/profile.server.ts";
import { accountPasswordAttemptAllowed, changePassword } from "~/models/account/passwords.server.ts";
import { endOtherSessions, endSession } from "~/models/account/sessions.server.ts";
import { notFound, requireActor, type Actor } from "~/models/policy.server.ts";
import { clearSessionCookie, sessionCookie } from "~/models/session-cookie.server.ts";
import { createSession } from "~/models/session.server.ts";
import { accountActionSchema } from "~/schemas/account.ts";
import { formError, invalid, parseForm } from "~/utils/forms.server.ts";

type AccountAction = z.infer<typeof accountActionSchema>;

interface Step<I extends AccountAction["intent"]> {
  request: Request;
  actor: Actor;
  input: Extract<AccountAction, { intent: I }>;
  formData: FormData;
  meta: { ip: string | null | undefined };
}

async function saveProfile({ actor, input, meta }: Step<"profile">) {
  await updateProfile(appDb(), actor.user.id, input, meta);
  return redirect("/account?notice=profileSaved");
}

async function changeOwnPassword({ request, actor, input, formData, meta }: Step<"password">) {
  const db = appDb();
  const limit = await accountPasswordAttemptAllowed(db, actor.user.id);
  if (!limit.allowed) {
    return formError(formData, "account.tooManyAttempts", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  const result = await changePassword(db, actor.user, actor.session.id, input, meta);
  if (!result.ok) return refusalResponse(formData, accountRefusals, result);
  // Every old session ended with the change, this one included: a fresh session id for this browser.
  const { token } = await createSession(db, actor.user, { ip: meta.ip, userAgent: request.headers.get("user-agent") });
  return redirect("/account?notice=passwordChanged", { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

async function endOneSession({ request, actor, input, meta }: Step<"end-session">) {
  if (!(await endSession(appDb(), actor.user.id, input.sessionId, meta))) throw notFound();
  if (input.sessionId === actor.session.id) {
    return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
  }
  return redirect("/account?notice=sessionEnded");
}

async function endTheOthers({ actor, meta }: Step<"end-others">) {
  const count = await endOtherSessions(appDb(), actor.user.id, actor.session.id, meta);
  return redirect(`/account?notice=othersEnded&count=${count}`);
}

/** The account page's one action: the intent picks the step, always on the signed-in user's own account. */
export async function accountAction({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await request.formData();
  const parsed = parseForm(accountActionSchema, formData);
  if (!parsed.ok) {
    const { fieldErrors } = parsed.failure;
    if (fieldErrors.intent) throw new Response(createTranslator()("validation.badRequest", { detail: "intent" }), { status: 400 });
    // A session id of the wrong shape is no session of theirs.
    if (fieldErrors.sessionId) throw notFound();
    return invalid(parsed.failure);
  }
  const meta = { ip: context.clientIp };
  const input = parsed.data;
  switch (input.intent) {
    case "profile":
      return saveProfile({ request, actor, input, formData, meta });
    case "password":
      return changeOwnPassword({ request, actor, input, formData, meta });
    case "end-session":
      return endOneSession({ request, actor, input, formData, meta });
    case "end-others":
      return endTheOthers({ request, actor, input, formData, meta });
  }
}
