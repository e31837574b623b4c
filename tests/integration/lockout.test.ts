import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.ts";
import type { PlatformRole } from "../../db/schema.ts";
import { authenticate, LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from "../../app/models/auth.server.ts";
import { hashPassword } from "../../app/models/password.server.ts";
import { platformUserRefusals, unlockUser } from "../../app/models/platform-users.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { insertUser } from "../support/users.ts";

const PASSWORD = "Right-Pass-2026";
const MINUTE = 60_000;
let counter = 0;
let passwordHash: string;

const makeUser = (db: DB, platformRole: PlatformRole | null = null) =>
  insertUser(db, { name: `锁定测试${(counter += 1)}`, password_hash: passwordHash, platform_role: platformRole });

const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MINUTE);

describe.each(backends)("sign-in lockout on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(() => database?.dispose());

  const isLocked = async (userId: string, now: Date) => {
    const row = await db.selectFrom("users").select("locked_until").where("id", "=", userId).executeTakeFirstOrThrow();
    return !!row.locked_until && new Date(row.locked_until) > now;
  };

  it("never locks an account on one wrong password every 15 minutes, over eight hours", async () => {
    const user = await makeUser(db);
    const start = new Date();
    for (let i = 0; i < 4 * 8; i++) {
      const now = at(start, i * LOCKOUT_MINUTES + 0.1);
      expect((await authenticate(db, { email: user.email, password: `Wrong-${i}` }, now)).ok).toBe(false);
      expect(await isLocked(user.id, now), `locked after drip ${i + 1}`).toBe(false);
    }
    expect((await authenticate(db, { email: user.email, password: PASSWORD }, at(start, 4 * 8 * LOCKOUT_MINUTES))).ok).toBe(true);
  });

  it("locks on five quick failures, and a wrong password after the lock ends does not lock it again", async () => {
    const user = await makeUser(db);
    const start = new Date();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      await authenticate(db, { email: user.email, password: "Wrong-Pass-1" }, at(start, i * 0.5));
    }
    const lockedAt = at(start, (LOCKOUT_THRESHOLD - 1) * 0.5);
    expect(await isLocked(user.id, lockedAt)).toBe(true);
    // While locked, even the right password is refused and nothing more is counted.
    expect((await authenticate(db, { email: user.email, password: PASSWORD }, at(lockedAt, 5))).ok).toBe(false);

    // The attacker's drip resumes the moment the lock ends: one failure is one failure, not the sixth.
    const afterLock = at(lockedAt, LOCKOUT_MINUTES + 0.1);
    expect((await authenticate(db, { email: user.email, password: "Wrong-Pass-2" }, afterLock)).ok).toBe(false);
    expect(await isLocked(user.id, afterLock)).toBe(false);
    const row = await db.selectFrom("users").select("failed_logins").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(1);
    expect((await authenticate(db, { email: user.email, password: PASSWORD }, at(afterLock, 1))).ok).toBe(true);
  });

  it("lets a platform administrator unlock an account at once, audited, and nobody else", async () => {
    const admin = await makeUser(db, "platform_admin");
    const reviewer = await makeUser(db, "reviewer");
    const member = await makeUser(db);
    const user = await makeUser(db);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await authenticate(db, { email: user.email, password: "Wrong-Pass-1" });
    expect(await isLocked(user.id, new Date())).toBe(true);

    for (const actor of [reviewer, member]) {
      expect(answered(platformUserRefusals, await unlockUser(db, actor, user.id, { ip: "192.0.2.7" }))).toMatchObject({ ok: false, status: 403 });
    }
    expect(await isLocked(user.id, new Date())).toBe(true);
    const denied = await db.selectFrom("audit_log").selectAll().where("action", "=", "user.unlock").where("outcome", "=", "denied").execute();
    expect(denied.map((a) => a.actor_user_id).sort()).toEqual([reviewer.id, member.id].sort());

    expect(await unlockUser(db, admin, user.id, { ip: "192.0.2.8" })).toMatchObject({ ok: true, changed: true });
    expect(await isLocked(user.id, new Date())).toBe(false);
    const done = await db.selectFrom("audit_log").selectAll().where("action", "=", "user.unlock").where("outcome", "=", "success").executeTakeFirstOrThrow();
    expect(done).toMatchObject({ actor_user_id: admin.id, target_id: user.id, ip: "192.0.2.8" });
    expect((await authenticate(db, { email: user.email, password: PASSWORD })).ok).toBe(true);
    // Unlocking an account that is not locked changes nothing and writes nothing.
    expect(await unlockUser(db, admin, user.id)).toMatchObject({ ok: true, changed: false });
  });
});
