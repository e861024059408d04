"use server";

import "server-only";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction, definePublicAction } from "@/lib/actions/safe-action";
import { registerOrganization } from "@/lib/domain/registration/register-organization";
import { registerRequester } from "@/lib/domain/registration/register-requester";
import { confirmEmail } from "@/lib/domain/registration/confirmation";
import { resendConfirmation } from "@/lib/domain/registration/resend-confirmation";
import { confirmEmailSchema, registerOrganizationSchema, registerRequesterSchema, resendConfirmationSchema } from "@/lib/validation/registration";

// Signed out on purpose: /register (when the installation allows it),
// /register/[orgSlug] (when the organization does) and /confirm/[token]. The
// domain functions decide from the input alone (the switches, a one-time
// token, rate limits per address signed up with and per client).

export const registerOrganizationAction = definePublicAction(registerOrganizationSchema, async (input) => registerOrganization(input, requestMeta(await headers())));

export const registerRequesterAction = definePublicAction(registerRequesterSchema, async (input) => registerRequester(input, requestMeta(await headers())));

// No revalidatePath: it would render /confirm/[token] again, now for a used link, over the answer.
export const confirmEmailAction = definePublicAction(confirmEmailSchema, async (input) => confirmEmail(input, requestMeta(await headers())));

/** "Resend confirmation" on /admin/users (signed in, org.manage). */
export const resendConfirmationAction = defineAction(getActor, resendConfirmationSchema, async (actor) => resendConfirmation(actor, requestMeta(await headers())));
