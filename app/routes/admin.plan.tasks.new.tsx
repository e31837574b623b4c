import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SchemaForm, SubmitButton, useSchemaForm } from "~/components/form.tsx";
import { PlanTaskFields } from "~/components/plan-task-fields.tsx";
import { appDb } from "~/db.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { planRefusals } from "~/models/plan/shared.server.ts";
import { createPlanTask } from "~/models/plan/task-edits.server.ts";
import { listPlanSections, listPlanUnits } from "~/models/plan/tasks.server.ts";
import { requirePermission } from "~/models/policy.server.ts";
import { planTaskSchema } from "~/schemas/plan-tracking.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("plan.new.title")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plan:administer");
  const db = appDb();
  const [sections, units] = await Promise.all([listPlanSections(db), listPlanUnits(db)]);
  return { sections, units: units.map((u) => u.name) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plan:administer");
  const formData = await request.formData();
  const parsed = parseForm(planTaskSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const result = await createPlanTask(appDb(), actor.user, parsed.data, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(formData, planRefusals, result);
  return redirect(`/plan/tasks/${result.number}?done=saved`);
}

export default function NewPlanTask() {
  const { sections, units } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const t = useT();
  const form = useSchemaForm(planTaskSchema, { feedback });
  return (
    <section aria-labelledby="new-task-title" className="page-stack">
      <p>
        <Link to="/plan">{t("plan.links.back")}</Link>
      </p>
      <h1 id="new-task-title">{t("plan.new.title")}</h1>
      <p className="muted">{t("plan.new.intro")}</p>
      <SchemaForm form={form} feedback={feedback} aria-labelledby="new-task-title">
        <PlanTaskFields form={form} sections={sections} units={units} />
        <SubmitButton>{t("plan.new.save")}</SubmitButton>
      </SchemaForm>
    </section>
  );
}
