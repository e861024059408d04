import type { Tx } from "@/lib/db";
import type { NumberingScheme } from "@/lib/generated/prisma/enums";

/** YYYYMMDD of the UTC day. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll("-", "");
}

export function formatNumber(scheme: NumberingScheme, key: string, value: number, now: Date): string {
  return scheme === "dated" ? `TKT-${utcDay(now)}-${String(value).padStart(4, "0")}` : `${key}-${value}`;
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
  const scope = project.numbering === "dated" ? `dated:${utcDay(now)}` : `project:${project.id}`;
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "NumberCounter" ("organizationId", "scope", "value")
    VALUES (${project.organizationId}::uuid, ${scope}, 1)
    ON CONFLICT ("organizationId", "scope") DO UPDATE SET "value" = "NumberCounter"."value" + 1
    RETURNING "value"`;
  const seq = Number(rows[0].value);
  return { seq, number: formatNumber(project.numbering, project.key, seq, now) };
}
