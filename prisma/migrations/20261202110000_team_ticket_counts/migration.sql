-- The desk's "My teams" box, kept as it changes like the other boxes (issue
-- 12, after issue 13's teams): counting a team's live tickets one by one
-- grew with the team's queue. One row per team, project, status and shard
-- holds how many tickets (not deleted) of that team have those values. The
-- box sums the viewer's teams over the projects they see and the live
-- statuses. Kept by the same statement triggers as "TicketCount", in the
-- writing transaction. No foreign key: a deleted team's rows are zeros.
CREATE TABLE "TeamTicketCount" (
    "organizationId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "shard" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "TeamTicketCount_pkey" PRIMARY KEY ("teamId", "projectId", "status", "shard")
);

-- Function bodies are escape strings with each semicolon written \073:
-- Prisma's driver adapter splits a migration at every semicolon, even inside
-- quotes (node_modules/@prisma/adapter-pg executeScript).
CREATE OR REPLACE FUNCTION ticket_count_apply() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  s SMALLINT := (txid_current() % 8)::SMALLINT\073
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "TicketCount" AS c ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
    SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, s, count(*)::int
      FROM new_rows WHERE "deletedAt" IS NULL
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "projectId", "status", "priority", "unassigned", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
    INSERT INTO "TeamTicketCount" AS c ("organizationId", "teamId", "projectId", "status", "shard", "n")
    SELECT "organizationId", "teamId", "projectId", "status", s, count(*)::int
      FROM new_rows WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT ("teamId", "projectId", "status", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO "TicketCount" AS c ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
    SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, s, -count(*)::int
      FROM old_rows WHERE "deletedAt" IS NULL
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "projectId", "status", "priority", "unassigned", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
    INSERT INTO "TeamTicketCount" AS c ("organizationId", "teamId", "projectId", "status", "shard", "n")
    SELECT "organizationId", "teamId", "projectId", "status", s, -count(*)::int
      FROM old_rows WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT ("teamId", "projectId", "status", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
  ELSE
    INSERT INTO "TicketCount" AS c ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
    SELECT o, p, st, pr, u, s, sum(d)::int
      FROM (SELECT "organizationId" AS o, "projectId" AS p, "status" AS st, "priority" AS pr, "assigneeId" IS NULL AS u, 1 AS d
              FROM new_rows WHERE "deletedAt" IS NULL
            UNION ALL
            SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, -1
              FROM old_rows WHERE "deletedAt" IS NULL) delta
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "projectId", "status", "priority", "unassigned", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
    INSERT INTO "TeamTicketCount" AS c ("organizationId", "teamId", "projectId", "status", "shard", "n")
    SELECT o, tm, p, st, s, sum(d)::int
      FROM (SELECT "organizationId" AS o, "teamId" AS tm, "projectId" AS p, "status" AS st, 1 AS d
              FROM new_rows WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL
            UNION ALL
            SELECT "organizationId", "teamId", "projectId", "status", -1
              FROM old_rows WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL) delta
     GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 2, 3, 4
    ON CONFLICT ("teamId", "projectId", "status", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
  END IF\073
  RETURN NULL\073
END ';

-- Recount both from the tickets (see 20261201180000_ticket_counts: no lock
-- of its own. To repair a live database, LOCK TABLE "Ticket" IN SHARE MODE
-- first in the same transaction).
CREATE OR REPLACE FUNCTION ticket_count_rebuild() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "TicketCount"\073
  INSERT INTO "TicketCount" ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
  SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, 0, count(*)::int
    FROM "Ticket" WHERE "deletedAt" IS NULL
   GROUP BY 1, 2, 3, 4, 5\073
  DELETE FROM "TeamTicketCount"\073
  INSERT INTO "TeamTicketCount" ("organizationId", "teamId", "projectId", "status", "shard", "n")
  SELECT "organizationId", "teamId", "projectId", "status", 0, count(*)::int
    FROM "Ticket" WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL
   GROUP BY 1, 2, 3, 4\073
END ';

SELECT ticket_count_rebuild();
