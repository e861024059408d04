import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

// The team conditions of the desk, its "My teams" box, the board and the
// desk's export, as SQL over `"Ticket" t` (always beside ticketScopeSql: a
// team never widens what the viewer sees).

/** Tickets of the teams the actor belongs to (TeamMember_userId_idx, then Ticket's team indexes). */
export function myTeamsSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`t."teamId" IN (SELECT tm."teamId" FROM "TeamMember" tm WHERE tm."userId" = ${actor.id}::uuid)`;
}

/** The "Team" filter: "mine" (the actor's teams), "none" (no team) or team ids; null when empty. */
export function teamFilterSql(actor: Actor, values: readonly string[]): Prisma.Sql | null {
  if (values.length === 0) return null;
  const ids = values.filter((v) => v !== "mine" && v !== "none");
  const parts: Prisma.Sql[] = [];
  if (values.includes("mine")) parts.push(myTeamsSql(actor));
  if (values.includes("none")) parts.push(Prisma.sql`t."teamId" IS NULL`);
  if (ids.length) parts.push(Prisma.sql`t."teamId" = ANY(${ids}::uuid[])`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}
