-- Hand-written indexes Prisma cannot express (listed in prisma/hand-written-indexes.ts,
-- guarded by an integration test). A later `prisma migrate dev` proposes to drop
-- them: delete such DROPs from every generated migration.

-- Board ranks are fractional keys compared byte by byte, whatever the server's locale.
ALTER TABLE "Ticket" ALTER COLUMN "rank" TYPE VARCHAR(64) COLLATE "C";

-- Full-text search over number, title and description (the desk's Search box).
CREATE INDEX "Ticket_search_idx" ON "Ticket"
  USING GIN (to_tsvector('english'::regconfig, "number" || ' ' || "title" || ' ' || "description"));

-- Full-text search over comment bodies (internal notes filtered by the query, per viewer).
CREATE INDEX "Comment_search_idx" ON "Comment"
  USING GIN (to_tsvector('english'::regconfig, "body"));

-- The desk's boxes count live (non-terminal, not deleted) tickets: a small partial index.
CREATE INDEX "Ticket_live_idx" ON "Ticket" ("organizationId", "status", "priority", "assigneeId")
  WHERE "deletedAt" IS NULL AND "status" NOT IN ('closed', 'completed', 'cancelled', 'done');

-- Keyset paging of the desk by activity and by creation, id as the tie-breaker.
CREATE INDEX "Ticket_desk_updated_idx" ON "Ticket" ("organizationId", "updatedAt" DESC, "id" DESC) WHERE "deletedAt" IS NULL;
CREATE INDEX "Ticket_desk_created_idx" ON "Ticket" ("organizationId", "createdAt" DESC, "id" DESC) WHERE "deletedAt" IS NULL;
