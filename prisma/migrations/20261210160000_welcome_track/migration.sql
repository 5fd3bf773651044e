-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "conceptSlug" TEXT;

-- CreateTable
CREATE TABLE "WelcomeEmail" (
    "subscriberId" UUID NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WelcomeEmail_pkey" PRIMARY KEY ("subscriberId")
);

-- CreateIndex
CREATE INDEX "WelcomeEmail_status_nextAttemptAt_idx" ON "WelcomeEmail"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "WelcomeEmail" ADD CONSTRAINT "WelcomeEmail_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
