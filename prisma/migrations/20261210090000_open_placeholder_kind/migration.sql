-- AlterTable
ALTER TABLE "OpenPlaceholder" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'message',
ADD COLUMN     "threadTs" TEXT;
