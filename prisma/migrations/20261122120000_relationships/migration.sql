-- Relationships are stored once (lib/domain/relationships/link-types.ts):
-- "A child of B" is B's parent row and a related pair is stored in one
-- direction only. These rules hold under concurrency too, so they live here.

-- Two tickets are linked at most once, whatever the type or direction.
CREATE UNIQUE INDEX "Relationship_pair_key" ON "Relationship" (LEAST("sourceId", "targetId"), GREATEST("sourceId", "targetId"));

-- A ticket has at most one parent (subtasks have one parent).
CREATE UNIQUE INDEX "Relationship_one_parent_key" ON "Relationship" ("targetId") WHERE "type" = 'parent';

-- No self links, and "child" is never stored (it is the parent row seen from the other side).
ALTER TABLE "Relationship" ADD CONSTRAINT "Relationship_not_self_check" CHECK ("sourceId" <> "targetId");
ALTER TABLE "Relationship" ADD CONSTRAINT "Relationship_stored_type_check" CHECK ("type" <> 'child');
