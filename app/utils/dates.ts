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

export { dayjs };
