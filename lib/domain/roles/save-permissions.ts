import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { saveRolePermissionsSchema, type SaveRolePermissionsInput } from "@/lib/validation/roles";
import { assertManagesRoles } from "./access";
import { assertOrgManageRemains, lockOrganizationRoles } from "./org-manage-guard";
import { lockOrganizationAdmins } from "@/lib/domain/users/last-admin";

/** In catalog order, without duplicates: how a role's permissions are stored and compared. */
export function normalizePermissions(values: readonly string[]): Permission[] {
  const set = new Set(values);
  return PERMISSIONS.filter((p) => set.has(p));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

export function staleRolesMessage(names: readonly string[]): string {
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `Someone else changed ${list} since you opened this page. Their change is now shown; your ticks are kept — review them and save again.`;
}

/**
 * "Save permissions": every sent role is compare-and-set on the updatedAt it
 * was loaded at; only roles whose set really changed are written, each with
 * one audit row (old and new lists), all in one transaction that holds the
 * organization's roles locked. A save that would leave nobody active with
 * org.manage is refused. Permissions are read per request (lib/auth/actor.ts),
 * so the affected users' next request already sees the change.
 */
export async function saveRolePermissions(actor: Actor, raw: SaveRolePermissionsInput, meta: RequestMeta = {}) {
  assertManagesRoles(actor);
  const input = parseInput(saveRolePermissionsSchema, raw);
  return db.$transaction(async (tx) => {
    // The one lock every change that can take org.manage away takes first (the users screen's too).
    await lockOrganizationAdmins(tx, actor.organizationId);
    const roles = await lockOrganizationRoles(tx, actor.organizationId);
    const byId = new Map(roles.map((r) => [r.id, r]));
    const wanted = input.roles.map((r) => ({ ...r, id: r.id.toLowerCase(), permissions: normalizePermissions(r.permissions) }));
    // Another organization's role reads as one that does not exist; nothing is written.
    if (wanted.some((r) => !byId.has(r.id))) throw notFound("Role");
    const stale = wanted.filter((r) => byId.get(r.id)!.updatedAt.toISOString() !== r.updatedAt);
    if (stale.length) throw conflict(staleRolesMessage(stale.map((r) => byId.get(r.id)!.name)));

    const changed = wanted.filter((r) => !sameSet(normalizePermissions(byId.get(r.id)!.permissions), r.permissions));
    if (changed.length === 0) return { changed: [] as { id: string; updatedAt: string }[] };
    await assertOrgManageRemains(tx, actor.organizationId, roles, new Map(changed.map((r) => [r.id, r.permissions])));

    const now = new Date();
    const out: { id: string; updatedAt: string }[] = [];
    for (const r of changed) {
      const before = byId.get(r.id)!;
      await tx.role.update({ where: { id: r.id }, data: { permissions: r.permissions, updatedAt: now } });
      const was = normalizePermissions(before.permissions);
      await audit(
        {
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: "role.permissions_changed",
          entityType: "Role",
          entityId: r.id,
          data: {
            role: before.name,
            old: { permissions: was },
            new: { permissions: r.permissions },
            added: r.permissions.filter((p) => !was.includes(p)),
            removed: was.filter((p) => !r.permissions.includes(p)),
          },
          ...meta,
        },
        tx,
      );
      out.push({ id: r.id, updatedAt: now.toISOString() });
    }
    return { changed: out };
  });
}
