import { z } from "zod";
import { text } from "./text";
import { newPasswordField, PASSWORD_MAX, refineConfirmPassword } from "./account";
import { ORGANIZATION_NAME_MAX } from "./organization-settings";
import { emailField, linkTokenField, personNameField } from "./users";

// Self-registration (issue 13): a new organization at /register (when the
// installation allows it) and a requester's account on an organization's
// portal sign-up page /register/[orgSlug] (when the organization allows it).

/** An organization's slug as it appears in /register/[orgSlug]: lower-case words of letters and digits joined by hyphens. */
export const ORG_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ORG_SLUG_MAX = 50;
/** Room for "-<n>" when another organization has the name's slug. */
const SLUG_BASE_MAX = 40;

export const isOrgSlug = (v: unknown): v is string => typeof v === "string" && v.length <= ORG_SLUG_MAX && ORG_SLUG_PATTERN.test(v);

/** The slug a name suggests: "Initech Ltd." → "initech-ltd"; a name with no Latin letter or digit → "org". */
export function slugFrom(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_BASE_MAX)
    .replace(/^-+|-+$/g, "");
  return slug || "org";
}

const organizationName = text({ error: "Enter the organization's name" })
  .trim()
  .min(1, "Enter the organization's name")
  .max(ORGANIZATION_NAME_MAX, `An organization's name has at most ${ORGANIZATION_NAME_MAX} characters`)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "A name cannot contain control characters");

const account = {
  name: personNameField(),
  email: emailField(),
  password: newPasswordField(),
  confirmPassword: text().max(PASSWORD_MAX),
};

/** /register: "Organization name", "Name", "Email", "Password", "Confirm password". */
export const registerOrganizationSchema = z
  .object({ organizationName, ...account })
  .strict()
  .superRefine(refineConfirmPassword);
export type RegisterOrganizationInput = z.input<typeof registerOrganizationSchema>;

/** /register/[orgSlug]: "Name", "Email", "Password", "Confirm password"; the organization is the page's. */
export const registerRequesterSchema = z
  .object({ orgSlug: text({ error: "This sign-up page does not exist" }).max(ORG_SLUG_MAX, "This sign-up page does not exist"), ...account })
  .strict()
  .superRefine(refineConfirmPassword);
export type RegisterRequesterInput = z.input<typeof registerRequesterSchema>;

/** /confirm/[token]: "Confirm e-mail address". */
export const confirmEmailSchema = z.object({ token: linkTokenField() }).strict();
export type ConfirmEmailInput = z.input<typeof confirmEmailSchema>;

/** "Resend confirmation" on /admin/users takes nothing: it is for the organization's unconfirmed founder. */
export const resendConfirmationSchema = z.object({}).strict();
