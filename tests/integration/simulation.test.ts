import crypto from "node:crypto";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/env.server.ts";
import { createLogger } from "../../app/logger.server.ts";
import { fileObjection, handleObjection } from "../../app/models/certification/objections.server.ts";
import { createListing, reviewListing } from "../../app/models/listing.server.ts";
import { createEvent } from "../../app/models/matchmaking/events/events.server.ts";
import { registerForEvent } from "../../app/models/matchmaking/events/registrations.server.ts";
import { notify } from "../../app/models/notification.server.ts";
import { fileReport, reviewReport } from "../../app/models/plan/reports.server.ts";
import type { PlanActor } from "../../app/models/plan/shared.server.ts";
import { listPlanTasks } from "../../app/models/plan/tasks.server.ts";
import { ensurePlanReference } from "../../db/reference/plan.ts";
import type { OrgActor } from "../../app/models/policy.server.ts";
import { listJobStatus } from "../../app/models/scheduler.server.ts";
import { setRuntime } from "../../app/runtime.server.ts";
import { dateToBeijing, eventSchema } from "../../app/schemas/event.ts";
import { planReportSchema } from "../../app/schemas/plan-tracking.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";
import type { DB } from "../../db/client.ts";
import planData from "../../db/reference/plan-tasks.json" with { type: "json" };
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";
import { installSimRuntime, simInstance, type SimInstance } from "../support/sim-instance.ts";
import { approvedApplication } from "../support/certification.ts";
import { internshipInput } from "../support/listings.ts";
import { smtpSink } from "../support/smtp-sink.ts";

// The real scheduled jobs run over 400 simulated days by two app instances sharing one database,
// and every duty happens exactly once and on the right day. On PostgreSQL the instances are child processes
// and one is killed with SIGKILL in the middle of day 200, while it is sending mail; a fresh one takes its
// place. The scenario is made here through the model functions, never from demo data.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAYS = 400;
/** Four ticks a day, at these hours in China; every job's period is six hours (JOB_PERIODS). */
const TICK_HOURS = [3, 9, 15, 21];
const JOB_PERIODS = ["expire-listings", "event-reminders", "certification-issue", "certificate-expiry", "notification-emails"]
  .map((name) => `${name}=21600`)
  .join(",");
const KILL_DAY = 200;
const PUBLIC_URL = "https://cjt.example.cn";

// Day 0 is a month from the real today, so dates the forms check against the real clock are in the future.
const START_DATE = addDays(todayInChina(), 30);
const START = new Date(`${START_DATE}T00:00:00+08:00`);
const dateOfDay = (day: number) => addDays(START_DATE, day);
const tickAt = (day: number, k: number) => new Date(START.getTime() + day * DAY + TICK_HOURS[k] * HOUR);
/** The first tick at or after a moment. */
function firstTickFrom(at: Date): Date {
  for (let day = Math.floor((at.getTime() - START.getTime()) / DAY) - 1; ; day++) {
    for (let k = 0; k < TICK_HOURS.length; k++) if (tickAt(day, k).getTime() >= at.getTime()) return tickAt(day, k);
  }
}
/** What the parent does between ticks happens half an hour after the tick. */
const actionAt = (day: number, k: number) => new Date(tickAt(day, k).getTime() + 30 * 60_000);

const LISTING_DAYS = [3, 45, 120, 199, KILL_DAY, 201, 280, 398];
const EVENT_DAYS = [2, 60, 199, KILL_DAY, 201, 330];
const RSJ = "区人社局";
const planTask = planData.tasks.find((t) => t.leadUnits.includes(RSJ) && t.deadline.kind !== "year")!.number;

const objection = { name: "李四", organization: "某职业学校", contact: "13900000000", content: "申报的实习接收人数与实际不符，请核实协议。" };

interface Scenario {
  listings: Array<{ id: string; validUntil: string }>;
  events: Array<{ id: string; startsAt: Date; registered: string[]; notRegistered: string }>;
  applications: { a: string; b: string; c: string; d: string };
  /** Tick times at which the plan task was first seen silent, in order. */
  silentSince: Date[];
  expectedSilent: Date[];
  dismissedAt?: Date;
  burst: number[];
}

/** A backend's run: what to do between ticks and how to tick both instances. */
interface Driver {
  tick(now: Date, day: number, k: number): Promise<void>;
  close(): Promise<void>;
}

