-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "pending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reservedTokens" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OpenPlaceholder" (
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenPlaceholder_pkey" PRIMARY KEY ("platform","channel","messageId")
);

-- CreateIndex
CREATE INDEX "OpenPlaceholder_platform_createdAt_idx" ON "OpenPlaceholder"("platform", "createdAt");
