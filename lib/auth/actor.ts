import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db, sqlRows, utc } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPermissionSet, type Permission } from "@/lib/auth/permissions";
import { authOptions } from "@/lib/auth/options";
import { isUuid } from "@/lib/validation/text";
import { resolveTheme, type Theme } from "@/lib/validation/theme";

/** Who is acting, with their organization, live permissions and project memberships. */
export interface Actor {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  roleName: string;
  permissions: ReadonlySet<Permission>;
  projectIds: readonly string[];
  /** The browser session acting (absent for callers that are not a signed-in browser). */
  sessionId?: string;
  /** Their colour theme, loaded with the session (the root layout renders it; absent elsewhere). */
  theme?: Theme;
  /** Acting through a personal access token (/api/v1): which, and whether it may write. */
  apiToken?: { id: string; scope: "read" | "write" };
}

const ACTOR_SELECT = {
  id: true,
  organizationId: true,
  email: true,
  name: true,
  active: true,
  role: { select: { name: true, permissions: true } },
  memberships: { select: { projectId: true } },
} as const;

type ActorRow = { id: string; organizationId: string; email: string; name: string; active: boolean; role: { name: string; permissions: string[] }; memberships: { projectId: string }[] };

function toActor(user: ActorRow | null, sessionId?: string, theme?: unknown): Actor | null {
  if (!user || !user.active) return null;
  return {
    id: user.id,
    organizationId: user.organizationId,
    email: user.email,
    name: user.name,
    roleName: user.role.name,
    permissions: toPermissionSet(user.role.permissions),
    projectIds: user.memberships.map((m) => m.projectId),
    ...(sessionId ? { sessionId, theme: resolveTheme(theme) } : {}),
  };
}

/** Loads an active user as an Actor; null when unknown or deactivated. */
export async function loadActor(userId: string): Promise<Actor | null> {
  return toActor(await db.user.findUnique({ where: { id: userId }, select: ACTOR_SELECT }));
}

/**
 * The actor of a browser session: null unless the session is open (not signed
 * out or ended by a password change or deactivation), unexpired, belongs to
 * that user, and the user is active. Every page and action asks it first, so
 * it is one prepared statement (session, user, role and memberships in one
 * round trip) rather than the four Prisma would send.
 */
export async function loadSessionActor(sessionId: string, userId: string, now = new Date()): Promise<Actor | null> {
  const [row] = await sqlRows<{ id: string; organizationId: string; email: string; name: string; active: boolean; theme: string; roleName: string; permissions: string[]; projectIds: string[] }>(
    Prisma.sql`
      SELECT u."id"::text, u."organizationId"::text, u."email", u."name", u."active", u."theme"::text, r."name" AS "roleName", r."permissions",
             ARRAY(SELECT m."projectId"::text FROM "ProjectMember" m WHERE m."userId" = u."id") AS "projectIds"
        FROM "AuthSession" s
        JOIN "User" u ON u."id" = s."userId"
        JOIN "Role" r ON r."id" = u."roleId"
       WHERE s."id" = ${sessionId}::uuid AND s."userId" = ${userId}::uuid AND s."revokedAt" IS NULL AND s."expiresAt" > ${utc(now)}`,
    { prepared: true },
  );
  if (!row) return null;
  return toActor({ ...row, role: { name: row.roleName, permissions: row.permissions }, memberships: row.projectIds.map((projectId) => ({ projectId })) }, sessionId, row.theme);
}

/**
 * The signed-in actor for this request (read once per request), or null.
 * The session cookie alone is not enough: its server-side session must still
 * be open, so a cookie kept after sign-out, a password change or deactivation
 * stops working at once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return userId && sessionId && isUuid(sessionId) && isUuid(userId) ? loadSessionActor(sessionId, userId) : null;
});
