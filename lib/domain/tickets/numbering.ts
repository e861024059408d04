import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NumberingScheme } from "@/lib/generated/prisma/enums";

/** YYYYMMDD of the UTC day. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll("-", "");
}

export function formatNumber(scheme: NumberingScheme, key: string, value: number, now: Date): string {
  return scheme === "dated" ? `TKT-${utcDay(now)}-${String(value).padStart(4, "0")}` : `${key}-${value}`;
}

/** The counter a project's numbers come from: per project, or per organization per UTC day for dated numbering. */
export function counterScope(project: { id: string; numbering: NumberingScheme }, now: Date): string {
  return project.numbering === "dated" ? `dated:${utcDay(now)}` : `project:${project.id}`;
}

/**
 * formatNumber as SQL over the counter value `seq` (an SQL expression), for the
 * creation statement that numbers a ticket in the database. Kept beside
 * formatNumber; the numbering tests hold the two to the same output.
 */
export function numberSql(scheme: NumberingScheme, key: string, now: Date, seq: Prisma.Sql): Prisma.Sql {
  if (scheme === "dated") {
    return Prisma.sql`(${`TKT-${utcDay(now)}-`} || CASE WHEN ${seq} < 10000 THEN lpad(${seq}::text, 4, '0') ELSE ${seq}::text END)`;
  }
  return Prisma.sql`(${`${key}-`} || ${seq}::text)`;
}

/**
 * Allocates the next ticket number inside the creating transaction. The
 * counter row stays locked until the transaction ends, so concurrent creations
 * queue on it and a rolled-back creation gives its number back: numbers are
 * never duplicated. The dated sequence is per organization per UTC day and
 * shared by every dated project; past 9999 it simply widens.
 */
export async function allocateNumber(
  tx: Tx,
  project: { id: string; organizationId: string; key: string; numbering: NumberingScheme },
  now: Date,
): Promise<{ number: string; seq: number }> {
  const scope = counterScope(project, now);
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "NumberCounter" ("organizationId", "scope", "value")
    VALUES (${project.organizationId}::uuid, ${scope}, 1)
    ON CONFLICT ("organizationId", "scope") DO UPDATE SET "value" = "NumberCounter"."value" + 1
    RETURNING "value"`;
  const seq = Number(rows[0].value);
  return { seq, number: formatNumber(project.numbering, project.key, seq, now) };
}
