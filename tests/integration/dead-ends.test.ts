import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { ListingKind } from "../../app/domain/listing-kinds.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { publicListingsOf } from "../../app/models/listing-views.server.ts";
import { createResponse, decideResponse, getResponseForViewer, withdrawResponse } from "../../app/models/matchmaking/responses.server.ts";
import { fileObjection, handleObjection, lookupObjection, OBJECTION_LOOKUP_LIMITS } from "../../app/models/certification/objections.server.ts";
import { readSiteSettings, siteSettingsForAdmin, updateSiteSettings } from "../../app/models/site-settings.server.ts";
import { objectionLookupSchema } from "../../app/schemas/certification.ts";
import { responseSchemaFor, splitResponseInput } from "../../app/schemas/response.ts";
import { siteSettingsSchema } from "../../app/schemas/site-settings.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { approvedApplication } from "../support/certification.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

// Dead ends a pilot walk found: an organisation's profile with none of its listings, a response with no way to
// reach the other side, an objection number that cannot be looked up, and a site that says nothing about itself.

let counter = 0;
async function listing(
  db: DB,
  owner: OrgActor,
  options: { status?: "draft" | "submitted" | "published" | "closed" | "expired"; validUntil?: string; kind?: ListingKind } = {},
) {
  counter += 1;
  const status = options.status ?? "published";
  return db
    .insertInto("listings")
    .values({
      organization_id: owner.organization.id,
      kind: options.kind ?? "order_training",
      status,
      title: `公开主页测试 ${status} ${counter}`,
      description: "用于公开主页测试的信息。",
      valid_until: options.validUntil ?? addDays(todayInChina(), 30),
      details: "{}",
      published_at: status === "published" ? new Date(Date.now() + counter * 1000) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const orderTraining = splitResponseInput(
  "order_training",
  responseSchemaFor("order_training").parse({ message: "我院愿意组建订单班，请联系校企合作处。", major: "数控技术", students: "40", cohort: "2027级" }),
);

const setContacts = (db: DB, actor: OrgActor, name: string, phone: string, email: string) =>
  db.updateTable("organizations").set({ contact_name: name, contact_phone: phone, contact_email: email }).where("id", "=", actor.organization.id).execute();

describe.each(backends)("dead ends of the pilot walk on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let enterprise: OrgActor;
  let school: OrgActor;
  let outsider: OrgActor;
  let admin: Actor;
  let reviewer: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    const tag = crypto.randomBytes(3).toString("hex");
    enterprise = await makeOrgActor(db, { kind: "enterprise", name: `死路测试企业${tag}` });
    school = await makeOrgActor(db, { kind: "vocational_school", name: `死路测试职院${tag}` });
    outsider = await makeOrgActor(db, { kind: "university", name: `死路测试高校${tag}` });
    await setContacts(db, enterprise, "王经理", "13900000001", "hr@enterprise.example.cn");
    await setContacts(db, school, "李老师", "029-84800001", "xq@school.example.cn");
    admin = await makeStaffActor(db, "platform_admin");
    reviewer = await makeStaffActor(db, "reviewer");
  }, 120_000);
  afterAll(() => database?.dispose());

  describe("an organisation's current listings", () => {
    it("lists published, unexpired listings only, newest first, capped with the total", async () => {
      const today = todayInChina();
      const older = await listing(db, enterprise);
      const lastDay = await listing(db, enterprise, { validUntil: today });
      const newest = await listing(db, enterprise, { kind: "internship" });
      await listing(db, enterprise, { status: "draft" });
      await listing(db, enterprise, { status: "submitted" });
      await listing(db, enterprise, { status: "closed" });
      await listing(db, enterprise, { status: "expired", validUntil: addDays(today, -3) });
      // Published but past its day, before the expiry job ran.
      await listing(db, enterprise, { validUntil: addDays(today, -1) });
      // Another organisation's draft and published listing.
      await listing(db, outsider, { status: "draft" });
      await listing(db, outsider);

      const all = await publicListingsOf(db, enterprise.organization.id, { limit: 10, today });
      expect(all.total).toBe(3);
      expect(all.listings.map((l) => l.id)).toEqual([newest.id, lastDay.id, older.id]);
      expect(all.listings[0]).toEqual({ id: newest.id, kind: "internship", title: newest.title, valid_until: newest.valid_until });

      const capped = await publicListingsOf(db, enterprise.organization.id, { limit: 2, today });
      expect(capped).toMatchObject({ total: 3 });
      expect(capped.listings.map((l) => l.id)).toEqual([newest.id, lastDay.id]);

      expect(await publicListingsOf(db, "not-a-uuid", { limit: 10 })).toEqual({ listings: [], total: 0 });
    });
  });

  describe("contacts on a response", () => {
    it("are absent before acceptance and show both organisations' contacts after it, to both sides only", async () => {
      const offer = await listing(db, enterprise);
      const created = await createResponse(db, school, offer.id, orderTraining);
      if (!created.ok) throw new Error(created.code);
      const id = created.response.id;

      const ownerBefore = await getResponseForViewer(db, enterprise, id);
      expect(ownerBefore?.responder.name).toBe(school.organization.name);
      expect(ownerBefore?.contacts).toBeNull();
      expect(JSON.stringify(ownerBefore)).not.toContain("李老师");
      expect((await getResponseForViewer(db, school, id))?.contacts).toBeNull();
      expect(await getResponseForViewer(db, outsider, id)).toBeNull();

      expect((await decideResponse(db, enterprise, id, { intent: "accept", reason: "专业对口，请联系人事部。" })).ok).toBe(true);
      const expected = {
        owner: { name: "王经理", phone: "13900000001", email: "hr@enterprise.example.cn" },
        responder: { name: "李老师", phone: "029-84800001", email: "xq@school.example.cn" },
      };
      expect((await getResponseForViewer(db, enterprise, id))?.contacts).toEqual(expected);
      expect((await getResponseForViewer(db, school, id))?.contacts).toEqual(expected);
      expect(await getResponseForViewer(db, outsider, id)).toBeNull();
    });

    it("stay hidden on a declined or withdrawn response", async () => {
      const declined = await createResponse(db, school, (await listing(db, enterprise)).id, orderTraining);
      const withdrawn = await createResponse(db, school, (await listing(db, enterprise)).id, orderTraining);
      if (!declined.ok || !withdrawn.ok) throw new Error("response not created");
      expect((await decideResponse(db, enterprise, declined.response.id, { intent: "decline", reason: "名额已满，感谢关注。" })).ok).toBe(true);
      expect((await withdrawResponse(db, school, withdrawn.response.id)).ok).toBe(true);
      expect((await getResponseForViewer(db, enterprise, declined.response.id))?.contacts).toBeNull();
      expect((await getResponseForViewer(db, school, withdrawn.response.id))?.contacts).toBeNull();
    });
  });

  describe("looking up an objection", () => {
    const objection = (contact: string) => ({
      name: "张三",
      organization: "某某职业学校",
      contact,
      content: "该企业 2026 年实际接收实习学生不足申报人数，请核实实习协议与学生名单。",
    });
    const lookup = (reference: string, contact: string, ip: string, now?: Date) =>
      lookupObjection(db, objectionLookupSchema.parse({ reference, contact }), { ip }, now);

    it("answers with the status and, once handled, the reply; a wrong number and a wrong contact answer alike", async () => {
      const { applicationId } = await approvedApplication(db, admin, [reviewer, await makeStaffActor(db, "reviewer")]);
      const filed = await fileObjection(db, applicationId, objection("029-84812345"), { ip: "198.51.100.7" });
      if (!filed.ok) throw new Error(filed.code);
      const reference = filed.objectionId.slice(0, 8).toUpperCase();

      // The contact as typed differently (no hyphen), the number in lower case.
      const open = await lookup(reference.toLowerCase(), "02984812345", "198.51.100.8");
      expect(open).toMatchObject({ ok: true, objection: { reference, status: "open", reply: null, handledAt: null } });
      if (open.ok) expect(open.objection.typeName).toBeTruthy();

      const wrongContact = await lookup(reference, "13800000000", "198.51.100.9");
      const flipped = reference.slice(0, 7) + (reference[7] === "0" ? "1" : "0");
      const wrongNumber = await lookup(flipped, "029-84812345", "198.51.100.9");
      expect(wrongContact).toEqual({ ok: false, code: "noMatch" });
      expect(wrongNumber).toEqual(wrongContact);

      expect(
        await handleObjection(db, admin, applicationId, { objectionId: filed.objectionId, handling: "dismiss", note: "经核实实习协议与名单一致，异议不成立。" }),
      ).toEqual({ ok: true });
      const handled = await lookup(reference, "029-84812345", "198.51.100.8");
      expect(handled).toMatchObject({ ok: true, objection: { status: "dismissed", reply: "经核实实习协议与名单一致，异议不成立。" } });
      if (handled.ok) {
        expect(handled.objection.handledAt).toBeInstanceOf(Date);
        // Who handled it is not the objector's business.
        expect(JSON.stringify(handled.objection)).not.toContain(admin.user.email);
      }
    });

    it("stops guessing from one address, and guesses at one number from many addresses", async () => {
      const now = new Date("2031-05-01T08:00:00Z");
      const { perAddress, perReference } = OBJECTION_LOOKUP_LIMITS;
      const ip = `203.0.113.${crypto.randomInt(1, 250)}-${crypto.randomBytes(2).toString("hex")}`;
      for (let i = 0; i < perAddress; i++) {
        const guess = crypto.randomBytes(4).toString("hex").toUpperCase();
        expect(await lookup(guess, "13800000000", ip, now)).toEqual({ ok: false, code: "noMatch" });
      }
      const limited = await lookup("ABCDEF01", "13800000000", ip, now);
      expect(limited).toMatchObject({ ok: false, code: "tooMany" });
      if (!limited.ok) expect(Number(limited.vars?.minutes)).toBeGreaterThan(0);

      const target = crypto.randomBytes(4).toString("hex").toUpperCase();
      for (let i = 0; i < perReference; i++) expect((await lookup(target, `1380000${String(i).padStart(4, "0")}`, `192.0.2.${i}-${target}`, now)).ok).toBe(false);
      expect(await lookup(target, "13900000000", `192.0.2.250-${target}`, now)).toMatchObject({ ok: false, code: "tooMany" });
    });
  });

  describe("site settings", () => {
    const input = (values: Record<string, string>) => siteSettingsSchema.parse(values);

    it("starts empty, is changed by a platform administrator only, and the change is audited", async () => {
      const before = await readSiteSettings(db);
      expect(Object.values(before).every((v) => v === null)).toBe(true);

      expect(await updateSiteSettings(db, reviewer, input({ sponsor: "审核员改的" }))).toEqual({ ok: false, code: "adminsOnly" });
      expect(await updateSiteSettings(db, enterprise, input({ sponsor: "企业改的" }))).toEqual({ ok: false, code: "adminsOnly" });
      expect((await readSiteSettings(db)).sponsor).toBeNull();

      const saved = await updateSiteSettings(
        db,
        admin,
        input({ sponsor: "鄠邑区教育和科技局", contactPhone: "029-84812345", icpNumber: "陕ICP备2026012345号-1", policeNumber: "陕公网安备61011802000123号" }),
        { ip: "198.51.100.20" },
      );
      expect(saved).toEqual({ ok: true, changed: ["sponsor", "contactPhone", "icpNumber", "policeNumber"] });
      const after = await readSiteSettings(db);
      expect(after).toMatchObject({ sponsor: "鄠邑区教育和科技局", contactPhone: "029-84812345", icpNumber: "陕ICP备2026012345号-1", organizer: null, siteCode: null });
      const forAdmin = await siteSettingsForAdmin(db);
      expect(forAdmin.updatedByName).toBe(admin.user.name);

      // Emptying a field clears it; only the changed fields are in the audit line.
      const cleared = await updateSiteSettings(
        db,
        admin,
        input({ sponsor: "鄠邑区教育和科技局", contactPhone: "", icpNumber: "陕ICP备2026012345号-1", policeNumber: "陕公网安备61011802000123号" }),
      );
      expect(cleared).toEqual({ ok: true, changed: ["contactPhone"] });
      expect((await readSiteSettings(db)).contactPhone).toBeNull();

      const lines = await db.selectFrom("audit_log").select(["actor_user_id", "detail", "ip"]).where("action", "=", "site.settings.update").orderBy("id").execute();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ actor_user_id: admin.user.id, ip: "198.51.100.20" });
      expect(lines[0].detail).toMatchObject({ before: { sponsor: null }, after: { sponsor: "鄠邑区教育和科技局" } });
      expect(lines[1].detail).toEqual({ before: { contactPhone: "029-84812345" }, after: { contactPhone: null } });
    });
  });
});
