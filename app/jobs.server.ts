import { expireListings } from "./models/listing.server.ts";
import { deliverNotificationEmails } from "./models/notification.server.ts";
import type { ScheduledJob } from "./models/scheduler.server.ts";
import { certificateExpiryJob, issueDueCertificates } from "./models/certification.server.ts";
import { remindUpcomingEvents } from "./models/match-event.server.ts";

/** Everything that runs on a schedule; each runs once per period across all instances. */
export const scheduledJobs: ScheduledJob[] = [
  { name: "expire-listings", everySeconds: 600, run: (db) => expireListings(db) },
  { name: "notification-emails", everySeconds: 30, run: (db) => deliverNotificationEmails(db) },
  // Registered organisations hear about an event once, about 24 hours before it starts.
  { name: "event-reminders", everySeconds: 300, run: (db) => remindUpcomingEvents(db) },
  // Certification (issue 7): certificates issued once their public notice ends; expiry reminders 60 days ahead.
  { name: "certification-issue", everySeconds: 300, run: (db) => issueDueCertificates(db) },
  { name: "certificate-expiry", everySeconds: 3600, run: (db) => certificateExpiryJob(db) },
];
