-- /admin/tags: a tag's description and a compare-and-set token for admin edits.
ALTER TABLE "Tag" ADD COLUMN "description" VARCHAR(500) NOT NULL DEFAULT '',
ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
