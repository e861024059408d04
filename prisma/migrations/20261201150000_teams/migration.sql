-- Teams (support groups, issue 13): a team per organization with staff
-- members, a project's default team for new tickets, and the ticket's team.

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "defaultTeamId" UUID;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "teamId" UUID;

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "description" VARCHAR(500) NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateIndex
CREATE INDEX "TeamMember_userId_idx" ON "TeamMember"("userId");

-- CreateIndex
CREATE INDEX "Ticket_teamId_status_idx" ON "Ticket"("teamId", "status");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_defaultTeamId_fkey" FOREIGN KEY ("defaultTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (prisma/hand-written-indexes.ts): Prisma cannot express these.
-- Team names are unique per organization ignoring case, and the admin list
-- and the team selects read them in that order.
CREATE UNIQUE INDEX "Team_org_lower_name_key" ON "Team" ("organizationId", lower("name"));

-- The desk's "My teams" box counts the live tickets of the viewer's teams: a
-- small partial index (live tickets only) carrying the scope columns.
CREATE INDEX "Ticket_team_live_idx" ON "Ticket" ("teamId") INCLUDE ("organizationId", "projectId", "requesterId")
  WHERE "teamId" IS NOT NULL AND "deletedAt" IS NULL AND "status" NOT IN ('closed', 'completed', 'cancelled', 'done');
