-- CreateTable
CREATE TABLE "services_procedure" (
    "id" UUID NOT NULL,
    "code" VARCHAR(60) NOT NULL,
    "local_code" VARCHAR(80),
    "name" VARCHAR(1000) NOT NULL,
    "name_en" VARCHAR(1000),
    "summary_en" TEXT,
    "sector_name" VARCHAR(300),
    "field_codes" TEXT[],
    "agency_codes" TEXT[],
    "legal_basis_keys" TEXT[],
    "tiers" JSONB NOT NULL,
    "details" JSONB NOT NULL,
    "effective_date" DATE,
    "valid_from" DATE,
    "valid_to" DATE,
    "announced_by" VARCHAR(200),
    "search_folded" TEXT NOT NULL,
    "first_published_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "system" VARCHAR(60) NOT NULL,
    "source_id" VARCHAR(120) NOT NULL,
    "source_url" VARCHAR(2000),
    "source_modified_at" TIMESTAMPTZ(3),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_procedure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services_online_service" (
    "id" UUID NOT NULL,
    "code" VARCHAR(80) NOT NULL,
    "procedure_code" VARCHAR(60) NOT NULL,
    "name" VARCHAR(1000) NOT NULL,
    "sector_name" VARCHAR(300),
    "field_code" VARCHAR(60),
    "field_name" VARCHAR(300),
    "agency_codes" TEXT[],
    "level" INTEGER,
    "level_since" DATE,
    "scope" VARCHAR(20),
    "scope_since" DATE,
    "portal_url" VARCHAR(2000),
    "guidance" TEXT,
    "search_folded" TEXT NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "system" VARCHAR(60) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" CHAR(64) NOT NULL,

    CONSTRAINT "services_online_service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services_catalogue_entry" (
    "kind" VARCHAR(20) NOT NULL,
    "code" VARCHAR(80) NOT NULL,
    "name" VARCHAR(500) NOT NULL,
    "parent_code" VARCHAR(80),
    "parent_name" VARCHAR(500),
    "system" VARCHAR(60) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_catalogue_entry_pkey" PRIMARY KEY ("kind","code")
);

-- CreateTable
CREATE TABLE "services_dossier" (
    "code" VARCHAR(80) NOT NULL,
    "procedure_code" VARCHAR(60),
    "procedure_name" VARCHAR(1000),
    "status" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3),
    "appointment_at" TIMESTAMPTZ(3),
    "returned_at" TIMESTAMPTZ(3),
    "handling_unit" VARCHAR(500),
    "applicant_mask" VARCHAR(200) NOT NULL,
    "verifier_hash" TEXT[],
    "progress" JSONB NOT NULL,
    "system" VARCHAR(60) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_dossier_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "services_usage_stat" (
    "service_code" VARCHAR(80) NOT NULL,
    "agency_code" VARCHAR(80) NOT NULL,
    "month" DATE NOT NULL,
    "received" INTEGER NOT NULL,
    "received_online" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL,
    "on_time" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,
    "system" VARCHAR(60) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_usage_stat_pkey" PRIMARY KEY ("service_code","agency_code","month")
);

-- CreateTable
CREATE TABLE "services_sync_state" (
    "job" VARCHAR(60) NOT NULL,
    "cursor" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error_code" VARCHAR(60),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_counts" JSONB,

    CONSTRAINT "services_sync_state_pkey" PRIMARY KEY ("job")
);

-- CreateIndex
CREATE UNIQUE INDEX "services_procedure_code_key" ON "services_procedure"("code");

-- CreateIndex
CREATE INDEX "services_procedure_field_codes_gin" ON "services_procedure" USING GIN ("field_codes");

-- CreateIndex
CREATE INDEX "services_procedure_agency_codes_gin" ON "services_procedure" USING GIN ("agency_codes");

-- CreateIndex
CREATE INDEX "services_procedure_legal_basis_keys_gin" ON "services_procedure" USING GIN ("legal_basis_keys");

-- CreateIndex
CREATE INDEX "services_procedure_local_code_idx" ON "services_procedure"("local_code");

-- CreateIndex
CREATE INDEX "services_procedure_search_trgm" ON "services_procedure" USING GIN ("search_folded" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "services_online_service_code_key" ON "services_online_service"("code");

-- CreateIndex
CREATE INDEX "services_online_service_procedure_code_idx" ON "services_online_service"("procedure_code");

-- CreateIndex
CREATE INDEX "services_online_service_field_code_idx" ON "services_online_service"("field_code");

-- CreateIndex
CREATE INDEX "services_online_service_search_trgm" ON "services_online_service" USING GIN ("search_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "services_usage_stat_agency_code_month_idx" ON "services_usage_stat"("agency_code", "month");

-- Full-text search over the folded text (hand-written: the diff does not see expression
-- indexes). Queries use the same expression, as the legal search does.
CREATE INDEX "services_procedure_search_tsv" ON "services_procedure" USING GIN (to_tsvector('simple'::regconfig, "search_folded"));
