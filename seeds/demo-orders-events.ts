import type { DB } from "../db/client.ts";
import type { Session } from "../db/schema.ts";
import type { Actor, OrgActor } from "../app/models/policy.server.ts";
import { advanceOrder, cancelOrder, getOrderablePackage, placeOrder, rateOrder } from "../app/models/matchmaking/orders.server.ts";
import { createEvent } from "../app/models/matchmaking/events/events.server.ts";
import { registerForEvent } from "../app/models/matchmaking/events/registrations.server.ts";
import { markAttendance } from "../app/models/matchmaking/events/attendance.server.ts";
import { beijingToDate, type EventInput } from "../app/schemas/event.ts";
import { addDays, todayInChina } from "../app/utils/dates.ts";

/** A signed-in actor for a demo account, as the models expect it (the seed has no session). */
async function actorFor(db: DB, email: string): Promise<Actor | null> {
  const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  if (!user) return null;
  const organization = user.organization_id
    ? ((await db.selectFrom("organizations").selectAll().where("id", "=", user.organization_id).executeTakeFirst()) ?? null)
    : null;
  return { session: {} as Session, user, organization };
}

const at = (days: number, time: string) => `${addDays(todayInChina(), days)}T${time}`;

/**
 * Demo training-package orders in every state (task 30) and matchmaking events (task 57): three upcoming,
 * one of them with a waiting list, and one past event with attendance. Runs through the models, so the
 * timelines and notifications are there too. Does nothing when orders or events exist already.
 */
export async function seedDemoOrdersEvents(db: DB): Promise<{ orders: number; events: number }> {
  const existing = await db
    .selectFrom("package_orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const existingEvents = await db
    .selectFrom("match_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0 || Number(existingEvents.n) > 0) return { orders: 0, events: 0 };

  const [provider, qinling, rsj, autoparts, school, admin, park] = await Promise.all(
    [
      "peixun@cjt-demo.cn",
      "qinling@cjt-demo.cn",
      "officer.rsj@cjt-demo.cn",
      "autoparts@cjt-demo.cn",
      "sxgfxy@cjt-demo.cn",
      "admin@cjt-demo.cn",
      "fengjing@cjt-demo.cn",
    ].map((email) => actorFor(db, email)),
  );
  let orders = 0;
  if (provider?.organization) {
    const packages = await db
      .selectFrom("listings")
      .select("id")
      .where("organization_id", "=", provider.organization.id)
      .where("kind", "=", "training_package")
      .where("status", "=", "published")
      .orderBy("published_at")
      .limit(2)
      .execute();
    const [first, second = first] = packages.map((p) => p.id);
    if (first) {
      const plans: Array<{ buyer: Actor | null; listing: string; seats: number; note?: string; path: Array<"confirm" | "deliver" | "complete" | "cancel" | "rate"> }> = [
        { buyer: qinling, listing: first, seats: 12, note: "希望安排在周末，便于一线职工参加。", path: ["confirm", "deliver", "complete", "rate"] },
        { buyer: rsj, listing: second, seats: 20, note: "政府购买培训服务：转岗职工技能提升。", path: ["confirm", "deliver"] },
        { buyer: autoparts, listing: first, seats: 8, path: ["confirm"] },
        { buyer: school, listing: second, seats: 15, note: "用于专业教师企业实践前的集中培训。", path: [] },
        { buyer: qinling, listing: second, seats: 5, path: ["cancel"] },
      ];
      for (const plan of plans) {
        if (!plan.buyer?.organization) continue;
        const pkg = await getOrderablePackage(db, plan.listing);
        const seats = Math.min(plan.seats, pkg?.snapshot.classSeats ?? plan.seats);
        const placed = await placeOrder(db, plan.buyer as OrgActor, plan.listing, { seats, note: plan.note });
        if (!placed.ok) continue;
        orders++;
        for (const step of plan.path) {
          if (step === "cancel") await cancelOrder(db, plan.buyer, placed.order.id, "生产任务调整，本期暂不安排培训，下期再订。");
          else if (step === "rate") {
            await rateOrder(db, plan.buyer, placed.order.id, { rating: 5, comment: "课程贴合车间实际，实操时间充足，职工反馈很好。" });
          } else await advanceOrder(db, provider, placed.order.id, step);
        }
      }
    }
  }

  let events = 0;
  const upcoming: Array<{ organizer: Actor | null; input: EventInput; registrants: Array<Actor | null> }> = [
    {
      organizer: admin,
      input: {
        title: "2026 年鄠邑区校企合作对接会（装备制造专场）",
        startsAt: at(5, "09:00"),
        endsAt: at(5, "12:00"),
        place: "鄠邑区政务服务中心三楼报告厅",
        capacity: 3,
        audience: "装备制造企业、职业院校、培训机构",
        agenda: "09:00 签到\n09:30 区人社局介绍产教融合支持政策\n10:00 企业用工需求发布\n10:40 院校专业与订单班介绍\n11:20 自由洽谈",
      },
      registrants: [qinling, school, autoparts, provider],
    },
    {
      organizer: park,
      input: {
        title: "沣京工业园企业用工与实习岗位洽谈会",
        startsAt: at(12, "14:00"),
        endsAt: at(12, "17:00"),
        place: "沣京工业园管委会一楼会议室",
        capacity: 20,
        audience: "园区企业、鄠邑区及周边职业院校",
        agenda: "14:00 园区企业岗位推介\n15:00 院校与企业一对一洽谈\n16:30 签约意向登记",
      },
      registrants: [qinling, school],
    },
    {
      organizer: admin,
      input: {
        title: "“互联网+职业技能培训”培训包推介会",
        startsAt: at(21, "09:30"),
        endsAt: at(21, "11:30"),
        place: "鄠邑区职业教育中心实训楼 201",
        capacity: 40,
        audience: "企业人力资源负责人、区直部门、培训机构",
        agenda: "09:30 培训包发布\n10:15 政府购买培训服务流程说明\n10:45 现场咨询",
      },
      registrants: [provider, rsj],
    },
  ];
  for (const item of upcoming) {
    if (!item.organizer) continue;
    const created = await createEvent(db, item.organizer, item.input);
    if (!created.ok) continue;
    events++;
    for (const r of item.registrants) if (r?.organization) await registerForEvent(db, r as OrgActor, created.event.id);
  }

  // A past event, with its registrations and attendance recorded afterwards.
  if (admin) {
    const past = await db
      .insertInto("match_events")
      .values({
        title: "秋季产教融合政策宣讲与校企对接活动",
        starts_at: beijingToDate(at(-14, "09:00")),
        ends_at: beijingToDate(at(-14, "11:30")),
        place: "鄠邑区人力资源市场二楼",
        capacity: 30,
        audience: "全区企业、职业院校",
        agenda: "09:00 政策宣讲\n10:00 校企洽谈",
        created_by: admin.user.id,
        created_at: beijingToDate(at(-30, "10:00")),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    events++;
    const came: string[] = [];
    for (const [i, r] of [qinling, school, autoparts, rsj].entries()) {
      if (!r?.organization) continue;
      await db
        .insertInto("match_event_registrations")
        .values({ event_id: past.id, organization_id: r.organization.id, status: "registered", registered_by: r.user.id })
        .execute();
      if (i !== 2) came.push(r.organization.id);
    }
    await markAttendance(db, admin, past.id, came);
  }
  return { orders, events };
}
