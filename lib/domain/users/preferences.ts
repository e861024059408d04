import "server-only";
import { db, sqlRows, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { BOX_KEYS } from "@/lib/validation/desk";
import { boxOrderSchema, deskColumnsSchema, preferencesPatchSchema, type Preferences, type PreferencesPatch } from "@/lib/validation/preferences";

type Stored = Omit<Preferences, "boxOrder"> & { boxOrder?: Preferences["boxOrder"] };

/**
 * What is stored, read part by part: a part that no longer fits the schema
 * (an older format, a hand edit) falls back to its default instead of
 * breaking the desk.
 */
function fromStored(raw: unknown): Stored {
  const stored = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const columns = stored.deskColumns && typeof stored.deskColumns === "object" ? (stored.deskColumns as Record<string, unknown>) : {};
  const visibility = deskColumnsSchema.shape.visibility.safeParse(columns.visibility);
  const sizing = deskColumnsSchema.shape.sizing.safeParse(columns.sizing);
  const boxOrder = boxOrderSchema.safeParse(stored.boxOrder);
  return {
    deskColumns: {
      visibility: visibility.success && visibility.data ? visibility.data : {},
      sizing: sizing.success && sizing.data ? sizing.data : {},
    },
    // Absent until the user reorders, so boxes added later still show up.
    ...(boxOrder.success ? { boxOrder: boxOrder.data } : {}),
  };
}

const withDefaults = (p: Stored): Preferences => ({ ...p, boxOrder: p.boxOrder ?? [...BOX_KEYS] });

/** The actor's UI preferences, with defaults for anything not saved. */
export async function getPreferences(actor: Actor): Promise<Preferences> {
  // Read on every desk page: one prepared statement, no query compilation per request.
  const [user] = await sqlRows<{ preferences: unknown }>(Prisma.sql`SELECT "preferences" FROM "User" WHERE "id" = ${actor.id}::uuid`, { prepared: true });
  if (!user) throw notFound("User");
  return withDefaults(fromStored(user.preferences));
}

/**
 * Merges a change into the actor's preferences: column visibility and widths
 * key by key (a table saves one column at a time), the box order replaced.
 * The row is locked while merging so two quick saves never lose one another.
 */
export async function savePreferences(actor: Actor, raw: PreferencesPatch): Promise<Preferences> {
  const patch = parseInput(preferencesPatchSchema, raw);
  return db.$transaction(async (tx: Tx) => {
    const rows = await tx.$queryRaw<{ preferences: unknown }[]>`SELECT "preferences" FROM "User" WHERE "id" = ${actor.id}::uuid FOR UPDATE`;
    if (rows.length === 0) throw notFound("User");
    const current = fromStored(rows[0].preferences);
    const next: Stored = {
      deskColumns: {
        visibility: { ...current.deskColumns.visibility, ...(patch.deskColumns?.visibility ?? {}) },
        sizing: { ...current.deskColumns.sizing, ...(patch.deskColumns?.sizing ?? {}) },
      },
      ...((patch.boxOrder ?? current.boxOrder) ? { boxOrder: patch.boxOrder ?? current.boxOrder } : {}),
    };
    await tx.user.update({ where: { id: actor.id }, data: { preferences: next as unknown as Prisma.InputJsonValue } });
    return withDefaults(next);
  });
}
