-- People pickers search staff by name as the user types (lib/domain/users/staff-directory.ts).
-- Staff are reached through their roles (User_roleId_idx), and within a role this
-- index answers a case-insensitive name prefix in name order, over active users
-- only, so a picker never reads the organization's requesters.
-- Hand-written (expression + partial): listed in prisma/hand-written-indexes.ts.
CREATE INDEX "User_staff_name_idx" ON "User" ("roleId", lower("name") text_pattern_ops) WHERE "active";