/** Runs the 400 days: the scenario's actions between ticks, both instances at every tick, the checks after. */
async function simulate(db: DB, driver: Driver, sink: ReturnType<typeof smtpSink>, backend: string) {
  const started = Date.now();
  const admin = await makeStaffActor(db, "platform_admin");
  const reviewers = [await makeStaffActor(db, "reviewer"), await makeStaffActor(db, "reviewer")];
  const publisher = await makeOrgActor(db);
  const orgs: OrgActor[] = [];
  for (let i = 0; i < 3; i++) orgs.push(await makeOrgActor(db, { kind: i === 0 ? "vocational_school" : "enterprise" }));
  // Certificates last one year here, so the 60-day reminder and the expiry fall inside the 400 days.
  await db.updateTable("certification_types").set({ validity_years: 1 }).where("code", "=", "enterprise").execute();
  await ensurePlanReference(db);
  const rsj = await db.selectFrom("plan_units").select("id").where("name", "=", RSJ).executeTakeFirstOrThrow();
  const officer = await db
    .insertInto("users")
    .values({ email: `plan-${crypto.randomBytes(4).toString("hex")}@example.cn`, name: "联络员", password_hash: "x", platform_role: "plan_officer", plan_unit_id: rsj.id })
    .returning(["id", "email", "platform_role", "plan_unit_id"])
    .executeTakeFirstOrThrow();
  const planAdmin: PlanActor = { id: admin.user.id, email: admin.user.email, platform_role: "platform_admin", plan_unit_id: null };

  const scenario: Scenario = {
    listings: [],
    events: [],
    applications: { a: "", b: "", c: "", d: "" },
    silentSince: [],
    expectedSilent: [],
    burst: [],
  };
  for (const day of LISTING_DAYS) {
    const input = internshipInput({
      title: `第${day}天到期的实习岗位`,
      majors: "数控技术",
      positions: "2",
      validUntil: dateOfDay(day),
      startDate: dateOfDay(0),
      endDate: dateOfDay(day + 30),
    });
    const created = await createListing(db, publisher, "internship", input, { submit: true });
    if (!created.ok) throw new Error(created.code);
    expect((await reviewListing(db, reviewers[0], created.listing.id, { approve: true })).ok).toBe(true);
    scenario.listings.push({ id: created.listing.id, validUntil: dateOfDay(day) });
  }
  for (const day of EVENT_DAYS) {
    const startsAt = new Date(START.getTime() + day * DAY + 10 * HOUR);
    const input = eventSchema.parse({
      title: `第${day}天的校企对接会`,
      startsAt: dateToBeijing(startsAt),
      endsAt: dateToBeijing(new Date(startsAt.getTime() + 3 * HOUR)),
      place: "区政务服务中心三楼报告厅",
      capacity: "10",
      audience: "装备制造企业、职业院校",
      agenda: "09:00 签到",
    });
    const created = await createEvent(db, admin, input, START);
    if (!created.ok) throw new Error(created.code);
    for (const org of orgs.slice(0, 2)) expect((await registerForEvent(db, org, created.event.id, START)).ok).toBe(true);
    scenario.events.push({ id: created.event.id, startsAt, registered: orgs.slice(0, 2).map((o) => o.organization.id), notRegistered: orgs[2].organization.id });
  }

  const filedObjections: Record<string, string> = {};
  const actions: Record<string, () => Promise<void>> = {
    // A: approved on day 1; its notice (7 days) ends without objection.
    "1:0": async () => void (scenario.applications.a = (await approvedApplication(db, admin, reviewers, actionAt(1, 0))).applicationId),
    // The plan task's report is accepted on day 10 and again on day 150: silent 90 days after each.
    "10:1": async () => acceptReport(actionAt(10, 1), "2027-Q1"),
    "150:2": async () => acceptReport(actionAt(150, 2), "2027-Q2"),
    // B: approved on day 100, objected to on day 103 while its notice runs, dismissed on day 130.
    "100:1": async () => void (scenario.applications.b = (await approvedApplication(db, admin, reviewers, actionAt(100, 1))).applicationId),
    "103:1": async () => fileFor("b", actionAt(103, 1)),
    "130:2": async () => {
      const at = actionAt(130, 2);
      expect(
        await handleObjection(db, admin, scenario.applications.b, { objectionId: filedObjections.b, handling: "dismiss", note: "经核实，异议不成立。" }, {}, at),
      ).toEqual({ ok: true });
      scenario.dismissedAt = at;
    },
    // C: its notice ends the day after the kill.
    "194:1": async () => void (scenario.applications.c = (await approvedApplication(db, admin, reviewers, actionAt(194, 1))).applicationId),
    // D: objected to and upheld: never certified.
    "300:0": async () => void (scenario.applications.d = (await approvedApplication(db, admin, reviewers, actionAt(300, 0))).applicationId),
    "302:0": async () => fileFor("d", actionAt(302, 0)),
    "305:0": async () => {
      const result = await handleObjection(db, admin, scenario.applications.d, { objectionId: filedObjections.d, handling: "uphold", note: "核实属实，异议成立。" }, {}, actionAt(305, 0));
      expect(result).toEqual({ ok: true });
    },
  };
  async function fileFor(key: "b" | "d", at: Date) {
    const filed = await fileObjection(db, scenario.applications[key], objection, { ip: "198.51.100.7" }, at);
    if (!filed.ok) throw new Error(filed.code);
    filedObjections[key] = filed.objectionId;
  }
  async function acceptReport(at: Date, period: string) {
    const input = planReportSchema.parse({ period, narrative: "本期开展了校企合作对接和技能培训，完成了阶段目标。", completionPercent: "40", evidenceLinks: "" });
    const filed = await fileReport(db, officer, planTask, { kind: "lead", input }, {}, at);
    if (!filed.ok) throw new Error(JSON.stringify(filed));
    expect(await reviewReport(db, planAdmin, planTask, { reportId: filed.reportId, decision: "accept", comment: "" }, {}, at)).toMatchObject({ ok: true });
    scenario.expectedSilent.push(firstTickAfter(new Date(at.getTime() + 90 * DAY)));
  }

  let wasSilent = false;
  for (let day = 0; day < DAYS; day++) {
    for (let k = 0; k < TICK_HOURS.length; k++) {
      const now = tickAt(day, k);
      if (day === KILL_DAY && k === 1) {
        // A burst of mail for the instance that will be killed while sending it.
        for (let i = 0; i < 12; i++) await notify(db, { organizationId: publisher.organization.id }, { kind: "simulation.burst", title: "notifications.listing.approve", params: { title: `群发${i}` } });
      }
      await driver.tick(now, day, k);
      await actions[`${day}:${k}`]?.();
      if (day >= 10) {
        const [task] = await listPlanTasks(db, now, [planTask]);
        const silent = task.status === "silent";
        if (silent && !wasSilent) scenario.silentSince.push(now);
        wasSilent = silent;
      }
    }
  }
  const report = (line: string) => process.stdout.write(`[simulation ${backend}] ${line}\n`);
  report(`${DAYS} days in ${((Date.now() - started) / 1000).toFixed(1)} s, ${sink.received.length} mails`);

  // Listings expire the day after their valid-until date, once.
  const listings = await db.selectFrom("listings").select(["id", "status", "valid_until", "updated_at"]).where("id", "in", scenario.listings.map((l) => l.id)).execute();
  for (const l of scenario.listings) {
    const row = listings.find((r) => r.id === l.id)!;
    expect(row.status).toBe("expired");
    expect(todayInChina(row.updated_at)).toBe(addDays(l.validUntil, 1));
  }

  // Each registered organisation is reminded once per event, within the 24 hours before it; the others never.
  for (const event of scenario.events) {
    const row = await db.selectFrom("match_events").select("reminded_at").where("id", "=", event.id).executeTakeFirstOrThrow();
    expect(row.reminded_at).not.toBeNull();
    expect(row.reminded_at!.getTime()).toBe(firstTickFrom(new Date(event.startsAt.getTime() - DAY)).getTime());
    expect(todayInChina(row.reminded_at!)).toBe(addDays(todayInChina(event.startsAt), -1));
    const reminders = await db
      .selectFrom("notifications")
      .select(["organization_id", sql<number>`count(*)::int`.as("n")])
      .where("kind", "=", "event.reminder")
      .where("link", "=", `/events/${event.id}`)
      .groupBy("organization_id")
      .execute();
    expect(reminders.map((r) => [r.organization_id, r.n]).sort()).toEqual(event.registered.map((id) => [id, 1]).sort());
  }

  // Certificates: once per application, on the day the notice ends (A, C) or the objection is dismissed (B),
  // never while it was open, and never for the upheld one (D).
  const certs = await db.selectFrom("certificates").select(["application_id", "issued_on", "valid_until", "expiry_notified_at", "expiry_indexed_at", "organization_id"]).execute();
  const perApplication = new Map<string, number>();
  for (const c of certs) perApplication.set(c.application_id!, (perApplication.get(c.application_id!) ?? 0) + 1);
  const { a, b, c, d } = scenario.applications;
  expect([a, b, c, d].map((id) => perApplication.get(id) ?? 0)).toEqual([1, 1, 1, 0]);
  const notices = await db.selectFrom("certification_notices").select(["application_id", "ends_at"]).execute();
  const endsAt = (id: string) => notices.find((n) => n.application_id === id)!.ends_at;
  const cert = (id: string) => certs.find((x) => x.application_id === id)!;
  expect(cert(a).issued_on).toBe(todayInChina(firstTickFrom(endsAt(a))));
  expect(cert(c).issued_on).toBe(todayInChina(firstTickFrom(endsAt(c))));
  expect(todayInChina(endsAt(b)) < cert(b).issued_on).toBe(true);
  expect(cert(b).issued_on).toBe(todayInChina(firstTickFrom(scenario.dismissedAt!)));
  expect((await db.selectFrom("certification_applications").select("status").where("id", "=", d).executeTakeFirstOrThrow()).status).toBe("rejected");
  // A's expiry reminder: once, 60 days ahead; its expiry re-indexed the day after it ends.
  expect(todayInChina(cert(a).expiry_notified_at!)).toBe(addDays(cert(a).valid_until, -60));
  expect(todayInChina(cert(a).expiry_indexed_at!)).toBe(addDays(cert(a).valid_until, 1));
  const expiring = await db.selectFrom("notifications").select("organization_id").where("kind", "=", "certification.expiring").execute();
  expect(expiring.map((n) => n.organization_id)).toEqual([cert(a).organization_id]);
  expect(cert(b).expiry_notified_at).toBeNull(); // its reminder falls after the 400 days
  const issuedNotes = await db.selectFrom("notifications").select("organization_id").where("kind", "=", "certification.issue").execute();
  expect(issuedNotes.map((n) => n.organization_id).sort()).toEqual([a, b, c].map((id) => cert(id).organization_id).sort());

  // The plan task turned silent exactly at the threshold after each accepted report.
  expect(scenario.silentSince.map((t) => t.toISOString())).toEqual(scenario.expectedSilent.map((t) => t.toISOString()));

  // Every notification with a recipient was mailed to each recipient, under its own Message-ID, once; after a
  // SIGKILL at most the one mail in flight went out again, under the same Message-ID.
  const pending = await db.selectFrom("notifications").select("id").where("email_status", "=", "pending").execute();
  expect(pending).toEqual([]);
  const expected = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", (j) => j.on((eb) => eb.or([eb("u.id", "=", eb.ref("n.user_id")), eb("u.organization_id", "=", eb.ref("n.organization_id"))])))
    .select(["n.id", "u.email"])
    .where("u.status", "=", "active")
    .execute();
  const mailed = new Map<string, number>();
  for (const mail of sink.received) {
    const id = /^Message-ID:\s*<notification-(\d+)@cjt\.example\.cn>/im.exec(mail.raw)?.[1];
    expect(id).toBeTruthy();
    for (const to of mail.to) mailed.set(`${id}→${to}`, (mailed.get(`${id}→${to}`) ?? 0) + 1);
  }
  expect(new Set(mailed.keys())).toEqual(new Set(expected.map((e) => `${e.id}→${e.email}`)));
  const doubled = [...mailed.entries()].filter(([, n]) => n > 1);
  report(`${expected.length} notification mails expected, ${mailed.size} distinct delivered, ${doubled.length} re-sent after the kill`);
  expect(doubled.every(([, n]) => n === 2)).toBe(true);
  expect(doubled.length).toBeLessThanOrEqual(backend === "postgres" ? 1 : 0);
  expect(expected.length).toBeGreaterThan(40);

  // The job status the operator sees: every job ran on the last day and the last run of each succeeded.
  const status = await listJobStatus(db, tickAt(DAYS, 0));
  expect(status.map((s) => s.lastError)).toEqual(status.map(() => null));
  for (const s of status) expect(s.lastRunAt?.getTime()).toBe(tickAt(DAYS - 1, 3).getTime());
  return scenario;
}

