import * as account from "./messages/account.ts";
import * as admin from "./messages/admin.ts";
import * as adminUsers from "./messages/admin-users.ts";
import * as auth from "./messages/auth.ts";
import * as common from "./messages/common.ts";
import * as search from "./messages/search.ts";
import * as listingReview from "./messages/listing-review.ts";
import * as listings from "./messages/listings.ts";
import * as members from "./messages/members.ts";
import * as org from "./messages/org.ts";
import * as recommend from "./messages/recommend.ts";
import * as validation from "./messages/validation.ts";
import * as responses from "./messages/responses.ts";
import * as orders from "./messages/orders.ts";
import * as events from "./messages/events.ts";
import * as notifications from "./messages/notifications.ts";
import * as certification from "./messages/certification.ts";
import * as certificationObjections from "./messages/certification-objections.ts";
import * as planTracking from "./messages/plan-tracking.ts";
import * as matchmakingOverview from "./messages/matchmaking-overview.ts";
import * as system from "./messages/system.ts";
import * as http from "./messages/http.ts";
import * as identityChange from "./messages/identity-change.ts";
import * as site from "./messages/site.ts";
import * as auditLog from "./messages/audit.ts";
import * as internshipRules from "./messages/internship-rules.ts";

// The message catalog, Simplified Chinese first; one file per area under messages/.
export const zhCN = {
  ...common.zh,
  ...validation.zh,
  ...auth.zh,
  ...account.zh,
  ...org.zh,
  ...admin.zh,
  ...listings.zh,
  ...listingReview.zh,
  ...search.zh,
  ...members.zh,
  ...adminUsers.zh,
  ...recommend.zh,
  ...responses.zh,
  ...orders.zh,
  ...events.zh,
  ...notifications.zh,
  ...certification.zh,
  ...certificationObjections.zh,
  ...planTracking.zh,
  ...matchmakingOverview.zh,
  ...system.zh,
  ...http.zh,
  ...identityChange.zh,
  ...site.zh,
  ...auditLog.zh,
  ...internshipRules.zh,
} as const;

export type MessageKey = keyof typeof zhCN;

export const enMessages: Partial<Record<MessageKey, string>> = {
  ...common.en,
  ...validation.en,
  ...auth.en,
  ...account.en,
  ...org.en,
  ...admin.en,
  ...listings.en,
  ...listingReview.en,
  ...search.en,
  ...members.en,
  ...adminUsers.en,
  ...recommend.en,
  ...responses.en,
  ...orders.en,
  ...events.en,
  ...notifications.en,
  ...certification.en,
  ...certificationObjections.en,
  ...planTracking.en,
  ...matchmakingOverview.en,
  ...system.en,
  ...http.en,
  ...identityChange.en,
  ...site.en,
  ...auditLog.en,
  ...internshipRules.en,
};
