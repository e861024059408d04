import type { ChangeAction, ValidationStatus } from "@/lib/generated/prisma/enums";
import { componentTypeLabel } from "@/lib/domain/assets/component-types";

/** An item's action as people read it. */
export const CHANGE_ACTION_LABELS: Record<ChangeAction, string> = { add: "Add", remove: "Remove", replace: "Replace", modify: "Modify" };

export interface ItemDraft {
  action: ChangeAction;
  componentType: string;
  componentRef?: string | null;
  serial?: string | null;
  specifications?: Record<string, string> | null;
  quantity: number;
  currentValue?: string | null;
  requestedValue?: string | null;
}

export interface AssetShape {
  name: string;
  slotCapacities: Record<string, number>;
  components: { componentType: string; reference: string; serial: string | null; quantity: number }[];
}

export interface ItemValidation {
  status: ValidationStatus;
  message: string | null;
}

const norm = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** A type inside a sentence: "network card", "memory (RAM)" (never the stored code). */
function typeWords(type: string): string {
  const label = componentTypeLabel(type);
  return label[0]!.toLowerCase() + label.slice(1);
}

/** `db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".` — what was meant is usually one of these. */
function noMatch(asset: AssetShape, type: string, typed: string): string {
  const refs = asset.components.filter((c) => norm(c.componentType) === type).map((c) => `"${c.reference}"`);
  const installed = refs.length ? ` Installed: ${refs.slice(0, 3).join(", ")}${refs.length > 3 ? ` and ${refs.length - 3} more` : ""}.` : "";
  return `${asset.name} has no ${typeWords(type)} matching "${typed}".${installed}`;
}

/** The installed component an item refers to: by serial, reference or current value. */
export function findInstalled(asset: AssetShape, item: Pick<ItemDraft, "componentType" | "componentRef" | "serial" | "currentValue">) {
  const keys = [item.serial, item.componentRef, item.currentValue].map(norm).filter(Boolean);
  return asset.components.find(
    (c) => norm(c.componentType) === norm(item.componentType) && keys.some((k) => k === norm(c.reference) || (c.serial && k === norm(c.serial))),
  );
}

/**
 * Checks each item of a change against its target asset: what it needs to be
 * carried out (invalid blocks submit) and what deserves a second look
 * (warning). Items are checked in order, so two adds share the free slots.
 */
export function validateItems(items: ItemDraft[], asset: AssetShape | null): ItemValidation[] {
  const used = new Map<string, number>();
  for (const c of asset?.components ?? []) used.set(norm(c.componentType), (used.get(norm(c.componentType)) ?? 0) + c.quantity);

  return items.map((item): ItemValidation => {
    const type = norm(item.componentType);
    if (!/^[a-z][a-z0-9_-]{1,39}$/.test(type)) return { status: "invalid", message: "Choose a component type." };
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 64) return { status: "invalid", message: "Quantity must be between 1 and 64." };

    switch (item.action) {
      case "add": {
        if (!norm(item.componentRef) && !norm(item.requestedValue) && !Object.keys(item.specifications ?? {}).length) {
          return { status: "invalid", message: "Say what to add: a component reference, a requested value or specifications." };
        }
        if (!asset) return { status: "warning", message: "No target asset chosen; slot capacity not checked." };
        const capacity = asset.slotCapacities[type];
        const after = (used.get(type) ?? 0) + item.quantity;
        used.set(type, after);
        if (capacity === undefined) return { status: "warning", message: `${asset.name} has no slot information for ${typeWords(type)}.` };
        if (after > capacity) return { status: "warning", message: `${asset.name} has ${capacity} slots for ${typeWords(type)}; this would need ${after}.` };
        return { status: "valid", message: null };
      }
      case "remove": {
        if (!asset) return { status: "invalid", message: "Choose a target asset to remove a component from." };
        const installed = findInstalled(asset, item);
        if (!installed) return { status: "invalid", message: noMatch(asset, type, item.serial || item.componentRef || item.currentValue || "") };
        if (item.quantity > installed.quantity) return { status: "invalid", message: `${asset.name} has only ${installed.quantity} of ${installed.reference}.` };
        used.set(type, (used.get(type) ?? 0) - item.quantity);
        return { status: "valid", message: null };
      }
      case "replace": {
        if (!norm(item.currentValue) || !norm(item.requestedValue)) return { status: "invalid", message: "A replacement needs the current and the requested value." };
        if (!asset) return { status: "invalid", message: "Choose a target asset for the replacement." };
        if (!findInstalled(asset, item)) return { status: "invalid", message: noMatch(asset, type, item.currentValue ?? "") };
        return { status: "valid", message: null };
      }
      case "modify": {
        if (!norm(item.requestedValue)) return { status: "invalid", message: "Say what the modification should change it to (requested value)." };
        if (asset && norm(item.currentValue) && !findInstalled(asset, item)) {
          return { status: "warning", message: noMatch(asset, type, item.currentValue ?? "") };
        }
        return { status: "valid", message: null };
      }
    }
  });
}

export function summarizeItem(item: Pick<ItemDraft, "action" | "componentType" | "quantity" | "componentRef" | "requestedValue" | "currentValue">): string {
  const what = item.componentRef || item.requestedValue || item.currentValue || "";
  const action = CHANGE_ACTION_LABELS[item.action] ?? item.action;
  return `${action} ${item.quantity} × ${componentTypeLabel(item.componentType)}${what ? `: ${what}` : ""}`;
}
