-- CreateEnum
CREATE TYPE "DigestCadence" AS ENUM ('weekly', 'biweekly');

-- CreateEnum
CREATE TYPE "DigestLevel" AS ENUM ('all', 'beginner');

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "cadence" "DigestCadence" NOT NULL DEFAULT 'weekly',
ADD COLUMN     "cadenceParity" INTEGER,
ADD COLUMN     "level" "DigestLevel" NOT NULL DEFAULT 'all',
ADD COLUMN     "pausedUntil" TIMESTAMP(3);
