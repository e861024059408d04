import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { USER_STATUSES, type UserStatus } from "@/lib/validation/users";

// Who may administer users, and a user's state as the list shows it. Every
// function under lib/domain/users that changes someone else asks
// assertUserAdmin() first and loads the target through the actor's
// organization: another organization's user is "not found", never "forbidden".

export function assertUserAdmin(actor: Actor): void {
  assertAdminister(actor, "User");
}

/**
 * Invited: an admin sent an invitation and no password was set yet. The SQL
 * twin (with the table alias) is the predicate of User_admin_invited_idx: keep
 * them textually the same, or the list's "Invited" filter stops using it.
 */
export const invitedSql = (u: string) => Prisma.sql`${Prisma.raw(u)}."invitedAt" IS NOT NULL AND ${Prisma.raw(u)}."passwordHash" IS NULL`;

export function isInvited(user: { invitedAt: Date | null; passwordHash: string | null }): boolean {
  return user.invitedAt !== null && user.passwordHash === null;
}

/**
 * Unconfirmed: signed themself up (/register, /register/[orgSlug]) and has not
 * used the confirmation link yet (nor any other link we e-mailed them). A
 * requester cannot sign in until then; a registered organization's founder can,
 * but nobody in it can invite people (lib/domain/registration/confirmation.ts).
 */
export function isUnconfirmed(user: { registeredAt: Date | null; emailConfirmedAt: Date | null }): boolean {
  return user.registeredAt !== null && user.emailConfirmedAt === null;
}

export function userStatus(user: { active: boolean; invitedAt: Date | null; passwordHash: string | null }): UserStatus {
  if (!user.active) return "deactivated";
  return isInvited(user) ? "invited" : "active";
}

export function isUserStatus(v: unknown): v is UserStatus {
  return typeof v === "string" && (USER_STATUSES as readonly string[]).includes(v);
}

/** The columns the admin functions read of a target user. */
export const adminUserSelect = {
  id: true,
  organizationId: true,
  email: true,
  name: true,
  active: true,
  invitedAt: true,
  passwordHash: true,
  roleId: true,
  role: { select: { name: true, permissions: true } },
} as const;
