-- Board columns page by (rank, id): the id makes the keyset exact.
DROP INDEX "Ticket_projectId_status_rank_idx";
DROP INDEX "Ticket_projectId_columnId_rank_idx";
CREATE INDEX "Ticket_projectId_status_rank_id_idx" ON "Ticket"("projectId", "status", "rank", "id");
CREATE INDEX "Ticket_projectId_columnId_rank_id_idx" ON "Ticket"("projectId", "columnId", "rank", "id");
