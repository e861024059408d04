import { z } from "zod";
import { text } from "./text";
import { newPasswordField, PASSWORD_MAX, refineConfirmPassword } from "./account";

// Users administration (/admin/users), invitations and password resets.

/** Rows per page of /admin/users (keyset paged: "Next" / "Previous"). */
export const USER_PAGE_SIZE = 50;
export const USER_SEARCH_MAX = 100;
/** Searches shorter than this match the start of a name; from this length, any part of a name or e-mail. */
export const USER_SUBSTRING_MIN = 3;
export const USER_NAME_MAX = 100;
export const EMAIL_MAX = 254;

/** A user's state as the list shows and filters it (derived: see lib/domain/users/status.ts). */
export const USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };

const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** /admin/users's query string. A malformed value is dropped by the page (it shows the list unfiltered). */
export const userListSchema = z.object({
  q: text().trim().max(USER_SEARCH_MAX, `Search for at most ${USER_SEARCH_MAX} characters`).default(""),
  role: optionalParam(z.uuid({ error: "Unknown role" })),
  status: optionalParam(z.enum(USER_STATUSES, { error: "Unknown status" })),
  /** Opaque keyset cursors (lib/domain/users/list-users.ts). */
  after: optionalParam(text().max(600)),
  before: optionalParam(text().max(600)),
});
export type UserListInput = z.input<typeof userListSchema>;

export const emailField = () =>
  text({ error: "Enter an e-mail address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter an e-mail address")
    .max(EMAIL_MAX, `An e-mail address has at most ${EMAIL_MAX} characters`)
    .pipe(z.email({ error: "Enter a valid e-mail address" }));

/** A person's name as they or an admin type it (invite, registration). */
export const personNameField = () =>
  text({ error: "Enter a name" })
    .trim()
    .min(1, "Enter a name")
    .max(USER_NAME_MAX, `A name has at most ${USER_NAME_MAX} characters`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "A name cannot contain control characters");
const name = personNameField();

const userId = z.uuid({ error: "User not found" });
const roleId = z.uuid({ error: "Choose a role" });

/** The most projects one form lists or sends (projects are configuration: tens; lib/domain/projects/options.ts). */
export const USER_PROJECTS_MAX = 100;
const projectIds = z
  .array(z.uuid({ error: "Choose projects of your organization" }), { error: "Choose projects of your organization" })
  .max(USER_PROJECTS_MAX, `Choose at most ${USER_PROJECTS_MAX} projects`)
  .transform((ids) => [...new Set(ids)]);

/** "Invite user": Email, Name, Role and the projects the invitee joins (none by default). */
export const inviteUserSchema = z.object({ email: emailField(), name, roleId, projectIds: projectIds.default([]) }).strict();
export type InviteUserInput = z.input<typeof inviteUserSchema>;

/**
 * A user's project memberships as edited from their row on /admin/users: for
 * each project changed, what it should be now and what the admin saw
 * (compare-and-set: another admin's change in between is a conflict).
 */
const membershipState = z.object({ member: z.boolean({ error: "Say whether they are a member" }), triage: z.boolean({ error: "Say whether they triage" }) }).strict();
export const saveUserMembershipsSchema = z
  .object({
    userId,
    changes: z
      .array(z.object({ projectId: z.uuid({ error: "Project not found" }), now: membershipState, seen: membershipState }).strict(), { error: "Nothing to save" })
      .min(1, "Nothing to save")
      .max(USER_PROJECTS_MAX, `At most ${USER_PROJECTS_MAX} projects at a time`),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.changes.forEach((c, i) => {
      if (seen.has(c.projectId)) ctx.addIssue({ code: "custom", path: ["changes", i, "projectId"], message: "This project is listed twice" });
      seen.add(c.projectId);
      if (c.now.triage && !c.now.member) ctx.addIssue({ code: "custom", path: ["changes", i, "now", "triage"], message: "Only a member can triage" });
    });
  });
export type SaveUserMembershipsInput = z.input<typeof saveUserMembershipsSchema>;

/** Compare-and-set: the role the admin saw; another admin's change in between is a conflict. */
export const changeUserRoleSchema = z.object({ userId, roleId, expectedRoleId: roleId }).strict();
export type ChangeUserRoleInput = z.input<typeof changeUserRoleSchema>;

export const userRefSchema = z.object({ userId }).strict();
export type UserRefInput = z.input<typeof userRefSchema>;

export const forgotPasswordSchema = z.object({ email: emailField() }).strict();
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** A link's token as it travels in the URL: 32 random bytes, base64url (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const linkTokenField = () => text({ error: "This link is not valid" }).regex(TOKEN_PATTERN, "This link is not valid");

export const LINK_PURPOSES = ["invite", "password_reset", "email_confirmation"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];
/** The links that set a password (/invite/[token], /reset/[token]); a confirmation link only confirms. */
export const PASSWORD_LINK_PURPOSES = ["invite", "password_reset"] as const satisfies readonly LinkPurpose[];
export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

/** /invite/[token] and /reset/[token]: the new password, twice. */
export const setPasswordWithLinkSchema = z
  .object({
    token: linkTokenField(),
    purpose: z.enum(PASSWORD_LINK_PURPOSES, { error: "This link is not valid" }),
    password: newPasswordField(),
    confirmPassword: text().max(PASSWORD_MAX),
  })
  .strict()
  .superRefine(refineConfirmPassword);
export type SetPasswordWithLinkInput = z.input<typeof setPasswordWithLinkSchema>;
