-- Content of every kind in one item table plus a detail table per kind. The articles of the
-- first schema are carried over as items of kind ARTICLE (same ids), their attachments as
-- content files over deduplicated stored files, then the old tables are dropped.

-- CreateEnum
CREATE TYPE "portal_content_kind" AS ENUM ('ARTICLE', 'INTRODUCTION', 'DIRECTIVE', 'PETITION_RESPONSE', 'COMMENDATION', 'WORK_SCHEDULE', 'RECEPTION_SCHEDULE', 'LAW_EXPLAINER', 'PLAN', 'INVESTMENT_PROJECT', 'TENDER', 'SCIENCE_TASK', 'STATISTICS_DATASET');

-- CreateEnum
CREATE TYPE "portal_translation_status" AS ENUM ('MISSING', 'PARTIAL', 'COMPLETE');

-- CreateEnum
CREATE TYPE "portal_file_role" AS ENUM ('ATTACHMENT', 'PHOTO', 'VIDEO', 'REPORT', 'SUMMARY_REPORT', 'APPLICATION_REPORT', 'DATA');

-- CreateEnum
CREATE TYPE "portal_audit_outcome" AS ENUM ('SUCCEEDED', 'DENIED', 'FAILED');

-- CreateEnum
CREATE TYPE "portal_introduction_topic" AS ENUM ('NATURE', 'HISTORY', 'CULTURE', 'HERITAGE', 'LANDMARK', 'POLITICAL_SYSTEM', 'ADMINISTRATIVE_MAP');

-- CreateEnum
CREATE TYPE "portal_direction_kind" AS ENUM ('DIRECTIVE', 'DECISION', 'OFFICIAL_LETTER', 'ANNOUNCEMENT', 'CONCLUSION');

-- CreateEnum
CREATE TYPE "portal_commendation_kind" AS ENUM ('COMMENDATION', 'SANCTION');

-- CreateEnum
CREATE TYPE "portal_plan_kind" AS ENUM ('INVESTMENT_CALL', 'ZONING', 'LAND_USE', 'NATURAL_RESOURCE', 'ENVIRONMENT');

-- CreateEnum
CREATE TYPE "portal_funding_type" AS ENUM ('STATE_BUDGET', 'ODA', 'PPP', 'FDI', 'DOMESTIC_PRIVATE', 'MIXED', 'OTHER');

-- CreateEnum
CREATE TYPE "portal_project_status" AS ENUM ('PREPARING', 'UNDER_WAY', 'COMPLETED');

-- CreateEnum
CREATE TYPE "portal_tender_notice_kind" AS ENUM ('PROCUREMENT_PLAN', 'INVITATION_TO_BID', 'CONTRACTOR_SELECTION_RESULT', 'PROCUREMENT_NOTICE');

-- CreateEnum
CREATE TYPE "portal_management_level" AS ENUM ('NATIONAL', 'MINISTERIAL', 'PROVINCIAL', 'GRASSROOTS');

