import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { type ActionFeedback, FormAlert } from "~/components/form.tsx";
import { kindLabel } from "~/components/listing-details.tsx";
import { Timeline } from "~/components/matchmaking.tsx";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { refusalThrown } from "~/http/refusal.server.ts";
import { refused } from "~/domain/refusal.ts";
import { useT, metaTranslator } from "~/i18n/index.ts";
import { timelineOf } from "~/models/matchmaking/log.server.ts";
import { requireActor } from "~/models/policy.server.ts";
import { getProjectForViewer, listMilestones, listProjectFiles, projectRefusals } from "~/models/matchmaking/projects.server.ts";
import { AGREEMENT_MAX_BYTES } from "~/schemas/response.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { projectAction } from "./actions.server.ts";
import { FilesSection, MilestoneForm, PlacementSection, StatusForm } from "./forms.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: `${data ? `${data.project.title} · ` : ""}${metaTranslator(matches)("responses.project.title")} · 产教通`,
  },
];

const notices = ["status", "milestone-add", "milestone-done", "placement", "upload"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const view = await getProjectForViewer(db, actor, uuidParam(params));
  if (!view) throw refusalThrown(projectRefusals, refused("notFound"));
  const p = view.project;
  const [milestones, files, timeline] = await Promise.all([listMilestones(db, p.id), listProjectFiles(db, p.id), timelineOf(db, "project", p.id)]);
  const notice = notices.find((n) => n === new URL(request.url).searchParams.get("notice")) ?? null;
  const details = p.details as { major?: string; cohort?: number };
  return {
    role: view.role,
    notice,
    project: {
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      startDate: p.start_date,
      endDate: p.end_date,
      studentsCount: p.students_count,
      tripartiteAgreement: p.tripartite_agreement,
      liabilityInsurance: p.liability_insurance,
      endReason: p.end_reason,
      responseId: p.response_id,
      listingId: p.listing_id,
      major: details.major ?? null,
      cohort: details.cohort ?? null,
    },
    owner: view.owner,
    partner: view.partner,
    milestones: milestones.map((m) => ({
      ...m,
      doneAt: formatDateTime(m.doneAt),
    })),
    files: files.map((f) => ({
      ...f,
      uploadedAt: formatDateTime(f.uploadedAt),
    })),
    timeline: timeline.map((e) => ({ ...e, at: formatDateTime(e.at) })),
    maxMegabytes: AGREEMENT_MAX_BYTES / 1024 / 1024,
  };
}

export const action = (args: ActionFunctionArgs) => projectAction(args);

export default function ProjectDetail() {
  const { role, notice, project, owner, partner, milestones, files, timeline, maxMegabytes } = useLoaderData<typeof loader>();
  const t = useT();
  const feedback = useActionData<typeof action>() as ActionFeedback | undefined;
  const party = role !== "staff";
  const open = project.status === "in_progress";
  return (
    <article aria-labelledby="project-title" className="page-stack">
      <header>
        <p>
          <span className="tag">{kindLabel(t, project.kind)}</span>{" "}
          <span className={`status status-project-${project.status}`}>{t(`responses.projectStatus.${project.status}`)}</span>
        </p>
        <h1 id="project-title">{project.title}</h1>
        <p className="muted">{t(`responses.projectRole.${role}`)}</p>
      </header>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(`responses.projectNotice.${notice}`)}
        </div>
      ) : null}
      {feedback && !feedback.ok && feedback.formError ? <FormAlert feedback={feedback} /> : null}

      <section aria-labelledby="project-facts" className="card">
        <h2 id="project-facts">{t("responses.project.facts")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("responses.project.ownerOrg")}</dt>
            <dd>{owner.name}</dd>
          </div>
          <div>
            <dt>{t("responses.project.partnerOrg")}</dt>
            <dd>{partner.name}</dd>
          </div>
          <div>
            <dt>{t("responses.project.type")}</dt>
            <dd>{kindLabel(t, project.kind)}</dd>
          </div>
          <div>
            <dt>{t("responses.project.period")}</dt>
            <dd>
              {project.startDate} – {project.endDate ?? t("responses.project.openEnded")}
            </dd>
          </div>
          {project.studentsCount !== null ? (
            <div>
              <dt>{t("responses.project.students")}</dt>
              <dd>{t("responses.value.students", { n: project.studentsCount })}</dd>
            </div>
          ) : null}
          {project.major ? (
            <div>
              <dt>{t("responses.field.major")}</dt>
              <dd>{project.major}</dd>
            </div>
          ) : null}
          {project.cohort ? (
            <div>
              <dt>{t("responses.field.cohort")}</dt>
              <dd>{t("responses.value.cohort", { year: project.cohort })}</dd>
            </div>
          ) : null}
          {project.endReason ? (
            <div>
              <dt>{t(project.status === "ended" ? "responses.project.endReason" : "responses.project.completionNote")}</dt>
              <dd className="preserve-lines">{project.endReason}</dd>
            </div>
          ) : null}
          {project.responseId ? (
            <div>
              <dt>{t("responses.project.origin")}</dt>
              <dd>
                <Link to={`/responses/${project.responseId}`}>{t("responses.project.viewResponse")}</Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="milestones-title" className="card stack">
        <h2 id="milestones-title">{t("responses.milestone.title")}</h2>
        {milestones.length ? (
          <ul className="milestones">
            {milestones.map((m) => (
              <li key={m.id}>
                <span className={m.doneAt ? "status status-project-completed" : "status status-response-pending"}>
                  {t(m.doneAt ? "responses.milestone.done" : "responses.milestone.open")}
                </span>{" "}
                {m.title}
                {m.dueDate ? <span className="muted">（{t("responses.milestone.dueOn", { date: m.dueDate })}）</span> : null}
                {m.doneAt ? <span className="muted"> {t("responses.milestone.doneAt", { at: m.doneAt })}</span> : null}
                {party && open && !m.doneAt ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="milestone-done" />
                    <input type="hidden" name="milestoneId" value={m.id} />{" "}
                    <button
                      type="submit"
                      className="link-button"
                      aria-label={t("responses.milestone.markDoneFor", {
                        title: m.title,
                      })}
                    >
                      {t("responses.milestone.markDone")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("responses.milestone.empty")}</p>
        )}
        {party && open ? <MilestoneForm /> : null}
      </section>

      {project.kind === "internship" ? <PlacementSection project={project} party={party} /> : null}

      <FilesSection projectId={project.id} files={files} party={party} maxMegabytes={maxMegabytes} />

      {party && open ? <StatusForm /> : null}
      {role === "staff" ? <p className="muted">{t("responses.project.staffReadOnly")}</p> : null}

      <Timeline entries={timeline} subject="project" />
      <p>
        <Link to="/projects">{t("responses.project.back")}</Link>
      </p>
    </article>
  );
}
