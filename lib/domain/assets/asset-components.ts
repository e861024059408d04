import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assetComponentsSchema, ASSET_COMPONENTS_LIMIT } from "@/lib/validation/assets";
import { assertMayChooseAsset } from "./search-assets";
import { COMPONENT_TYPES, COMPONENT_TYPE_LABELS, componentTypeLabel } from "./component-types";

/** An installed component as the change form's picker shows it and fills an item row from it. */
export interface ComponentChoice {
  id: string;
  /** "Network card · Onboard 1GbE · serial NIC-ONB-0001 · 1 installed": what the option reads. */
  name: string;
  componentType: string;
  typeLabel: string;
  reference: string;
  serial: string | null;
  quantity: number;
}

/** How a component reads in the picker (pure: the route and the tests share it). */
export function componentChoiceName(c: { componentType: string; reference: string; serial: string | null; quantity: number }): string {
  return [componentTypeLabel(c.componentType), c.reference, c.serial ? `serial ${c.serial}` : null, `${c.quantity} installed`].filter(Boolean).join(" · ");
}

/** The component types whose code or label holds what was typed ("network" finds nic). */
function typesMatching(q: string): string[] {
  return COMPONENT_TYPES.filter((t) => t.includes(q) || COMPONENT_TYPE_LABELS[t].toLowerCase().includes(q));
}

/**
 * The installed components of one asset, for the change form's item rows
 * (remove, replace, modify): at most ASSET_COMPONENTS_LIMIT, by type then
 * reference, filtered by what was typed (reference, serial or type). For
 * those who may pick a target asset (assertMayChooseAsset); another
 * organization's asset is not found, like one that does not exist.
 */
export async function listAssetComponents(actor: Actor, raw: { assetId: unknown; q?: unknown }): Promise<{ components: ComponentChoice[]; more: boolean }> {
  await assertMayChooseAsset(actor);
  const parsed = assetComponentsSchema.safeParse(raw);
  // A malformed id names no asset: not found, like any other id.
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === "assetId")) throw notFound("Asset");
  const { assetId, q } = parseInput(assetComponentsSchema, raw);
  const asset = await db.asset.findFirst({ where: { id: assetId, organizationId: actor.organizationId }, select: { id: true } });
  if (!asset) throw notFound("Asset");

  const types = q ? typesMatching(q) : [];
  const rows = await db.assetComponent.findMany({
    where: {
      assetId: asset.id,
      organizationId: actor.organizationId,
      ...(q
        ? {
            OR: [
              { reference: { contains: q, mode: "insensitive" as const } },
              { serial: { contains: q, mode: "insensitive" as const } },
              ...(types.length ? [{ componentType: { in: types } }] : []),
            ],
          }
        : {}),
    },
    select: { id: true, componentType: true, reference: true, serial: true, quantity: true },
    orderBy: [{ componentType: "asc" }, { reference: "asc" }, { id: "asc" }],
    take: ASSET_COMPONENTS_LIMIT + 1,
  });
  return {
    components: rows.slice(0, ASSET_COMPONENTS_LIMIT).map((c) => ({ ...c, name: componentChoiceName(c), typeLabel: componentTypeLabel(c.componentType) })),
    more: rows.length > ASSET_COMPONENTS_LIMIT,
  };
}
