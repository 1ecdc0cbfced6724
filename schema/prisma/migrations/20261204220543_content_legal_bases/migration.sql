-- AlterTable
ALTER TABLE "portal_content_item" ADD COLUMN     "legal_basis_keys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "portal_investment_project" ADD COLUMN     "legal_basis" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "portal_plan_item" ADD COLUMN     "legal_basis" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "portal_content_item_legal_basis_keys_gin" ON "portal_content_item" USING GIN ("legal_basis_keys");
