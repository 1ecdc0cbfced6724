-- CreateEnum
CREATE TYPE "legal_validity_status" AS ENUM ('CHL', 'HHL', 'HHL1P', 'CCHL', 'TNHL', 'TNHL1P', 'KCPH');

-- CreateEnum
CREATE TYPE "legal_validity_action" AS ENUM ('ISSUED', 'TOOK_EFFECT', 'EXPIRED', 'PARTLY_EXPIRED', 'REPLACED', 'REPEALED', 'PARTLY_REPEALED', 'AMENDED', 'PARTLY_AMENDED', 'SUPPLEMENTED', 'SUSPENDED', 'PARTLY_SUSPENDED');

-- CreateEnum
CREATE TYPE "legal_relation_kind" AS ENUM ('AMENDS', 'SUPPLEMENTS', 'REPLACES', 'REPEALS', 'EXPIRES', 'PARTLY_EXPIRES', 'GUIDES', 'BASED_ON', 'CORRECTS', 'CONSOLIDATES', 'SUSPENDS', 'PARTLY_SUSPENDS', 'REFERENCES', 'RELATED');

-- CreateEnum
CREATE TYPE "legal_sync_run_status" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "legal_sync_trigger" AS ENUM ('BOOT', 'SCHEDULE', 'MANUAL');

