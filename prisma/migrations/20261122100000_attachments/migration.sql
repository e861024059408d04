-- Files uploaded for a comment being written stay pending (visible only to
-- their uploader) until the comment is sent.
ALTER TABLE "Attachment" ADD COLUMN "pending" BOOLEAN NOT NULL DEFAULT false;

-- Dedupe and cleanup look files up by content hash, and the sweeper finds old pending uploads.
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");
CREATE INDEX "Attachment_pending_createdAt_idx" ON "Attachment"("pending", "createdAt");
