"use server";

import "server-only";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { changePassword } from "@/lib/domain/users/change-password";
import { setTheme } from "@/lib/domain/users/set-theme";
import { changePasswordSchema } from "@/lib/validation/account";
import { setThemeSchema } from "@/lib/validation/theme";

export const changePasswordAction = defineAction(getActor, changePasswordSchema, async (actor, input) =>
  changePassword(actor, input, requestMeta(await headers())),
);

/** The signed-in user's own colour theme (the account menu's "Theme"). */
export const setThemeAction = defineAction(getActor, setThemeSchema, (actor, input) => setTheme(actor, input));
