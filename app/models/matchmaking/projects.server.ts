import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { CooperationProject, ListingResponse, ProjectStatus } from "../../../db/schema-matchmaking.ts";
import type { ListingKind } from "../../domain/listing-kinds.ts";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import {
  AGREEMENT_MAX_BYTES,
  cleanFileName,
  type MilestoneInput,
  type PlacementInput,
  type ProjectStatusChange,
  type ResponseDetails,
} from "../../schemas/response.ts";
import { todayInChina } from "../../utils/dates.ts";
import { logMatchmakingEvent } from "./log.server.ts";
import { notify } from "../notification.server.ts";
import { isPlatformStaff, type Actor } from "../policy.server.ts";
import { isUuid } from "../../schemas/ids.ts";
import { refused, type RefusalTable, type Result } from "../../domain/refusal.ts";
import { checkStoredFile, contentOf, insertStoredFile, withRealExtension, type StoredFileRefusal } from "../stored-file.server.ts";
import { inTransaction } from "../../../db/client.ts";

/**
 * Cooperation projects (合作项目): an accepted response becomes one. Either party moves it from in progress to
 * completed or ended, adds and ticks off milestones, records an internship placement (task 52: counts only, no
 * student's personal data) and uploads agreement files. Platform staff read everything and change nothing;
 * any other organisation is told the project does not exist.
 */

export type ProjectError =
  | "notFound"
  | "notAllowed"
  | "wrongStatus"
  | "notInternship"
  | "milestoneNotFound"
  | "milestoneBeforeStart"
  | "milestoneAfterEnd"
  | "placementOverAgreed"
  | StoredFileRefusal;
export type ProjectResult<T = CooperationProject> = Result<{ project: T }, ProjectError>;

/**
 * A change to a closed project and the like are told on the page; a file's refusal next to the file field. The
 * agreement form answers a file over its bound with 400 and one of the wrong type with 415.
 */
export const projectRefusals = {
  notFound: { kind: "notFound", message: "error.notFound" },
  notAllowed: { kind: "forbidden", message: "responses.error.staffReadOnly", page: true },
  wrongStatus: { kind: "conflict", message: "responses.error.projectClosed" },
  notInternship: { kind: "conflict", message: "responses.error.notInternship" },
  milestoneNotFound: { kind: "conflict", message: "responses.error.milestoneNotFound" },
  milestoneBeforeStart: { kind: "invalid", message: "responses.validation.milestoneBeforeStart", field: "dueDate" },
  milestoneAfterEnd: { kind: "invalid", message: "responses.validation.milestoneAfterEnd", field: "dueDate" },
  placementOverAgreed: { kind: "invalid", message: "responses.validation.placementOverAgreed", field: "studentsPlaced" },
  empty: { kind: "invalid", message: "responses.file.required", field: "file" },
  tooLarge: { kind: "invalid", message: "responses.file.tooLarge", field: "file" },
  wrongType: { kind: "unsupported", message: "responses.file.wrongType", field: "file" },
  unreadable: { kind: "invalid", message: "responses.file.unreadable", field: "file" },
} satisfies RefusalTable<ProjectError>;

