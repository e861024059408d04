import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { deskQueryString, parseDeskQuery } from "@/lib/validation/desk";
import {
  reorderViewsSchema,
  saveViewSchema,
  viewRefSchema,
  VIEWS_MAX,
  type ReorderViewsInput,
  type SaveViewInput,
  type ViewRefInput,
} from "@/lib/validation/desk-actions";

// A user's own named desk views. Every read and write is keyed by the actor's
// id: someone else's view reads as one that does not exist.

export interface SavedViewRow {
  id: string;
  name: string;
  query: string;
  position: number;
}

const SELECT = { id: true, name: true, query: true, position: true } as const;

/**
 * A desk query string in its one canonical form: parsed (bad values dropped),
 * without the page cursor, keys in a stable order — so the view that is open
 * compares equal to the saved one.
 */
export function normalizeViewQuery(raw: string): string {
  return deskQueryString(parseDeskQuery(new URLSearchParams(raw.trim())), { cursor: undefined });
}

/** Read on every desk page: one prepared statement (the (userId, …) index), no query compilation per request. */
export async function listSavedViews(actor: Actor): Promise<SavedViewRow[]> {
  return sqlRows<SavedViewRow>(
    Prisma.sql`SELECT "id"::text, "name", "query", "position" FROM "SavedView" WHERE "userId" = ${actor.id}::uuid ORDER BY "position" ASC, "createdAt" ASC`,
    { prepared: true },
  );
}

/** Saves the view under its name; a view of the same name is replaced (and keeps its place). */
export async function saveView(actor: Actor, raw: SaveViewInput): Promise<SavedViewRow> {
  const input = parseInput(saveViewSchema, raw);
  const query = normalizeViewQuery(input.query);
  const write = db.$transaction(async (tx) => {
    const existing = await tx.savedView.findUnique({ where: { userId_name: { userId: actor.id, name: input.name } }, select: { id: true } });
    if (existing) return tx.savedView.update({ where: { id: existing.id }, data: { query }, select: SELECT });
    const agg = await tx.savedView.aggregate({ where: { userId: actor.id }, _count: true, _max: { position: true } });
    if (agg._count >= VIEWS_MAX) throw invalid(`You can keep at most ${VIEWS_MAX} views. Delete one first.`, { name: [`At most ${VIEWS_MAX} views`] });
    return tx.savedView.create({
      data: { organizationId: actor.organizationId, userId: actor.id, name: input.name, query, position: (agg._max.position ?? -1) + 1 },
      select: SELECT,
    });
  });
  // Two tabs creating the same name at once: the unique (userId, name) index decides.
  return write.catch((e: unknown) => {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw conflict("A view with this name was just saved. Try again.");
    throw e;
  });
}

export async function removeView(actor: Actor, raw: ViewRefInput): Promise<{ id: string }> {
  const { id } = parseInput(viewRefSchema, raw);
  const res = await db.savedView.deleteMany({ where: { id, userId: actor.id } });
  if (res.count === 0) throw notFound("View");
  return { id };
}

/** Puts the listed views first, in that order; views not listed keep their order after them. */
export async function reorderViews(actor: Actor, raw: ReorderViewsInput): Promise<SavedViewRow[]> {
  const { ids } = parseInput(reorderViewsSchema, raw);
  return db.$transaction(async (tx) => {
    const own = await tx.savedView.findMany({ where: { userId: actor.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const ownIds = new Set(own.map((v) => v.id));
    if (ids.some((id) => !ownIds.has(id))) throw notFound("View");
    const order = [...ids, ...own.map((v) => v.id).filter((id) => !ids.includes(id))];
    for (const [position, id] of order.entries()) await tx.savedView.update({ where: { id }, data: { position } });
    return tx.savedView.findMany({ where: { userId: actor.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: SELECT });
  });
}
