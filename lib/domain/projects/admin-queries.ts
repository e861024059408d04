import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NumberingScheme, WorkflowKind } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { COUNT_CAP, MEMBER_PAGE_SIZE, memberCandidatesSchema, PROJECT_PAGE_SIZE, projectKeyInputSchema, projectListSchema } from "@/lib/validation/projects";
import { unstorableText } from "@/lib/validation/text";
import { USER_ORDER_KEY, userMatchSql } from "@/lib/domain/users/list-users";
import { assertManageProjects, hasTickets, projectAdminSelect } from "./access";

// The reads of /admin/projects. Counts are capped at COUNT_CAP and read for
// the page's rows only (an index range each: Ticket_projectId_status_rank_id,
// ProjectMember's primary key), never over the whole table.

export interface ProjectListRow {
  id: string;
  key: string;
  name: string;
  workflow: WorkflowKind;
  numbering: NumberingScheme;
  archived: boolean;
  leadName: string | null;
  members: number;
  tickets: number;
}

const capped = (from: Prisma.Sql) => Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${from} LIMIT ${COUNT_CAP + 1}) x)`;

/** A page of the organization's projects: active first, then by key; `q` matches key or name. */
export async function listProjectsForAdmin(actor: Actor, raw: { q?: string; page?: unknown } = {}) {
  assertManageProjects(actor);
  const { q, page } = parseInput(projectListSchema, raw);
  const match = q ? Prisma.sql`AND (p."key" ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR p."name" ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})` : Prisma.empty;
  const rows = await sqlRows<ProjectListRow>(Prisma.sql`
    SELECT p."id"::text AS "id", p."key", p."name", p."workflow"::text AS "workflow", p."numbering"::text AS "numbering", p."archived",
           lead."name" AS "leadName",
           ${capped(Prisma.sql`"ProjectMember" pm WHERE pm."projectId" = p."id"`)} AS "members",
           ${capped(Prisma.sql`"Ticket" t WHERE t."projectId" = p."id"`)} AS "tickets"
      FROM "Project" p
      LEFT JOIN "User" lead ON lead."id" = p."leadId"
     WHERE p."organizationId" = ${actor.organizationId}::uuid ${match}
     ORDER BY p."archived", p."key"
     LIMIT ${PROJECT_PAGE_SIZE + 1} OFFSET ${(page - 1) * PROJECT_PAGE_SIZE}`);
  return { rows: rows.slice(0, PROJECT_PAGE_SIZE), page, q, hasNext: rows.length > PROJECT_PAGE_SIZE };
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  roleName: string;
  active: boolean;
  triage: boolean;
}

/** One project by key for its admin page, with a page of its members (by name; `q` searched as every user search is, userMatchSql). */
export async function projectForAdmin(actor: Actor, rawKey: string, opts: { q?: string; page?: number } = {}) {
  assertManageProjects(actor);
  const key = projectKeyInputSchema.safeParse(rawKey);
  if (!key.success) throw notFound("Project");
  const project = await db.project.findFirst({ where: { organizationId: actor.organizationId, key: key.data }, select: projectAdminSelect });
  if (!project) throw notFound("Project");
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  // A search PostgreSQL cannot hold (a NUL) reads as no search, as on the list (projectListSchema): it used to reach the query, a 500.
  const typed = (opts.q ?? "").trim().slice(0, 100);
  const q = unstorableText(typed) ? "" : typed;
  const found = userMatchSql(q);
  const match = found ? Prisma.sql`AND ${found}` : Prisma.empty;
  const [members, total, locked] = await Promise.all([
    sqlRows<MemberRow>(Prisma.sql`
      SELECT u."id"::text AS "userId", u."name", u."email", r."name" AS "roleName", u."active", pm."triage"
        FROM "ProjectMember" pm
        JOIN "User" u ON u."id" = pm."userId"
        JOIN "Role" r ON r."id" = u."roleId"
       WHERE pm."projectId" = ${project.id}::uuid ${match}
       ORDER BY lower(u."name"), u."id"
       LIMIT ${MEMBER_PAGE_SIZE + 1} OFFSET ${(page - 1) * MEMBER_PAGE_SIZE}`),
    sqlRows<{ n: number }>(Prisma.sql`SELECT ${capped(Prisma.sql`"ProjectMember" pm WHERE pm."projectId" = ${project.id}::uuid`)} AS "n"`),
    hasTickets(db, project.id),
  ]);
  return {
    project,
    keyLocked: locked,
    members: members.slice(0, MEMBER_PAGE_SIZE),
    membersTotal: total[0]?.n ?? 0,
    page,
    q,
    hasNext: members.length > MEMBER_PAGE_SIZE,
  };
}

export interface Candidate {
  id: string;
  name: string;
}

/**
 * "Add member" as the admin types: at most 20 active users of the
 * organization — staff and requesters — matched as every user search is
 * (userMatchSql: a name prefix, or from three characters any part of the name
 * or e-mail, each from an index), who are not members yet. Shown as "Name ·
 * e-mail" (an organization may hold many people of one name), in the users
 * list's order.
 */
export async function memberCandidates(actor: Actor, raw: { project?: string | null; q?: string | null }): Promise<Candidate[]> {
  assertManageProjects(actor);
  const input = parseInput(memberCandidatesSchema, { project: raw.project ?? undefined, q: raw.q ?? undefined });
  const project = await db.project.findFirst({ where: { id: input.project, organizationId: actor.organizationId }, select: { id: true } });
  if (!project) throw notFound("Project");
  const match = userMatchSql(input.q);
  return sqlRows<Candidate>(Prisma.sql`
    SELECT u."id"::text AS "id", u."name" || ' · ' || u."email" AS "name"
      FROM "User" u
     WHERE u."organizationId" = ${actor.organizationId}::uuid AND u."active" ${match ? Prisma.sql`AND ${match}` : Prisma.empty}
       AND NOT EXISTS (SELECT 1 FROM "ProjectMember" pm WHERE pm."projectId" = ${project.id}::uuid AND pm."userId" = u."id")
     ORDER BY ${USER_ORDER_KEY}, u."id"
     LIMIT 20`);
}
