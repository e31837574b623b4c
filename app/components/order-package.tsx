import { useT, labelFor } from "../i18n/index.ts";

export interface PackageFactsData {
  title: string;
  courses: Array<{ name: string; hours: number }>;
  totalHours: number;
  priceYuan: number;
  classSeats: number | null;
  schedule: string | null;
}

/** A training package's content and price (live on the order form, frozen on an order). */
export function PackageFacts({ pkg }: { pkg: PackageFactsData }) {
  const t = useT();
  return (
    <dl className="facts">
      <div>
        <dt>{t("orders.col.package")}</dt>
        <dd>{pkg.title}</dd>
      </div>
      <div>
        <dt>{t("orders.new.courses")}</dt>
        <dd>
          <ul className="plain-list">
            {pkg.courses.map((c, i) => (
              <li key={i}>
                {c.name}（{t("orders.new.hoursValue", { n: c.hours })}）
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div>
        <dt>{t("orders.new.totalHours")}</dt>
        <dd>{t("orders.new.hoursValue", { n: pkg.totalHours })}</dd>
      </div>
      <div>
        <dt>{t("orders.new.price")}</dt>
        <dd>{t("orders.new.pricePerSeat", { amount: pkg.priceYuan.toLocaleString("zh-CN") })}</dd>
      </div>
      {pkg.classSeats !== null ? (
        <div>
          <dt>{t("orders.new.classSeats")}</dt>
          <dd>{t("orders.seatsValue", { n: pkg.classSeats })}</dd>
        </div>
      ) : null}
      {pkg.schedule ? (
        <div>
          <dt>{t("orders.new.schedule")}</dt>
          <dd>{pkg.schedule}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** An order's status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`status status-order-${status}`}>{labelFor(t, "orders.status", status)}</span>;
}

export const yuan = (n: number) => n.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
