import { z } from "zod";
import { text } from "./text";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** The rules every new password follows: /settings/password, an invite's and a reset's link. */
export const newPasswordField = () =>
  text()
    .min(PASSWORD_MIN, `A password must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `A password must be at most ${PASSWORD_MAX} characters`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "A password cannot contain control characters");

/** The second password field of a form that sets one (the message sits on "Confirm password"). */
export function refineConfirmPassword(v: { confirmPassword: string } & ({ password: string } | { newPassword: string }), ctx: z.RefinementCtx): void {
  const chosen = "password" in v ? v.password : v.newPassword;
  if (v.confirmPassword !== chosen) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
}

export const changePasswordSchema = z
  .object({
    currentPassword: text().min(1, "Enter your current password").max(PASSWORD_MAX, "Enter your current password"),
    newPassword: newPasswordField(),
    confirmPassword: text().max(PASSWORD_MAX),
  })
  .strict()
  .superRefine((v, ctx) => {
    refineConfirmPassword(v, ctx);
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from the current one" });
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
