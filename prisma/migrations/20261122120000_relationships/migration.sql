-- Relationships are stored once (lib/domain/relationships/link-types.ts):
-- "A child of B" is B's parent row and a related pair is stored in one
-- direction only. These two rules hold under concurrency too, so they live here.
-- (No self links and no stored "child" rows are checked in write-link.ts: a CHECK
-- constraint here crashes Prisma 6.19's WASM schema engine in migrate diff/dev.)

-- Two tickets are linked at most once, whatever the type or direction.
CREATE UNIQUE INDEX "Relationship_pair_key" ON "Relationship" (LEAST("sourceId", "targetId"), GREATEST("sourceId", "targetId"));

-- A ticket has at most one parent (subtasks have one parent).
CREATE UNIQUE INDEX "Relationship_one_parent_key" ON "Relationship" ("targetId") WHERE "type" = 'parent';
