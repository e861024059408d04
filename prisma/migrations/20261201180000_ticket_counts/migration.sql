-- Desk box counts kept as they change, so reading them costs the same at
-- 1,000 tickets as at 1,000,000 (issue 12). One row per organization,
-- project, status, priority, whether unassigned, and shard holds how many
-- tickets (not deleted) have those values. Statement triggers with
-- transition tables add each write's difference in the same transaction as
-- the write (a bulk edit of 2,000 tickets adds one row per key it changed).
-- A transaction adds to one of eight shards (by its id), so concurrent
-- creations in one project rarely wait on the same row. A shard's count may
-- be negative (a ticket counted in one shard leaves from another), only the
-- sum over shards is meaningful.
CREATE TABLE "TicketCount" (
    "organizationId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "priority" "Priority" NOT NULL,
    "unassigned" BOOLEAN NOT NULL,
    "shard" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "TicketCount_pkey" PRIMARY KEY ("organizationId", "projectId", "status", "priority", "unassigned", "shard")
);

-- Function bodies are escape strings with each semicolon written \073:
-- Prisma's driver adapter splits a migration at every semicolon, even inside
-- quotes (node_modules/@prisma/adapter-pg executeScript).
CREATE FUNCTION ticket_count_apply() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  s SMALLINT := (txid_current() % 8)::SMALLINT\073
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "TicketCount" AS c ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
    SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, s, count(*)::int
      FROM new_rows WHERE "deletedAt" IS NULL
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "projectId", "status", "priority", "unassigned", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO "TicketCount" AS c ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
    SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, s, -count(*)::int
      FROM old_rows WHERE "deletedAt" IS NULL
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "projectId", "status", "priority", "unassigned", "shard") DO UPDATE SET "n" = c."n" + EXCLUDED."n"\073
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
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER "Ticket_count_insert" AFTER INSERT ON "Ticket"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_count_apply();
CREATE TRIGGER "Ticket_count_update" AFTER UPDATE ON "Ticket"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_count_apply();
CREATE TRIGGER "Ticket_count_delete" AFTER DELETE ON "Ticket"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_count_apply();

-- Recount from the tickets themselves: after a bulk load with triggers off
-- (the benchmark's generator) or a restore, or to repair. It takes no lock of
-- its own (taking one inside a caller's transaction can deadlock it): to
-- repair a live database, first LOCK TABLE "Ticket" IN SHARE MODE in the
-- same transaction.
CREATE FUNCTION ticket_count_rebuild() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "TicketCount"\073
  INSERT INTO "TicketCount" ("organizationId", "projectId", "status", "priority", "unassigned", "shard", "n")
  SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL, 0, count(*)::int
    FROM "Ticket" WHERE "deletedAt" IS NULL
   GROUP BY 1, 2, 3, 4, 5\073
END ';

SELECT ticket_count_rebuild();