-- CreateTable
CREATE TABLE "portal_content_item" (
    "id" UUID NOT NULL,
    "kind" "portal_content_kind" NOT NULL,
    "category" VARCHAR(40) NOT NULL,
    "category_point" CHAR(1),
    "slug" VARCHAR(160) NOT NULL,
    "section_id" UUID,
    "agency_id" UUID,
    "title_vi" VARCHAR(500) NOT NULL,
    "title_en" VARCHAR(500),
    "summary_vi" VARCHAR(2000),
    "summary_en" VARCHAR(2000),
    "body_vi" TEXT NOT NULL DEFAULT '',
    "body_en" TEXT,
    "title_folded" VARCHAR(500) NOT NULL,
    "search_folded" TEXT NOT NULL,
    "state" "portal_publication_state" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "trigger_kind" VARCHAR(20),
    "trigger_date" DATE,
    "scheduled_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "first_published_at" TIMESTAMP(3),
    "author_name" VARCHAR(200),
    "source_name" VARCHAR(300),
    "source_url" VARCHAR(1000),
    "source_author" VARCHAR(200),
    "is_reused" BOOLEAN NOT NULL DEFAULT false,
    "subjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contributor" VARCHAR(300),
    "coverage" VARCHAR(300),
    "rights" VARCHAR(300),
    "relation" VARCHAR(1000),
    "translation_point" CHAR(1),
    "translation_status" "portal_translation_status" NOT NULL DEFAULT 'MISSING',
    "translated_at" TIMESTAMP(3),
    "return_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" VARCHAR(100),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "portal_content_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_stored_file" (
    "sha256" CHAR(64) NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "media_type" VARCHAR(120) NOT NULL,
    "storage_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_stored_file_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "portal_content_file" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "role" "portal_file_role" NOT NULL DEFAULT 'ATTACHMENT',
    "file_name" VARCHAR(255) NOT NULL,
    "caption_vi" VARCHAR(500),
    "caption_en" VARCHAR(500),
    "credit" VARCHAR(200),
    "width" INTEGER,
    "height" INTEGER,
    "duration_sec" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "portal_content_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_content_revision" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "action" VARCHAR(30) NOT NULL,
    "from_state" "portal_publication_state",
    "to_state" "portal_publication_state" NOT NULL,
    "actor_id" VARCHAR(100),
    "actor_name" VARCHAR(200),
    "actor_roles" TEXT[],
    "reason" VARCHAR(4000),
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_content_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_audit_event" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" VARCHAR(100) NOT NULL,
    "actor_id" VARCHAR(100),
    "actor_roles" TEXT[],
    "action" VARCHAR(40) NOT NULL,
    "target_id" UUID,
    "outcome" "portal_audit_outcome" NOT NULL,
    "detail" JSONB,

    CONSTRAINT "portal_audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_introduction_page" (
    "item_id" UUID NOT NULL,
    "topic" "portal_introduction_topic" NOT NULL,
    "unit_codes" TEXT[],
    "units_as_of" DATE,
    "address" VARCHAR(400),
    "latitude" DECIMAL(9,6),
    "longitude" DECIMAL(9,6),
    "recognition" VARCHAR(300),

    CONSTRAINT "portal_introduction_page_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_direction_item" (
    "item_id" UUID NOT NULL,
    "direction_kind" "portal_direction_kind" NOT NULL,
    "document_number" VARCHAR(60),
    "document_number_key" VARCHAR(60),
    "issued_on" DATE,
    "signer_name" VARCHAR(200),
    "signer_title" VARCHAR(200),

    CONSTRAINT "portal_direction_item_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_petition_response" (
    "item_id" UUID NOT NULL,
    "petitioner" VARCHAR(300) NOT NULL,
    "petition_summary_vi" VARCHAR(4000) NOT NULL,
    "petition_summary_en" VARCHAR(4000),
    "received_on" DATE,
    "responded_on" DATE,
    "response_number" VARCHAR(60),

    CONSTRAINT "portal_petition_response_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_commendation" (
    "item_id" UUID NOT NULL,
    "decision_kind" "portal_commendation_kind" NOT NULL,
    "subject_name" VARCHAR(300) NOT NULL,
    "form" VARCHAR(200) NOT NULL,
    "decision_number" VARCHAR(60),
    "decided_on" DATE,
    "amount_vnd" DECIMAL(20,2),

    CONSTRAINT "portal_commendation_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_schedule" (
    "item_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "official_id" UUID,
    "leader_name" VARCHAR(200),
    "location" VARCHAR(400),

    CONSTRAINT "portal_schedule_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_schedule_entry" (
    "id" UUID NOT NULL,
    "schedule_id" UUID NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "location" VARCHAR(400),
    "activity_vi" VARCHAR(2000) NOT NULL,
    "activity_en" VARCHAR(2000),
    "host" VARCHAR(200),
    "participants" VARCHAR(1000),
    "result_vi" VARCHAR(4000),
    "result_en" VARCHAR(4000),
    "cases_received" INTEGER,
    "cases_resolved" INTEGER,

    CONSTRAINT "portal_schedule_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_law_explainer" (
    "item_id" UUID NOT NULL,
    "sector" VARCHAR(120) NOT NULL,
    "audience" VARCHAR(300),
    "legal_basis" TEXT[],

    CONSTRAINT "portal_law_explainer_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_plan_item" (
    "item_id" UUID NOT NULL,
    "plan_kind" "portal_plan_kind" NOT NULL,
    "subtype" VARCHAR(40),
    "unit_codes" TEXT[],
    "units_as_of" DATE,
    "approval_number" VARCHAR(60),
    "approved_on" DATE,
    "period_from" INTEGER,
    "period_to" INTEGER,
    "vision_year" INTEGER,
    "area_hectares" DECIMAL(14,2),

    CONSTRAINT "portal_plan_item_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_investment_project" (
    "item_id" UUID NOT NULL,
    "objectives_vi" VARCHAR(4000) NOT NULL,
    "objectives_en" VARCHAR(4000),
    "field" VARCHAR(120) NOT NULL,
    "project_type" VARCHAR(120) NOT NULL,
    "start_year" INTEGER,
    "end_year" INTEGER,
    "budget_vnd" DECIMAL(20,2) NOT NULL,
    "funding_type" "portal_funding_type" NOT NULL,
    "donor" VARCHAR(300),
    "status" "portal_project_status" NOT NULL,
    "calling_for_capital" BOOLEAN NOT NULL DEFAULT false,
    "unit_codes" TEXT[],

    CONSTRAINT "portal_investment_project_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_tender" (
    "item_id" UUID NOT NULL,
    "notice_kind" "portal_tender_notice_kind" NOT NULL,
    "project_item_id" UUID,
    "package_name" VARCHAR(500) NOT NULL,
    "procuring_entity" VARCHAR(300) NOT NULL,
    "method" VARCHAR(120),
    "estimated_value_vnd" DECIMAL(20,2),
    "closing_at" TIMESTAMP(3),

    CONSTRAINT "portal_tender_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_science_task" (
    "item_id" UUID NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "management_level" "portal_management_level" NOT NULL,
    "field" VARCHAR(120) NOT NULL,
    "lead_unit" VARCHAR(300) NOT NULL,
    "principal_investigator" VARCHAR(200),
    "start_on" DATE,
    "end_on" DATE,
    "accepted_on" DATE,
    "result_summary_vi" VARCHAR(8000),
    "result_summary_en" VARCHAR(8000),

    CONSTRAINT "portal_science_task_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_statistics_dataset" (
    "item_id" UUID NOT NULL,
    "survey_period" VARCHAR(120) NOT NULL,
    "survey_from" DATE,
    "survey_to" DATE,
    "methodology_vi" VARCHAR(8000) NOT NULL,
    "methodology_en" VARCHAR(8000),
    "analysis_vi" VARCHAR(8000),
    "analysis_en" VARCHAR(8000),

    CONSTRAINT "portal_statistics_dataset_pkey" PRIMARY KEY ("item_id")
);

-- CreateTable
CREATE TABLE "portal_statistic_value" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "indicator_vi" VARCHAR(300) NOT NULL,
    "indicator_en" VARCHAR(300),
    "area" VARCHAR(200),
    "unit_code" VARCHAR(10),
    "period" VARCHAR(40) NOT NULL,
    "value" DECIMAL(24,6) NOT NULL,
    "unit" VARCHAR(40) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "portal_statistic_value_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "portal_content_item_state_published_at_idx" ON "portal_content_item"("state", "published_at" DESC);

-- CreateIndex
CREATE INDEX "portal_content_item_kind_state_published_at_idx" ON "portal_content_item"("kind", "state", "published_at" DESC);

-- CreateIndex
CREATE INDEX "portal_content_item_agency_id_category_idx" ON "portal_content_item"("agency_id", "category");

-- CreateIndex
CREATE INDEX "portal_content_item_section_id_idx" ON "portal_content_item"("section_id");

-- CreateIndex
CREATE INDEX "portal_content_item_scheduled_at_idx" ON "portal_content_item"("scheduled_at");

-- CreateIndex
CREATE INDEX "portal_content_item_search_folded_trgm" ON "portal_content_item" USING GIN ("search_folded" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "portal_content_item_kind_slug_key" ON "portal_content_item"("kind", "slug");

-- CreateIndex
CREATE INDEX "portal_content_file_sha256_idx" ON "portal_content_file"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "portal_content_file_item_sha_key" ON "portal_content_file"("item_id", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "portal_content_revision_item_version_key" ON "portal_content_revision"("item_id", "version");

-- CreateIndex
CREATE INDEX "portal_audit_event_target_id_idx" ON "portal_audit_event"("target_id");

-- CreateIndex
CREATE INDEX "portal_audit_event_at_idx" ON "portal_audit_event"("at");

-- CreateIndex
CREATE INDEX "portal_direction_item_document_number_key_idx" ON "portal_direction_item"("document_number_key");

-- CreateIndex
CREATE INDEX "portal_schedule_entry_schedule_id_starts_at_idx" ON "portal_schedule_entry"("schedule_id", "starts_at");

-- CreateIndex
CREATE INDEX "portal_law_explainer_sector_idx" ON "portal_law_explainer"("sector");

-- CreateIndex
CREATE INDEX "portal_plan_item_plan_kind_idx" ON "portal_plan_item"("plan_kind");

-- CreateIndex
CREATE INDEX "portal_investment_project_status_idx" ON "portal_investment_project"("status");

-- CreateIndex
CREATE INDEX "portal_tender_project_item_id_idx" ON "portal_tender"("project_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "portal_science_task_code_key" ON "portal_science_task"("code");

-- CreateIndex
CREATE INDEX "portal_statistic_value_dataset_id_sort_order_idx" ON "portal_statistic_value"("dataset_id", "sort_order");

-- AddForeignKey
ALTER TABLE "portal_content_item" ADD CONSTRAINT "portal_content_item_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "portal_article_category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_content_item" ADD CONSTRAINT "portal_content_item_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "portal_agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_content_file" ADD CONSTRAINT "portal_content_file_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_content_file" ADD CONSTRAINT "portal_content_file_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "portal_stored_file"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_content_revision" ADD CONSTRAINT "portal_content_revision_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_introduction_page" ADD CONSTRAINT "portal_introduction_page_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_direction_item" ADD CONSTRAINT "portal_direction_item_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_petition_response" ADD CONSTRAINT "portal_petition_response_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_commendation" ADD CONSTRAINT "portal_commendation_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_schedule" ADD CONSTRAINT "portal_schedule_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_schedule" ADD CONSTRAINT "portal_schedule_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "portal_official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_schedule_entry" ADD CONSTRAINT "portal_schedule_entry_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "portal_schedule"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_law_explainer" ADD CONSTRAINT "portal_law_explainer_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_plan_item" ADD CONSTRAINT "portal_plan_item_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_investment_project" ADD CONSTRAINT "portal_investment_project_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_tender" ADD CONSTRAINT "portal_tender_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_tender" ADD CONSTRAINT "portal_tender_project_item_id_fkey" FOREIGN KEY ("project_item_id") REFERENCES "portal_content_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_science_task" ADD CONSTRAINT "portal_science_task_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_statistics_dataset" ADD CONSTRAINT "portal_statistics_dataset_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "portal_content_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_statistic_value" ADD CONSTRAINT "portal_statistic_value_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "portal_statistics_dataset"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: carry the existing articles and attachments over (ids kept).
INSERT INTO "portal_content_item" ("id", "kind", "category", "slug", "section_id", "agency_id", "title_vi", "title_en",
  "summary_vi", "summary_en", "body_vi", "body_en", "title_folded", "search_folded", "state", "published_at",
  "first_published_at", "author_name", "source_name", "source_url", "source_author", "is_reused", "translation_status",
  "translated_at", "created_at", "updated_at")
SELECT "id", 'ARTICLE', 'NEWS', "slug", "category_id", "agency_id", "title_vi", "title_en", "summary_vi", "summary_en",
  "body_vi", "body_en", "title_folded", "title_folded", "state", "published_at",
  CASE WHEN "state" IN ('PUBLISHED', 'UNPUBLISHED', 'ARCHIVED') THEN "published_at" END,
  "author_name", "source_name", "source_url", "source_author", "is_reused",
  (CASE WHEN "title_en" IS NOT NULL AND "body_en" IS NOT NULL AND ("summary_vi" IS NULL OR "summary_en" IS NOT NULL) THEN 'COMPLETE'
        WHEN "title_en" IS NOT NULL OR "body_en" IS NOT NULL OR "summary_en" IS NOT NULL THEN 'PARTIAL'
        ELSE 'MISSING' END)::"portal_translation_status",
  CASE WHEN "title_en" IS NOT NULL AND "body_en" IS NOT NULL THEN "updated_at" END,
  "created_at", "updated_at"
FROM "portal_article";

INSERT INTO "portal_stored_file" ("sha256", "byte_size", "media_type", "storage_key")
SELECT DISTINCT ON ("sha256") "sha256", "byte_size", "media_type", substr("sha256", 1, 2) || '/' || "sha256"
FROM "portal_attachment" ORDER BY "sha256", "id";

INSERT INTO "portal_content_file" ("id", "item_id", "sha256", "role", "file_name", "caption_vi", "caption_en", "credit",
  "width", "height", "duration_sec", "sort_order")
SELECT DISTINCT ON ("article_id", "sha256") "id", "article_id", "sha256",
  (CASE WHEN "media_type" LIKE 'image/%' THEN 'PHOTO' WHEN "media_type" LIKE 'video/%' THEN 'VIDEO' ELSE 'ATTACHMENT' END)::"portal_file_role",
  "file_name", "caption_vi", "caption_en", "credit", "width", "height", "duration_sec", "sort_order"
FROM "portal_attachment" ORDER BY "article_id", "sha256", "sort_order";

ALTER TABLE "portal_article" DROP CONSTRAINT "portal_article_agency_id_fkey";
ALTER TABLE "portal_article" DROP CONSTRAINT "portal_article_category_id_fkey";
ALTER TABLE "portal_attachment" DROP CONSTRAINT "portal_attachment_article_id_fkey";
DROP TABLE "portal_article";
DROP TABLE "portal_attachment";

-- Hand-written: the rules the database itself keeps, whatever writes to it.
-- Category keys are those of schema/deadlines/rules.ts (CATEGORIES), trigger kinds its TriggerKind.
ALTER TABLE "portal_content_item"
  ADD CONSTRAINT "portal_content_item_category_check" CHECK ("category" IN ('INTRODUCTION', 'NEWS', 'DIRECTION',
    'LAW_DISSEMINATION', 'PLANS', 'LEGAL_DOCUMENTS', 'GAZETTE', 'PROCEDURES', 'ONLINE_SERVICES', 'INVESTMENT_PROJECTS',
    'SCIENCE_TASKS', 'CONSULTATION', 'QA', 'STATISTICS', 'ENGLISH')),
  ADD CONSTRAINT "portal_content_item_category_point_check" CHECK ("category_point" ~ '^[a-z]$'),
  ADD CONSTRAINT "portal_content_item_trigger_check" CHECK (("trigger_kind" IS NULL) = ("trigger_date" IS NULL)
    AND ("trigger_kind" IS NULL OR "trigger_kind" IN ('issued', 'approved', 'accepted', 'announced', 'received', 'effective', 'changed'))),
  ADD CONSTRAINT "portal_content_item_translation_point_check" CHECK ("translation_point" IN ('a', 'b', 'c', 'd', 'e')),
  ADD CONSTRAINT "portal_content_item_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  ADD CONSTRAINT "portal_content_item_published_check" CHECK ("state" <> 'PUBLISHED' OR ("published_at" IS NOT NULL AND "first_published_at" IS NOT NULL)),
  ADD CONSTRAINT "portal_content_item_version_check" CHECK ("version" >= 1);
ALTER TABLE "portal_stored_file"
  ADD CONSTRAINT "portal_stored_file_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "portal_stored_file_size_check" CHECK ("byte_size" > 0);
ALTER TABLE "portal_content_file"
  ADD CONSTRAINT "portal_content_file_dimensions_check" CHECK (("width" IS NULL OR "width" > 0) AND ("height" IS NULL OR "height" > 0)
    AND ("duration_sec" IS NULL OR "duration_sec" >= 0));
ALTER TABLE "portal_investment_project"
  ADD CONSTRAINT "portal_investment_project_budget_check" CHECK ("budget_vnd" >= 0),
  ADD CONSTRAINT "portal_investment_project_period_check" CHECK ("start_year" IS NULL OR "end_year" IS NULL OR "start_year" <= "end_year");
ALTER TABLE "portal_tender" ADD CONSTRAINT "portal_tender_value_check" CHECK ("estimated_value_vnd" IS NULL OR "estimated_value_vnd" >= 0);
ALTER TABLE "portal_commendation" ADD CONSTRAINT "portal_commendation_amount_check" CHECK ("amount_vnd" IS NULL OR "amount_vnd" >= 0);
ALTER TABLE "portal_schedule" ADD CONSTRAINT "portal_schedule_period_check" CHECK ("period_start" <= "period_end");
ALTER TABLE "portal_schedule_entry" ADD CONSTRAINT "portal_schedule_entry_time_check" CHECK ("ends_at" IS NULL OR "ends_at" >= "starts_at");
ALTER TABLE "portal_plan_item" ADD CONSTRAINT "portal_plan_item_period_check" CHECK ("period_from" IS NULL OR "period_to" IS NULL OR "period_from" <= "period_to");
ALTER TABLE "portal_science_task" ADD CONSTRAINT "portal_science_task_period_check" CHECK ("start_on" IS NULL OR "end_on" IS NULL OR "start_on" <= "end_on");
