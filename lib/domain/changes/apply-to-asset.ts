import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findInstalled } from "./validate-items";

interface SnapshotRow {
  id: string;
  componentType: string;
  reference: string;
  serial: string | null;
  specifications: Prisma.JsonValue;
  quantity: number;
}

/**
 * A deploy or roll back changes the asset like an admin's edit does: it takes
 * the asset's row lock first (so a concurrent capacity or component edit on
 * /admin/assets waits, then re-checks) and bumps its compare-and-set version
 * (so an admin form opened before it is refused, not applied over it).
 */
async function bumpAssetVersion(tx: Tx, assetId: string): Promise<void> {
  await tx.asset.update({ where: { id: assetId }, data: { version: { increment: 1 } }, select: { id: true } });
}

/** The asset's components as a deploy records them (what a roll back restores). */
export async function assetSnapshot(tx: Tx, assetId: string): Promise<SnapshotRow[]> {
  return components(tx, assetId);
}

async function components(tx: Tx, assetId: string): Promise<SnapshotRow[]> {
  return tx.assetComponent.findMany({
    where: { assetId },
    select: { id: true, componentType: true, reference: true, serial: true, specifications: true, quantity: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Applies a change's fulfilled items to its asset (inside the deploy
 * transaction) and returns the components as they were, for roll back.
 */
export async function applyItemsToAsset(
  tx: Tx,
  asset: { id: string; organizationId: string; name: string },
  items: { action: string; componentType: string; componentRef: string | null; serial: string | null; specifications: Prisma.JsonValue; quantity: number; currentValue: string | null; requestedValue: string | null; fulfilledWith: string | null }[],
): Promise<SnapshotRow[]> {
  await bumpAssetVersion(tx, asset.id);
  const before = await components(tx, asset.id);
  for (const item of items) {
    const current = await components(tx, asset.id);
    const installed = findInstalled({ name: asset.name, slotCapacities: {}, components: current }, item);
    const installedRow = installed ? current.find((c) => c === installed) : undefined;
    switch (item.action) {
      case "add":
        await tx.assetComponent.create({
          data: {
            organizationId: asset.organizationId,
            assetId: asset.id,
            componentType: item.componentType,
            reference: item.fulfilledWith || item.componentRef || item.requestedValue || item.componentType,
            serial: item.serial,
            specifications: (item.specifications ?? {}) as Prisma.InputJsonValue,
            quantity: item.quantity,
          },
        });
        break;
      case "remove":
        if (!installedRow) throw new AppError("CONFLICT", `${asset.name} no longer has the ${item.componentType} this change removes.`);
        if (installedRow.quantity > item.quantity) {
          await tx.assetComponent.update({ where: { id: installedRow.id }, data: { quantity: installedRow.quantity - item.quantity } });
        } else {
          await tx.assetComponent.delete({ where: { id: installedRow.id } });
        }
        break;
      case "replace":
      case "modify":
        if (!installedRow) {
          if (item.action === "replace") throw new AppError("CONFLICT", `${asset.name} no longer has the ${item.componentType} this change replaces.`);
          break;
        }
        await tx.assetComponent.update({
          where: { id: installedRow.id },
          data: { reference: item.fulfilledWith || item.requestedValue || installedRow.reference, ...(item.action === "replace" ? { serial: item.serial } : {}) },
        });
        break;
    }
  }
  return before;
}

/** Puts an asset's components back as they were before deploy. */
export async function restoreAsset(tx: Tx, asset: { id: string; organizationId: string }, snapshot: unknown): Promise<void> {
  if (!Array.isArray(snapshot)) throw new AppError("CONFLICT", "There is no record of the asset before deploy to restore.");
  await bumpAssetVersion(tx, asset.id);
  await tx.assetComponent.deleteMany({ where: { assetId: asset.id } });
  await tx.assetComponent.createMany({
    data: (snapshot as SnapshotRow[]).map((c) => ({
      id: c.id,
      organizationId: asset.organizationId,
      assetId: asset.id,
      componentType: c.componentType,
      reference: c.reference,
      serial: c.serial,
      specifications: (c.specifications ?? {}) as Prisma.InputJsonValue,
      quantity: c.quantity,
    })),
  });
}
