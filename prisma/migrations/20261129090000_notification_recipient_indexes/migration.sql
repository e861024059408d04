-- Notification recipients without scanning a portal project's members
-- (every requester is a member of the support and change projects).

-- Approvers are picked by role: the few users of the roles that hold ticket.approve.
CREATE INDEX "User_roleId_idx" ON "User"("roleId");

-- Hand-written (prisma/hand-written-indexes.ts): a project's triage agents,
-- told about every new ticket.
CREATE INDEX "ProjectMember_triage_idx" ON "ProjectMember"("projectId", "userId") WHERE "triage";
