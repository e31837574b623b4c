import argon2 from "argon2";

// OWASP / ASVS level 2 minimum for argon2id: m = 19 MiB, t = 2, p = 1.
export const argon2Options = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, argon2Options);
}

// Verified against when the e-mail is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword("unknown-user-timing-equaliser");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Older parameters or another argon2 variant (needsRehash looks only at the parameters). */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith("$argon2id$") || argon2.needsRehash(hash, argon2Options);
}
