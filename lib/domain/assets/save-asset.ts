import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/audit";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createAssetSchema, updateAssetSchema, type CreateAssetInput, type UpdateAssetInput } from "@/lib/validation/assets";
import { assertAdmin } from "@/lib/domain/audit/admin-only";
import { auditAsset, casAsset, changedFields, duplicateTag, DUPLICATE_TAG } from "./asset-writes";

interface Opts {
  meta?: RequestMeta;
}

/** Tags are unique per organization, ignoring case (the unique index holds them exactly; this catches "srv-001" beside "SRV-001"). */
async function assertTagFree(organizationId: string, tag: string, exceptId?: string) {
  const clash = await db.asset.findFirst({
    where: { organizationId, tag: { equals: tag, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw invalid(DUPLICATE_TAG, { tag: [DUPLICATE_TAG] });
}

/** "New asset": name, tag (unique in the organization), location, kind; audited as asset.created. */
export async function createAsset(actor: Actor, raw: CreateAssetInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(createAssetSchema, raw);
  await assertTagFree(actor.organizationId, input.tag);
  return db
    .$transaction(async (tx) => {
      const asset = await tx.asset.create({
        data: { organizationId: actor.organizationId, tag: input.tag, name: input.name, location: input.location ?? null, kind: input.kind },
        select: { id: true, tag: true, name: true, location: true, kind: true, version: true },
      });
      await auditAsset(tx, actor, opts.meta, asset, "asset.created", { new: { name: asset.name, tag: asset.tag, location: asset.location, kind: asset.kind } });
      return asset;
    })
    .catch(duplicateTag);
}

/** Edits name, tag, location and kind if nobody changed the asset since `version`; audited with old and new values. */
export async function updateAsset(actor: Actor, raw: UpdateAssetInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(updateAssetSchema, raw);
  await assertTagFree(actor.organizationId, input.tag, input.id);
  return db
    .$transaction(async (tx) => {
      const before = await casAsset(tx, actor, input.id, input.version);
      const next = { name: input.name, tag: input.tag, location: input.location ?? null, kind: input.kind };
      const change = changedFields({ name: before.name, tag: before.tag, location: before.location, kind: before.kind }, next);
      const saved = await tx.asset.update({ where: { id: before.id }, data: next, select: { id: true, tag: true, name: true, location: true, kind: true, version: true } });
      if (Object.keys(change.new).length) await auditAsset(tx, actor, opts.meta, saved, "asset.updated", change);
      return saved;
    })
    .catch(duplicateTag);
}
