-- AlterTable
ALTER TABLE "SubscriberToken" ADD COLUMN     "learner" TEXT;
