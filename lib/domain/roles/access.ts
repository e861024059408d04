import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import type { Actor } from "@/lib/auth/actor";

/** Roles are administration: org.manage, checked again here whatever the page showed. */
export function assertManagesRoles(actor: Actor): void {
  assertAdminister(actor, "Role");
}

export const roleSelect = { id: true, name: true, builtIn: true, permissions: true, updatedAt: true } as const;
