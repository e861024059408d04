import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";

/** Roles are administration: org.manage, checked again here whatever the page showed. */
export function assertManagesRoles(actor: Actor): void {
  if (!can(actor, "org.manage")) throw forbidden("Only administrators can change roles");
}

export const roleSelect = { id: true, name: true, builtIn: true, permissions: true, updatedAt: true } as const;
