import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { env } from "@/lib/env";
import { conflict, invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { formatBytes } from "@/lib/domain/attachments/types";
import { parseInput } from "@/lib/validation/parse";
import {
  mbToBytes,
  mergeOrganizationSettings,
  readOrganizationSettings,
  updateOrganizationSettingsSchema,
  type OrganizationSettings,
  type UpdateOrganizationSettingsInput,
} from "@/lib/validation/organization-settings";

export const SETTINGS_CONFLICT =
  "Someone else saved the settings since you opened this page. Your input is kept: save again to replace their change, or reload the page to see it.";

/** The installation's upload limits (environment): defaults and ceilings of the organization's. */
export function installationUploadLimits(e = env()) {
  return { maxBytes: e.UPLOAD_MAX_BYTES, allowedTypes: e.UPLOAD_ALLOWED_TYPES };
}

const sameTypes = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && b.every((t) => a.includes(t));

/**
 * /admin/settings "Save": compare-and-set on the organization's updatedAt,
 * the organization row locked, one audit row with the old and new value of
 * every field that changed (none: nothing written).
 */
export async function updateOrganizationSettings(actor: Actor, raw: UpdateOrganizationSettingsInput, meta: RequestMeta = {}, opts: { installation?: ReturnType<typeof installationUploadLimits> } = {}) {
  assertAdminister(actor, "Organization");
  const input = parseInput(updateOrganizationSettingsSchema, raw);
  const ceiling = opts.installation ?? installationUploadLimits();
  const maxBytes = mbToBytes(input.attachmentMaxMb);
  const errors: Record<string, string[]> = {};
  if (maxBytes > ceiling.maxBytes) errors.attachmentMaxMb = [`The limit must be at most ${formatBytes(ceiling.maxBytes)} (this installation's limit)`];
  const outside = input.allowedFileTypes.filter((t) => !ceiling.allowedTypes.includes(t));
  if (outside.length) errors.allowedFileTypes = [`This installation does not accept ${outside.map((t) => t.toUpperCase()).join(", ")}`];
  if (Object.keys(errors).length) throw invalid(INVALID_FORM, errors);

  return db.$transaction(async (tx) => {
    const [org] = await tx.$queryRaw<{ id: string; name: string; settings: unknown; updatedAt: Date }[]>(Prisma.sql`
      SELECT "id"::text, "name", "settings", "updatedAt" FROM "Organization" WHERE "id" = ${actor.organizationId}::uuid FOR UPDATE`);
    if (!org) throw notFound("Organization");
    if (org.updatedAt.toISOString() !== input.updatedAt) throw conflict(SETTINGS_CONFLICT);

    const before = { name: org.name, ...readOrganizationSettings(org.settings) };
    const next: OrganizationSettings = {
      timeZone: input.timeZone,
      defaultPriority: input.defaultPriority,
      requestersMayCreateTags: input.requestersMayCreateTags,
      requestersMayRegister: input.requestersMayRegister,
      // The installation's own values are stored as "the default", which then follows the environment.
      attachmentMaxBytes: maxBytes === ceiling.maxBytes ? null : maxBytes,
      allowedFileTypes: sameTypes(input.allowedFileTypes, ceiling.allowedTypes) ? null : ceiling.allowedTypes.filter((t) => input.allowedFileTypes.includes(t)),
    };
    const after = { name: input.name, ...next };
    const changedKeys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changedKeys.length === 0) return { updatedAt: org.updatedAt.toISOString(), changed: [] as string[] };

    const now = new Date();
    await tx.organization.update({
      where: { id: org.id },
      data: { name: input.name, settings: mergeOrganizationSettings(org.settings, next) as Prisma.InputJsonValue, updatedAt: now },
    });
    await audit(
      {
        organizationId: org.id,
        actorId: actor.id,
        action: "settings.updated",
        entityType: "Organization",
        entityId: org.id,
        data: {
          old: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
          new: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
        } as Prisma.InputJsonValue,
        ...meta,
      },
      tx,
    );
    return { updatedAt: now.toISOString(), changed: changedKeys as string[] };
  });
}
