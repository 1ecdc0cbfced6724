-- AlterTable
ALTER TABLE "citizens_request" ADD COLUMN     "exported_at" TIMESTAMP(3);
