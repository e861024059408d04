import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  addComponentSchema,
  removeComponentSchema,
  setCapacitiesSchema,
  updateComponentSchema,
  type AddComponentInput,
  type RemoveComponentInput,
  type SetCapacitiesInput,
  type UpdateComponentInput,
} from "@/lib/validation/assets";
import { assertAdmin } from "@/lib/domain/audit/admin-only";
import { componentTypeLabel } from "./component-types";
import { assertCapacityHolds, auditAsset, casAsset, changedFields, installedByType, type LockedAsset } from "./asset-writes";

interface Opts {
  meta?: RequestMeta;
}

const componentSelect = { id: true, componentType: true, reference: true, serial: true, quantity: true } as const;
type ComponentRow = { id: string; componentType: string; reference: string; serial: string | null; quantity: number };
const facts = (c: Omit<ComponentRow, "id">) => ({ type: c.componentType, reference: c.reference, serial: c.serial, quantity: c.quantity });

/** Adding `quantity` of a type must fit the declared slots (a type without slot information is not limited). */
function assertFits(asset: LockedAsset, type: string, after: number) {
  const capacity = asset.slotCapacities[type];
  if (capacity !== undefined && after > capacity) {
    const message = `${componentTypeLabel(type)}: ${asset.name} has ${capacity} slots, and this would need ${after}.`;
    throw invalid(message, { quantity: [message] });
  }
}

async function loadComponent(tx: Tx, asset: LockedAsset, id: string): Promise<ComponentRow> {
  const row = await tx.assetComponent.findFirst({ where: { id, assetId: asset.id, organizationId: asset.organizationId }, select: componentSelect });
  if (!row) throw notFound("Component");
  return row;
}

export async function addComponent(actor: Actor, raw: AddComponentInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(addComponentSchema, raw);
  return db.$transaction(async (tx) => {
    const asset = await casAsset(tx, actor, input.assetId, input.version);
    const installed = await installedByType(tx, asset.id);
    assertFits(asset, input.componentType, (installed.get(input.componentType) ?? 0) + input.quantity);
    const row = await tx.assetComponent.create({
      data: { organizationId: asset.organizationId, assetId: asset.id, componentType: input.componentType, reference: input.reference, serial: input.serial ?? null, quantity: input.quantity },
      select: componentSelect,
    });
    await auditAsset(tx, actor, opts.meta, asset, "asset.component_added", { new: facts(row) });
    return { ...row, version: asset.version };
  });
}

export async function updateComponent(actor: Actor, raw: UpdateComponentInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(updateComponentSchema, raw);
  return db.$transaction(async (tx) => {
    const asset = await casAsset(tx, actor, input.assetId, input.version);
    const before = await loadComponent(tx, asset, input.componentId);
    const installed = await installedByType(tx, asset.id);
    const others = (installed.get(input.componentType) ?? 0) - (before.componentType === input.componentType ? before.quantity : 0);
    assertFits(asset, input.componentType, others + input.quantity);
    const row = await tx.assetComponent.update({
      where: { id: before.id },
      data: { componentType: input.componentType, reference: input.reference, serial: input.serial ?? null, quantity: input.quantity },
      select: componentSelect,
    });
    const change = changedFields(facts(before), facts(row));
    if (Object.keys(change.new).length) await auditAsset(tx, actor, opts.meta, asset, "asset.component_updated", { component: before.reference, ...change });
    return { ...row, version: asset.version };
  });
}

export async function removeComponent(actor: Actor, raw: RemoveComponentInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(removeComponentSchema, raw);
  return db.$transaction(async (tx) => {
    const asset = await casAsset(tx, actor, input.assetId, input.version);
    const before = await loadComponent(tx, asset, input.componentId);
    await tx.assetComponent.delete({ where: { id: before.id } });
    await auditAsset(tx, actor, opts.meta, asset, "asset.component_removed", { old: facts(before) });
    return { id: before.id, version: asset.version };
  });
}

/** Replaces the slot capacities; a type below what is installed is refused with the count, on its field. */
export async function setSlotCapacities(actor: Actor, raw: SetCapacitiesInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(setCapacitiesSchema, raw);
  return db.$transaction(async (tx) => {
    const asset = await casAsset(tx, actor, input.assetId, input.version);
    assertCapacityHolds(asset, input.capacities, await installedByType(tx, asset.id), (type) => `capacities.${type}`);
    const next = Object.fromEntries(Object.entries(input.capacities).filter(([, v]) => v !== undefined)) as Record<string, number>;
    await tx.asset.update({ where: { id: asset.id }, data: { slotCapacities: next as Prisma.InputJsonValue } });
    const change = changedFields(asset.slotCapacities, { ...Object.fromEntries(Object.keys(asset.slotCapacities).map((k) => [k, undefined])), ...next });
    if (Object.keys(change.new).length) await auditAsset(tx, actor, opts.meta, asset, "asset.updated", { old: { slotCapacities: asset.slotCapacities }, new: { slotCapacities: next } });
    return { slotCapacities: next, version: asset.version };
  });
}
