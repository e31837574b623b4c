import type { JobName } from "./domain/job-names.ts";
import { expireListings } from "./models/listing.server.ts";
import { deliverNotificationEmails } from "./models/notification.server.ts";
import type { ScheduledJob } from "./models/scheduler.server.ts";
import { certificateExpiryJob, issueDueCertificates } from "./models/certification/certificates.server.ts";
import { remindUpcomingEvents } from "./models/matchmaking/events/reminders.server.ts";
import { todayInChina } from "./utils/dates.ts";

const defaults: Array<ScheduledJob & { name: JobName }> = [
  { name: "expire-listings", everySeconds: 600, run: (db, now) => expireListings(db, todayInChina(now), now) },
  // Registered organisations hear about an event once, about 24 hours before it starts.
  { name: "event-reminders", everySeconds: 300, run: (db, now) => remindUpcomingEvents(db, now) },
  // Certification: certificates issued once their public notice ends; expiry reminders 60 days ahead.
  { name: "certification-issue", everySeconds: 300, run: (db, now) => issueDueCertificates(db, now) },
  { name: "certificate-expiry", everySeconds: 3600, run: (db, now) => certificateExpiryJob(db, todayInChina(now), now) },
  // Last, so what the jobs above notified is mailed in the same tick.
  { name: "notification-emails", everySeconds: 30, run: (db, now) => deliverNotificationEmails(db, 50, now) },
];

/**
 * Everything that runs on a schedule; each runs once per period across all instances. `periods` (JOB_PERIODS)
 * overrides a job's period in seconds, so tests and operators can run them faster or slower.
 */
export function scheduledJobs(periods: Partial<Record<JobName, number>> = {}): ScheduledJob[] {
  return defaults.map((job) => ({ ...job, everySeconds: periods[job.name] ?? job.everySeconds }));
}
