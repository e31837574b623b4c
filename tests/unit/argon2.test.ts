import argon2 from "argon2";
import { describe, expect, it } from "vitest";
import { argon2Options, hashPassword, needsRehash, verifyPassword } from "../../app/models/password.server.ts";

/** The parts of a PHC string such as $argon2id$v=19$m=19456,t=2,p=1$salt$hash (parameters in any order). */
function parsePhc(hash: string) {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
  if (!match) throw new Error(`not a PHC argon2 hash: ${hash}`);
  const [, algorithm, version, list, salt, digest] = match;
  const params = Object.fromEntries(list.split(",").map((pair) => [pair[0], Number(pair.slice(2))]));
  return { algorithm, version: Number(version), m: params.m, t: params.t, p: params.p, salt, digest };
}

describe("password hashing (argon2id, OWASP/ASVS minimum)", () => {
  it("stores argon2id with m >= 19456 KiB, t >= 2, p >= 1 and a random salt", async () => {
    const first = await hashPassword("Correct-Horse-2026");
    const second = await hashPassword("Correct-Horse-2026");
    const phc = parsePhc(first);
    expect(phc.algorithm).toBe("argon2id");
    expect(phc.version).toBe(19);
    expect(phc.m).toBeGreaterThanOrEqual(19_456);
    expect(phc.t).toBeGreaterThanOrEqual(2);
    expect(phc.p).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(phc.salt, "base64").length).toBeGreaterThanOrEqual(16);
    expect(first).not.toBe(second);
    expect(first).not.toContain("Correct-Horse-2026");
  });

  it("verifies the right password and refuses a different one, a near miss and a missing hash", async () => {
    const hash = await hashPassword("Correct-Horse-2026");
    expect(await verifyPassword(hash, "Correct-Horse-2026")).toBe(true);
    expect(await verifyPassword(hash, "Correct-Horse-2027")).toBe(false);
    expect(await verifyPassword(hash, "correct-horse-2026")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
    expect(await verifyPassword(null, "Correct-Horse-2026")).toBe(false);
    expect(await verifyPassword("not-a-hash", "Correct-Horse-2026")).toBe(false);
  });

  it("asks for a rehash of hashes with weaker parameters (less memory, fewer passes) but not of current ones", async () => {
    expect(needsRehash(await hashPassword("Correct-Horse-2026"))).toBe(false);
    const weaker = [
      await argon2.hash("Correct-Horse-2026", { ...argon2Options, memoryCost: 4096 }),
      await argon2.hash("Correct-Horse-2026", { ...argon2Options, timeCost: 1 }),
      await argon2.hash("Correct-Horse-2026", { ...argon2Options, memoryCost: 8192, timeCost: 1 }),
    ];
    for (const hash of weaker) expect(needsRehash(hash)).toBe(true);
  });
});
