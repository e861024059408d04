import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { changeItemSchema, checkItemsSchema, type CheckItemsInput } from "@/lib/validation/ticket";
import { assertMayChooseAsset } from "@/lib/domain/assets/search-assets";
import { loadAsset } from "./items";
import { validateItems, type ItemDraft, type ItemValidation } from "./validate-items";

/**
 * The change form's check as items are typed, before anything is saved: each
 * row parsed by the schema the save parses it with (its first message when it
 * fails), then the rows that parse through validateItems against the target
 * asset loaded as the save loads it (createTicket, saveItems) — the same
 * function on the same data, so a row reads here what it will read once saved.
 * For those who may pick a target asset; another organization's asset is not found.
 */
export async function checkItems(actor: Actor, raw: CheckItemsInput): Promise<ItemValidation[]> {
  await assertMayChooseAsset(actor);
  const input = parseInput(checkItemsSchema, raw);
  const asset = input.assetId ? await loadAsset(actor.organizationId, input.assetId) : null;
  if (input.assetId && !asset) throw notFound("Asset");

  const parsed = input.items.map((row) => changeItemSchema.safeParse(row));
  const drafts = parsed.flatMap((p) => (p.success ? [p.data as ItemDraft] : []));
  const checked = validateItems(drafts, asset);
  let next = 0;
  return parsed.map((p): ItemValidation => (p.success ? checked[next++]! : { status: "invalid", message: p.error.issues[0]?.message ?? "This item is invalid" }));
}
