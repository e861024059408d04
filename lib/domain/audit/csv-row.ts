// One audit row as CSV cells (pure). Quoting and the formula guard are
// csvCell's (lib/domain/desk/csv.ts), shared with the desk export.
import type { CsvValue } from "@/lib/domain/desk/csv";
import { auditActionLabel } from "./actions";
import { entityOf, summarizeData, type EntityLookups } from "./describe";

export const AUDIT_EXPORT_COLUMNS = ["time", "action", "action_code", "actor", "entity_type", "entity", "summary", "ip", "user_agent", "data"] as const;

export interface AuditCsvRow {
  createdAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string | null;
  entityId: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
}

/** One row's cells: the time in ISO 8601 (UTC), the action's label beside its code, the data raw as JSON. */
export function auditCells(r: AuditCsvRow, lookups: EntityLookups): CsvValue[] {
  const entity = entityOf(r, lookups);
  return [
    r.createdAt,
    auditActionLabel(r.action),
    r.action,
    r.actorId ? (r.actorName ?? "(removed user)") : "System",
    entity?.kind ?? null,
    entity?.label ?? null,
    summarizeData(r.data),
    r.ip,
    r.userAgent,
    JSON.stringify(r.data ?? {}),
  ];
}
