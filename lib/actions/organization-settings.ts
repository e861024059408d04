"use server";

import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { updateOrganizationSettings } from "@/lib/domain/organization/update-settings";
import { updateOrganizationSettingsSchema } from "@/lib/validation/organization-settings";

export const updateOrganizationSettingsAction = defineAction(getActor, updateOrganizationSettingsSchema, async (actor, input) => {
  const res = await updateOrganizationSettings(actor, input, requestMeta(await headers()));
  // The name sits in every page's header and the time zone in every date.
  revalidatePath("/", "layout");
  return res;
});
