"use server";

import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { createApiToken, revokeApiToken } from "@/lib/domain/api-tokens/tokens";
import { createTokenSchema, revokeTokenSchema } from "@/lib/validation/api-tokens";

/** "Create token" on /settings/tokens: the secret comes back once, to be shown in "Your new token". */
export const createApiTokenAction = defineAction(getActor, createTokenSchema, async (actor, input) => {
  const { secret, token } = await createApiToken(actor, input, { meta: requestMeta(await headers()) });
  revalidatePath("/settings/tokens");
  return { secret, id: token.id, prefix: token.prefix };
});

/** "Revoke" on /settings/tokens (own tokens) and /admin/tokens (any of the organization's, for admins). */
export const revokeApiTokenAction = defineAction(getActor, revokeTokenSchema, async (actor, input) => {
  const revoked = await revokeApiToken(actor, input, { meta: requestMeta(await headers()) });
  revalidatePath("/settings/tokens");
  revalidatePath("/admin/tokens");
  return { id: revoked.id };
});
