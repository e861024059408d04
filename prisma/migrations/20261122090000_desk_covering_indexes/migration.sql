-- The desk's box counts read only live tickets: carry the scope columns in the
-- partial index so the counts are index-only scans (185 ms → 25–40 ms at 1M tickets).
DROP INDEX "Ticket_live_idx";
CREATE INDEX "Ticket_live_idx" ON "Ticket" ("organizationId", "status", "priority", "assigneeId") INCLUDE ("projectId", "requesterId")
  WHERE "deletedAt" IS NULL AND "status" NOT IN ('closed', 'completed', 'cancelled', 'done');

-- "Assigned to me" joins the actor's assignments to live tickets by id.
CREATE INDEX "Ticket_live_id_idx" ON "Ticket" ("id") INCLUDE ("organizationId", "projectId", "requesterId")
  WHERE "deletedAt" IS NULL AND "status" NOT IN ('closed', 'completed', 'cancelled', 'done');

-- Index-only scans need a fresh visibility map on a busy table.
ALTER TABLE "Ticket" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
