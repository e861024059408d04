-- Role names are unique per organization ignoring case ("Agent" and "agent"
-- are one role to a person choosing from a list). Hand-written: Prisma cannot
-- express an expression index (prisma/hand-written-indexes.ts).
CREATE UNIQUE INDEX "Role_org_lower_name_key" ON "Role" ("organizationId", lower("name"));
