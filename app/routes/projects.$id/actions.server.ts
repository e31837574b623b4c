import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { appDb } from "~/db.server.ts";
import { uuidParam } from "~/http/params.server.ts";
import { refusalResponse, refusalThrown } from "~/http/refusal.server.ts";
import { isMultipart, receiveUpload } from "~/http/upload.server.ts";
import { refused } from "~/domain/refusal.ts";
import { requireActor, type Actor } from "~/models/policy.server.ts";
import {
  addMilestone,
  addProjectFile,
  changeProjectStatus,
  completeMilestone,
  getProjectForViewer,
  projectRefusals,
  recordPlacement,
} from "~/models/matchmaking/projects.server.ts";
import { AGREEMENT_MAX_BYTES, projectActionSchema } from "~/schemas/response.ts";
import { invalid, parseForm } from "~/utils/forms.server.ts";

/** The agreement upload: the one multipart form of the page. */
async function upload(request: Request, actor: Actor, id: string) {
  const received = await receiveUpload(request, {
    maxBytes: AGREEMENT_MAX_BYTES,
    fields: ["intent"],
    refusals: projectRefusals,
    values: { intent: "upload" },
  });
  if (!received.ok) return received.answer;
  const result = await addProjectFile(appDb(), actor, id, received.file);
  if (!result.ok) return refusalResponse(received.formData, projectRefusals, result);
  return redirect(`/projects/${id}?notice=upload`);
}

export async function projectAction({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = appDb();
  const id = uuidParam(params);
  // Who may change the project is settled before the body is read: others learn nothing, staff only read.
  const view = await getProjectForViewer(db, actor, id);
  if (!view) throw refusalThrown(projectRefusals, refused("notFound"));
  if (view.role === "staff") throw refusalThrown(projectRefusals, refused("notAllowed"));

  if (isMultipart(request)) return upload(request, actor, id);

  const formData = await request.formData();
  const parsed = parseForm(projectActionSchema, formData);
  if (!parsed.ok) return invalid(parsed.failure);
  const input = parsed.data;
  const result = await (() => {
    switch (input.intent) {
      case "status":
        return changeProjectStatus(db, actor, id, input);
      case "milestone-add":
        return addMilestone(db, actor, id, input);
      case "milestone-done":
        return completeMilestone(db, actor, id, input.milestoneId);
      case "placement":
        return recordPlacement(db, actor, id, input);
    }
  })();
  if (!result.ok) return refusalResponse(formData, projectRefusals, result);
  return redirect(`/projects/${id}?notice=${input.intent}`);
}
