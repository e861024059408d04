"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { loadColumnPage } from "@/lib/domain/board/board-query";
import { reorderCard } from "@/lib/domain/board/reorder-card";
import { addColumn, moveColumn, removeColumn, updateColumn } from "@/lib/domain/board/columns";
import { addColumnSchema, loadColumnSchema, moveColumnSchema, removeColumnSchema, reorderCardSchema, updateColumnSchema } from "@/lib/validation/board";

// Thin wrappers (lib/actions/safe-action.ts). A drop onto another column is a
// transition: the board calls transitionTicketAction (lib/actions/tickets.ts).

export const reorderCardAction = defineAction(getActor, reorderCardSchema, (actor, input) => reorderCard(actor, input));
export const loadColumnAction = defineAction(getActor, loadColumnSchema, (actor, input) => loadColumnPage(actor, input));

const boardPath = (key: string) => `/board/${key}`;

export const addColumnAction = defineAction(getActor, addColumnSchema, async (actor, input) => {
  const column = await addColumn(actor, input, requestMeta(await headers()));
  revalidatePath(boardPath(input.projectKey));
  return column;
});
export const updateColumnAction = defineAction(getActor, updateColumnSchema, async (actor, input) => updateColumn(actor, input, requestMeta(await headers())));
export const moveColumnAction = defineAction(getActor, moveColumnSchema, async (actor, input) => moveColumn(actor, input, requestMeta(await headers())));
export const removeColumnAction = defineAction(getActor, removeColumnSchema, async (actor, input) => removeColumn(actor, input, requestMeta(await headers())));
