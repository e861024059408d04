// How one audit row reads on /admin/audit and in its CSV export (pure).
// `data` is whatever the writer recorded; admin actions record
// `{ old: {...}, new: {...} }`, older writers their own small shapes.

import { auditActionLabel } from "./actions";
import { ASSET_KIND_LABELS, assetKindLabel, COMPONENT_TYPE_LABELS, componentTypeLabel } from "@/lib/domain/assets/component-types";

type Json = unknown;

/** What the page needs to know about the rows' entities, looked up once per page. */
export interface EntityLookups {
  /** Ticket id → number, for tickets that still exist. */
  tickets: Map<string, string>;
  /** User id → name. */
  users: Map<string, string>;
  /** Asset id → "tag · name". */
  assets: Map<string, string>;
  /** Team id → name, for teams that still exist (optional: a caller without it links none). */
  teams?: Map<string, string>;
}

export interface EntityRef {
  /** What it is: "Ticket", "User", "Asset"… */
  kind: string;
  /** Its name for people ("SUP-12", "Ann Agent", "SRV-001 · db-prod-01"). */
  label: string;
  /** Where to see it, when there is a page for it. */
  href: string | null;
}

const KIND_LABELS: Record<string, string> = {
  user: "User",
  ticket: "Ticket",
  attachment: "File",
  asset: "Asset",
  kanbancolumn: "Board column",
  cannedresponse: "Canned response",
  role: "Role",
  project: "Project",
  tag: "Tag",
  team: "Team",
  customer: "Customer",
  contact: "Contact",
  settings: "Settings",
  organization: "Organization",
};

const record = (v: Json): Record<string, Json> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : {});
const str = (v: Json): string | null => (typeof v === "string" && v ? v : null);

/** The kind of an entity type as recorded ("KanbanColumn", "user"…) for people. */
export function entityKind(entityType: string | null): string | null {
  if (!entityType) return null;
  return KIND_LABELS[entityType.toLowerCase()] ?? entityType.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
}

/** The row's entity with a link where one exists; null when the row names none. */
export function entityOf(row: { entityType: string | null; entityId: string | null; data: Json }, lookups: EntityLookups): EntityRef | null {
  const kind = entityKind(row.entityType);
  const data = record(row.data);
  const id = row.entityId;
  if (!kind) return null;
  switch (row.entityType?.toLowerCase()) {
    case "ticket": {
      const number = (id && lookups.tickets.get(id)) || null;
      return { kind, label: number ?? str(data.number) ?? "(removed ticket)", href: number ? `/tickets/${encodeURIComponent(number)}` : null };
    }
    case "attachment": {
      const ticket = str(data.ticket);
      return { kind, label: [str(data.name), ticket ? `on ${ticket}` : null].filter(Boolean).join(" ") || "(file)", href: ticket ? `/tickets/${encodeURIComponent(ticket)}` : null };
    }
    case "user": {
      const name = id ? lookups.users.get(id) : undefined;
      return { kind, label: name ?? str(data.email) ?? "(removed user)", href: name && id ? `/admin/users?q=${encodeURIComponent(name)}` : null };
    }
    case "asset": {
      const name = id ? lookups.assets.get(id) : undefined;
      return { kind, label: name ?? str(data.tag) ?? "(removed asset)", href: name && id ? `/admin/assets/${id}` : null };
    }
    case "team": {
      const name = id ? lookups.teams?.get(id) : undefined;
      const recorded = str(data.team) ?? str(record(data.new).name) ?? str(record(data.old).name);
      return { kind, label: name ?? recorded ?? "(removed team)", href: name && id ? `/admin/teams/${id}` : null };
    }
    case "customer":
    case "contact": {
      // Named as it was when the row was written (an edit records the old name; a rename shows in the summary).
      const name = str(data[row.entityType.toLowerCase()]) ?? str(record(data.new).name) ?? str(record(data.old).name);
      const param = row.entityType.toLowerCase() === "customer" ? "cq" : "q";
      return { kind, label: name ?? kind, href: name ? `/admin/contacts?${param}=${encodeURIComponent(name)}` : null };
    }
    case "kanbancolumn": {
      const project = str(data.project);
      return { kind, label: [str(data.name), project ? `(${project})` : null].filter(Boolean).join(" ") || kind, href: project ? `/board/${encodeURIComponent(project)}` : null };
    }
    default: {
      const name = str(data.name) ?? str(data.title) ?? str(record(data.new).name) ?? str(record(data.old).name) ?? str(data.key);
      return { kind, label: name ?? kind, href: null };
    }
  }
}

