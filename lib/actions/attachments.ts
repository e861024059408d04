"use server";

import "server-only";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { removeAttachment, removeAttachmentSchema } from "@/lib/domain/attachments/remove";

// Uploads and downloads are route handlers (app/api/uploads, app/api/attachments);
// removing a sent file is an ordinary mutation.
export const removeAttachmentAction = defineAction(getActor, removeAttachmentSchema, async (actor, input) => {
  const r = await removeAttachment(actor, input, { meta: requestMeta(await headers()) });
  return { id: r.id };
});
