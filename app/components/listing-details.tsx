import type { ReactNode } from "react";
import type { ListingKind, ListingStatus } from "../domain/listing-kinds.ts";
import { useT, type MessageKey, type Translate, labelFor } from "../i18n/index.ts";

/** A listing's status as a coloured badge. */
export function ListingStatusBadge({ status }: { status: ListingStatus }) {
  const t = useT();
  return <span className={`status status-listing-${status}`}>{t(`listings.status.${status}`)}</span>;
}

export const kindLabel = (t: Translate, kind: ListingKind) => t(`listingKind.${kind}`);

interface Course {
  name: string;
  hours: number;
}

const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString("zh-CN") : String(v));

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The kind-specific details of a listing as a definition list, with human labels and units. */
export function ListingDetails({ kind, details }: { kind: ListingKind; details: Record<string, unknown> }) {
  const t = useT();
  const has = (key: string) => details[key] !== undefined && details[key] !== null && details[key] !== "";
  const text = (key: string) => String(details[key]);
  const yesNo = (key: string) => t(details[key] === true ? "listings.yes" : "listings.no");
  const enumOf = (prefix: string, key: string) => labelFor(t, `listings.${prefix}`, String(details[key]));
  const unit = (message: MessageKey, key: string) => t(message, { n: num(details[key]) });
  const rows: ReactNode[] = [];
  const add = (key: string, value: ReactNode) =>
    rows.push(
      <Row key={key} label={labelFor(t, "listings.detail", key)}>
        {value}
      </Row>,
    );

  if (kind === "internship") {
    if (has("positions")) add("positions", unit("listings.unit.people", "positions"));
    if (has("startDate") && has("endDate")) add("period", t("listings.detail.periodValue", { start: text("startDate"), end: text("endDate") }));
    if (has("hoursPerWeek")) add("hoursPerWeek", unit("listings.unit.hoursPerWeek", "hoursPerWeek"));
    if (has("monthlyPay")) add("monthlyPay", unit("listings.unit.yuanPerMonth", "monthlyPay"));
    add("insurance", yesNo("insurance"));
    if (has("accommodation")) add("accommodation", enumOf("provision", "accommodation"));
    if (has("meals")) add("meals", enumOf("provision", "meals"));
    add("supervisor", yesNo("supervisor"));
  } else if (kind === "order_training") {
    if (has("major")) add("major", text("major"));
    if (has("students")) add("students", unit("listings.unit.people", "students"));
    if (has("cohort")) add("cohort", t("listings.unit.cohort", { n: text("cohort") }));
    if (has("trainingPeriod")) add("trainingPeriod", text("trainingPeriod"));
    add("employmentOnCompletion", yesNo("employmentOnCompletion"));
    if (has("scholarship")) add("scholarship", unit("listings.unit.yuanPerYear", "scholarship"));
    if (has("practiceShare")) add("practiceShare", unit("listings.unit.percent", "practiceShare"));
    if (has("certificate")) add("certificate", text("certificate"));
  } else if (kind === "training_package") {
    if (has("mode")) add("mode", enumOf("mode", "mode"));
    const courses = Array.isArray(details.courses) ? (details.courses as Course[]) : [];
    if (courses.length) {
      add(
        "courses",
        <ul className="plain-list">
          {courses.map((c, i) => (
            <li key={i}>{t("listings.detail.course", { name: c.name, hours: num(c.hours) })}</li>
          ))}
        </ul>,
      );
    }
    if (has("totalHours")) add("totalHours", unit("listings.unit.hours", "totalHours"));
    if (has("priceYuan")) add("priceYuan", details.priceYuan === 0 ? t("listings.free") : unit("listings.unit.yuanPerPerson", "priceYuan"));
    if (has("audience")) add("audience", text("audience"));
    if (has("seats")) add("seats", unit("listings.unit.people", "seats"));
    if (has("schedule")) add("schedule", text("schedule"));
    if (has("certificate")) add("certificate", text("certificate"));
  } else if (kind === "cooperation") {
    if (has("cooperationType")) add("cooperationType", enumOf("cooperationType", "cooperationType"));
    const min = has("budgetMinWan") ? num(details.budgetMinWan) : null;
    const max = has("budgetMaxWan") ? num(details.budgetMaxWan) : null;
    if (min !== null && max !== null) add("budget", t("listings.unit.wanRange", { min, max }));
    else if (min !== null) add("budget", t("listings.unit.wanFrom", { min }));
    else if (max !== null) add("budget", t("listings.unit.wanUpTo", { max }));
    if (has("durationMonths")) add("durationMonths", unit("listings.unit.months", "durationMonths"));
  } else if (kind === "research_result") {
    if (has("field")) add("field", text("field"));
    if (has("maturity")) add("maturity", enumOf("maturity", "maturity"));
    if (has("transferMode")) add("transferMode", enumOf("transfer", "transferMode"));
    const patents = Array.isArray(details.patents) ? (details.patents as unknown[]).map(String) : [];
    if (patents.length) {
      add(
        "patents",
        patents.map((p) => (
          <span key={p} className="tag">
            {p}
          </span>
        )),
      );
    }
  }
  return <dl className="facts">{rows}</dl>;
}
