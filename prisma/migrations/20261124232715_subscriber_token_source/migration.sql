-- AlterTable
ALTER TABLE "SubscriberToken" ADD COLUMN     "source" TEXT;
