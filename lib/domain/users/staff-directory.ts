import "server-only";
import { db, rowsOf, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ALL_PROJECTS_PERMISSIONS, STAFF_PERMISSIONS } from "@/lib/auth/permissions";
import { STAFF_SEARCH_LIMIT } from "@/lib/validation/staff";
import { isUuid } from "@/lib/validation/text";

/**
 * The one place that answers "who is staff" and "who may be @mentioned on
 * this ticket" for many users at once (pickers, assignment, mentions), in SQL:
 * an organization can hold 50,000 requesters, so nothing here reads users to
 * filter them in memory. Staff are found through the roles that hold a staff
 * permission: their ids first (an InitPlan), then their users through
 * User_roleId_idx, so the rows read are the staff's, never the requesters'.
 * Measured with 50,000 requesters and 200 agents: 0.3 ms for a name prefix or
 * the first 20. A name index would go unused at that shape (the planner reads
 * the staff roles' users and sorts them), so there is none.
 *
 * The in-memory twins are isStaff() (lib/auth/permissions.ts) and
 * mayBeMentioned() (lib/domain/comments/mentions.ts);
 * staff-directory.integration.test.ts holds each SQL rule and its twin to the
 * same answer for every demo user.
 */

export interface StaffMember {
  id: string;
  name: string;
}

/** The ticket facts the mention rule reads. */
export interface MentionScopeTicket {
  id: string;
  organizationId: string;
  projectId: string;
  requesterId: string;
  assignees: readonly { userId: string }[];
}

/** Who: staff of the organization, or those who may be @mentioned on a ticket (staff who read its internal notes and have it in scope). */
export type StaffRule = { kind: "staff" } | { kind: "mention"; ticket: MentionScopeTicket };

const has = (p: string) => Prisma.sql`${p} = ANY(r."permissions")`;

/**
 * The rule as SQL over `"User" u JOIN "Role" r`. Mention: staff with
 * ticket.view_internal whose scope grants (lib/domain/tickets/policy.ts
 * scopeGrants) cover the ticket — the whole organization, a project they are
 * a member of, an assignment, or their own request.
 */
export function staffRuleSql(rule: StaffRule): Prisma.Sql {
  const staff = Prisma.sql`r."permissions" && ${[...STAFF_PERMISSIONS]}::text[]`;
  if (rule.kind === "staff") return staff;
  const t = rule.ticket;
  const assignees = t.assignees.map((a) => a.userId);
  return Prisma.sql`${staff} AND ${has("ticket.view_internal")} AND (
      (${has("ticket.view_all")} AND r."permissions" && ${[...ALL_PROJECTS_PERMISSIONS]}::text[])
   OR (${has("ticket.view_all")} AND EXISTS (SELECT 1 FROM "ProjectMember" pm WHERE pm."userId" = u."id" AND pm."projectId" = ${t.projectId}::uuid))
   OR (${has("ticket.view_assigned")} AND u."id" = ANY(${assignees}::uuid[]))
   OR (${has("ticket.view_own")} AND u."id" = ${t.requesterId}::uuid))`;
}

/** Escapes LIKE's wildcards so that what was typed is matched literally. */
export function likePrefix(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface StaffQuery {
  q?: string;
  ids?: readonly string[];
  excludeIds?: readonly string[];
  /** Not already a member of this team (the team page's "Add member"). */
  notInTeam?: string;
  limit?: number;
}

/**
 * Active users of the organization the rule admits, by name: those whose name
 * or one of its words starts with `q` (case-insensitive), or exactly `ids`.
 * Always bounded: at most STAFF_SEARCH_LIMIT rows, or as many as the ids given.
 */
export async function findStaff(organizationId: string, rule: StaffRule, opts: StaffQuery & { client?: Tx } = {}): Promise<StaffMember[]> {
  const query = staffQuerySql(organizationId, rule, opts);
  return query ? rowsOf<StaffMember>(opts.client ?? db, query) : [];
}

/** findStaff's statement (null when it can find nobody); exported so a test can read its plan. */
export function staffQuerySql(organizationId: string, rule: StaffRule, opts: StaffQuery = {}): Prisma.Sql | null {
  if (rule.kind === "mention" && rule.ticket.organizationId !== organizationId) return null;
  // A malformed id names nobody (and must not reach the ::uuid cast).
  const ids = opts.ids ? [...new Set(opts.ids.filter(isUuid).map((id) => id.toLowerCase()))] : null;
  if (ids && ids.length === 0) return null;
  const limit = ids ? ids.length : Math.min(opts.limit ?? STAFF_SEARCH_LIMIT, STAFF_SEARCH_LIMIT);
  const q = opts.q?.trim() ?? "";
  const conditions: Prisma.Sql[] = [
    // The staff roles' ids up front: the index condition on roleId then holds whatever the planner guesses about the permission arrays.
    Prisma.sql`u."roleId" = ANY(ARRAY(SELECT sr."id" FROM "Role" sr WHERE sr."organizationId" = ${organizationId}::uuid AND sr."permissions" && ${[...STAFF_PERMISSIONS]}::text[]))`,
    Prisma.sql`u."organizationId" = ${organizationId}::uuid`,
    Prisma.sql`u."active"`,
    staffRuleSql(rule),
  ];
  if (ids) conditions.push(Prisma.sql`u."id" = ANY(${ids}::uuid[])`);
  if (opts.excludeIds?.length) conditions.push(Prisma.sql`u."id" <> ALL(${[...opts.excludeIds]}::uuid[])`);
  if (opts.notInTeam && isUuid(opts.notInTeam)) {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "TeamMember" tm WHERE tm."teamId" = ${opts.notInTeam}::uuid AND tm."userId" = u."id")`);
  }
  if (q) {
    const prefix = likePrefix(q);
    conditions.push(Prisma.sql`(lower(u."name") LIKE ${prefix} OR lower(u."name") LIKE ${`% ${prefix}`})`);
  }
  return Prisma.sql`
    SELECT u."id"::text AS "id", u."name"
      FROM "User" u
      JOIN "Role" r ON r."id" = u."roleId" AND r."organizationId" = u."organizationId"
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY lower(u."name"), u."id"
     LIMIT ${limit}`;
}
