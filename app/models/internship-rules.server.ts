import { sql } from "kysely";
import type { DB } from "../db.server.ts";
import { defaultInternshipRules, internshipRuleIds, type InternshipRuleId, type InternshipRules } from "../domain/internship-rules.ts";
import { roleCan } from "../domain/permissions.ts";
import { refused, type RefusalTable, type Result } from "../domain/refusal.ts";
import type { InternshipRuleChange } from "../schemas/internship-rules.ts";
import { inTransaction } from "../../db/client.ts";
import { audit } from "./audit.server.ts";
import type { Actor } from "./policy.server.ts";

/**
 * The internship rules in force: the defaults (app/domain/internship-rules.ts) with each rule's latest change by an
 * administrator laid over them. Read from the database every time, so every instance checks by the same figures.
 */
export async function internshipRulesInForce(db: DB): Promise<InternshipRules> {
  const latest = await sql<{ rule_id: string; figure: string | null; article: string; level: "refuse" | "warn" }>`
    select distinct on (rule_id) rule_id, figure, article, level
    from internship_rule_changes
    order by rule_id, id desc`.execute(db);
  const rules: InternshipRules = { ...defaultInternshipRules };
  for (const row of latest.rows) {
    if (!(internshipRuleIds as readonly string[]).includes(row.rule_id)) continue;
    rules[row.rule_id as InternshipRuleId] = { figure: row.figure === null ? null : Number(row.figure), article: row.article, level: row.level };
  }
  return rules;
}

export interface InternshipRuleHistoryEntry {
  id: string;
  rule: InternshipRuleId;
  figure: number | null;
  article: string;
  level: "refuse" | "warn";
  reason: string;
  changedAt: Date;
  changedBy: string | null;
}

export async function internshipRuleHistory(db: DB, limit = 100): Promise<InternshipRuleHistoryEntry[]> {
  const rows = await db
    .selectFrom("internship_rule_changes as c")
    .leftJoin("users as u", "u.id", "c.changed_by")
    .select(["c.id", "c.rule_id", "c.figure", "c.article", "c.level", "c.reason", "c.changed_at", "u.name as changed_by_name"])
    .orderBy("c.id", "desc")
    .limit(limit)
    .execute();
  return rows
    .filter((r) => (internshipRuleIds as readonly string[]).includes(r.rule_id))
    .map((r) => ({
      id: String(r.id),
      rule: r.rule_id as InternshipRuleId,
      figure: r.figure === null ? null : Number(r.figure),
      article: r.article,
      level: r.level,
      reason: r.reason,
      changedAt: r.changed_at,
      changedBy: r.changed_by_name,
    }));
}

export const internshipRuleRefusals = {
  adminsOnly: { kind: "forbidden", message: "internshipRules.adminsOnly" },
} satisfies RefusalTable<"adminsOnly">;

/** Records a change to one rule, in force from now on, with the before and after in the audit log. */
export async function changeInternshipRule(
  db: DB,
  actor: Actor,
  change: InternshipRuleChange,
  meta: { ip?: string | null } = {},
): Promise<Result<{ id: string }, "adminsOnly">> {
  if (!roleCan(actor.user.platform_role, "internship:administer")) return refused("adminsOnly");
  const before = (await internshipRulesInForce(db))[change.rule];
  const after = { figure: change.figure ?? null, article: change.article, level: change.level };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("internship_rule_changes")
      .values({ rule_id: change.rule, ...after, reason: change.reason, changed_by: actor.user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: "internship.rule.change",
      outcome: "success",
      actorUserId: actor.user.id,
      actorLabel: actor.user.email,
      targetType: "internship_rule",
      targetId: change.rule,
      ip: meta.ip ?? null,
      detail: { rule: change.rule, before, after, reason: change.reason },
    });
    return { ok: true as const, id: String(row.id) };
  });
}
