-- The target-asset picker searches the organization's assets as the user types
-- (lib/domain/assets/search-assets.ts): a tag prefix and a name prefix, each a
-- range of its index in the answer's order, so a search reads at most the 40
-- rows it picks its 20 from, however many assets the organization holds.
-- Hand-written (expressions with a collation), listed in prisma/hand-written-indexes.ts.
CREATE INDEX "Asset_tag_search_idx" ON "Asset" ("organizationId", (lower("tag") COLLATE "C"));
CREATE INDEX "Asset_name_search_idx" ON "Asset" ("organizationId", (lower("name") COLLATE "C"));
