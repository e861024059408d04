-- Personal access tokens for /api/v1 (issue 15): the table the first schema
-- reserved, with what tokens need — a prefix to tell them apart, a scope,
-- the last use and revocation. No token was ever issued, so none is lost.
DELETE FROM "ApiToken";
CREATE TYPE "ApiTokenScope" AS ENUM ('read', 'write');
ALTER TABLE "ApiToken"
  ADD COLUMN "prefix" TEXT NOT NULL,
  ADD COLUMN "scope" "ApiTokenScope" NOT NULL,
  ADD COLUMN "lastUsedIp" TEXT,
  ADD COLUMN "revokedAt" TIMESTAMP(3),
  ADD COLUMN "revokedById" UUID;
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");
CREATE INDEX "ApiToken_organizationId_createdAt_idx" ON "ApiToken"("organizationId", "createdAt");
