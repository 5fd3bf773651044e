-- CreateTable
CREATE TABLE "LearnerLink" (
    "learner" TEXT NOT NULL,
    "subscriberId" UUID NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearnerLink_pkey" PRIMARY KEY ("learner")
);

-- CreateIndex
CREATE INDEX "LearnerLink_subscriberId_idx" ON "LearnerLink"("subscriberId");

-- CreateIndex
CREATE INDEX "PracticeShown_learner_answeredAt_idx" ON "PracticeShown"("learner", "answeredAt");

-- AddForeignKey
ALTER TABLE "LearnerLink" ADD CONSTRAINT "LearnerLink_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
