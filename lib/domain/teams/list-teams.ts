import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/text";
import { TEAM_COUNT_CAP, TEAM_MEMBER_PAGE_SIZE, TEAM_PAGE_SIZE, teamListSchema, teamMemberCandidatesSchema, type TeamListInput } from "@/lib/validation/teams";
import { findStaff, likePrefix, type StaffMember } from "@/lib/domain/users/staff-directory";
import { LIVE } from "@/lib/domain/desk/desk-query";
import { assertManageTeams } from "./access";

// The reads of /admin/teams. Counts are capped at TEAM_COUNT_CAP and read for
// the page's rows only (an index range each: TeamMember's primary key,
// Ticket_team_live_idx), never over the whole table.

const capped = (from: Prisma.Sql) => Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${from} LIMIT ${TEAM_COUNT_CAP + 1}) x)`;
const liveOf = (team: Prisma.Sql) => capped(Prisma.sql`"Ticket" t WHERE t."teamId" = ${team} AND t."deletedAt" IS NULL AND ${LIVE}`);

export interface TeamListRow {
  id: string;
  name: string;
  description: string;
  version: number;
  members: number;
  openTickets: number;
}

/** A page of the organization's teams by name (`q`: a name prefix), with members and open tickets per team. */
export async function listTeamsForAdmin(actor: Actor, raw: TeamListInput = {}) {
  assertManageTeams(actor);
  const { q, page } = parseInput(teamListSchema, raw);
  const match = q ? Prisma.sql`AND (lower(tm."name") LIKE ${likePrefix(q)} OR lower(tm."name") LIKE ${`% ${likePrefix(q)}`})` : Prisma.empty;
  const rows = await sqlRows<TeamListRow>(Prisma.sql`
    SELECT tm."id"::text AS "id", tm."name", tm."description", tm."version",
           ${capped(Prisma.sql`"TeamMember" m WHERE m."teamId" = tm."id"`)} AS "members",
           ${liveOf(Prisma.sql`tm."id"`)} AS "openTickets"
      FROM "Team" tm
     WHERE tm."organizationId" = ${actor.organizationId}::uuid ${match}
     ORDER BY lower(tm."name"), tm."id"
     LIMIT ${TEAM_PAGE_SIZE + 1} OFFSET ${(page - 1) * TEAM_PAGE_SIZE}`);
  return { rows: rows.slice(0, TEAM_PAGE_SIZE), page, q, hasNext: rows.length > TEAM_PAGE_SIZE };
}

export interface TeamMemberRow {
  userId: string;
  name: string;
  email: string;
  roleName: string;
  active: boolean;
}

/** One team for its admin page, with a page of its members (by name; `q` a name or e-mail prefix) and the projects it is the default team of. */
export async function teamForAdmin(actor: Actor, id: string, raw: TeamListInput = {}) {
  assertManageTeams(actor);
  if (!isUuid(id)) throw notFound("Team");
  const { q, page } = parseInput(teamListSchema, raw);
  const team = await db.team.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, name: true, description: true, version: true, updatedAt: true } });
  if (!team) throw notFound("Team");
  const match = q ? Prisma.sql`AND (lower(u."name") LIKE ${likePrefix(q)} OR lower(u."name") LIKE ${`% ${likePrefix(q)}`} OR lower(u."email") LIKE ${likePrefix(q)})` : Prisma.empty;
  const [members, counts, defaults] = await Promise.all([
    sqlRows<TeamMemberRow>(Prisma.sql`
      SELECT u."id"::text AS "userId", u."name", u."email", r."name" AS "roleName", u."active"
        FROM "TeamMember" m
        JOIN "User" u ON u."id" = m."userId"
        JOIN "Role" r ON r."id" = u."roleId"
       WHERE m."teamId" = ${team.id}::uuid ${match}
       ORDER BY lower(u."name"), u."id"
       LIMIT ${TEAM_MEMBER_PAGE_SIZE + 1} OFFSET ${(page - 1) * TEAM_MEMBER_PAGE_SIZE}`),
    sqlRows<{ members: number; openTickets: number }>(Prisma.sql`
      SELECT ${capped(Prisma.sql`"TeamMember" m WHERE m."teamId" = ${team.id}::uuid`)} AS "members", ${liveOf(Prisma.sql`${team.id}::uuid`)} AS "openTickets"`),
    db.project.findMany({ where: { organizationId: actor.organizationId, defaultTeamId: team.id }, orderBy: { key: "asc" }, take: 20, select: { key: true, name: true } }),
  ]);
  return {
    team,
    members: members.slice(0, TEAM_MEMBER_PAGE_SIZE),
    membersTotal: counts[0]?.members ?? 0,
    openTickets: counts[0]?.openTickets ?? 0,
    defaultOf: defaults,
    page,
    q,
    hasNext: members.length > TEAM_MEMBER_PAGE_SIZE,
  };
}

/**
 * "Add member" as the admin types: at most 20 active staff of the
 * organization (the staff directory's rule) whose name starts with `q`, who
 * are not in the team yet.
 */
export async function teamMemberCandidates(actor: Actor, raw: { team?: string | null; q?: string | null }): Promise<StaffMember[]> {
  assertManageTeams(actor);
  const input = parseInput(teamMemberCandidatesSchema, { team: raw.team ?? undefined, q: raw.q ?? undefined });
  const team = await db.team.findFirst({ where: { id: input.team, organizationId: actor.organizationId }, select: { id: true } });
  if (!team) throw notFound("Team");
  return findStaff(actor.organizationId, { kind: "staff" }, { q: input.q, notInTeam: team.id });
}
