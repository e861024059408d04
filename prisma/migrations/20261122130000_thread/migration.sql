-- Thread (issue 5): comment edits are compare-and-set on a version, and mentions
-- in internal notes are recorded per user.
ALTER TABLE "Comment" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "CommentMention" (
    "commentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentMention_pkey" PRIMARY KEY ("commentId","userId")
);

CREATE INDEX "CommentMention_userId_createdAt_idx" ON "CommentMention"("userId", "createdAt");

ALTER TABLE "CommentMention" ADD CONSTRAINT "CommentMention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CommentMention" ADD CONSTRAINT "CommentMention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (prisma/hand-written-indexes.ts): one solution per ticket, even
-- under concurrent "Mark as solution" clicks.
CREATE UNIQUE INDEX "Comment_one_solution_idx" ON "Comment"("ticketId") WHERE "isSolution";

-- Hand-written: canned-response titles are unique per scope, ignoring case —
-- organization-wide ones (ownerId NULL) per organization and personal ones per owner.
CREATE UNIQUE INDEX "CannedResponse_org_title_idx" ON "CannedResponse"("organizationId", lower("title")) WHERE "ownerId" IS NULL;
CREATE UNIQUE INDEX "CannedResponse_owner_title_idx" ON "CannedResponse"("ownerId", lower("title")) WHERE "ownerId" IS NOT NULL;
