import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelEvent, canOrganizeEvents, createEvent, updateEvent } from "../../app/models/matchmaking/events/events.server.ts";
import { cancelRegistration, registerForEvent } from "../../app/models/matchmaking/events/registrations.server.ts";
import { markAttendance } from "../../app/models/matchmaking/events/attendance.server.ts";
import { eventCounts, getEvent, listEvents, upcomingEvents } from "../../app/models/matchmaking/events/views.server.ts";
import { remindUpcomingEvents } from "../../app/models/matchmaking/events/reminders.server.ts";
import type { Actor, OrgActor } from "../../app/models/policy.server.ts";
import { dateToBeijing, eventSchema, type EventInput } from "../../app/schemas/event.ts";
import type { DB } from "../../db/client.ts";
import { makeOrgActor, makeStaffActor } from "../support/actors.ts";
import { backends, openTestDatabase, type TestDatabase } from "../support/databases.ts";

const hour = 3_600_000;

function eventInput(overrides: Partial<Record<keyof EventInput, string>> & { startsInHours?: number } = {}): EventInput {
  const { startsInHours = 72, ...fields } = overrides;
  const start = new Date(Date.now() + startsInHours * hour);
  return eventSchema.parse({
    title: "鄠邑区校企合作对接会",
    startsAt: dateToBeijing(start),
    endsAt: dateToBeijing(new Date(start.getTime() + 3 * hour)),
    place: "区政务服务中心三楼报告厅",
    capacity: "2",
    audience: "装备制造企业、职业院校",
    agenda: "09:00 签到\n09:30 政策宣讲",
    ...fields,
  });
}

async function kinds(db: DB, organizationId: string) {
  return (await db.selectFrom("notifications").select("kind").where("organization_id", "=", organizationId).orderBy("id").execute()).map((n) => n.kind);
}

async function statusOf(db: DB, eventId: string, organizationId: string) {
  return (
    await db
      .selectFrom("match_event_registrations")
      .select("status")
      .where("event_id", "=", eventId)
      .where("organization_id", "=", organizationId)
      .executeTakeFirst()
  )?.status;
}

