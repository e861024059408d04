-- Self-registration (issue 13): an organization someone registered at /register,
-- its founding admin until they confirm their address (invitations wait on it),
-- and people who signed themselves up, with the time their address was confirmed.

-- AlterEnum
ALTER TYPE "UserTokenPurpose" ADD VALUE 'email_confirmation';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "registeredAt" TIMESTAMP(3),
ADD COLUMN "unconfirmedFounderId" UUID;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailConfirmedAt" TIMESTAMP(3),
ADD COLUMN "registeredAt" TIMESTAMP(3);
