import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/text";
import { TEAM_OPTIONS_LIMIT } from "@/lib/validation/teams";

export interface TeamOption {
  id: string;
  name: string;
}

/**
 * The teams a select offers (the ticket's "Team", the desk's and board's
 * filter, a project's "Default team"): the organization's first
 * TEAM_OPTIONS_LIMIT by name and those already chosen (by id) even past the
 * cap. Teams are configuration (tens per organization): listed, not searched.
 */
export async function teamOptions(organizationId: string, chosenIds: readonly (string | null | undefined)[] = []): Promise<TeamOption[]> {
  const chosen = [...new Set(chosenIds.filter(isUuid).map((id) => id.toLowerCase()))].slice(0, TEAM_OPTIONS_LIMIT);
  return sqlRows<TeamOption>(Prisma.sql`
    SELECT x."id", x."name" FROM (
      (SELECT t."id"::text AS "id", t."name" FROM "Team" t WHERE t."organizationId" = ${organizationId}::uuid ORDER BY lower(t."name"), t."id" LIMIT ${TEAM_OPTIONS_LIMIT})
      UNION
      SELECT t."id"::text, t."name" FROM "Team" t WHERE t."organizationId" = ${organizationId}::uuid AND t."id" = ANY(${chosen}::uuid[])
    ) x ORDER BY lower(x."name"), x."id"`);
}
