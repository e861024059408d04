import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import { conflict, invalid, notFound } from "@/lib/errors";
import { componentTypeLabel } from "./component-types";

// What every edit on /admin/assets shares: the compare-and-set on the asset's
// version (which also takes its row lock, so capacity checks below it see
// what is installed now), the capacity rule and the audit row.

export const ASSET_CONFLICT = "Someone else changed this asset first (an admin, or a change deployed to it). The latest version has been loaded.";
export const DUPLICATE_TAG = "Another asset already has this tag";

export interface LockedAsset {
  id: string;
  organizationId: string;
  tag: string;
  name: string;
  location: string | null;
  kind: string;
  slotCapacities: Record<string, number>;
  version: number;
}

/**
 * Bumps the asset's version if it is still `version`, inside `tx`, and returns
 * it as it is now (locked until the transaction ends). Another organization's
 * asset is not found; a stale version is a conflict. Nothing is written then.
 */
export async function casAsset(tx: Tx, actor: Actor, id: string, version: number): Promise<LockedAsset> {
  const bumped = await tx.asset.updateMany({ where: { id, organizationId: actor.organizationId, version }, data: { version: { increment: 1 } } });
  const row = await tx.asset.findFirst({
    where: { id, organizationId: actor.organizationId },
    select: { id: true, organizationId: true, tag: true, name: true, location: true, kind: true, slotCapacities: true, version: true },
  });
  if (!row) throw notFound("Asset");
  if (bumped.count !== 1) throw conflict(ASSET_CONFLICT);
  return { ...row, slotCapacities: (row.slotCapacities ?? {}) as Record<string, number> };
}

/** Installed quantity per component type. */
export async function installedByType(tx: Tx, assetId: string): Promise<Map<string, number>> {
  const rows = await tx.assetComponent.groupBy({ by: ["componentType"], where: { assetId }, _sum: { quantity: true } });
  return new Map(rows.map((r) => [r.componentType, r._sum.quantity ?? 0]));
}

/**
 * An asset never declares fewer slots of a type than it has installed:
 * the refusal names the type, what is installed and the field.
 */
export function assertCapacityHolds(asset: Pick<LockedAsset, "name">, capacities: Record<string, number | undefined>, installed: Map<string, number>, field: (type: string) => string): void {
  const errors: Record<string, string[]> = {};
  for (const [type, capacity] of Object.entries(capacities)) {
    const used = installed.get(type) ?? 0;
    if (capacity !== undefined && capacity < used) {
      errors[field(type)] = [`${componentTypeLabel(type)}: ${asset.name} has ${used} installed, so the capacity cannot be below ${used}.`];
    }
  }
  const messages = Object.values(errors).flat();
  if (messages.length) throw invalid(messages.length === 1 ? messages[0]! : "Some capacities are below what is installed.", errors);
}

/** A unique-index race on (organizationId, tag) reads as the tag field's error. */
export function duplicateTag(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw invalid(DUPLICATE_TAG, { tag: [DUPLICATE_TAG] });
  throw e;
}

/** The audit row of an asset edit: old and new values of what changed. */
export async function auditAsset(
  tx: Tx,
  actor: Actor,
  meta: RequestMeta | undefined,
  asset: { id: string; tag: string },
  action: string,
  change: { old?: Record<string, unknown>; new?: Record<string, unknown>; [k: string]: unknown },
): Promise<void> {
  await audit(
    {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action,
      entityType: "asset",
      entityId: asset.id,
      // The tag too, so the row still names the asset should it be removed.
      data: { assetTag: asset.tag, ...change } as Prisma.InputJsonValue,
      ip: meta?.ip,
      userAgent: meta?.userAgent,
    },
    tx,
  );
}

/** Only the keys whose values differ, as { old, new }. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { old: Partial<T>; new: Partial<T> } {
  const out = { old: {} as Partial<T>, new: {} as Partial<T> };
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      out.old[key] = before[key];
      out.new[key] = after[key];
    }
  }
  return out;
}
