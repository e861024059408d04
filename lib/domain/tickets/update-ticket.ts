import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import { findStaff } from "@/lib/domain/users/staff-directory";
import type { Actor } from "@/lib/auth/actor";
import { writableFields } from "./policy";
import { AppError, conflict, invalid, INVALID_FORM } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { updateTicketSchema, type UpdateTicketInput } from "@/lib/validation/ticket";
import { loadAsset, targetAssetError, toDraft } from "@/lib/domain/changes/items";
import { validateItems } from "@/lib/domain/changes/validate-items";
import { loadTicketForActor } from "./queries";
import { recordHistory, historyValue, type HistoryEntry } from "./history";
import { assetLabel } from "@/lib/domain/assets/label";
import { assertMayCreateTags } from "@/lib/domain/tags/create-rule";
import { customerHistory, customersById } from "@/lib/domain/customers/ticket-customer";

type Field = keyof NonNullable<UpdateTicketInput["changes"]>;

const DATE_FIELDS = new Set<Field>(["dueDate", "startDate", "scheduledAt"]);
const WORKFLOW_FIELDS: Partial<Record<Field, "change" | "kanban">> = {
  scheduledAt: "change", estimatedMinutes: "change", deploymentNotes: "change", reviewerId: "change", assetId: "change",
  urgency: "kanban", importance: "kanban", startDate: "kanban",
};

/** Edits fields with compare-and-set on version; one history row per changed field. */
export async function updateTicket(actor: Actor, raw: UpdateTicketInput, opts: { now?: Date } = {}) {
  const { ticketId, version, changes } = parseInput(updateTicketSchema, raw);
  const now = opts.now ?? new Date();

  const t = await loadTicketForActor(actor, ticketId, {
    id: true, organizationId: true, requesterId: true, status: true, version: true,
    title: true, description: true, priority: true, type: true, dueDate: true, startDate: true, urgency: true, importance: true,
    scheduledAt: true, estimatedMinutes: true, deploymentNotes: true, reviewerId: true, assetId: true,
    customer: { select: { id: true, name: true } },
    reviewer: { select: { name: true } },
    asset: { select: { tag: true, name: true } },
    project: { select: { workflow: true } },
    tags: { select: { tag: { select: { id: true, name: true } } } },
    items: { orderBy: { position: "asc" } },
  });
  const workflow = t.project.workflow;
  // A field the schema has and the policy does not name is never writable.
  const allowed: readonly Field[] = writableFields(actor, { requesterId: t.requesterId, status: t.status, workflow });
  const sent = Object.keys(changes) as Field[];
  const refused = sent.filter((f) => !allowed.includes(f));
  if (refused.length) {
    throw new AppError("FORBIDDEN", `You cannot change ${refused.join(", ")} on this ticket.`, Object.fromEntries(refused.map((f) => [f, ["You cannot change this field"]])));
  }
  const misplaced = sent.filter((f) => WORKFLOW_FIELDS[f] && WORKFLOW_FIELDS[f] !== workflow);
  if (misplaced.length) throw invalid(INVALID_FORM, Object.fromEntries(misplaced.map((f) => [f, [`Only ${WORKFLOW_FIELDS[f]} tickets have this`]])));
  if (version !== t.version) throw conflict();

  const data: Prisma.TicketUncheckedUpdateManyInput = {};
  const entries: HistoryEntry[] = [];
  for (const field of sent) {
    if (field === "tags" || field === "customerId") continue;
    const value = changes[field];
    const next = DATE_FIELDS.has(field) && typeof value === "string" ? new Date(value) : value;
    const before = t[field as keyof typeof t] as string | number | Date | null;
    if (historyValue(before as never) === historyValue(next as never)) continue;
    (data as Record<string, unknown>)[field] = next;
    // The reviewer and the target asset are recorded by what people call them, never by id.
    if (field === "reviewerId" || field === "assetId") continue;
    entries.push({ action: "field_change", field, oldValue: historyValue(before as never), newValue: historyValue(next as never) });
  }

  let reviewerName: string | null = null;
  if (changes.reviewerId) {
    // The reviewer picker offers staff; the same directory decides what it accepts.
    const [reviewer] = await findStaff(actor.organizationId, { kind: "staff" }, { ids: [changes.reviewerId] });
    if (!reviewer) throw invalid(INVALID_FORM, { reviewerId: ["Choose a reviewer from your organization's staff"] });
    reviewerName = reviewer.name;
  }
  if ("reviewerId" in data) entries.push({ action: "field_change", field: "reviewer", oldValue: t.reviewer?.name ?? null, newValue: reviewerName });
  const asset = changes.assetId ? await loadAsset(actor.organizationId, changes.assetId) : null;
  // Keeping a target that has since been retired is fine; choosing one is not.
  const assetError = changes.assetId && changes.assetId !== t.assetId ? targetAssetError(asset) : null;
  if (assetError) throw invalid(INVALID_FORM, { assetId: [assetError] });
  if ("assetId" in data) entries.push({ action: "field_change", field: "asset", oldValue: t.asset ? assetLabel(t.asset) : null, newValue: asset ? assetLabel(asset) : null });

  if (changes.customerId !== undefined) {
    // The customer picker offers the organization's customers; another organization's id names none.
    const [customer] = changes.customerId ? await customersById(actor.organizationId, [changes.customerId]) : [];
    if (changes.customerId && !customer) throw invalid(INVALID_FORM, { customerId: ["Choose a customer from the list"] });
    if ((customer?.id ?? null) !== (t.customer?.id ?? null)) {
      data.customerId = customer?.id ?? null;
      entries.push(customerHistory(t.customer?.name ?? null, customer?.name ?? null));
    }
  }

  const currentTags = t.tags.map((x) => x.tag.name);
  const wantTags = changes.tags ? [...new Set(changes.tags)] : currentTags;
  const addTags = wantTags.filter((n) => !currentTags.includes(n));
  const dropTags = t.tags.filter((x) => !wantTags.includes(x.tag.name));
  for (const n of addTags) entries.push({ action: "tag_added", newValue: n });
  for (const x of dropTags) entries.push({ action: "tag_removed", oldValue: x.tag.name });

  if (entries.length === 0) return { id: t.id, version: t.version, changed: 0 };
  // New tags are created below (upsert): only by those the organization lets create them.
  await assertMayCreateTags(actor, addTags);

  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({ where: { id: t.id, version: t.version }, data: { ...data, version: { increment: 1 }, updatedAt: now } });
    if (res.count !== 1) throw conflict();
    for (const name of addTags) {
      const tag = await tx.tag.upsert({
        where: { organizationId_name: { organizationId: t.organizationId, name } },
        create: { organizationId: t.organizationId, name },
        update: {},
        select: { id: true },
      });
      await tx.ticketTag.create({ data: { ticketId: t.id, tagId: tag.id, organizationId: t.organizationId } });
    }
    if (dropTags.length) await tx.ticketTag.deleteMany({ where: { ticketId: t.id, tagId: { in: dropTags.map((x) => x.tag.id) } } });
    // A new target asset changes what the items mean: check them again.
    if ("assetId" in data && t.items.length) {
      const results = validateItems(t.items.map(toDraft), asset);
      for (const [i, item] of t.items.entries()) {
        await tx.changeItem.update({ where: { id: item.id }, data: { validationStatus: results[i].status, validationMessage: results[i].message } });
      }
    }
    await recordHistory(tx, t, actor.id, entries);
    return { id: t.id, version: t.version + 1, changed: entries.length };
  });
}
