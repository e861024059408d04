import pg from "pg";

/**
 * The database the server under test uses: DATABASE_URL when the run points
 * the app at one, else the e2e database on the private cluster (see
 * playwright.config.ts and scripts/embedded-pg.mjs).
 */
export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? `postgresql://postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT}/helpdesk_e2e`;

/** One short-lived connection per call: the specs query rarely, and nothing is left open. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function ticketId(orgSlug: string, number: string): Promise<string> {
  const rows = await sql<{ id: string }>(
    `SELECT t.id FROM "Ticket" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = $1 AND t.number = $2`,
    [orgSlug, number],
  );
  if (!rows[0]) throw new Error(`No ticket ${number} in ${orgSlug}`);
  return rows[0].id;
}

export async function ticketCountRequestedBy(email: string): Promise<number> {
  const rows = await sql<{ n: string }>(`SELECT count(*) AS n FROM "Ticket" t JOIN "User" u ON u.id = t."requesterId" WHERE u.email = $1`, [email]);
  return Number(rows[0]?.n ?? 0);
}

export async function commentsOn(ticket: string): Promise<{ body: string; type: string }[]> {
  return sql<{ body: string; type: string }>(`SELECT body, type::text AS type FROM "Comment" WHERE "ticketId" = $1 ORDER BY "createdAt"`, [ticket]);
}

export async function setUserActive(email: string, active: boolean): Promise<void> {
  await sql(`UPDATE "User" SET active = $2, "updatedAt" = now() WHERE email = $1`, [email, active]);
}

/**
 * A fresh user cloned from an existing one (same organization, role, password
 * and project memberships), so that a test may deactivate it without touching
 * the demo accounts other specs rely on.
 */
export async function cloneUser(fromEmail: string, email: string, name: string): Promise<void> {
  await sql(
    `WITH src AS (SELECT * FROM "User" WHERE email = $1),
          u AS (
            INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", "roleId", active, "updatedAt")
            SELECT gen_random_uuid(), "organizationId", $2, $3, "passwordHash", "roleId", true, now() FROM src
            RETURNING id
          )
     INSERT INTO "ProjectMember" ("organizationId", "projectId", "userId")
     SELECT pm."organizationId", pm."projectId", u.id FROM "ProjectMember" pm, src, u WHERE pm."userId" = src.id`,
    [fromEmail, email, name],
  );
  const rows = await sql(`SELECT 1 FROM "User" WHERE email = $1`, [email]);
  if (rows.length !== 1) throw new Error(`Could not create ${email}`);
}
