-- CreateTable
CREATE TABLE "PracticeReminder" (
    "learner" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeReminder_pkey" PRIMARY KEY ("learner")
);

-- CreateTable
CREATE TABLE "PracticeReminderSent" (
    "learner" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "permanent" BOOLEAN NOT NULL DEFAULT false,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "PracticeReminderSent_pkey" PRIMARY KEY ("learner","localDate")
);

-- CreateIndex
CREATE INDEX "PracticeReminder_platform_idx" ON "PracticeReminder"("platform");

-- CreateIndex
CREATE INDEX "PracticeReminderSent_localDate_idx" ON "PracticeReminderSent"("localDate");
