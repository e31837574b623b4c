import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export const CHINA_TZ = "Asia/Shanghai";

/** Today's date in China as 'YYYY-MM-DD' (deadlines and validity are Beijing dates). */
export function todayInChina(now: Date = new Date()): string {
  return dayjs(now).tz(CHINA_TZ).format("YYYY-MM-DD");
}

export function addDays(isoDate: string, days: number): string {
  return dayjs.utc(isoDate).add(days, "day").format("YYYY-MM-DD");
}

export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(CHINA_TZ).format("YYYY-MM-DD HH:mm") : "";
}

export function formatDate(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(CHINA_TZ).format("YYYY-MM-DD") : "";
}

/** A China day ('YYYY-MM-DD') as the epoch second it starts at in China: how the search index keeps days. */
export function chinaDayStart(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00+08:00`) / 1000);
}

/** The China day an epoch second falls on: the inverse of chinaDayStart, never the UTC day. */
export function chinaDayOf(epochSeconds: number): string {
  return dayjs(epochSeconds * 1000).tz(CHINA_TZ).format("YYYY-MM-DD");
}

export { dayjs };
