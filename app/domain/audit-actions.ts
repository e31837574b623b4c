// Every action the audit log records, in one table: `audit()` takes only these codes, the audit page's filter is
// built from them, and each has a label `audit.action.<code>` in both languages (the compiler checks the key,
// tests/unit/audit-actions.test.ts the English text and that nothing in app/ or db/ writes another code).

/** The filter's groups, in the order the page lists them. */
export const auditGroups = [
  "organization",
  "listing",
  "certification",
  "plan",
  "user",
  "member",
  "response",
  "project",
  "order",
  "event",
  "account",
  "auth",
  "site",
  "internship",
] as const;
export type AuditGroup = (typeof auditGroups)[number];

/**
 * decision: what a platform administrator, reviewer or organisation administrator decided about someone else;
 * operation: organisations' and officers' own business steps; security: sign-ins and account protection.
 */
export const auditCategories = ["decision", "operation", "security"] as const;
export type AuditCategory = (typeof auditCategories)[number];

export const auditActions = {
  "organization.register": { group: "organization", category: "operation" },
  "organization.update": { group: "organization", category: "operation" },
  "organization.resubmit": { group: "organization", category: "operation" },
  "organization.identity_request": { group: "organization", category: "operation" },
  "organization.document.upload": { group: "organization", category: "operation" },
  "organization.verify": { group: "organization", category: "decision" },
  "organization.reject": { group: "organization", category: "decision" },
  "organization.suspend": { group: "organization", category: "decision" },
  "organization.reinstate": { group: "organization", category: "decision" },
  "organization.identity_approve": { group: "organization", category: "decision" },
  "organization.identity_reject": { group: "organization", category: "decision" },

  "listing.approve": { group: "listing", category: "decision" },
  "listing.reject": { group: "listing", category: "decision" },

  "certification.apply": { group: "certification", category: "operation" },
  "certification.file.upload": { group: "certification", category: "operation" },
  "certification.submit": { group: "certification", category: "operation" },
  "certification.credit.save": { group: "certification", category: "operation" },
  "certification.credit.delete": { group: "certification", category: "operation" },
  "certification.objection.file": { group: "certification", category: "operation" },
  "certification.type.create": { group: "certification", category: "decision" },
  "certification.type.update": { group: "certification", category: "decision" },
  "certification.rubric.create": { group: "certification", category: "decision" },
  "certification.reviewer.assign": { group: "certification", category: "decision" },
  "certification.review.submit": { group: "certification", category: "decision" },
  "certification.approve": { group: "certification", category: "decision" },
  "certification.reject": { group: "certification", category: "decision" },
  "certification.return": { group: "certification", category: "decision" },
  "certification.issue": { group: "certification", category: "decision" },
  "certification.revoke": { group: "certification", category: "decision" },
  "certification.objection.dismiss": { group: "certification", category: "decision" },
  "certification.objection.uphold": { group: "certification", category: "decision" },

  "plan.report.submit": { group: "plan", category: "operation" },
  "plan.contribution.submit": { group: "plan", category: "operation" },
  "plan.report.file": { group: "plan", category: "operation" },
  "plan.report.accept": { group: "plan", category: "decision" },
  "plan.report.return": { group: "plan", category: "decision" },
  "plan.task.create": { group: "plan", category: "decision" },
  "plan.task.update": { group: "plan", category: "decision" },
  "plan.settings.update": { group: "plan", category: "decision" },
  "site.settings.update": { group: "site", category: "decision" },
  "internship.rule.change": { group: "internship", category: "decision" },
  "plan.remind": { group: "plan", category: "decision" },
  "plan.unit.unmatched": { group: "plan", category: "decision" },

  "user.create": { group: "user", category: "decision" },
  "user.role_change": { group: "user", category: "decision" },
  "user.disable": { group: "user", category: "decision" },
  "user.enable": { group: "user", category: "decision" },
  "user.unlock": { group: "user", category: "decision" },

  "member.invite": { group: "member", category: "decision" },
  "member.accept": { group: "member", category: "operation" },
  "member.role_change": { group: "member", category: "decision" },
  "member.remove": { group: "member", category: "decision" },
  "invitation.revoke": { group: "member", category: "decision" },

  "response.submit": { group: "response", category: "operation" },
  "response.accept": { group: "response", category: "operation" },
  "response.decline": { group: "response", category: "operation" },
  "response.withdraw": { group: "response", category: "operation" },

  "project.start": { group: "project", category: "operation" },
  "project.complete": { group: "project", category: "operation" },
  "project.end": { group: "project", category: "operation" },
  "project.milestone.add": { group: "project", category: "operation" },
  "project.milestone.done": { group: "project", category: "operation" },
  "project.placement": { group: "project", category: "operation" },
  "project.file.upload": { group: "project", category: "operation" },

  "order.place": { group: "order", category: "operation" },
  "order.confirm": { group: "order", category: "operation" },
  "order.deliver": { group: "order", category: "operation" },
  "order.complete": { group: "order", category: "operation" },
  "order.cancel": { group: "order", category: "operation" },
  "order.rate": { group: "order", category: "operation" },

  "event.create": { group: "event", category: "operation" },
  "event.update": { group: "event", category: "operation" },
  "event.register": { group: "event", category: "operation" },
  "event.registration.cancel": { group: "event", category: "operation" },
  "event.cancel": { group: "event", category: "operation" },

  "account.profile_update": { group: "account", category: "security" },
  "account.password_change": { group: "account", category: "security" },
  "account.password_reset_request": { group: "account", category: "security" },
  "account.password_reset": { group: "account", category: "security" },
  "account.session_end": { group: "account", category: "security" },
  "account.sessions_end_others": { group: "account", category: "security" },
  "account.data_export": { group: "account", category: "security" },
  "account.delete": { group: "account", category: "security" },

  "auth.login": { group: "auth", category: "security" },
  "auth.logout": { group: "auth", category: "security" },
  "auth.lockout": { group: "auth", category: "security" },
  "auth.rate_limited": { group: "auth", category: "security" },
} as const satisfies Record<string, { group: AuditGroup; category: AuditCategory }>;

export type AuditAction = keyof typeof auditActions;

export const auditActionList = Object.keys(auditActions) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}

export function groupOf(action: AuditAction): AuditGroup {
  return auditActions[action].group;
}

export function categoryOf(action: AuditAction): AuditCategory {
  return auditActions[action].category;
}

/** The actions of one category, for the log's category filter. */
export function actionsIn(category: AuditCategory): AuditAction[] {
  return auditActionList.filter((a) => auditActions[a].category === category);
}

/** The filter's option groups: each group with its actions, in table order. */
export function actionsByGroup(): { group: AuditGroup; actions: AuditAction[] }[] {
  return auditGroups.map((group) => ({ group, actions: auditActionList.filter((a) => auditActions[a].group === group) }));
}

/** What an audit row is about (audit_log.target_type). */
export const auditTargetTypes = [
  "user",
  "organization",
  "organization_identity_change",
  "invitation",
  "session",
  "listing",
  "certification_type",
  "certification_rubric",
  "certification_application",
  "certification_objection",
  "certificate",
  "plan_task",
  "plan_report",
  "plan_settings",
  "site_settings",
  "internship_rule",
  "plan_unit",
  "response",
  "project",
  "order",
  "match_event",
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];