describe.each(backends)("matchmaking events on %s", (backend) => {
  let database: TestDatabase;
  let db: DB;
  let admin: Actor;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.db;
    admin = await makeStaffActor(db, "platform_admin");
  });
  afterAll(() => database?.dispose());

  async function newEvent(overrides: Parameters<typeof eventInput>[0] = {}, organizer: Actor = admin) {
    const created = await createEvent(db, organizer, eventInput(overrides));
    if (!created.ok) throw new Error(created.code);
    return created.event;
  }

  it("with capacity 2, three concurrent registrations give exactly 2 registered and 1 waitlisted", async () => {
    // Several rounds, each on its own event: without the row lock the count races on PostgreSQL.
    for (let round = 0; round < 4; round++) {
      const event = await newEvent({ capacity: "2" });
      const orgs = await Promise.all([makeOrgActor(db), makeOrgActor(db, { kind: "vocational_school" }), makeOrgActor(db, { kind: "district_department" })]);
      const results = await Promise.all(orgs.map((org) => registerForEvent(db, org, event.id)));
      const statuses = results.map((r) => (r.ok ? r.status : r.code)).sort();
      expect(statuses).toEqual(["registered", "registered", "waitlisted"]);
      const rows = await db.selectFrom("match_event_registrations").select("status").where("event_id", "=", event.id).execute();
      expect(rows.filter((r) => r.status === "registered")).toHaveLength(2);
      expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(1);
    }
  });

  it("gives a cancelled seat to the first waitlisted organisation and notifies it", async () => {
    const event = await newEvent({ capacity: "1" });
    const [first, second, third] = [await makeOrgActor(db), await makeOrgActor(db), await makeOrgActor(db)];
    expect(await registerForEvent(db, first, event.id)).toEqual({ ok: true, status: "registered" });
    expect(await registerForEvent(db, second, event.id)).toEqual({ ok: true, status: "waitlisted", position: 1 });
    expect(await registerForEvent(db, third, event.id)).toEqual({ ok: true, status: "waitlisted", position: 2 });
    expect(await registerForEvent(db, second, event.id)).toEqual({ ok: false, code: "alreadyRegistered" });

    // Leaving the waiting list promotes nobody.
    expect(await cancelRegistration(db, third, event.id)).toEqual({ ok: true, promoted: [] });
    const cancelled = await cancelRegistration(db, first, event.id);
    expect(cancelled).toEqual({ ok: true, promoted: [second.organization.id] });
    expect(await statusOf(db, event.id, second.organization.id)).toBe("registered");
    expect(await statusOf(db, event.id, first.organization.id)).toBe("cancelled");
    expect(await kinds(db, second.organization.id)).toEqual(["event.promoted"]);
    expect(await kinds(db, third.organization.id)).toEqual([]);
    expect(await cancelRegistration(db, first, event.id)).toEqual({ ok: false, code: "notRegistered" });

    // Registering again after cancelling joins the end of the queue.
    expect(await registerForEvent(db, first, event.id)).toEqual({ ok: true, status: "waitlisted", position: 1 });
    const view = await getEvent(db, event.id, first);
    expect(view?.own).toEqual({ status: "waitlisted", position: 1, attended: null });
    expect(view?.registered).toBe(1);
    expect(view?.registrations).toBeNull();
    expect((await getEvent(db, event.id, admin))?.registrations?.map((r) => r.organization_id)).toEqual([
      second.organization.id,
      first.organization.id,
    ]);
  });

  it("tells the organiser of every registration, waiting-list place and cancellation", async () => {
    const committee = (await makeOrgActor(db, { kind: "park_committee" })) as OrgActor;
    const event = await newEvent({ capacity: "1" }, committee);
    const [a, b] = [await makeOrgActor(db), await makeOrgActor(db)];
    await registerForEvent(db, a, event.id);
    await registerForEvent(db, b, event.id);
    await cancelRegistration(db, a, event.id);
    const inbox = await db
      .selectFrom("notifications")
      .select(["kind", "title", "link"])
      .where("organization_id", "=", committee.organization.id)
      .orderBy("id")
      .execute();
    expect(inbox.map((n) => n.kind)).toEqual(["event.registered", "event.waitlisted", "event.registrationCancelled"]);
    expect(inbox[1].title).toBe(`${b.organization.name} 进入“${event.title}”的候补名单（第 1 位）`);
    expect(inbox.every((n) => n.link === `/events/${event.id}`)).toBe(true);

    // An event published by platform staff notifies the staff member who published it.
    const staffEvent = await newEvent({ capacity: "5" });
    await registerForEvent(db, b, staffEvent.id);
    const staffInbox = await db.selectFrom("notifications").select("kind").where("user_id", "=", admin.user.id).where("link", "=", `/events/${staffEvent.id}`).execute();
    expect(staffInbox.map((n) => n.kind)).toEqual(["event.registered"]);
  });

  it("lets platform administrators and park committees' administrators organise, each managing only its own", async () => {
    const park = await makeOrgActor(db, { kind: "park_committee" });
    const otherPark = await makeOrgActor(db, { kind: "park_committee" });
    const parkMember = await makeOrgActor(db, { kind: "park_committee", role: "member" });
    const enterprise = await makeOrgActor(db);
    const reviewer = await makeStaffActor(db, "reviewer");
    expect([admin, park, otherPark].map(canOrganizeEvents)).toEqual([true, true, true]);
    expect([parkMember, enterprise, reviewer, null].map(canOrganizeEvents)).toEqual([false, false, false, false]);
    expect(await createEvent(db, enterprise, eventInput())).toEqual({ ok: false, code: "notFound" });
    expect(await createEvent(db, reviewer, eventInput())).toEqual({ ok: false, code: "notFound" });
    expect(await createEvent(db, admin, eventInput({ startsInHours: -1 }))).toEqual({ ok: false, code: "startsInPast" });

    const event = await newEvent({}, park);
    expect(event.organizer_org_id).toBe(park.organization.id);
    expect(await updateEvent(db, otherPark, event.id, eventInput({ title: "被篡改的活动" }))).toEqual({ ok: false, code: "notFound" });
    expect(await cancelEvent(db, otherPark, event.id, "不应生效")).toEqual({ ok: false, code: "notFound" });
    expect(await updateEvent(db, enterprise, event.id, eventInput({ title: "被篡改的活动" }))).toEqual({ ok: false, code: "notFound" });
    const edited = await updateEvent(db, park, event.id, eventInput({ title: "沣京工业园岗位洽谈会" }));
    expect(edited.ok && edited.event.title).toBe("沣京工业园岗位洽谈会");
    const byAdmin = await updateEvent(db, admin, event.id, eventInput({ title: "沣京工业园岗位洽谈会（平台协办）" }));
    expect(byAdmin.ok).toBe(true);
    // Publishing and each edit are in the audit log with who did it and what changed; the refused edits are not.
    const log = await db.selectFrom("audit_log").select(["action", "actor_user_id", "detail"]).where("target_id", "=", event.id).orderBy("id").execute();
    expect(log.map((r) => [r.action, r.actor_user_id])).toEqual([
      ["event.create", park.user.id],
      ["event.update", park.user.id],
      ["event.update", admin.user.id],
    ]);
    expect(log[2].detail).toMatchObject({ before: { title: "沣京工业园岗位洽谈会" }, after: { title: "沣京工业园岗位洽谈会（平台协办）" } });
  });

  it("keeps capacity at or above the registered count, and a larger capacity promotes the waiting list", async () => {
    const event = await newEvent({ capacity: "1" });
    const [a, b, c] = [await makeOrgActor(db), await makeOrgActor(db), await makeOrgActor(db)];
    for (const org of [a, b, c]) await registerForEvent(db, org, event.id);
    const grown = await updateEvent(db, admin, event.id, eventInput({ capacity: "2" }));
    expect(grown.ok).toBe(true);
    expect(await statusOf(db, event.id, b.organization.id)).toBe("registered");
    expect(await statusOf(db, event.id, c.organization.id)).toBe("waitlisted");
    expect(await kinds(db, b.organization.id)).toContain("event.promoted");
    expect(await updateEvent(db, admin, event.id, eventInput({ capacity: "1" }))).toEqual({
      ok: false,
      code: "capacityBelowRegistered",
      vars: { registered: 2 },
    });
  });

  it("cancelling an event tells every registered and waitlisted organisation, is audited, and closes registration", async () => {
    const event = await newEvent({ capacity: "1" });
    const [a, b, late] = [await makeOrgActor(db), await makeOrgActor(db), await makeOrgActor(db)];
    await registerForEvent(db, a, event.id);
    await registerForEvent(db, b, event.id);
    expect((await cancelEvent(db, admin, event.id, "场地临时检修")).ok).toBe(true);
    expect(await kinds(db, a.organization.id)).toEqual(["event.cancelled"]);
    expect(await kinds(db, b.organization.id)).toEqual(["event.cancelled"]);
    expect(await registerForEvent(db, late, event.id)).toEqual({ ok: false, code: "eventClosed" });
    expect(await cancelEvent(db, admin, event.id, "再取消一次")).toEqual({ ok: false, code: "eventClosed" });
    // Publishing, the two registrations (one seat, one on the waiting list) and the cancellation; the refused attempts write nothing.
    const audit = await db.selectFrom("audit_log").select(["action", "detail"]).where("target_id", "=", event.id).orderBy("id").execute();
    expect(audit.map((r) => [r.action, r.detail])).toEqual([
      ["event.create", expect.objectContaining({ place: event.place, capacity: 1 })],
      ["event.register", { status: "registered" }],
      ["event.register", { status: "waitlisted", position: 1 }],
      ["event.cancel", { title: event.title, reason: "场地临时检修" }],
    ]);
    const pending = await makeOrgActor(db, { status: "pending" });
    expect(await registerForEvent(db, pending, (await newEvent()).id)).toEqual({ ok: false, code: "notVerified" });
    expect(await registerForEvent(db, a, "not-a-uuid")).toEqual({ ok: false, code: "notFound" });
  });

  it("reminds registered organisations once, about 24 hours before the start", async () => {
    const soon = await newEvent({ startsInHours: 20, capacity: "1" });
    const later = await newEvent({ startsInHours: 60 });
    const [registered, waiting, other] = [await makeOrgActor(db), await makeOrgActor(db), await makeOrgActor(db)];
    await registerForEvent(db, registered, soon.id);
    await registerForEvent(db, waiting, soon.id);
    await registerForEvent(db, other, later.id);
    const first = await remindUpcomingEvents(db);
    expect(first.events).toBeGreaterThanOrEqual(1);
    expect(await kinds(db, registered.organization.id)).toEqual(["event.reminder"]);
    expect(await kinds(db, waiting.organization.id)).toEqual([]);
    expect(await kinds(db, other.organization.id)).toEqual([]);
    // Twice at once, and again later: still one reminder.
    await Promise.all([remindUpcomingEvents(db), remindUpcomingEvents(db)]);
    expect(await kinds(db, registered.organization.id)).toEqual(["event.reminder"]);
    // 40 hours later the other event is due.
    await remindUpcomingEvents(db, new Date(Date.now() + 40 * hour));
    expect(await kinds(db, other.organization.id)).toEqual(["event.reminder"]);
  });

  it("records attendance of registered organisations only after the start, by the organiser", async () => {
    const event = await newEvent({ startsInHours: 2, capacity: "2" });
    const [a, b, c] = [await makeOrgActor(db), await makeOrgActor(db), await makeOrgActor(db)];
    for (const org of [a, b, c]) await registerForEvent(db, org, event.id);
    expect(await markAttendance(db, admin, event.id, [a.organization.id])).toEqual({ ok: false, code: "notStarted" });
    const afterwards = new Date(Date.now() + 4 * hour);
    expect(await markAttendance(db, a, event.id, [a.organization.id], afterwards)).toEqual({ ok: false, code: "notFound" });
    // c is only waitlisted: its id is ignored.
    expect(await markAttendance(db, admin, event.id, [a.organization.id, c.organization.id, "junk"], afterwards)).toEqual({ ok: true, attended: 1 });
    const rows = await db.selectFrom("match_event_registrations").select(["organization_id", "attended"]).where("event_id", "=", event.id).execute();
    const attended = Object.fromEntries(rows.map((r) => [r.organization_id, r.attended]));
    expect(attended).toEqual({ [a.organization.id]: true, [b.organization.id]: false, [c.organization.id]: null });
    expect(await registerForEvent(db, (await makeOrgActor(db)) as OrgActor, event.id, afterwards)).toEqual({ ok: false, code: "eventClosed" });
  });

  it("lists upcoming events soonest first and past ones apart, filtered by text with wildcards taken literally", async () => {
    const tag = `筛选${backend}${Date.now()}`;
    const soon = await newEvent({ title: `${tag} 甲 100%`, startsInHours: 5 });
    const later = await newEvent({ title: `${tag} 乙`, startsInHours: 50, place: "沣京工业园 A_座" });
    const pastResult = await createEvent(db, admin, eventInput({ title: `${tag} 往期`, startsInHours: -48 }), new Date(Date.now() - 72 * hour));
    if (!pastResult.ok) throw new Error(pastResult.code);
    const { upcoming, past } = await listEvents(db, { q: tag });
    expect(upcoming.map((e) => e.id)).toEqual([soon.id, later.id]);
    expect(past.map((e) => e.id)).toEqual([pastResult.event.id]);
    expect((await listEvents(db, { q: "100%" })).upcoming.map((e) => e.id)).toEqual([soon.id]);
    expect((await listEvents(db, { q: `${tag.slice(0, 2)}%乙` })).upcoming).toEqual([]);
    expect((await listEvents(db, { q: "A_座" })).upcoming.map((e) => e.id)).toEqual([later.id]);
    expect((await listEvents(db, { q: "A%座" })).upcoming).toEqual([]);
    expect((await listEvents(db, { q: "政策宣讲" })).upcoming.length).toBeGreaterThanOrEqual(2);
    const next = await upcomingEvents(db, 3);
    expect(next.length).toBeLessThanOrEqual(3);
    expect(next.every((e) => e.status === "published" && e.starts_at.getTime() > Date.now())).toBe(true);
    const org = await makeOrgActor(db);
    await registerForEvent(db, org, later.id);
    const counts = await eventCounts(db, org.organization.id);
    expect(counts.mine).toBe(1);
    expect(counts.upcoming).toBeGreaterThanOrEqual(2);
  });
});
