import { z } from "zod";
import { INT4_MAX, text } from "./text";
import { ASSET_KINDS, COMPONENT_TYPES } from "@/lib/domain/assets/component-types";

/** The most assets a picker is ever sent: the target-asset picker searches, it never lists the organization's assets. */
export const ASSET_SEARCH_LIMIT = 20;

/** GET /api/assets/search's query string (lib/domain/assets/search-assets.ts). */
export const assetSearchSchema = z.object({
  q: text().trim().toLowerCase().max(100, "Search for at most 100 characters").default(""),
});

/** The most installed components the change form's component picker is sent at once: it searches, it never lists an asset's components. */
export const ASSET_COMPONENTS_LIMIT = 20;

/** GET /api/assets/<id>/components?q=: a reference, serial or type the user typed (lib/domain/assets/asset-components.ts). */
export const assetComponentsSchema = z.object({
  assetId: z.uuid({ error: "Asset not found" }),
  q: text().trim().toLowerCase().max(100, "Search for at most 100 characters").default(""),
});

// ─── /admin/assets ───────────────────────────────────────────────────────────

export const ASSET_PAGE_SIZE = 25;
/** The most slots of one type an asset may declare. */
export const SLOT_CAPACITY_MAX = 4096;
export const COMPONENT_QUANTITY_MAX = 4096;

const optionalText = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((v) => v || null)
    .nullable()
    .optional();

const assetFields = {
  name: text({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  tag: text({ error: "Tag is required" })
    .trim()
    .min(1, "Tag is required")
    .max(60, "Tag must be at most 60 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "Use letters, digits and . _ - / (no spaces)"),
  location: optionalText(200, "Location"),
  kind: z.enum(ASSET_KINDS, { error: "Choose a kind" }).default("server"),
};

export const createAssetSchema = z.object(assetFields).strict();
export type CreateAssetInput = z.input<typeof createAssetSchema>;

// An int4 column: a larger number would reach the query and fail there (an internal error), not here.
const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(1).max(INT4_MAX, "Reload the page and try again");
const assetId = z.uuid({ error: "Asset not found" });

export const updateAssetSchema = z.object({ id: assetId, version, ...assetFields }).strict();
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

const componentFields = {
  componentType: z.enum(COMPONENT_TYPES, { error: "Choose a component type" }),
  reference: text({ error: "Reference is required" }).trim().min(1, "Reference is required").max(200, "Reference must be at most 200 characters"),
  serial: optionalText(100, "Serial"),
  quantity: z.coerce
    .number({ error: "Quantity must be a number" })
    .int("Quantity must be a whole number")
    .min(1, "Quantity must be at least 1")
    .max(COMPONENT_QUANTITY_MAX, `Quantity must be at most ${COMPONENT_QUANTITY_MAX}`),
};

export const addComponentSchema = z.object({ assetId, version, ...componentFields }).strict();
export type AddComponentInput = z.input<typeof addComponentSchema>;

export const updateComponentSchema = z.object({ assetId, version, componentId: z.uuid({ error: "Component not found" }), ...componentFields }).strict();
export type UpdateComponentInput = z.input<typeof updateComponentSchema>;

/** Delete an asset: which one, at the version the admin saw. */
export const assetRefSchema = z.object({ id: assetId, version }).strict();
export type AssetRefInput = z.input<typeof assetRefSchema>;

/** Retire an asset (retired: true) or return it to service (false). */
export const setAssetRetiredSchema = z.object({ id: assetId, version, retired: z.boolean({ error: "Choose whether the asset is retired" }) }).strict();
export type SetAssetRetiredInput = z.input<typeof setAssetRetiredSchema>;

export const removeComponentSchema = z.object({ assetId, version, componentId: z.uuid({ error: "Component not found" }) }).strict();
export type RemoveComponentInput = z.input<typeof removeComponentSchema>;

/** Slots per component type, e.g. {"ram": 16, "cpu": 2}: known types only, whole numbers 0…4096; a type left out has no slot information. */
export const slotCapacitiesSchema = z
  .partialRecord(
    z.enum(COMPONENT_TYPES, { error: "Unknown component type" }),
    z.coerce
      .number({ error: "Enter a number of slots" })
      .int("Enter a whole number of slots")
      .min(0, "Slots cannot be negative")
      .max(SLOT_CAPACITY_MAX, `At most ${SLOT_CAPACITY_MAX} slots`),
  );
export type SlotCapacities = z.output<typeof slotCapacitiesSchema>;

export const setCapacitiesSchema = z.object({ assetId, version, capacities: slotCapacitiesSchema }).strict();
export type SetCapacitiesInput = z.input<typeof setCapacitiesSchema>;

/** /admin/assets?q=&after=: a tag or name prefix and the page position (the last tag shown, then its id). */
export const assetListSchema = z.object({
  q: text().trim().toLowerCase().max(100, "Search for at most 100 characters").default(""),
  after: text().max(200).optional(),
});
