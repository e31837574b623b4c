/** The scheduled jobs by name (app/jobs.server.ts), so JOB_PERIODS can be checked when the server starts. */
export const JOB_NAMES = ["expire-listings", "event-reminders", "certification-issue", "certificate-expiry", "notification-emails"] as const;
export type JobName = (typeof JOB_NAMES)[number];
