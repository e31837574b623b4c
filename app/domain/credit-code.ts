// Unified social credit code (统一社会信用代码), GB 32100-2015.
const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = charset.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * weights[i];
  }
  return charset[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** Completes 17 characters with their check character (demo data, tests). */
export function withCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check || first17.length !== 17) throw new Error(`not a credit code body: ${first17}`);
  return first17 + check;
}
