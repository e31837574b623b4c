import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, LOCKOUT_THRESHOLD, registerOrganization, registrationRefusals } from "../../app/models/auth.server.ts";
import { hitRateLimit } from "../../app/models/rate-limit.server.ts";
import { createSession, findSession, revokeUserSessions } from "../../app/models/session.server.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { answered } from "../support/refusals.ts";
import { registration } from "../support/registration.ts";

describe.each(backends)("authentication on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(() => database?.dispose());

  it("registers a pending organisation with its administrator and refuses a second use of the e-mail or code", async () => {
    const input = registration();
    const result = await registerOrganization(database.db, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const org = await database.db.selectFrom("organizations").selectAll().where("id", "=", result.organizationId).executeTakeFirstOrThrow();
    expect(org.status).toBe("pending");
    expect(result.user.org_role).toBe("admin");
    expect(result.user.consent_at).not.toBeNull();
    expect(result.user.password_hash).toMatch(/^\$argon2id\$/);

    expect(answered(registrationRefusals, await registerOrganization(database.db, { ...registration(), userEmail: input.userEmail }))).toMatchObject({
      ok: false,
      field: "userEmail",
    });
    expect(answered(registrationRefusals, await registerOrganization(database.db, { ...registration(), creditCode: input.creditCode }))).toMatchObject({
      ok: false,
      field: "creditCode",
    });
  });

  it("locks an account after five failures, refuses even the right password while locked, and audits it", async () => {
    const input = registration();
    await registerOrganization(database.db, input);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      expect((await authenticate(database.db, { email: input.userEmail, password: "Wrong-Pass-1" })).ok).toBe(false);
    }
    expect((await authenticate(database.db, { email: input.userEmail, password: input.password })).ok).toBe(false);
    const user = await database.db.selectFrom("users").selectAll().where("email", "=", input.userEmail).executeTakeFirstOrThrow();
    expect(new Date(user.locked_until!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const actions = await database.db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("actor_user_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(actions.filter((a) => a.action === "auth.lockout")).toHaveLength(1);
    expect(actions.at(-1)).toEqual({ action: "auth.login", outcome: "denied" });

    // After the lock runs out, the right password works again and resets the counter.
    await database.db.updateTable("users").set({ locked_until: sql`now() - interval '1 second'` }).where("id", "=", user.id).execute();
    const ok = await authenticate(database.db, { email: input.userEmail, password: input.password });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.user.failed_logins).toBe(0);
  });

  it("answers an unknown e-mail exactly like a wrong password, after similar work", async () => {
    const input = registration();
    await registerOrganization(database.db, input);
    // The fastest of a few runs each, so a busy machine does not decide the outcome.
    const fastest = async (email: string) => {
      let best = Infinity;
      let result;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        result = await authenticate(database.db, { email, password: "Wrong-Pass-1" });
        best = Math.min(best, performance.now() - started);
      }
      return { result, ms: best };
    };
    await fastest("warm-up@example.cn");
    const unknown = await fastest("nobody-here@example.cn");
    const wrong = await fastest(input.userEmail);
    expect(unknown.result).toEqual(wrong.result);
    // Both run one argon2id verification; neither returns early.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it("keeps sessions server-side: new random id per login, revocable, bounded by idle and absolute limits", async () => {
    const input = registration();
    const reg = await registerOrganization(database.db, input);
    if (!reg.ok) throw new Error("registration failed");
    const a = await createSession(database.db, reg.user, { ip: "127.0.0.1" });
    const b = await createSession(database.db, reg.user, { ip: "127.0.0.1" });
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(a.session.id).not.toBe(a.token);
    expect((await findSession(database.db, a.token))?.user.id).toBe(reg.user.id);

    await revokeUserSessions(database.db, reg.user.id, "test", b.session.id);
    expect(await findSession(database.db, a.token)).toBeNull();
    expect(await findSession(database.db, b.token)).not.toBeNull();

    await database.db.updateTable("sessions").set({ expires_at: sql`now() - interval '1 second'` }).where("id", "=", b.session.id).execute();
    expect(await findSession(database.db, b.token)).toBeNull();

    // Platform roles: 30 idle minutes.
    await database.db.updateTable("users").set({ platform_role: "reviewer" }).where("id", "=", reg.user.id).execute();
    const staff = await createSession(database.db, { id: reg.user.id, platform_role: "reviewer" }, {});
    expect(staff.session.idle_timeout_seconds).toBe(30 * 60);
    await database.db.updateTable("sessions").set({ last_seen_at: sql`now() - interval '31 minutes'` }).where("id", "=", staff.session.id).execute();
    expect(await findSession(database.db, staff.token)).toBeNull();
  });

  it("counts attempts per key in a shared window", async () => {
    const key = `test:${backend}:${Date.now()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(database.db, key, 3, 600));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect((await hitRateLimit(database.db, `${key}:other`, 3, 600)).allowed).toBe(true);
  });

  it("still counts attempts made just before the window turned", async () => {
    const key = `test:${backend}:boundary:${Date.now()}`;
    const limit = 10;
    const windowSeconds = 3600;
    // Plant the previous window with just enough attempts that, weighted by its remaining overlap, the
    // limit is not yet reached but the next attempt goes over it (a fixed window would allow ten more).
    const overlap = 1 - ((Date.now() / 1000) % windowSeconds) / windowSeconds;
    const previous = Math.round((limit - 0.5) / overlap);
    await sql`insert into rate_limits (key, window_start, count)
      values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds} - ${windowSeconds}), ${previous})`.execute(
      database.db,
    );
    const first = await hitRateLimit(database.db, key, limit, windowSeconds);
    expect(first).toMatchObject({ allowed: false, firstRefusal: true, count: limit + 1 });
    expect(first.retryAfterSeconds).toBeGreaterThan(0);
    expect(first.retryAfterSeconds).toBeLessThanOrEqual(2 * windowSeconds);
    expect(await hitRateLimit(database.db, key, limit, windowSeconds)).toMatchObject({ allowed: false, firstRefusal: false });
    expect((await hitRateLimit(database.db, `${key}:other`, limit, windowSeconds)).allowed).toBe(true);
  });

  it("never lets the audit trail be edited or deleted", async () => {
    await expect(sql`update audit_log set outcome = 'success'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
  });
});
