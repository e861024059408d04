import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { saveItems } from "@/lib/domain/changes/save-items";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import { checkItems } from "@/lib/domain/changes/check-items";
import { toDraft } from "@/lib/domain/changes/items";
import type { ItemDraft } from "@/lib/domain/changes/validate-items";
import { apiJson, defineOperation } from "./operation";
import { errorResponses } from "./responses";
import { changeActionSchema, itemInputSchema, ticketRefParams } from "./schemas";
import { domain, resolveTicketRef, versionOf } from "./tickets";

// A change's items (seed 002): listed, added, changed and removed one at a
// time — each a compare-and-set save of the whole list through saveItems, the
// page's function, so the same rules and validation apply — checked before
// saving (seed 002's ticket-validate-items), and fulfilled by the assignee.

const validation = z.object({ status: z.enum(["pending", "valid", "warning", "invalid"]), message: z.string().nullable() });

export const itemSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    action: changeActionSchema,
    component_type: z.string(),
    component_ref: z.string().nullable(),
    serial: z.string().nullable(),
    specifications: z.record(z.string(), z.string()),
    quantity: z.number().int(),
    current_value: z.string().nullable(),
    requested_value: z.string().nullable(),
    validation,
    fulfilled: z.boolean(),
    fulfilled_at: z.iso.datetime({ offset: true }).nullable(),
    fulfilled_with: z.string().nullable(),
  })
  .meta({ id: "Item" });

const itemListSchema = z
  .object({ data: z.array(itemSchema), ticket_version: z.number().int().positive().describe("The change's version after this answer: send it with the next write") })
  .meta({ id: "ItemList" });

const itemParams = ticketRefParams.extend({ item_id: z.uuid({ error: "Item not found" }) });
const versionField = { version: z.number().int().positive().optional().describe("The change's version read; or send If-Match") };

type ItemRow = Awaited<ReturnType<typeof loadItems>>["items"][number];

async function loadItems(actor: Actor, ticketId: string) {
  return loadTicketForActor(actor, ticketId, { id: true, version: true, project: { select: { workflow: true } }, items: { orderBy: { position: "asc" } } });
}

const toApiItem = (i: ItemRow) => ({
  id: i.id,
  position: i.position,
  action: i.action,
  component_type: i.componentType,
  component_ref: i.componentRef,
  serial: i.serial,
  specifications: (i.specifications ?? {}) as Record<string, string>,
  quantity: i.quantity,
  current_value: i.currentValue,
  requested_value: i.requestedValue,
  validation: { status: i.validationStatus, message: i.validationMessage },
  fulfilled: i.fulfilled,
  fulfilled_at: i.fulfilledAt ? i.fulfilledAt.toISOString() : null,
  fulfilled_with: i.fulfilledWith,
});

async function itemList(actor: Actor, ticketId: string, status = 200): Promise<Response> {
  const t = await loadItems(actor, ticketId);
  return apiJson(status, { data: t.items.map(toApiItem), ticket_version: t.version }, { ETag: `"${t.version}"` });
}

type ItemInput = z.output<typeof itemInputSchema>;
const fromApi = (i: Partial<ItemInput>, base?: ItemDraft): ItemDraft => ({
  action: i.action ?? base!.action,
  componentType: i.component_type ?? base!.componentType,
  componentRef: i.component_ref !== undefined ? i.component_ref : (base?.componentRef ?? null),
  serial: i.serial !== undefined ? i.serial : (base?.serial ?? null),
  specifications: i.specifications ?? base?.specifications ?? {},
  quantity: i.quantity ?? base?.quantity ?? 1,
  currentValue: i.current_value !== undefined ? i.current_value : (base?.currentValue ?? null),
  requestedValue: i.requested_value !== undefined ? i.requested_value : (base?.requestedValue ?? null),
});

/** Saves `next` as the change's whole list, based on `version`, through the page's saveItems. */
async function saveList(actor: Actor, ticketId: string, version: number, next: ItemDraft[]) {
  await domain(actor, ticketId, () => saveItems(actor, { ticketId, version, items: next }));
}

async function currentDrafts(actor: Actor, ticketId: string) {
  const t = await loadItems(actor, ticketId);
  if (t.project.workflow !== "change") throw new AppError("VALIDATION", "Only change requests have items.", { items: ["Only change requests have items"] });
  return t;
}

const itemResponses = { 200: { description: "The change's items after the write", schema: itemListSchema }, ...errorResponses(400, 401, 403, 404, 409, 422) };