function firstTickAfter(at: Date): Date {
  const t = firstTickFrom(at);
  return t.getTime() === at.getTime() ? firstTickFrom(new Date(at.getTime() + 1)) : t;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-sim-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function simEnv(smtpUrl: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: "test",
    DATA_DIR: tmp,
    LOG_LEVEL: "silent",
    SMTP_URL: smtpUrl,
    PUBLIC_URL,
    MAIL_FROM: "产教通 <noreply@cjt.example.cn>",
    JOB_PERIODS,
    JOB_TICK_MS: "600000",
    ...extra,
  };
}

describe.each(backends)("400 simulated days on %s with two instances", (backend) => {
  let database: TestDatabase | undefined;
  const sink = smtpSink({ delayMs: backend === "postgres" ? 15 : 0 });
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    setRuntime(undefined);
    await sink.close();
    await database?.dispose();
  });

  it("does every duty exactly once and on the right day", async () => {
    const smtpUrl = await sink.listen();
    database = await openTestDatabase(backend);
    const db = database.db;
    const env = parseEnv(simEnv(smtpUrl));
    installSimRuntime(env, db, createLogger("silent"));
    let driver: Driver;
    if (backend === "pglite") {
      // PGlite cannot be shared across processes: two loops in this process share the one database.
      const instances: SimInstance[] = [simInstance(db), simInstance(db)];
      driver = {
        tick: async (now) => void (await Promise.all(instances.map((i) => i.tick(now)))),
        close: async () => void (await Promise.all(instances.map((i) => i.stop()))),
      };
    } else {
      driver = processDriver(database.url!, smtpUrl, sink, children);
    }
    try {
      await simulate(db, driver, sink, backend);
    } finally {
      await driver.close();
    }
  }, 240_000);
});

