import { type Kysely, sql } from "kysely";

// Certification of integration enterprises (plan tasks 11, 18, 25, 46, 48): certification types with
// versioned rubrics, applications with frozen evidence and files, two independent reviews, decisions, public
// notices (公示), certificates, and the year-by-year education-surcharge credit.

/** The standards the platform starts with (reference data, inserted once, also in production). */
const types = [
  { code: "enterprise", name: "产教融合型企业", applicant_kinds: ["enterprise"], sort: 1 },
  { code: "school", name: "产教融合型学校", applicant_kinds: ["university", "vocational_school"], sort: 2 },
  { code: "major", name: "产教融合型专业", applicant_kinds: ["university", "vocational_school"], sort: 3 },
  { code: "training_base", name: "产教融合实训基地", applicant_kinds: [], sort: 4 },
];

/** The demo rubric for 产教融合型企业: six criteria, weights summing to 100, pass mark 70. */
const enterpriseCriteria = [
  {
    key: "cooperation_years",
    title: "校企合作年限",
    weight: 15,
    evidence: "与院校签订的合作协议；平台上的合作项目记录（自首个项目起的年数）。",
    figures: ["schoolCooperationYears", "cooperationProjects"],
  },
  {
    key: "interns",
    title: "接收学生实习（不低于职工总数的 2%）",
    weight: 20,
    evidence: "实习协议与学生名单（只报人数）；平台实习项目记录与发布的实习岗位。",
    figures: ["internsHosted", "internsTarget", "internshipPositions", "staffCount"],
  },
  {
    key: "order_training",
    title: "订单培养",
    weight: 15,
    evidence: "订单班合作协议、培养方案；平台订单培养项目记录。",
    figures: ["orderTrainingCohorts", "orderTrainingStudents"],
  },
  {
    key: "training_bases",
    title: "共建实训基地",
    weight: 15,
    evidence: "共建协议、基地照片或验收材料；平台共建实训基地合作记录。",
    figures: ["trainingBases"],
  },
  {
    key: "investment",
    title: "教育投入（资金、设备、师资）",
    weight: 15,
    evidence: "投入明细、发票或捐赠证明（单位：万元）。",
    figures: [],
  },
  {
    key: "staff_training",
    title: "职工教育培训经费（工资总额的 8%，一线职工不低于 60%）",
    weight: 20,
    evidence: "培训经费支出明细、一线职工培训占比说明；平台采购的培训包订单。",
    figures: ["staffTrainingOrders", "staffTrainingSeats", "staffTrainingSpendYuan", "trainingFundTargetYuan", "annualPayrollYuan"],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certification_types")
    .addColumn("code", "text", (c) => c.primaryKey().check(sql`code ~ '^[a-z][a-z0-9_]{1,39}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // Organisation kinds that may apply; empty means any kind.
    .addColumn("applicant_kinds", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("validity_years", "integer", (c) => c.notNull().defaultTo(3).check(sql`validity_years between 1 and 10`))
    // 0 allowed: no public notice, the certificate can be issued right after approval.
    .addColumn("notice_days", "integer", (c) => c.notNull().defaultTo(7).check(sql`notice_days between 0 and 60`))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A rubric version never changes once made: applications point at the version they were judged by.
  await db.schema
    .createTable("certification_rubrics")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("type_code", "text", (c) => c.notNull().references("certification_types.code").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("pass_mark", "integer", (c) => c.notNull().check(sql`pass_mark between 0 and 100`))
    // [{ key, title, weight, evidence, figures: [platform figure keys] }], weights summing to 100.
    .addColumn("criteria", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("certification_rubrics_version_key", ["type_code", "version"])
    .execute();

  await db.schema
    .createTable("certification_applications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("type_code", "text", (c) => c.notNull().references("certification_types.code"))
    .addColumn("rubric_id", "uuid", (c) => c.notNull().references("certification_rubrics.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','submitted','under_review','returned','rejected','approved','certified')`),
    )
    // Review round: a returned application resubmitted is reviewed afresh.
    .addColumn("round", "integer", (c) => c.notNull().defaultTo(1))
    // What the applicant typed per criterion: { [key]: { value, statement } }.
    .addColumn("evidence", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Frozen at submission: platform figures, the applicant's evidence, the files' names and hashes, the criteria.
    .addColumn("frozen_evidence", "jsonb")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_reason", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("certification_applications_org_idx")
    .on("certification_applications")
    .columns(["organization_id", "type_code"])
    .execute();
  await db.schema.createIndex("certification_applications_status_idx").on("certification_applications").columns(["status"]).execute();
  // One open application per organisation and type.
  await sql`create unique index certification_applications_one_open on certification_applications (organization_id, type_code)
    where status not in ('rejected','certified')`.execute(db);

  await db.schema
    .createTable("certification_files")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("certification_applications.id").onDelete("cascade"))
    .addColumn("criterion_key", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("certification_files_application_idx").on("certification_files").columns(["application_id"]).execute();

  await db.schema
    .createTable("certification_reviews")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("certification_applications.id").onDelete("cascade"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("reviewer_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    // { [criterion key]: { score, comment } }
    .addColumn("scores", "jsonb")
    .addColumn("total", "numeric(6, 2)")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("certification_reviews_once", ["application_id", "round", "reviewer_id"])
    .execute();

  await db.schema
    .createTable("certification_decisions")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("application_id", "uuid", (c) => c.notNull().references("certification_applications.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) =>
      c.notNull().check(sql`decision in ('submit','approve','reject','return','issue','revoke')`),
    )
    .addColumn("reason", "text")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("certification_decisions_app_idx").on("certification_decisions").columns(["application_id", "id"]).execute();

  await db.schema
    .createTable("certification_notices")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().unique().references("certification_applications.id").onDelete("cascade"))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("type_code", "text", (c) => c.notNull().references("certification_types.code"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("certification_notices_ends_idx").on("certification_notices").columns(["ends_at"]).execute();

  await db.schema
    .createTable("certificate_number_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("type_code", "text", (c) => c.notNull().references("certification_types.code"))
    .addColumn("application_id", "uuid", (c) => c.unique().references("certification_applications.id").onDelete("set null"))
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("issued_on", "date", (c) => c.notNull())
    .addColumn("valid_until", "date", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoke_reason", "text")
    .addColumn("revoked_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    // Set once the holder was told of the coming expiry, and once the expiry reached the search index.
    .addColumn("expiry_notified_at", "timestamptz")
    .addColumn("expiry_indexed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("certificates_validity_check", sql`valid_until >= issued_on`)
    .execute();
  await db.schema.createIndex("certificates_org_idx").on("certificates").columns(["organization_id", "type_code"]).execute();
  await db.schema.createIndex("certificates_valid_idx").on("certificates").columns(["valid_until"]).execute();

  // Task 48: the estimator's inputs per enterprise and year, with the results of the last calculation.
  await db.schema
    .createTable("surcharge_credit_years")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("organization_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn("investment_fen", "bigint", (c) => c.notNull().check(sql`investment_fen >= 0`))
    .addColumn("payable_fen", "bigint", (c) => c.notNull().check(sql`payable_fen >= 0`))
    .addColumn("new_credit_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("carried_in_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("credited_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("carried_out_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("surcharge_credit_years_once", ["organization_id", "year"])
    .execute();

  await db
    .insertInto("certification_types")
    .values(types.map((t) => ({ ...t, applicant_kinds: sql`${sql.lit(`{${t.applicant_kinds.join(",")}}`)}::text[]` })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto("certification_rubrics")
    .values({ type_code: "enterprise", version: 1, pass_mark: 70, criteria: JSON.stringify(enterpriseCriteria) })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "surcharge_credit_years",
    "certificates",
    "certificate_number_counters",
    "certification_notices",
    "certification_decisions",
    "certification_reviews",
    "certification_files",
    "certification_applications",
    "certification_rubrics",
    "certification_types",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
