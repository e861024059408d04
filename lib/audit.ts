import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry extends RequestMeta {
  organizationId: string | null;
  actorId?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  data?: Prisma.InputJsonValue;
}

/** Appends an organization event (sign-in, role change, export, token use…). */
export async function audit(entry: AuditEntry, client: Tx = db as unknown as Tx): Promise<void> {
  await client.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      data: entry.data ?? {},
      ...clippedMeta(entry),
    },
  });
}

/** IP and user agent as stored (audit log, sessions): clipped to what the columns are meant to hold. */
export function clippedMeta(meta: RequestMeta): { ip: string | null; userAgent: string | null } {
  return { ip: meta.ip?.slice(0, 100) ?? null, userAgent: meta.userAgent?.slice(0, 500) ?? null };
}

/** IP and user agent from request headers (first hop of X-Forwarded-For). */
export function requestMeta(headers: { get(name: string): string | null } | Record<string, unknown> | undefined): RequestMeta {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
    const v = (headers as Record<string, unknown>)[name];
    return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : null;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || get("x-real-ip") || null, userAgent: get("user-agent") };
}
