-- Files chosen on the new-request form are uploaded before the request exists
-- (staged: no ticket, pending, no comment) and bound to the ticket in the
-- transaction that creates it. Anything else keeps its ticket.
ALTER TABLE "Attachment" ALTER COLUMN "ticketId" DROP NOT NULL;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_staged_check"
  CHECK ("ticketId" IS NOT NULL OR ("pending" AND "commentId" IS NULL));
