import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { deskQueryString, type DeskQuery } from "@/lib/validation/desk";
import { deskPage, type DeskRow } from "./desk-query";
import { csvLine, type CsvValue } from "./csv";

export const EXPORT_COLUMNS = ["number", "title", "status", "priority", "requester", "assignee", "project", "created", "updated"] as const;
/** Rows asked of deskPage per round trip (it caps a page at its own maximum). */
export const EXPORT_BATCH = 500;

const cells = (r: DeskRow): CsvValue[] => [r.number, r.title, r.status, r.priority, r.requesterName, r.assigneeName, r.projectKey, r.createdAt, r.updatedAt];

export interface DeskCsvOptions {
  batchSize?: number;
  /** Who asked, for the audit row. */
  meta?: RequestMeta;
}

/**
 * The desk view as CSV, header first, one chunk per keyset batch: the same
 * scoped query as the page (deskPage), walked cursor by cursor so the whole
 * result is never held in memory. When the walk ends — finished, failed or
 * cancelled by the client — one "desk.export" audit row records the view, the
 * rows sent and whether the file is complete.
 */
export async function* deskCsv(actor: Actor, filters: DeskQuery, opts: DeskCsvOptions = {}): AsyncGenerator<string, void, undefined> {
  const view: DeskQuery = { ...filters, cursor: undefined };
  let rows = 0;
  let complete = false;
  try {
    yield csvLine(EXPORT_COLUMNS);
    let cursor: string | undefined;
    do {
      const page = await deskPage(actor, { filters: { ...view, cursor }, limit: opts.batchSize ?? EXPORT_BATCH });
      rows += page.rows.length;
      if (page.rows.length) yield page.rows.map((r) => csvLine(cells(r))).join("");
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    complete = true;
  } finally {
    await audit({
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: "desk.export",
      data: { query: deskQueryString(view), filters: JSON.parse(JSON.stringify(view)), rows, complete },
      ip: opts.meta?.ip,
      userAgent: opts.meta?.userAgent,
    });
  }
}
