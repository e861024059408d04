-- Full-text search keeps its vectors in stored generated columns instead of
-- computing them inside expression indexes. The GIN indexes are the same, but
-- a query can now test a row's vector without re-parsing its text (~30 µs per
-- ticket, ~17 µs per comment): a search for a common word walks the desk's
-- sort order and checks rows as it goes (lib/domain/desk/desk-query.ts).
-- PostgreSQL recomputes the columns on every insert and update (edited comments too).

DROP INDEX "Ticket_search_idx";
DROP INDEX "Comment_search_idx";

ALTER TABLE "Ticket" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "number" || ' ' || "title" || ' ' || "description")) STORED;
ALTER TABLE "Comment" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "body")) STORED;

CREATE INDEX "Ticket_search_idx" ON "Ticket" USING GIN ("searchVector");
CREATE INDEX "Comment_search_idx" ON "Comment" USING GIN ("searchVector");
