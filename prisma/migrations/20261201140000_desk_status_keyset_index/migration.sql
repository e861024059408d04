-- The desk filtered by status walks (organization, status, activity) in the
-- sort order. Without the id tie-breaker, tickets changed in the same
-- instant (a bulk edit of 2,000 tickets) had to be read and sorted as one
-- group before the first 50 could be returned.
DROP INDEX "Ticket_organizationId_status_updatedAt_idx";
CREATE INDEX "Ticket_organizationId_status_updatedAt_id_idx" ON "Ticket"("organizationId", "status", "updatedAt", "id");