// ─── The data, summarised ────────────────────────────────────────────────────

/** Keys that identify rather than describe, or that the entity column already shows (kept in the export's raw data column). */
const NOISE = new Set(["sessionId", "sha256", "query", "filter", "filters", "old", "new", "actor", "assetTag", "customer", "contact"]);
const MAX_SUMMARY = 240;

/** "lockedUntil" → "locked until". */
export const keyLabel = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();

/** A value as a short phrase: lists joined, objects as their keys' values, nothing as "—". */
export function valueText(v: Json): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return /^[a-z]+(_[a-z]+)+$/.test(v) ? v.replaceAll("_", " ") : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(", ") : "none";
  const entries = Object.entries(record(v));
  return entries.length ? entries.map(([k, x]) => `${keyLabel(k)} ${valueText(x)}`).join(", ") : "—";
}

/** A value as read under its key: action and component-type codes by their labels. */
function keyedValue(key: string, v: Json): string {
  if (key === "action" && typeof v === "string") return auditActionLabel(v);
  if ((key === "type" || key === "componentType") && typeof v === "string" && Object.hasOwn(COMPONENT_TYPE_LABELS, v)) return componentTypeLabel(v);
  if (key === "kind" && typeof v === "string" && Object.hasOwn(ASSET_KIND_LABELS, v)) return assetKindLabel(v);
  return valueText(v);
}

/** Old and new slot capacities, one phrase per type that changed: "Memory (RAM) slots: 16 → 24". */
function slotChanges(before: Json, after: Json): string[] {
  const b = record(before);
  const a = record(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((t) => !same(b[t], a[t])).map((t) => `${componentTypeLabel(t)} slots: ${valueText(b[t])} → ${valueText(a[t])}`);
}

const clip = (s: string) => (s.length > MAX_SUMMARY ? `${s.slice(0, MAX_SUMMARY - 1)}…` : s);
const same = (a: Json, b: Json) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The row's data in one line: "name: db-01 → db-02; location: — → Rack B" for
 * old/new pairs (only what changed), "from → to" for a pair recorded that way,
 * then the other facts ("email: ann@acme.test, reason: wrong password").
 */
export function summarizeData(data: Json): string {
  const d = record(data);
  const parts: string[] = [];
  if ("old" in d || "new" in d) {
    const before = record(d.old);
    const after = record(d.new);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    if (!("old" in d)) {
      // A creation: what it was made with.
      for (const k of keys) if (after[k] !== null && after[k] !== undefined && after[k] !== "") parts.push(`${keyLabel(k)}: ${keyedValue(k, after[k])}`);
    } else if (!("new" in d)) {
      // A removal: what was removed.
      parts.push(`removed ${keys.map((k) => `${keyLabel(k)}: ${keyedValue(k, before[k])}`).join(", ")}`);
    } else {
      for (const k of keys) {
        if (same(before[k], after[k])) continue;
        if (k === "slotCapacities") parts.push(...slotChanges(before[k], after[k]));
        else parts.push(`${keyLabel(k)}: ${keyedValue(k, before[k])} → ${keyedValue(k, after[k])}`);
      }
    }
  }
  if ("from" in d && "to" in d) parts.push(`${valueText(d.from)} → ${valueText(d.to)}`);
  for (const [k, v] of Object.entries(d)) {
    if (NOISE.has(k) || (("from" in d && "to" in d) && (k === "from" || k === "to"))) continue;
    parts.push(`${keyLabel(k)}: ${keyedValue(k, v)}`);
  }
  return clip(parts.join("; "));
}
