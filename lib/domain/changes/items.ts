import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import type { ChangeItemInput } from "@/lib/validation/ticket";
import type { AssetShape, ItemDraft, ItemValidation } from "./validate-items";

/** An asset with its components, only from the given organization. */
export async function loadAsset(organizationId: string, id: string, client: Tx = db as unknown as Tx): Promise<(AssetShape & { id: string; organizationId: string; tag: string; retiredAt: Date | null }) | null> {
  const asset = await client.asset.findFirst({
    where: { id, organizationId },
    select: { id: true, organizationId: true, tag: true, name: true, retiredAt: true, slotCapacities: true, components: { select: { componentType: true, reference: true, serial: true, quantity: true } } },
  });
  if (!asset) return null;
  return { ...asset, slotCapacities: (asset.slotCapacities ?? {}) as Record<string, number> };
}

/** The field error when a change is pointed at an asset: missing (or another organization's), or retired. */
export function targetAssetError(asset: { retiredAt: Date | null } | null): string | null {
  if (!asset) return "Choose a target asset";
  if (asset.retiredAt) return "This asset is retired: choose one in service";
  return null;
}

/** The columns of a ChangeItem row for a validated draft. */
export function itemData(item: ChangeItemInput | ItemDraft, v: ItemValidation) {
  return {
    action: item.action,
    componentType: item.componentType.trim().toLowerCase(),
    componentRef: item.componentRef ?? null,
    serial: item.serial ?? null,
    specifications: (item.specifications ?? {}) as Prisma.InputJsonValue,
    quantity: Number(item.quantity),
    currentValue: item.currentValue ?? null,
    requestedValue: item.requestedValue ?? null,
    validationStatus: v.status,
    validationMessage: v.message,
  };
}

export function toDraft(row: { action: ItemDraft["action"]; componentType: string; componentRef: string | null; serial: string | null; specifications: Prisma.JsonValue; quantity: number; currentValue: string | null; requestedValue: string | null }): ItemDraft {
  return { ...row, specifications: (row.specifications ?? {}) as Record<string, string> };
}