/** Starts the project of an accepted response; call inside the transaction that accepts it. */
export async function createProjectFromResponse(
  trx: DB,
  actor: Actor,
  response: ListingResponse,
  listing: { id: string; kind: ListingKind; title: string; organization_id: string },
): Promise<CooperationProject> {
  const details = response.details as ResponseDetails;
  const project = await trx
    .insertInto("cooperation_projects")
    .values({
      response_id: response.id,
      listing_id: listing.id,
      owner_org_id: listing.organization_id,
      partner_org_id: response.responder_org_id,
      kind: listing.kind,
      title: listing.title,
      start_date: details.startDate ?? todayInChina(),
      end_date: details.endDate ?? null,
      students_count: typeof details.students === "number" ? details.students : null,
      details: JSON.stringify({
        ...(details.major ? { major: details.major } : {}),
        ...(details.cohort ? { cohort: details.cohort } : {}),
      }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await logMatchmakingEvent(trx, "project", project.id, "in_progress", actor, null, { title: project.title, otherOrgId: project.partner_org_id });
  return project;
}

export type ProjectRole = "owner" | "partner" | "staff";

export interface ProjectView {
  project: CooperationProject;
  role: ProjectRole;
  owner: { id: string; name: string };
  partner: { id: string; name: string };
  /** The organisation on the other side from the viewer's (for notifications). */
  otherOrgId: string | null;
}

/** A project as the viewer may see it: a party or platform staff; anyone else gets null (answer 404). */
export async function getProjectForViewer(db: DB, actor: Actor, id: string): Promise<ProjectView | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom("cooperation_projects as p")
    .innerJoin("organizations as owner", "owner.id", "p.owner_org_id")
    .innerJoin("organizations as partner", "partner.id", "p.partner_org_id")
    .selectAll("p")
    .select(["owner.name as owner_name", "partner.name as partner_name"])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const { owner_name, partner_name, ...project } = row;
  const orgId = actor.user.organization_id;
  const role: ProjectRole | null =
    orgId && orgId === project.owner_org_id ? "owner" : orgId && orgId === project.partner_org_id ? "partner" : isPlatformStaff(actor) ? "staff" : null;
  if (!role) return null;
  return {
    project,
    role,
    owner: { id: project.owner_org_id, name: owner_name },
    partner: { id: project.partner_org_id, name: partner_name },
    otherOrgId: role === "owner" ? project.partner_org_id : role === "partner" ? project.owner_org_id : null,
  };
}

/** A party's view, or why not: staff may look but not change. */
async function partyView(db: DB, actor: Actor, id: string): Promise<Result<{ view: ProjectView }, "notFound" | "notAllowed">> {
  const view = await getProjectForViewer(db, actor, id);
  if (!view) return refused("notFound");
  if (view.role === "staff") return refused("notAllowed");
  return { ok: true, view };
}

async function tellOtherParty(trx: DB, actor: Actor, view: ProjectView, kind: string, title: MessageKey, params: Record<string, string | number> = {}) {
  if (!view.otherOrgId) return;
  await notify(
    trx,
    { organizationId: view.otherOrgId },
    {
      kind,
      title,
      body: "responses.notify.projectBody",
      params: { org: actor.organization?.name ?? "", project: view.project.title, ...params },
      link: `/projects/${view.project.id}`,
    },
  );
}

/** What a project's audit entry says about it besides the step's own detail. */
const step = (view: ProjectView, detail?: Record<string, unknown>) => ({ title: view.project.title, otherOrgId: view.otherOrgId, detail });

/** In progress → completed or ended (with the reason); a closed project stays closed. */
export async function changeProjectStatus(db: DB, actor: Actor, id: string, change: Omit<ProjectStatusChange, "intent">): Promise<ProjectResult> {
  const found = await partyView(db, actor, id);
  if (!found.ok) return found;
  const { view } = found;
  return inTransaction(db, async (trx): Promise<ProjectResult> => {
    const project = await trx
      .updateTable("cooperation_projects")
      .set({
        status: change.status,
        end_reason: change.reason ?? null,
        end_date: sql`coalesce(end_date, ${todayInChina()}::date)`,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .where("status", "=", "in_progress")
      .returningAll()
      .executeTakeFirst();
    if (!project) return refused("wrongStatus");
    await logMatchmakingEvent(trx, "project", id, change.status, actor, change.reason ?? null, step(view, change.reason ? { reason: change.reason } : {}));
    await tellOtherParty(trx, actor, view, `project.${change.status}`, change.status === "completed" ? "responses.notify.projectCompleted" : "responses.notify.projectEnded");
    return { ok: true, project };
  });
}

export interface Milestone {
  id: number;
  title: string;
  dueDate: string | null;
  doneAt: Date | null;
}

export async function listMilestones(db: DB, projectId: string): Promise<Milestone[]> {
  const rows = await db.selectFrom("project_milestones").selectAll().where("project_id", "=", projectId).orderBy("id").execute();
  return rows.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, doneAt: m.done_at }));
}

export async function addMilestone(db: DB, actor: Actor, id: string, input: Omit<MilestoneInput, "intent">): Promise<ProjectResult> {
  const found = await partyView(db, actor, id);
  if (!found.ok) return found;
  const { view } = found;
  if (view.project.status !== "in_progress") return refused("wrongStatus");
  // From the day the project was formed (preparations such as signing the agreement come before its start date)
  // to its end date.
  const start = todayInChina(new Date(view.project.created_at));
  const end = view.project.end_date;
  if (input.dueDate && input.dueDate < start) return refused("milestoneBeforeStart", { vars: { start } });
  if (input.dueDate && end && input.dueDate > end) return refused("milestoneAfterEnd", { vars: { start, end } });
  return inTransaction(db, async (trx): Promise<ProjectResult> => {
    await trx.insertInto("project_milestones").values({ project_id: id, title: input.title, due_date: input.dueDate ?? null }).execute();
    await trx.updateTable("cooperation_projects").set({ updated_at: sql`now()` }).where("id", "=", id).execute();
    await logMatchmakingEvent(trx, "project", id, "milestone_added", actor, input.title, step(view, { milestone: input.title, dueDate: input.dueDate ?? null }));
    await tellOtherParty(trx, actor, view, "project.milestone", "responses.notify.milestoneAdded", { milestone: input.title });
    return { ok: true, project: view.project };
  });
}

export async function completeMilestone(db: DB, actor: Actor, id: string, milestoneId: number): Promise<ProjectResult> {
  const found = await partyView(db, actor, id);
  if (!found.ok) return found;
  const { view } = found;
  return inTransaction(db, async (trx): Promise<ProjectResult> => {
    const milestone = await trx
      .updateTable("project_milestones")
      .set({ done_at: sql`now()` })
      .where("id", "=", milestoneId)
      .where("project_id", "=", id)
      .where("done_at", "is", null)
      .returning(["title"])
      .executeTakeFirst();
    if (!milestone) return refused("milestoneNotFound");
    await logMatchmakingEvent(trx, "project", id, "milestone_done", actor, milestone.title, step(view, { milestone: milestone.title }));
    await tellOtherParty(trx, actor, view, "project.milestone", "responses.notify.milestoneDone", { milestone: milestone.title });
    return { ok: true, project: view.project };
  });
}

/** The number of students the accepted response offered: a placement may place fewer, never more. */
async function agreedStudents(db: DB, responseId: string | null): Promise<number | null> {
  if (!responseId) return null;
  const row = await db.selectFrom("listing_responses").select("details").where("id", "=", responseId).executeTakeFirst();
  const students = (row?.details as ResponseDetails | undefined)?.students;
  return typeof students === "number" ? students : null;
}

/** Task 52: the internship placement record (counts, period, agreement, insurance), internship projects only. */
export async function recordPlacement(db: DB, actor: Actor, id: string, input: Omit<PlacementInput, "intent">): Promise<ProjectResult> {
  const found = await partyView(db, actor, id);
  if (!found.ok) return found;
  const { view } = found;
  if (view.project.kind !== "internship") return refused("notInternship");
  const agreed = await agreedStudents(db, view.project.response_id);
  if (agreed !== null && input.studentsPlaced > agreed) return refused("placementOverAgreed", { vars: { agreed } });
  return inTransaction(db, async (trx): Promise<ProjectResult> => {
    const project = await trx
      .updateTable("cooperation_projects")
      .set({
        students_count: input.studentsPlaced,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        tripartite_agreement: input.tripartiteAgreement,
        liability_insurance: input.liabilityInsurance,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logMatchmakingEvent(
      trx,
      "project",
      id,
      "placement_recorded",
      actor,
      null,
      step(view, {
        studentsPlaced: input.studentsPlaced,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        tripartiteAgreement: input.tripartiteAgreement,
        liabilityInsurance: input.liabilityInsurance,
      }),
    );
    await tellOtherParty(trx, actor, view, "project.placement", "responses.notify.placementRecorded");
    return { ok: true, project };
  });
}

export interface ProjectListItem {
  id: string;
  title: string;
  kind: ListingKind;
  status: ProjectStatus;
  startDate: string;
  endDate: string | null;
  ownerName: string;
  partnerName: string;
}

/** The organisation's projects as either party; platform staff (organizationId null) see all. */
export async function listProjects(
  db: DB,
  scope: { organizationId: string } | { all: true },
  filter: { status?: ProjectStatus } = {},
): Promise<{ items: ProjectListItem[]; counts: Partial<Record<ProjectStatus, number>> }> {
  const base = () => {
    const q = db.selectFrom("cooperation_projects as p");
    return "organizationId" in scope
      ? q.where((eb) => eb.or([eb("p.owner_org_id", "=", scope.organizationId), eb("p.partner_org_id", "=", scope.organizationId)]))
      : q;
  };
  let query = base()
    .innerJoin("organizations as owner", "owner.id", "p.owner_org_id")
    .innerJoin("organizations as partner", "partner.id", "p.partner_org_id")
    .select(["p.id", "p.title", "p.kind", "p.status", "p.start_date", "p.end_date", "owner.name as owner_name", "partner.name as partner_name"]);
  if (filter.status) query = query.where("p.status", "=", filter.status);
  const [rows, counts] = await Promise.all([
    query.orderBy("p.created_at", "desc").orderBy("p.id").limit(200).execute(),
    base().select(["p.status", sql<number>`count(*)::int`.as("n")]).groupBy("p.status").execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      ownerName: r.owner_name,
      partnerName: r.partner_name,
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

// ---------------------------------------------------------------------------------------------------
// Agreement files

/** Checked by content, not by name: see checkStoredFile. */
export const checkAgreementFile = (bytes: Uint8Array) => checkStoredFile(bytes, AGREEMENT_MAX_BYTES);

/** An agreement file; stored under its name without the path and with the extension of what it really is. */
export async function addProjectFile(
  db: DB,
  actor: Actor,
  id: string,
  upload: { name: string; bytes: Uint8Array },
): Promise<Result<{ fileId: string }, ProjectError>> {
  const found = await partyView(db, actor, id);
  if (!found.ok) return found;
  const { view } = found;
  const check = await checkAgreementFile(upload.bytes);
  if (!check.ok) return check;
  const { file } = check;
  const fileName = withRealExtension(cleanFileName(upload.name), file.extension);
  return inTransaction(db, async (trx) => {
    const fileId = await insertStoredFile(trx, "project_files", { project_id: id }, file, { fileName, uploadedBy: actor.user.id });
    await logMatchmakingEvent(trx, "project", id, "file_uploaded", actor, fileName, step(view, { fileName, size: file.content.byteLength, type: file.contentType }));
    await tellOtherParty(trx, actor, view, "project.file", "responses.notify.fileUploaded", { file: fileName });
    return { ok: true as const, fileId };
  });
}

export interface ProjectFileInfo {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
}

export async function listProjectFiles(db: DB, projectId: string): Promise<ProjectFileInfo[]> {
  const rows = await db
    .selectFrom("project_files as f")
    .leftJoin("users as u", "u.id", "f.uploaded_by")
    .select(["f.id", "f.file_name", "f.content_type", "f.size_bytes", "f.sha256", "f.created_at", "u.name as uploader"])
    .where("f.project_id", "=", projectId)
    .orderBy("f.created_at")
    .orderBy("f.id")
    .execute();
  return rows.map((f) => ({
    id: f.id,
    fileName: f.file_name,
    contentType: f.content_type,
    sizeBytes: f.size_bytes,
    sha256: f.sha256,
    uploadedAt: f.created_at,
    uploadedBy: f.uploader,
  }));
}

/** A file of a project, for a party or platform staff; null for anyone else or an id of another project. */
export async function getProjectFile(
  db: DB,
  actor: Actor,
  projectId: string,
  fileId: string,
): Promise<{ fileName: string; contentType: string; content: Buffer; sha256: string } | null> {
  if (!isUuid(fileId)) return null;
  const view = await getProjectForViewer(db, actor, projectId);
  if (!view) return null;
  const row = await db
    .selectFrom("project_files")
    .select(["file_name", "content_type", "content", "sha256"])
    .where("id", "=", fileId)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!row) return null;
  return { fileName: row.file_name, contentType: row.content_type, content: contentOf(row.content), sha256: row.sha256 };
}
