-- Users administration (issue 13): invitations and password resets by one-time
-- links, and the indexes /admin/users pages, filters and searches through.

-- CreateEnum
CREATE TYPE "UserTokenPurpose" AS ENUM ('invite', 'password_reset');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "invitedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UserToken" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "purpose" "UserTokenPurpose" NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");

-- CreateIndex
CREATE INDEX "UserToken_userId_purpose_idx" ON "UserToken"("userId", "purpose");

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (expressions, partial and trigram indexes), listed in
-- prisma/hand-written-indexes.ts. The list (lib/domain/users/list-users.ts) is
-- ordered by lower(name) under collation C, then id, and paged by keyset on
-- that pair: each filter reads one range of one index, at most a page and one
-- row, however many users the organization holds.
CREATE INDEX "User_admin_order_idx" ON "User" ("organizationId", (lower("name") COLLATE "C"), "id");
CREATE INDEX "User_admin_role_idx" ON "User" ("roleId", (lower("name") COLLATE "C"), "id");
CREATE INDEX "User_admin_deactivated_idx" ON "User" ("organizationId", (lower("name") COLLATE "C"), "id") WHERE NOT "active";
CREATE INDEX "User_admin_invited_idx" ON "User" ("organizationId", (lower("name") COLLATE "C"), "id") WHERE "invitedAt" IS NOT NULL AND "passwordHash" IS NULL;

-- Substring search of name and e-mail ("smi", "@example.org") through trigrams.
-- pg_trgm ships with PostgreSQL and is a trusted extension (no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "User_admin_search_idx" ON "User" USING gin ((lower("name") || ' ' || lower("email")) gin_trgm_ops);
