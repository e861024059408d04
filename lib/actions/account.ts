"use server";

import "server-only";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { changePassword } from "@/lib/domain/users/change-password";
import { changePasswordSchema } from "@/lib/validation/account";

export const changePasswordAction = defineAction(getActor, changePasswordSchema, async (actor, input) =>
  changePassword(actor, input, requestMeta(await headers())),
);