export const listItemsOp = defineOperation(
  {
    method: "GET",
    path: "/tickets/{id}/items",
    operationId: "listItems",
    summary: "A change's items",
    tag: "Items",
    access: "read",
    params: ticketRefParams,
    responses: { 200: { description: "The items, in order", schema: itemListSchema }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => itemList(actor, await resolveTicketRef(actor, params.id)),
);

export const addItemOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/items",
    operationId: "addItem",
    summary: "Add an item to a change",
    description: "Validated against the target asset as on the change form; who may edit a change's items is the page's rule (the requester on a draft or rejected change; assigners and managers on a pending one).",
    tag: "Items",
    access: "write",
    params: ticketRefParams,
    body: itemInputSchema.extend(versionField).meta({ id: "NewItem" }),
    responses: { ...itemResponses, 201: { description: "Added; the change's items", schema: itemListSchema } },
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const { version: bodyVersion, ...item } = body;
    const version = versionOf(request, bodyVersion);
    const t = await currentDrafts(actor, id);
    await saveList(actor, id, version, [...t.items.map(toDraft), fromApi(item)]);
    return itemList(actor, id, 201);
  },
);

export const updateItemOp = defineOperation(
  {
    method: "PATCH",
    path: "/tickets/{id}/items/{item_id}",
    operationId: "updateItem",
    summary: "Change an item",
    description: "Saves the whole list with this item changed: the items get new ids (read them from the answer).",
    tag: "Items",
    access: "write",
    params: itemParams,
    body: itemInputSchema.partial().extend(versionField).strict().meta({ id: "ItemChanges" }),
    responses: itemResponses,
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const { version: bodyVersion, ...changes } = body;
    const version = versionOf(request, bodyVersion);
    const t = await currentDrafts(actor, id);
    const at = t.items.findIndex((i) => i.id === params.item_id);
    if (at < 0) throw new AppError("NOT_FOUND", "Item not found");
    await saveList(actor, id, version, t.items.map((i, n) => (n === at ? fromApi(changes, toDraft(i)) : toDraft(i))));
    return itemList(actor, id);
  },
);

export const deleteItemOp = defineOperation(
  {
    method: "DELETE",
    path: "/tickets/{id}/items/{item_id}",
    operationId: "deleteItem",
    summary: "Remove an item",
    description: "Needs the change's version: If-Match, or ?version=.",
    tag: "Items",
    access: "write",
    params: itemParams,
    query: z.object({ version: z.coerce.number().int().positive().optional() }).strict(),
    responses: itemResponses,
  },
  async ({ actor, params, query, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const version = versionOf(request, query.version);
    const t = await currentDrafts(actor, id);
    if (!t.items.some((i) => i.id === params.item_id)) throw new AppError("NOT_FOUND", "Item not found");
    await saveList(actor, id, version, t.items.filter((i) => i.id !== params.item_id).map(toDraft));
    return itemList(actor, id);
  },
);

export const validateItemsOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/items/validate",
    operationId: "validateItems",
    summary: "Check items before saving them",
    description: "Seed 002's ticket-validate-items: each item checked by the validator the save runs, against the change's target asset (or asset_id). Writes nothing.",
    tag: "Items",
    access: "read",
    params: ticketRefParams,
    body: z.object({ items: z.array(z.record(z.string(), z.unknown())).max(50), asset_id: z.uuid().nullable().optional() }).strict().meta({ id: "ItemsToCheck" }),
    responses: { 200: { description: "One result per item, in order", schema: z.object({ data: z.array(validation) }).meta({ id: "ItemChecks" }) }, ...errorResponses(400, 401, 403, 404, 422) },
  },
  async ({ actor, params, body }) => {
    const id = await resolveTicketRef(actor, params.id);
    const t = await loadTicketForActor(actor, id, { assetId: true });
    const items = body.items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])));
    const results = await domain(actor, id, () => checkItems(actor, { assetId: body.asset_id !== undefined ? body.asset_id : t.assetId, items }), "items");
    return apiJson(200, { data: results.map((r) => ({ status: r.status, message: r.message })) });
  },
);

export const fulfilItemOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/items/{item_id}/fulfil",
    operationId: "fulfilItem",
    summary: "Fulfil an item (the change's assignee, while in progress)",
    tag: "Items",
    access: "write",
    params: itemParams,
    body: z.object({ fulfilled_with: z.string().nullable().optional(), notes: z.string().nullable().optional(), ...versionField }).strict().meta({ id: "Fulfilment" }),
    responses: itemResponses,
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const version = versionOf(request, body.version);
    await domain(actor, id, () => fulfilItem(actor, { ticketId: id, itemId: params.item_id, version, fulfilledWith: body.fulfilled_with ?? null, notes: body.notes ?? null }));
    return itemList(actor, id);
  },
);
