-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "countClicks" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "LinkClick" (
    "issueId" UUID NOT NULL,
    "conceptSlug" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkClick_pkey" PRIMARY KEY ("issueId","conceptSlug","link")
);

-- CreateTable
CREATE TABLE "LinkClickSeen" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkClickSeen_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LinkClickSeen_expiresAt_idx" ON "LinkClickSeen"("expiresAt");

-- AddForeignKey
ALTER TABLE "LinkClick" ADD CONSTRAINT "LinkClick_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "DigestIssue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
