-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "usageEstimated" BOOLEAN NOT NULL DEFAULT false;
