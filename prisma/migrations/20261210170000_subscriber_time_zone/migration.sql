-- Local-time delivery (decision 014): a subscriber's zone, and each delivery's local send time.
-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "sendAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "timeZone" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_issueId_status_sendAfter_idx" ON "Delivery"("issueId", "status", "sendAfter");
