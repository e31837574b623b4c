import { sql } from "kysely";
import type { DB } from "../../db.server.ts";
import { computeCreditHistory, type CreditYearResult } from "../../domain/surcharge-credit.ts";
import { audit } from "../audit.server.ts";
import type { Actor } from "../policy.server.ts";
import { actorFields, type Meta } from "./shared.server.ts";
import { inTransaction } from "../../../db/client.ts";

// Education-surcharge credit (task 48)

/** Stores one year's inputs and recalculates (FIFO carry-forward) and stores every year of the enterprise. */
export async function saveCreditYear(
  db: DB,
  actor: Actor,
  organizationId: string,
  input: { year: number; investmentFen: number; payableFen: number },
  meta: Meta = {},
): Promise<CreditYearResult[]> {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto("surcharge_credit_years")
      .values({ organization_id: organizationId, year: input.year, investment_fen: input.investmentFen, payable_fen: input.payableFen, updated_by: actor.user.id })
      .onConflict((oc) =>
        oc.columns(["organization_id", "year"]).doUpdateSet({
          investment_fen: input.investmentFen,
          payable_fen: input.payableFen,
          updated_by: actor.user.id,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    const results = await recalculate(trx, organizationId);
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId,
      action: "certification.credit.save",
      outcome: "success",
      targetType: "organization",
      targetId: organizationId,
      detail: { year: input.year, investmentFen: input.investmentFen, payableFen: input.payableFen },
    });
    return results;
  });
}

export async function deleteCreditYear(db: DB, actor: Actor, organizationId: string, year: number, meta: Meta = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom("surcharge_credit_years").where("organization_id", "=", organizationId).where("year", "=", year).executeTakeFirst();
    if (!Number(result.numDeletedRows)) return false;
    await recalculate(trx, organizationId);
    await audit(trx, {
      ...actorFields(actor, meta),
      organizationId,
      action: "certification.credit.delete",
      outcome: "success",
      targetType: "organization",
      targetId: organizationId,
      detail: { year },
    });
    return true;
  });
}

async function recalculate(db: DB, organizationId: string): Promise<CreditYearResult[]> {
  const rows = await db
    .selectFrom("surcharge_credit_years")
    .select(["year", "investment_fen", "payable_fen"])
    .where("organization_id", "=", organizationId)
    .orderBy("year")
    .forUpdate()
    .execute();
  const results = computeCreditHistory(rows.map((r) => ({ year: r.year, investmentFen: Number(r.investment_fen), payableFen: Number(r.payable_fen) })));
  for (const r of results) {
    await db
      .updateTable("surcharge_credit_years")
      .set({ new_credit_fen: r.newCreditFen, carried_in_fen: r.carriedInFen, credited_fen: r.creditedFen, carried_out_fen: r.carriedOutFen })
      .where("organization_id", "=", organizationId)
      .where("year", "=", r.year)
      .execute();
  }
  return results;
}

export async function creditHistory(db: DB, organizationId: string): Promise<CreditYearResult[]> {
  const rows = await db
    .selectFrom("surcharge_credit_years")
    .select(["year", "investment_fen", "payable_fen"])
    .where("organization_id", "=", organizationId)
    .orderBy("year")
    .execute();
  return computeCreditHistory(rows.map((r) => ({ year: r.year, investmentFen: Number(r.investment_fen), payableFen: Number(r.payable_fen) })));
}

export async function storedCreditYears(db: DB, organizationId: string) {
  return db.selectFrom("surcharge_credit_years").selectAll().where("organization_id", "=", organizationId).orderBy("year").execute();
}
