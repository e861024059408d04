"use server";

import "server-only";
import { headers } from "next/headers";
import { requestMeta } from "@/lib/audit";
import { definePublicAction } from "@/lib/actions/safe-action";
import { requestPasswordReset } from "@/lib/domain/users/request-password-reset";
import { setPasswordWithLink } from "@/lib/domain/users/set-password-with-link";
import { forgotPasswordSchema, setPasswordWithLinkSchema } from "@/lib/validation/users";

// Signed out on purpose: "Forgot password?" and the password of an invite or
// reset link. The domain functions decide from the input alone (a one-time
// token; rate limits per address asked for and per client).

export const requestPasswordResetAction = definePublicAction(forgotPasswordSchema, async (input) => requestPasswordReset(input, requestMeta(await headers())));

export const setPasswordWithLinkAction = definePublicAction(setPasswordWithLinkSchema, async (input) => setPasswordWithLink(input, requestMeta(await headers())));
