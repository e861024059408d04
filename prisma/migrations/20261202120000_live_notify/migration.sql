-- Live updates (issue 14): the writing transaction itself announces what it
-- changed on the channel helpdesk_live, so every writer — pages, bulk, the
-- board, automatic moves, later the API and the SLA jobs — is heard without
-- remembering to. NOTIFY is transactional: listeners hear it at commit, and
-- never of a write that rolled back. Payloads carry ids only (at most 100 per
-- notice, far under the 8,000-byte limit), and each app instance loads what it
-- needs and filters per viewer by the pages' scope rules (lib/live/hub.ts).
--
--   {"k":"created","o":<org>,"ids":[<ticket>…]}    new tickets
--   {"k":"changed","o":<org>,"ids":[…]}            a field, status, column, assignee, tag, item… (the version moved),
--                                                  or a soft delete / restore
--   {"k":"ranked","o":<org>,"ids":[…]}             only the board order (rank) moved: board viewers only
--   {"k":"comment","o":<org>,"i":<internal>,"ids":[<ticket>…]}   a reply or note written or edited
--   {"k":"notice","o":<org>,"u":[<user>…]}         new notifications for these users (their bells)
--
-- An internal note touches only the ticket's updatedAt, which announces
-- nothing: a requester never learns that a note was written.
--
-- Function bodies are escape strings with each semicolon written \073
-- (Prisma's driver adapter splits a migration at every semicolon).

CREATE OR REPLACE FUNCTION live_ticket_notify() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM pg_notify(''helpdesk_live'', json_build_object(''k'', ''created'', ''o'', org, ''ids'', ids)::text)
       FROM (SELECT org, json_agg(id) AS ids
               FROM (SELECT "organizationId" AS org, "id", (row_number() OVER (PARTITION BY "organizationId") - 1) / 100 AS chunk FROM new_rows) r
              GROUP BY org, chunk) x\073
  ELSE
    PERFORM pg_notify(''helpdesk_live'', json_build_object(''k'', kind, ''o'', org, ''ids'', ids)::text)
       FROM (SELECT kind, org, json_agg(id) AS ids
               FROM (SELECT d.kind, d.org, d.id, (row_number() OVER (PARTITION BY d.kind, d.org) - 1) / 100 AS chunk
                       FROM (SELECT CASE WHEN n."version" <> p."version" OR n."status" <> p."status"
                                           OR n."deletedAt" IS DISTINCT FROM p."deletedAt" OR n."columnId" IS DISTINCT FROM p."columnId"
                                         THEN ''changed'' ELSE ''ranked'' END AS kind,
                                    n."organizationId" AS org, n."id"
                               FROM new_rows n JOIN old_rows p ON p."id" = n."id"
                              WHERE n."version" <> p."version" OR n."status" <> p."status" OR n."rank" <> p."rank"
                                 OR n."deletedAt" IS DISTINCT FROM p."deletedAt" OR n."columnId" IS DISTINCT FROM p."columnId") d) r
              GROUP BY kind, org, chunk) x\073
  END IF\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION live_comment_notify() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''helpdesk_live'', json_build_object(''k'', ''comment'', ''o'', org, ''i'', internal, ''ids'', ids)::text)
     FROM (SELECT org, internal, json_agg(DISTINCT "ticketId") AS ids
             FROM (SELECT "organizationId" AS org, "type" = ''internal_note'' AS internal, "ticketId",
                          (dense_rank() OVER (PARTITION BY "organizationId", "type" = ''internal_note'' ORDER BY "ticketId") - 1) / 100 AS chunk
                     FROM new_rows) r
            GROUP BY org, internal, chunk) x\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION live_notification_notify() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''helpdesk_live'', json_build_object(''k'', ''notice'', ''o'', org, ''u'', users)::text)
     FROM (SELECT org, json_agg(DISTINCT "userId") AS users
             FROM (SELECT "organizationId" AS org, "userId",
                          (dense_rank() OVER (PARTITION BY "organizationId" ORDER BY "userId") - 1) / 100 AS chunk
                     FROM new_rows) r
            GROUP BY org, chunk) x\073
  RETURN NULL\073
END ';

CREATE TRIGGER "Ticket_live_insert" AFTER INSERT ON "Ticket"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_ticket_notify();
CREATE TRIGGER "Ticket_live_update" AFTER UPDATE ON "Ticket"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_ticket_notify();
CREATE TRIGGER "Comment_live_insert" AFTER INSERT ON "Comment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_comment_notify();
CREATE TRIGGER "Comment_live_update" AFTER UPDATE ON "Comment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_comment_notify();
CREATE TRIGGER "Notification_live_insert" AFTER INSERT ON "Notification"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_notification_notify();
-- Read in another tab: the bell of every tab catches up.
CREATE TRIGGER "Notification_live_update" AFTER UPDATE ON "Notification"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION live_notification_notify();
