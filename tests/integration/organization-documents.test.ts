import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerOrganization } from "../../app/models/auth.server.ts";
import {
  addOrganizationDocument,
  checkOrganizationDocument,
  getOrganizationDocument,
  listOrganizationDocuments,
  MAX_ORGANIZATION_DOCUMENTS,
  ORGANIZATION_DOCUMENT_MAX_BYTES,
} from "../../app/models/organization-documents.server.ts";
import type { OrgActor } from "../../app/models/policy.server.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { fakeExe, fakePdfText, minimalPdf, minimalPng } from "../support/agreement-files.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { registration } from "../support/registration.ts";

describe.each(backends)("registration documents on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let school: OrgActor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    school = await makeOrgActor(db, { kind: "vocational_school", status: "pending" });
  });
  afterAll(() => database?.dispose());

  it("takes a licence from the organisation's administrator, by its bytes, audited, and lists it for review", async () => {
    const added = await addOrganizationDocument(db, school, { name: "../办学许可证.pdf", bytes: minimalPdf("licence") }, { ip: "198.51.100.9" });
    if (!added.ok) throw new Error(added.code);
    const [listed] = await listOrganizationDocuments(db, school.organization.id);
    expect(listed).toMatchObject({ id: added.documentId, fileName: "办学许可证.pdf", contentType: "application/pdf" });
    const audited = await db.selectFrom("audit_log").select(["action", "organization_id", "ip"]).where("action", "=", "organization.document.upload").execute();
    expect(audited).toEqual([{ action: "organization.document.upload", organization_id: school.organization.id, ip: "198.51.100.9" }]);
    // A PNG called .jpg is kept as what it is.
    const png = await addOrganizationDocument(db, school, { name: "营业执照.jpg", bytes: minimalPng() });
    expect(png.ok).toBe(true);
    expect((await listOrganizationDocuments(db, school.organization.id)).map((d) => d.fileName).sort()).toEqual(["办学许可证.pdf", "营业执照.png"]);
  });

  it("refuses text or a program named .pdf, an empty or oversized file, and a member who is not an administrator", async () => {
    expect(await addOrganizationDocument(db, school, { name: "执照.pdf", bytes: fakePdfText })).toMatchObject({ ok: false, code: "wrongType" });
    expect(await addOrganizationDocument(db, school, { name: "执照.pdf", bytes: fakeExe })).toMatchObject({ ok: false, code: "wrongType" });
    expect(await addOrganizationDocument(db, school, { name: "执照.pdf", bytes: new Uint8Array() })).toMatchObject({ ok: false, code: "empty" });
    const huge = Buffer.concat([minimalPdf(), Buffer.alloc(ORGANIZATION_DOCUMENT_MAX_BYTES)]);
    expect(await addOrganizationDocument(db, school, { name: "执照.pdf", bytes: huge })).toMatchObject({ ok: false, code: "tooLarge" });
    const member = { ...school, user: { ...school.user, org_role: "member" as const } };
    expect(await addOrganizationDocument(db, member, { name: "执照.pdf", bytes: minimalPdf() })).toMatchObject({ ok: false, code: "notAdmin" });
  });

  it("keeps at most ten per organisation", async () => {
    const org = await makeOrgActor(db);
    for (let i = 0; i < MAX_ORGANIZATION_DOCUMENTS; i++) {
      expect((await addOrganizationDocument(db, org, { name: `证照${i}.pdf`, bytes: minimalPdf(String(i)) })).ok).toBe(true);
    }
    expect(await addOrganizationDocument(db, org, { name: "多余.pdf", bytes: minimalPdf("more") })).toMatchObject({ ok: false, code: "tooMany" });
  });

  it("lets its members and platform staff download it, and nobody else learn it exists", async () => {
    const [doc] = await listOrganizationDocuments(db, school.organization.id);
    const reviewer = await makeStaffActor(db, "reviewer");
    const planOfficer = await makeStaffActor(db, "plan_officer");
    const other = await makeOrgActor(db);
    const member = { ...school, user: { ...school.user, org_role: "member" as const } };
    for (const reader of [school, member, reviewer]) {
      const file = await getOrganizationDocument(db, reader, doc.id);
      expect(file?.fileName).toBe(doc.fileName);
      expect(file?.content.subarray(0, 5).toString("latin1")).toMatch(/^%PDF-|^\x89PNG/);
    }
    expect(await getOrganizationDocument(db, other, doc.id)).toBeNull();
    expect(await getOrganizationDocument(db, planOfficer, doc.id)).toBeNull();
    expect(await getOrganizationDocument(db, reviewer, "not-a-uuid")).toBeNull();
    expect(await getOrganizationDocument(db, reviewer, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("comes with a registration in the same transaction, and a refused registration keeps nothing", async () => {
    const checked = await checkOrganizationDocument({ name: "营业执照.PDF", bytes: minimalPdf("licence") });
    if (!checked.ok) throw new Error(checked.code);
    const input = registration();
    const registered = await registerOrganization(db, input, {}, checked);
    if (!registered.ok) throw new Error(registered.code);
    expect((await listOrganizationDocuments(db, registered.organizationId)).map((d) => d.fileName)).toEqual(["营业执照.pdf"]);
    const before = await sql<{ n: number }>`select count(*)::int as n from organization_documents`.execute(db);
    // The same e-mail again is refused: no organisation, and no orphaned document.
    expect(await registerOrganization(db, { ...registration(), userEmail: input.userEmail }, {}, checked)).toMatchObject({ ok: false, code: "emailTaken" });
    const after = await sql<{ n: number }>`select count(*)::int as n from organization_documents`.execute(db);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await checkOrganizationDocument({ name: "执照.pdf", bytes: fakePdfText })).toMatchObject({ ok: false, code: "wrongType" });
  });

  it("goes with its organisation", async () => {
    const org = await makeOrgActor(db);
    expect((await addOrganizationDocument(db, org, { name: "执照.pdf", bytes: minimalPdf() })).ok).toBe(true);
    await db.deleteFrom("users").where("organization_id", "=", org.organization.id).execute();
    await db.deleteFrom("organizations").where("id", "=", org.organization.id).execute();
    const left = await sql<{ n: number }>`select count(*)::int as n from organization_documents where organization_id = ${org.organization.id}`.execute(db);
    expect(left.rows[0].n).toBe(0);
  });
});
