-- CreateIndex
CREATE INDEX "legal_document_updated_at_id_idx" ON "legal_document"("updated_at", "id");

-- CreateIndex
CREATE INDEX "portal_content_item_kind_updated_at_id_idx" ON "portal_content_item"("kind", "updated_at", "id");
