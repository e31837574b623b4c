import { expireListings } from "./models/listing.server.ts";
import { deliverNotificationEmails } from "./models/notification.server.ts";
import type { ScheduledJob } from "./models/scheduler.server.ts";

/** Everything that runs on a schedule; each runs once per period across all instances. */
export const scheduledJobs: ScheduledJob[] = [
  { name: "expire-listings", everySeconds: 600, run: (db) => expireListings(db) },
  { name: "notification-emails", everySeconds: 30, run: (db) => deliverNotificationEmails(db) },
];
