-- AlterTable
ALTER TABLE "search_agency_portal" ADD COLUMN     "hosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "removed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "search_agency_portal_source" ADD COLUMN     "dropped_off_host" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "search_harvested_item" ADD COLUMN     "removed_at" TIMESTAMPTZ(3);
