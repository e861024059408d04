import { z } from "zod";
import { text } from "./text";
import { newPasswordField, PASSWORD_MAX } from "./account";

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

const name = text({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(USER_NAME_MAX, `A name has at most ${USER_NAME_MAX} characters`)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "A name cannot contain control characters");

const userId = z.uuid({ error: "User not found" });
const roleId = z.uuid({ error: "Choose a role" });

export const inviteUserSchema = z.object({ email: emailField(), name, roleId }).strict();
export type InviteUserInput = z.input<typeof inviteUserSchema>;

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

export const LINK_PURPOSES = ["invite", "password_reset"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** /invite/[token] and /reset/[token]: the new password, twice. */
export const setPasswordWithLinkSchema = z
  .object({
    token: linkTokenField(),
    purpose: z.enum(LINK_PURPOSES, { error: "This link is not valid" }),
    password: newPasswordField(),
    confirmPassword: text().max(PASSWORD_MAX),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.password) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
  });
export type SetPasswordWithLinkInput = z.input<typeof setPasswordWithLinkSchema>;
