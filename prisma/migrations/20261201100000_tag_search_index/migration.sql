-- Tag filters search the organization's tags as the user types (lib/domain/tags/search-tags.ts).
-- lower(name) under collation C: a LIKE 'prefix%' is a range of this index and
-- its order is the answer's order, so a search reads at most the 20 rows it returns.
-- Hand-written (expression with a collation), listed in prisma/hand-written-indexes.ts.
CREATE INDEX "Tag_search_idx" ON "Tag" ("organizationId", (lower("name") COLLATE "C"));
