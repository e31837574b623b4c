import { z } from "zod";
import { email } from "./fields.ts";
import { UUID_PATTERN } from "./ids.ts";

// Organisation members, invitations and platform roles. Messages are catalog keys.

export const orgRoles = ["admin", "member"] as const;
export const platformRoles = ["platform_admin", "reviewer", "plan_officer"] as const;
/** The platform-role form's choices: "none" takes the role away. */
export const platformRoleChoices = ["none", ...platformRoles] as const;

/** A record id from a form: anything but a UUID is answered as "not found", never sent to the database. */
export const recordId = z
  .string({ message: "members.notFound" })
  .trim()
  .regex(UUID_PATTERN, { message: "members.notFound" })
  .transform((v) => v.toLowerCase());


const orgRole = z.enum(orgRoles, { message: "validation.choose" });

export const inviteSchema = z.object({ email, role: orgRole });
export type InviteInput = z.infer<typeof inviteSchema>;

export const memberRoleSchema = z.object({ userId: recordId, role: orgRole });

export const memberRemoveSchema = z.object({ userId: recordId });

export const invitationRevokeSchema = z.object({ invitationId: recordId });

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const platformRoleSchema = z
  .object({
    userId: recordId,
    role: z.enum(platformRoleChoices, { message: "validation.choose" }),
    planUnit: z.preprocess(
      emptyToUndefined,
      z.string({ message: "adminUsers.planUnitInvalid" }).trim().max(50, { message: "adminUsers.planUnitInvalid" }).optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.role === "plan_officer" && !value.planUnit) {
      ctx.addIssue({ code: "custom", path: ["planUnit"], message: "adminUsers.planUnitRequired" });
    }
  })
  // The unit belongs to plan officers only.
  .transform((value) => ({ ...value, planUnit: value.role === "plan_officer" ? value.planUnit : undefined }));

export const userStatusSchema = z.object({ userId: recordId });

/** The members page's one form post: the intent picks which of its four forms was sent. */
export const memberActionSchema = z.discriminatedUnion("intent", [
  inviteSchema.extend({ intent: z.literal("invite") }),
  memberRoleSchema.extend({ intent: z.literal("role") }),
  memberRemoveSchema.extend({ intent: z.literal("remove") }),
  invitationRevokeSchema.extend({ intent: z.literal("revoke") }),
], { message: "validation.choose" });
export type MemberAction = z.infer<typeof memberActionSchema>;