/** Two child processes over IPC; one is killed mid-send on day KILL_DAY and replaced by a fresh one. */
function processDriver(url: string, smtpUrl: string, sink: ReturnType<typeof smtpSink>, children: ChildProcess[]): Driver {
  let seq = 0;
  const spawnChild = () => {
    const child = fork(path.resolve("tests/support/sim-instance.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...simEnv(smtpUrl, { DATABASE_URL: url, SIM_HOLDER: `child-${children.length}` }) } as NodeJS.ProcessEnv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(child);
    const ready = new Promise<void>((resolve, reject) => {
      child.on("message", (m: { type: string }) => m.type === "ready" && resolve());
      child.once("exit", (code) => reject(new Error(`simulation instance exited (${code}) before it was ready`)));
    });
    return { child, ready };
  };
  const tickChild = (child: ChildProcess, now: Date) =>
    new Promise<void>((resolve, reject) => {
      const mine = ++seq;
      const onMessage = (m: { type: string; seq?: number; message?: string }) => {
        if (m.seq !== mine) return;
        child.off("message", onMessage);
        if (m.type === "ticked") resolve();
        else reject(new Error(m.message));
      };
      child.on("message", onMessage);
      child.send({ type: "tick", at: now.toISOString(), seq: mine });
    });
  const start = [spawnChild(), spawnChild()];
  let current: ChildProcess[] | undefined;
  return {
    async tick(now, day, k) {
      if (!current) {
        await Promise.all(start.map((s) => s.ready));
        current = start.map((s) => s.child);
      }
      if (day === KILL_DAY && k === 1) {
        // The victim alone takes this tick; once it is sending mail it is killed between two messages.
        const [victim, survivor] = current;
        const before = sink.received.length;
        const sending = new Promise<void>((resolve) =>
          victim.on("message", (m: { type: string; job?: string }) => m.type === "running" && m.job === "notification-emails" && resolve()),
        );
        void tickChild(victim, now).catch(() => {});
        await sending;
        const deadline = Date.now() + 10_000;
        while (sink.received.length < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        const exited = new Promise((r) => victim.once("exit", r));
        victim.kill("SIGKILL");
        await exited;
        expect(sink.received.length - before).toBeGreaterThanOrEqual(3);
        expect(sink.received.length - before).toBeLessThan(12);
        const fresh = spawnChild();
        await fresh.ready;
        current = [survivor, fresh.child];
      }
      await Promise.all(current.map((child) => tickChild(child, now)));
    },
    async close() {
      for (const child of current ?? []) {
        const exited = new Promise((r) => child.once("exit", r));
        child.send({ type: "stop" });
        await exited;
      }
    },
  };
}
