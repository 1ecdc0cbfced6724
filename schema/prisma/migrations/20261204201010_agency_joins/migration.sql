-- AlterTable
ALTER TABLE "legal_issuer" ADD COLUMN     "agency_key" VARCHAR(500),
ADD COLUMN     "agency_match" VARCHAR(10);

-- AlterTable
ALTER TABLE "portal_direction_item" ADD COLUMN     "legal_basis" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "legal_issuer_agency_key_idx" ON "legal_issuer"("agency_key");

-- Issuers stored before this migration: matched by their folded name (the sync rewrites them)
UPDATE "legal_issuer" SET "agency_key" = lower(btrim(regexp_replace(hub_unaccent("agency"), '\s+', ' ', 'g'))), "agency_match" = 'NAME' WHERE "agency_key" IS NULL;
