-- Tamper-evident audit trail: rows are chained in seq order by hash (subgraphs/portal/editorial/audit-chain.ts).
-- Existing rows get a seq but no hash: the chain starts at the first row written after this migration.
-- AlterTable
ALTER TABLE "portal_audit_event" ADD COLUMN     "hash" CHAR(64),
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "portal_audit_event_seq_key" ON "portal_audit_event"("seq");
