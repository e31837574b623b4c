/**
 * Education-surcharge credit for certified integration enterprises (plan task 48):
 *
 *   对产教融合型试点企业，……按规定可按投资总额 30% 的比例，抵免当年应缴教育费附加和地方教育附加。
 *
 * Each year's credit is 30% of that year's qualifying investment, rounded half up to the fen. It is set
 * against the education surcharge plus the local education surcharge payable that year, never more than that
 * payable; what is not used is carried forward to later years. Carried amounts are used first-in, first-out:
 * in a later year the oldest carried credit is used first, then older years' remainders, then that year's own
 * new credit. Carry-forward does not lapse here (the tax office decides any limit). All money is in fen
 * (integers), so nothing is lost to floating point.
 */

export const CREDIT_RATE_PERCENT = 30;

export interface CreditYearInput {
  year: number;
  /** Qualifying investment in education that year, in fen. */
  investmentFen: number;
  /** Education surcharge + local education surcharge payable that year, in fen. */
  payableFen: number;
}

export interface CreditUse {
  /** The year whose investment produced the credit used. */
  fromYear: number;
  amountFen: number;
}

export interface CreditYearResult extends CreditYearInput {
  /** 30% of this year's investment. */
  newCreditFen: number;
  /** Credit carried in from earlier years, before this year's use. */
  carriedInFen: number;
  /** Credited against this year's payable (carried first, then this year's). */
  creditedFen: number;
  /** Of which from earlier years. */
  creditedFromCarryFen: number;
  /** Payable left after the credit. */
  payableAfterFen: number;
  /** Carried to the next year. */
  carriedOutFen: number;
  /** The credit used, oldest first. */
  uses: CreditUse[];
}

/** 30% of an amount in fen, rounded half up to the fen (integer arithmetic only). */
export function creditOf(investmentFen: number): number {
  assertFen(investmentFen);
  return Math.floor((investmentFen * CREDIT_RATE_PERCENT + 50) / 100);
}

function assertFen(value: number) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`amount in fen must be a non-negative integer: ${value}`);
}

/**
 * The year-by-year calculation. Years are taken in ascending order; a year may appear once only. Years
 * without an entry simply pass (the carried credit waits).
 */
export function computeCreditHistory(inputs: CreditYearInput[]): CreditYearResult[] {
  const sorted = [...inputs].sort((a, b) => a.year - b.year);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].year === sorted[i - 1].year) throw new RangeError(`year ${sorted[i].year} appears twice`);
  }
  // Carried credit as lots, oldest first.
  const lots: Array<{ fromYear: number; remainingFen: number }> = [];
  const results: CreditYearResult[] = [];
  for (const input of sorted) {
    assertFen(input.investmentFen);
    assertFen(input.payableFen);
    const newCreditFen = creditOf(input.investmentFen);
    const carriedInFen = lots.reduce((sum, lot) => sum + lot.remainingFen, 0);
    lots.push({ fromYear: input.year, remainingFen: newCreditFen });
    let room = input.payableFen;
    const uses: CreditUse[] = [];
    for (const lot of lots) {
      if (room === 0) break;
      const used = Math.min(room, lot.remainingFen);
      if (used === 0) continue;
      lot.remainingFen -= used;
      room -= used;
      uses.push({ fromYear: lot.fromYear, amountFen: used });
    }
    while (lots.length && lots[0].remainingFen === 0) lots.shift();
    const creditedFen = input.payableFen - room;
    const creditedFromCarryFen = uses.filter((u) => u.fromYear !== input.year).reduce((s, u) => s + u.amountFen, 0);
    results.push({
      ...input,
      newCreditFen,
      carriedInFen,
      creditedFen,
      creditedFromCarryFen,
      payableAfterFen: room,
      carriedOutFen: lots.reduce((sum, lot) => sum + lot.remainingFen, 0),
      uses,
    });
  }
  return results;
}

/** 12345 fen → "123.45" (yuan with two decimals, thousands separated). */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  const cents = String(abs % 100).padStart(2, "0");
  return `${negative ? "-" : ""}${yuan}.${cents}`;
}

/** "1,234.5" / "1234.56" yuan → fen; null when it is not an amount with at most two decimals. */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, "");
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}
