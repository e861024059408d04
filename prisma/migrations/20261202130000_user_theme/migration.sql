-- Dark mode (issue 14): each user's colour theme, following the system's
-- setting until they choose light or dark in the account menu.

-- CreateEnum
CREATE TYPE "ThemePreference" AS ENUM ('system', 'light', 'dark');

-- AlterTable
ALTER TABLE "User" ADD COLUMN "theme" "ThemePreference" NOT NULL DEFAULT 'system';
