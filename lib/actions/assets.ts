"use server";

import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { createAsset, updateAsset } from "@/lib/domain/assets/save-asset";
import { deleteAsset, setAssetRetired } from "@/lib/domain/assets/retire-asset";
import { addComponent, removeComponent, setSlotCapacities, updateComponent } from "@/lib/domain/assets/edit-components";
import { addComponentSchema, assetRefSchema, createAssetSchema, removeComponentSchema, setAssetRetiredSchema, setCapacitiesSchema, updateAssetSchema, updateComponentSchema } from "@/lib/validation/assets";

const meta = async () => ({ meta: requestMeta(await headers()) });
const refresh = (id?: string) => {
  revalidatePath("/admin/assets");
  if (id) revalidatePath(`/admin/assets/${id}`);
};

export const createAssetAction = defineAction(getActor, createAssetSchema, async (actor, input) => {
  const asset = await createAsset(actor, input, await meta());
  refresh();
  return { id: asset.id };
});

export const updateAssetAction = defineAction(getActor, updateAssetSchema, async (actor, input) => {
  const asset = await updateAsset(actor, input, await meta());
  refresh(asset.id);
  return { id: asset.id, version: asset.version };
});

export const addComponentAction = defineAction(getActor, addComponentSchema, async (actor, input) => {
  const row = await addComponent(actor, input, await meta());
  refresh(input.assetId);
  return { id: row.id, version: row.version };
});

export const updateComponentAction = defineAction(getActor, updateComponentSchema, async (actor, input) => {
  const row = await updateComponent(actor, input, await meta());
  refresh(input.assetId);
  return { id: row.id, version: row.version };
});

export const removeComponentAction = defineAction(getActor, removeComponentSchema, async (actor, input) => {
  const row = await removeComponent(actor, input, await meta());
  refresh(input.assetId);
  return row;
});

export const setSlotCapacitiesAction = defineAction(getActor, setCapacitiesSchema, async (actor, input) => {
  const saved = await setSlotCapacities(actor, input, await meta());
  refresh(input.assetId);
  return saved;
});

export const setAssetRetiredAction = defineAction(getActor, setAssetRetiredSchema, async (actor, input) => {
  const saved = await setAssetRetired(actor, input, await meta());
  refresh(input.id);
  return { id: saved.id, version: saved.version, retired: saved.retiredAt !== null };
});

export const deleteAssetAction = defineAction(getActor, assetRefSchema, async (actor, input) => {
  const deleted = await deleteAsset(actor, input, await meta());
  refresh();
  return deleted;
});
