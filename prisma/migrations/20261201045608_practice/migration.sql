-- CreateTable
CREATE TABLE "PracticeState" (
    "learner" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "lastReview" TIMESTAMP(3),
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeState_pkey" PRIMARY KEY ("learner","itemId")
);

-- CreateTable
CREATE TABLE "PracticeShown" (
    "id" TEXT NOT NULL,
    "learner" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "shownAt" TIMESTAMP(3) NOT NULL,
    "choice" INTEGER,
    "correct" BOOLEAN,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "PracticeShown_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PracticeState_learner_due_idx" ON "PracticeState"("learner", "due");

-- CreateIndex
CREATE INDEX "PracticeState_itemId_idx" ON "PracticeState"("itemId");

-- CreateIndex
CREATE INDEX "PracticeShown_shownAt_idx" ON "PracticeShown"("shownAt");

-- CreateIndex
CREATE INDEX "PracticeShown_itemId_answeredAt_idx" ON "PracticeShown"("itemId", "answeredAt");
