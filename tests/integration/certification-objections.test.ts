import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate, issueDueCertificates } from "../../app/models/certification/certificates.server.ts";
import { listNotices } from "../../app/models/certification/directory.server.ts";
import { fileObjection, handleObjection, objectableNotice, objectionsOf, openObjectionCount } from "../../app/models/certification/objections.server.ts";
import type { Actor } from "../../app/models/policy.server.ts";
import type { DB } from "../../db/client.ts";
import { makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { approvedApplication as approvedAs } from "../support/certification.ts";

const objection = {
  name: "张三",
  organization: "某某职业学校",
  contact: "13800000000",
  content: "该企业 2026 年实际接收实习学生不足申报人数，请核实实习协议与学生名单。",
};

describe.each(backends)("objections to certification notices on %s", (backend) => {
  let handle: TestDatabase;
  let db: DB;
  let reviewer1: Actor;
  let reviewer2: Actor;
  let admin: Actor;

  /** An enterprise whose 产教融合型企业 application has been approved: its notice runs for seven days. */
  const approvedApplication = () => approvedAs(db, admin, [reviewer1, reviewer2]);

  const endNotice = (applicationId: string) =>
    db.updateTable("certification_notices").set({ ends_at: sql`now() - interval '1 minute'` }).where("application_id", "=", applicationId).execute();

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    db = handle.db;
    reviewer1 = await makeStaffActor(db, "reviewer");
    reviewer2 = await makeStaffActor(db, "reviewer");
    admin = await makeStaffActor(db, "platform_admin");
  }, 120_000);

  afterAll(async () => {
    await handle?.dispose();
  });

  it("takes objections only while the notice runs, and tells every administrator and the applicant", async () => {
    const { enterprise, applicationId } = await approvedApplication();
    expect(await objectableNotice(db, applicationId)).not.toBeNull();
    const filed = await fileObjection(db, applicationId, objection, { ip: "198.51.100.1" });
    expect(filed.ok).toBe(true);
    expect(await openObjectionCount(db, applicationId)).toBe(1);
    const inbox = await db.selectFrom("notifications").select(["kind", "link"]).where("user_id", "=", admin.user.id).execute();
    expect(inbox).toContainEqual({ kind: "certification.objection", link: `/admin/certification/${applicationId}` });
    // The applicant is told the certificate waits, and nothing of who objected or why.
    const told = await db.selectFrom("notifications").select(["kind", "title", "body"]).where("organization_id", "=", enterprise.organization.id).where("kind", "=", "certification.objection").execute();
    expect(told).toHaveLength(1);
    expect(`${told[0].title}${told[0].body}`).toContain("暂缓颁发证书");
    expect(`${told[0].title}${told[0].body}`).not.toMatch(/张三|13800000000|实习协议/);
    // The audit trail records that an objection came in, not who filed it.
    const trail = await db.selectFrom("audit_log").select(["action", "detail"]).where("target_type", "=", "certification_objection").execute();
    expect(trail.map((r) => r.action)).toContain("certification.objection.file");
    expect(JSON.stringify(trail)).not.toContain("13800000000");

    await endNotice(applicationId);
    expect(await objectableNotice(db, applicationId)).toBeNull();
    expect(await fileObjection(db, applicationId, objection)).toEqual({ ok: false, code: "noticeNotRunning" });
    // Nor on applications that were never approved, or ids that are no application at all.
    expect(await fileObjection(db, "not-a-uuid", objection)).toEqual({ ok: false, code: "noticeNotRunning" });
    expect(await fileObjection(db, "00000000-0000-4000-8000-000000000000", objection)).toEqual({ ok: false, code: "noticeNotRunning" });
  });

  it("holds the certificate back while an objection is open; a dismissal lets it through", async () => {
    const { applicationId } = await approvedApplication();
    const filed = await fileObjection(db, applicationId, objection);
    if (!filed.ok) throw new Error(filed.code);
    await endNotice(applicationId);
    expect(await issueCertificate(db, admin, applicationId, {})).toEqual({ ok: false, code: "objectionsOpen" });
    expect(await issueDueCertificates(db)).toEqual({ issued: 0 });

    await expect(handleObjection(db, reviewer1, applicationId, { objectionId: filed.objectionId, handling: "dismiss", note: "经核实情况属实" }, {})).rejects.toThrow();
    const dismissed = await handleObjection(db, admin, applicationId, { objectionId: filed.objectionId, handling: "dismiss", note: "经核实，实习协议与名单齐全，异议不成立。" }, {});
    expect(dismissed).toEqual({ ok: true });
    expect(await handleObjection(db, admin, applicationId, { objectionId: filed.objectionId, handling: "uphold", note: "再次处理同一异议" }, {})).toEqual({
      ok: false,
      code: "alreadyHandled",
    });
    const [row] = await objectionsOf(db, applicationId);
    expect(row).toMatchObject({ status: "dismissed", handled_by: admin.user.id, handledByName: admin.user.name });
    expect(await issueDueCertificates(db)).toEqual({ issued: 1 });
    const app = await db.selectFrom("certification_applications").select("status").where("id", "=", applicationId).executeTakeFirstOrThrow();
    expect(app.status).toBe("certified");
  });

  it("upholding an objection rejects the application, ends the notice and tells the applicant", async () => {
    const { enterprise, applicationId } = await approvedApplication();
    const first = await fileObjection(db, applicationId, objection);
    const second = await fileObjection(db, applicationId, { ...objection, name: "李四", contact: "li@example.cn", organization: undefined });
    if (!first.ok || !second.ok) throw new Error("not filed");
    // An objection of another application cannot be handled through this one.
    const elsewhere = await approvedApplication();
    expect(await handleObjection(db, admin, elsewhere.applicationId, { objectionId: first.objectionId, handling: "uphold", note: "跨申请处理" }, {})).toEqual({
      ok: false,
      code: "notFound",
    });

    expect(await handleObjection(db, admin, applicationId, { objectionId: first.objectionId, handling: "uphold", note: "实习人数与协议不符，异议成立。" }, { ip: "127.0.0.1" })).toEqual({
      ok: true,
    });
    const app = await db.selectFrom("certification_applications").select(["status", "decision_reason"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
    expect(app).toEqual({ status: "rejected", decision_reason: "公示异议成立：实习人数与协议不符，异议成立。" });
    expect((await listNotices(db)).some((n) => n.applicationId === applicationId)).toBe(false);
    expect(await objectableNotice(db, applicationId)).toBeNull();
    const inbox = await db.selectFrom("notifications").select("kind").where("organization_id", "=", enterprise.organization.id).execute();
    expect(inbox.map((n) => n.kind)).toContain("certification.reject");
    const trail = await db.selectFrom("audit_log").select("action").where("target_id", "=", applicationId).orderBy("id").execute();
    expect(trail.map((r) => r.action).at(-1)).toBe("certification.reject");
    // The other objection stays to be answered; nothing is ever issued.
    expect(await openObjectionCount(db, applicationId)).toBe(1);
    expect(await issueCertificate(db, admin, applicationId, {})).toMatchObject({ ok: false, code: "wrongStatus" });
    expect(await handleObjection(db, admin, applicationId, { objectionId: second.objectionId, handling: "dismiss", note: "已一并处理，不再重复认定。" }, {})).toEqual({ ok: true });
    expect((await db.selectFrom("certification_applications").select("status").where("id", "=", applicationId).executeTakeFirstOrThrow()).status).toBe("rejected");
  });
});