-- CreateTable
CREATE TABLE "legal_document" (
    "id" UUID NOT NULL,
    "type_code" VARCHAR(40) NOT NULL,
    "type_name" VARCHAR(120) NOT NULL,
    "number_raw" VARCHAR(200) NOT NULL,
    "number" VARCHAR(200) NOT NULL,
    "number_key" VARCHAR(200) NOT NULL,
    "title" VARCHAR(2000) NOT NULL,
    "summary" TEXT NOT NULL,
    "issue_date" DATE,
    "effective_date" DATE,
    "expiry_date" DATE,
    "status" "legal_validity_status",
    "scope" VARCHAR(300),
    "fields" TEXT[],
    "field_keys" TEXT[],
    "full_text" TEXT,
    "publications" JSONB NOT NULL DEFAULT '[]',
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "locally_issued" BOOLEAN NOT NULL DEFAULT false,
    "issuers_folded" TEXT NOT NULL,
    "search_folded" TEXT NOT NULL,
    "first_published_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "legal_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_document_source" (
    "id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "system" VARCHAR(60) NOT NULL,
    "source_id" VARCHAR(300) NOT NULL,
    "source_url" VARCHAR(2000),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "source_modified_at" TIMESTAMPTZ(3),
    "content_hash" CHAR(64) NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,

    CONSTRAINT "legal_document_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_issuer" (
    "id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "agency" VARCHAR(500) NOT NULL,
    "signer_name" VARCHAR(200),
    "signer_title" VARCHAR(200),

    CONSTRAINT "legal_issuer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_validity_event" (
    "id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "action" "legal_validity_action" NOT NULL,
    "source_document_id" UUID,
    "source_source_id" VARCHAR(300),
    "source_number" VARCHAR(200),
    "source_number_key" VARCHAR(200),
    "scope_text" VARCHAR(1000),

    CONSTRAINT "legal_validity_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_relation" (
    "id" UUID NOT NULL,
    "kind" "legal_relation_kind" NOT NULL,
    "from_document_id" UUID,
    "from_source_id" VARCHAR(300),
    "from_number" VARCHAR(200),
    "from_number_key" VARCHAR(200),
    "from_title" VARCHAR(2000),
    "to_document_id" UUID,
    "to_source_id" VARCHAR(300),
    "to_number" VARCHAR(200),
    "to_number_key" VARCHAR(200),
    "to_title" VARCHAR(2000),

    CONSTRAINT "legal_relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_file" (
    "id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "media_type" VARCHAR(120) NOT NULL,
    "size" INTEGER,
    "sha256" CHAR(64),
    "source_url" VARCHAR(2000) NOT NULL,
    "stored_at" TIMESTAMPTZ(3),

    CONSTRAINT "legal_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_gazette_issue" (
    "id" UUID NOT NULL,
    "system" VARCHAR(60) NOT NULL,
    "source_id" VARCHAR(300) NOT NULL,
    "number" INTEGER NOT NULL,
    "number_to" INTEGER,
    "year" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "publisher" VARCHAR(300) NOT NULL,
    "source_url" VARCHAR(2000),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" CHAR(64) NOT NULL,

    CONSTRAINT "legal_gazette_issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_gazette_entry" (
    "id" UUID NOT NULL,
    "issue_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "document_id" UUID NOT NULL,
    "number_raw" VARCHAR(200) NOT NULL,
    "number_key" VARCHAR(200) NOT NULL,
    "type_code" VARCHAR(40) NOT NULL,
    "type_name" VARCHAR(120) NOT NULL,
    "issuer" VARCHAR(500) NOT NULL,
    "issue_date" DATE,
    "summary" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "page_to" INTEGER,

    CONSTRAINT "legal_gazette_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_sync_state" (
    "system" VARCHAR(60) NOT NULL,
    "cursor" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error_code" VARCHAR(60),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" VARCHAR(100),

    CONSTRAINT "legal_sync_state_pkey" PRIMARY KEY ("system")
);

-- CreateTable
CREATE TABLE "legal_sync_run" (
    "id" UUID NOT NULL,
    "system" VARCHAR(60) NOT NULL,
    "trigger" "legal_sync_trigger" NOT NULL,
    "status" "legal_sync_run_status" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "error_code" VARCHAR(60),
    "cursor_from" TIMESTAMPTZ(3),
    "cursor_to" TIMESTAMPTZ(3),
    "seen" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    "conflicts" INTEGER NOT NULL DEFAULT 0,
    "files_stored" INTEGER NOT NULL DEFAULT 0,
    "files_failed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "legal_sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "legal_document_number_key_idx" ON "legal_document"("number_key");

-- CreateIndex
CREATE INDEX "legal_document_issue_date_idx" ON "legal_document"("issue_date");

-- CreateIndex
CREATE INDEX "legal_document_effective_date_idx" ON "legal_document"("effective_date");

-- CreateIndex
CREATE INDEX "legal_document_status_idx" ON "legal_document"("status");

-- CreateIndex
CREATE INDEX "legal_document_field_keys_idx" ON "legal_document" USING GIN ("field_keys");

-- CreateIndex
CREATE INDEX "legal_document_search_folded_trgm" ON "legal_document" USING GIN ("search_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "legal_document_issuers_folded_trgm" ON "legal_document" USING GIN ("issuers_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "legal_document_source_document_id_idx" ON "legal_document_source"("document_id");

-- CreateIndex
CREATE UNIQUE INDEX "legal_document_source_system_source_id_key" ON "legal_document_source"("system", "source_id");

-- CreateIndex
CREATE INDEX "legal_issuer_document_id_idx" ON "legal_issuer"("document_id");

-- CreateIndex
CREATE INDEX "legal_validity_event_document_id_idx" ON "legal_validity_event"("document_id");

-- CreateIndex
CREATE INDEX "legal_validity_event_source_document_id_idx" ON "legal_validity_event"("source_document_id");

-- CreateIndex
CREATE INDEX "legal_relation_from_document_id_idx" ON "legal_relation"("from_document_id");

-- CreateIndex
CREATE INDEX "legal_relation_to_document_id_idx" ON "legal_relation"("to_document_id");

-- CreateIndex
CREATE INDEX "legal_relation_from_source_id_idx" ON "legal_relation"("from_source_id");

-- CreateIndex
CREATE INDEX "legal_relation_to_source_id_idx" ON "legal_relation"("to_source_id");

-- CreateIndex
CREATE INDEX "legal_relation_from_number_key_idx" ON "legal_relation"("from_number_key");

-- CreateIndex
CREATE INDEX "legal_relation_to_number_key_idx" ON "legal_relation"("to_number_key");

-- CreateIndex
CREATE INDEX "legal_file_document_id_idx" ON "legal_file"("document_id");

-- CreateIndex
CREATE INDEX "legal_file_sha256_idx" ON "legal_file"("sha256");

-- CreateIndex
CREATE INDEX "legal_gazette_issue_year_number_idx" ON "legal_gazette_issue"("year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "legal_gazette_issue_system_source_id_key" ON "legal_gazette_issue"("system", "source_id");

-- CreateIndex
CREATE INDEX "legal_gazette_entry_issue_id_idx" ON "legal_gazette_entry"("issue_id");

-- CreateIndex
CREATE INDEX "legal_gazette_entry_document_id_idx" ON "legal_gazette_entry"("document_id");

-- CreateIndex
CREATE INDEX "legal_sync_run_system_started_at_idx" ON "legal_sync_run"("system", "started_at");

-- AddForeignKey
ALTER TABLE "legal_document_source" ADD CONSTRAINT "legal_document_source_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_issuer" ADD CONSTRAINT "legal_issuer_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_validity_event" ADD CONSTRAINT "legal_validity_event_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_validity_event" ADD CONSTRAINT "legal_validity_event_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "legal_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_relation" ADD CONSTRAINT "legal_relation_from_document_id_fkey" FOREIGN KEY ("from_document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_relation" ADD CONSTRAINT "legal_relation_to_document_id_fkey" FOREIGN KEY ("to_document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_file" ADD CONSTRAINT "legal_file_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_gazette_entry" ADD CONSTRAINT "legal_gazette_entry_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "legal_gazette_issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_gazette_entry" ADD CONSTRAINT "legal_gazette_entry_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (the Prisma schema cannot express it, and the diff does not report it):
-- full-text matching over the folded search text, with the simple configuration because the
-- text is already folded (no diacritics, đ as d) and Vietnamese has no stemmer to apply.
-- Queries use the same expression, to_tsvector('simple'::regconfig, search_folded).
CREATE INDEX "legal_document_search_folded_fts" ON "legal_document" USING GIN (to_tsvector('simple'::regconfig, "search_folded"));
