import "server-only";
import { db, rowsOf, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { TEAM_NOTIFY_CAP } from "@/lib/validation/teams";

// Who is in a team, asked one team and one person at a time (TeamMember's
// primary key): the ticket page, the team rules (policy.ts mayChangeTeam,
// mayAcceptForTeam) and a transfer's notice. Nothing here reads a whole
// organization's users.

export interface TicketTeam {
  id: string;
  name: string;
  /** The asking user is one of its members. */
  inTeam: boolean;
}

/** The ticket's team (of the organization) and whether `userId` is a member of it; null when it has none. */
export async function ticketTeam(client: Tx | typeof db, organizationId: string, teamId: string | null, userId: string): Promise<TicketTeam | null> {
  if (!teamId) return null;
  const [row] = await rowsOf<TicketTeam>(client as Tx, Prisma.sql`
    SELECT t."id"::text AS "id", t."name",
           EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."teamId" = t."id" AND m."userId" = ${userId}::uuid) AS "inTeam"
      FROM "Team" t WHERE t."id" = ${teamId}::uuid AND t."organizationId" = ${organizationId}::uuid`);
  return row ?? null;
}

/** Which of `userIds` are members of the team. */
export async function membersAmong(tx: Tx, teamId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx.teamMember.findMany({ where: { teamId, userId: { in: [...userIds] } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

/** The team's members to tell about a ticket given to it: a team is small; TEAM_NOTIFY_CAP bounds it whatever an admin built. */
export async function teamMemberIds(tx: Tx, teamId: string): Promise<string[]> {
  const rows = await tx.teamMember.findMany({ where: { teamId }, select: { userId: true }, orderBy: { createdAt: "asc" }, take: TEAM_NOTIFY_CAP });
  return rows.map((r) => r.userId);
}
