import "server-only";
import type { Tx } from "@/lib/db";
import type { HistoryAction } from "@/lib/generated/prisma/enums";

export interface HistoryEntry {
  action: HistoryAction;
  field?: string;
  oldValue?: string | null;
  newValue?: string | null;
  comment?: string | null;
  internal?: boolean;
}

type Stringish = string | number | boolean | Date | null | undefined;
export function historyValue(v: Stringish): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Appends history rows; always called with the transaction of the change itself. */
export async function recordHistory(
  tx: Tx,
  ticket: { id: string; organizationId: string },
  actorId: string | null,
  entries: HistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.ticketHistory.createMany({
    data: entries.map((e) => ({
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      actorId,
      action: e.action,
      field: e.field ?? null,
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      comment: e.comment ?? null,
      internal: e.internal ?? false,
    })),
  });
}
