import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import type { CertificationRubric, CertificationType, RubricCriterion } from "../../../db/schema-certification.ts";
import { audit } from "../audit.server.ts";
import type { Actor } from "../policy.server.ts";
import { actorFields, json, type Meta } from "./shared.server.ts";
import { refused, type Refused } from "../../domain/refusal.ts";
import { inTransaction } from "../../../db/client.ts";

// Certification types and their versioned rubrics: a new rubric version never changes a submitted application.

export type Rubric = Omit<CertificationRubric, "criteria"> & { criteria: RubricCriterion[] };
export type TypeWithRubric = CertificationType & { rubric: Rubric | null };

function rubricOf(row: CertificationRubric): Rubric {
  return { ...row, criteria: json<RubricCriterion[]>(row.criteria) };
}

export async function latestRubric(db: DB, typeCode: string): Promise<Rubric | null> {
  const row = await db
    .selectFrom("certification_rubrics")
    .selectAll()
    .where("type_code", "=", typeCode)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? rubricOf(row) : null;
}

export async function getRubric(db: DB, id: string): Promise<Rubric | null> {
  const row = await db.selectFrom("certification_rubrics").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rubricOf(row) : null;
}

export async function listTypes(db: DB): Promise<TypeWithRubric[]> {
  const types = await db.selectFrom("certification_types").selectAll().orderBy("sort").orderBy("code").execute();
  return Promise.all(types.map(async (t) => ({ ...t, rubric: await latestRubric(db, t.code) })));
}

export async function getType(db: DB, code: string): Promise<CertificationType | null> {
  return (await db.selectFrom("certification_types").selectAll().where("code", "=", code).executeTakeFirst()) ?? null;
}

export interface TypeSettings {
  name: string;
  validityYears: number;
  noticeDays: number;
  applicantKinds: string[];
}

export async function createType(
  db: DB,
  actor: Actor,
  input: TypeSettings & { code: string },
  meta: Meta = {},
): Promise<{ ok: true } | Refused<"exists">> {
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto("certification_types")
      .values({
        code: input.code,
        name: input.name,
        validity_years: input.validityYears,
        notice_days: input.noticeDays,
        applicant_kinds: input.applicantKinds,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("code")
      .executeTakeFirst();
    if (!inserted) return refused("exists");
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.type.create",
      outcome: "success",
      targetType: "certification_type",
      targetId: input.code,
      detail: { ...input },
    });
    return { ok: true as const };
  });
}

export async function updateType(db: DB, actor: Actor, code: string, input: TypeSettings, meta: Meta = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom("certification_types").selectAll().where("code", "=", code).forUpdate().executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("certification_types")
      .set({
        name: input.name,
        validity_years: input.validityYears,
        notice_days: input.noticeDays,
        applicant_kinds: input.applicantKinds,
        updated_at: sql`now()`,
      })
      .where("code", "=", code)
      .execute();
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.type.update",
      outcome: "success",
      targetType: "certification_type",
      targetId: code,
      detail: {
        before: { name: before.name, validityYears: before.validity_years, noticeDays: before.notice_days, applicantKinds: before.applicant_kinds },
        after: { ...input },
      },
    });
    return true;
  });
}

export async function createRubricVersion(
  db: DB,
  actor: Actor,
  typeCode: string,
  input: { passMark: number; criteria: RubricCriterion[] },
  meta: Meta = {},
): Promise<{ ok: true; version: number } | Refused<"notFound" | "weights">> {
  if (input.criteria.reduce((s, c) => s + c.weight, 0) !== 100) return refused("weights");
  return inTransaction(db, async (trx) => {
    const type = await trx.selectFrom("certification_types").select("code").where("code", "=", typeCode).forUpdate().executeTakeFirst();
    if (!type) return refused("notFound");
    const last = await trx
      .selectFrom("certification_rubrics")
      .select(sql<number>`coalesce(max(version), 0)`.as("v"))
      .where("type_code", "=", typeCode)
      .executeTakeFirstOrThrow();
    const version = Number(last.v) + 1;
    const row = await trx
      .insertInto("certification_rubrics")
      .values({
        type_code: typeCode,
        version,
        pass_mark: input.passMark,
        criteria: JSON.stringify(input.criteria),
        created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      ...actorFields(actor, meta),
      action: "certification.rubric.create",
      outcome: "success",
      targetType: "certification_rubric",
      targetId: row.id,
      detail: { typeCode, version, passMark: input.passMark, criteria: input.criteria.map((c) => ({ key: c.key, weight: c.weight })) },
    });
    return { ok: true as const, version };
  });
}
