import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/audit";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assetRefSchema, setAssetRetiredSchema, type AssetRefInput, type SetAssetRetiredInput } from "@/lib/validation/assets";
import { assertAdmin } from "@/lib/domain/audit/admin-only";
import { auditAsset, casAsset } from "./asset-writes";

interface Opts {
  meta?: RequestMeta;
  now?: Date;
}

export const ASSET_IN_USE = "Change requests target this asset, so it cannot be deleted: retire it instead (its history is kept).";

/**
 * Retire (out of service) or return to service. A retired asset is no longer
 * offered as a change's target and cannot be chosen for a new one; the changes
 * that already target it keep it. Audited with the old and new state.
 */
export async function setAssetRetired(actor: Actor, raw: SetAssetRetiredInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(setAssetRetiredSchema, raw);
  const retired = input.retired;
  return db.$transaction(async (tx) => {
    const before = await casAsset(tx, actor, input.id, input.version);
    const row = await tx.asset.findUniqueOrThrow({ where: { id: before.id }, select: { retiredAt: true } });
    if (!!row.retiredAt === retired) return { id: before.id, version: before.version, retiredAt: row.retiredAt };
    const retiredAt = retired ? (opts.now ?? new Date()) : null;
    const saved = await tx.asset.update({ where: { id: before.id }, data: { retiredAt }, select: { id: true, tag: true, version: true, retiredAt: true } });
    await auditAsset(tx, actor, opts.meta, saved, retired ? "asset.retired" : "asset.restored", { old: { retired: !retired }, new: { retired } });
    return { id: saved.id, version: saved.version, retiredAt: saved.retiredAt };
  });
}

/**
 * Deletes an asset no change request has ever targeted, with its components
 * (a mistaken entry). One that changes targeted is refused: retiring keeps its
 * history. The audit row keeps what it was.
 */
export async function deleteAsset(actor: Actor, raw: AssetRefInput, opts: Opts = {}) {
  assertAdmin(actor, "Asset");
  const input = parseInput(assetRefSchema, raw);
  return db.$transaction(async (tx) => {
    const before = await casAsset(tx, actor, input.id, input.version);
    // The asset's row is locked (casAsset): no change can target it before this commits.
    const targeted = await tx.ticket.count({ where: { assetId: before.id } });
    if (targeted > 0) throw invalid(ASSET_IN_USE);
    const components = await tx.assetComponent.count({ where: { assetId: before.id } });
    await tx.asset.delete({ where: { id: before.id } });
    await auditAsset(tx, actor, opts.meta, before, "asset.deleted", {
      old: { name: before.name, tag: before.tag, location: before.location, kind: before.kind, components },
    });
    return { id: before.id };
  });
}
