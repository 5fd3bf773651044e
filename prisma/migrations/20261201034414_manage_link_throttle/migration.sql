-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "manageLinkSentAt" TIMESTAMP(3);
