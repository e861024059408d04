import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { csvLine } from "@/lib/domain/desk/csv";
import { auditFilterString, AUDIT_EXPORT_BATCH, AUDIT_EXPORT_MAX_ROWS, type AuditCursor, type AuditQuery } from "@/lib/validation/audit";
import { auditCells, AUDIT_EXPORT_COLUMNS } from "./csv-row";
import { assertAdmin } from "./admin-only";
import { auditFilterOf, auditRows, entityLookups } from "./list-audit";

export { AUDIT_EXPORT_COLUMNS };

export interface AuditCsvOptions {
  meta?: RequestMeta;
  batchSize?: number;
  maxRows?: number;
}

/**
 * The filtered audit log as CSV (header first), walked newest first in keyset
 * batches so that at most one batch is held in memory, and cut at maxRows
 * (100,000). When the walk ends — finished, cut, failed or cancelled by the
 * client — one `audit.exported` row records the filter, the rows sent and
 * whether the file holds everything that matched. Cells go through csvCell
 * (RFC 4180 quoting; text that starts like a formula is defused).
 */
export function auditCsv(actor: Actor, query: AuditQuery, opts: AuditCsvOptions = {}): AsyncGenerator<string, void, undefined> {
  // Decided before the first byte: the route answers 404 rather than a 200 that breaks off.
  assertAdmin(actor);
  return walk(actor, query, opts);
}

async function* walk(actor: Actor, query: AuditQuery, opts: AuditCsvOptions): AsyncGenerator<string, void, undefined> {
  const filter = auditFilterOf(query);
  const max = opts.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  const batch = Math.max(1, Math.min(opts.batchSize ?? AUDIT_EXPORT_BATCH, max));
  const actorName = query.actor ? (await db.user.findFirst({ where: { id: query.actor, organizationId: actor.organizationId }, select: { name: true } }))?.name : undefined;
  let rows = 0;
  let complete = false;
  let truncated = false;
  try {
    yield csvLine(AUDIT_EXPORT_COLUMNS);
    let older: AuditCursor | null = null;
    for (;;) {
      const room = max - rows;
      if (room <= 0) {
        // Full: one more row tells a cut file from one that holds everything.
        truncated = (await auditRows(actor.organizationId, filter, { older }, 1)).length > 0;
        break;
      }
      const want = Math.min(batch, room);
      const page = await auditRows(actor.organizationId, filter, { older }, want);
      if (page.length) {
        const lookups = await entityLookups(actor.organizationId, page);
        yield page.map((r) => csvLine(auditCells(r, lookups))).join("");
        rows += page.length;
        const last = page.at(-1)!;
        older = { createdAt: last.createdAt.toISOString(), id: last.id };
      }
      if (page.length < want) break;
    }
    complete = !truncated;
  } finally {
    await audit({
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: "audit.exported",
      data: {
        filter: auditFilterString(query),
        ...(query.action ? { action: query.action } : {}),
        ...(query.actor ? { actor: query.actor, actorName: actorName ?? "(unknown)" } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.from || query.to ? { timeZone: query.tz } : {}),
        rows,
        complete,
        ...(truncated ? { cappedAt: max } : {}),
      },
      ip: opts.meta?.ip,
      userAgent: opts.meta?.userAgent,
    });
  }
}
