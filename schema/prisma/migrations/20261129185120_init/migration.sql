-- Hand-written: extensions for Vietnamese search. PGlite loads them at creation, PostgreSQL
-- 15+ ships them in contrib. (No semicolons in comments: the engine splits scripts on them.)
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE, index expressions need an IMMUTABLE wrapper.
CREATE OR REPLACE FUNCTION hub_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$;

-- CreateEnum
CREATE TYPE "portal_unit_tier" AS ENUM ('PROVINCE', 'DISTRICT', 'COMMUNE');

-- CreateEnum
CREATE TYPE "portal_publication_state" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "portal_administrative_unit" (
    "id" UUID NOT NULL,
    "code" VARCHAR(10) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "tier" "portal_unit_tier" NOT NULL,
    "parent_code" VARCHAR(10),
    "valid_from" DATE,
    "valid_to" DATE,
    "successor_code" VARCHAR(10),
    "successor_name" VARCHAR(200),
    "name_folded" VARCHAR(200) NOT NULL,

    CONSTRAINT "portal_administrative_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_agency" (
    "id" UUID NOT NULL,
    "code" VARCHAR(35) NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "name_vi" VARCHAR(300) NOT NULL,
    "name_en" VARCHAR(300),
    "short_name" VARCHAR(60),
    "kind" VARCHAR(60) NOT NULL,
    "parent_id" UUID,
    "unit_code" VARCHAR(10),
    "address" VARCHAR(400),
    "phone" VARCHAR(40),
    "fax" VARCHAR(40),
    "email" VARCHAR(200),
    "website" VARCHAR(300),
    "functions_vi" TEXT,
    "functions_en" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "valid_from" DATE,
    "valid_to" DATE,
    "name_folded" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "portal_agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_official" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "full_name" VARCHAR(200) NOT NULL,
    "position_vi" VARCHAR(200) NOT NULL,
    "position_en" VARCHAR(200),
    "unit_name" VARCHAR(300),
    "phone" VARCHAR(40),
    "fax" VARCHAR(40),
    "email" VARCHAR(200),
    "is_leader" BOOLEAN NOT NULL DEFAULT false,
    "biography_vi" TEXT,
    "biography_en" TEXT,
    "duties_vi" TEXT,
    "duties_en" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "valid_from" DATE,
    "valid_to" DATE,
    "name_folded" VARCHAR(200) NOT NULL,

    CONSTRAINT "portal_official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_article_category" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "name_vi" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200),
    "parent_id" UUID,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "portal_article_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_article" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(160) NOT NULL,
    "category_id" UUID NOT NULL,
    "agency_id" UUID,
    "title_vi" VARCHAR(500) NOT NULL,
    "title_en" VARCHAR(500),
    "summary_vi" VARCHAR(2000),
    "summary_en" VARCHAR(2000),
    "body_vi" TEXT NOT NULL,
    "body_en" TEXT,
    "state" "portal_publication_state" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMP(3),
    "author_name" VARCHAR(200),
    "source_name" VARCHAR(300),
    "source_url" VARCHAR(1000),
    "source_author" VARCHAR(200),
    "is_reused" BOOLEAN NOT NULL DEFAULT false,
    "title_folded" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "portal_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_attachment" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "media_type" VARCHAR(120) NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "caption_vi" VARCHAR(500),
    "caption_en" VARCHAR(500),
    "credit" VARCHAR(200),
    "width" INTEGER,
    "height" INTEGER,
    "duration_sec" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "portal_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "portal_administrative_unit_parent_code_idx" ON "portal_administrative_unit"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "portal_unit_code_tier_valid_to_key" ON "portal_administrative_unit"("code", "tier", "valid_to");

-- CreateIndex
CREATE UNIQUE INDEX "portal_agency_slug_key" ON "portal_agency"("slug");

-- CreateIndex
CREATE INDEX "portal_agency_name_folded_trgm" ON "portal_agency" USING GIN ("name_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "portal_agency_parent_id_idx" ON "portal_agency"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "portal_agency_code_valid_from_key" ON "portal_agency"("code", "valid_from");

-- CreateIndex
CREATE INDEX "portal_official_agency_id_idx" ON "portal_official"("agency_id");

-- CreateIndex
CREATE INDEX "portal_official_name_folded_trgm" ON "portal_official" USING GIN ("name_folded" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "portal_article_category_slug_key" ON "portal_article_category"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "portal_article_slug_key" ON "portal_article"("slug");

-- CreateIndex
CREATE INDEX "portal_article_title_folded_trgm" ON "portal_article" USING GIN ("title_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "portal_article_state_published_at_idx" ON "portal_article"("state", "published_at" DESC);

-- CreateIndex
CREATE INDEX "portal_article_category_id_idx" ON "portal_article"("category_id");

-- CreateIndex
CREATE INDEX "portal_article_agency_id_idx" ON "portal_article"("agency_id");

-- CreateIndex
CREATE INDEX "portal_attachment_article_id_idx" ON "portal_attachment"("article_id");

-- AddForeignKey
ALTER TABLE "portal_agency" ADD CONSTRAINT "portal_agency_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "portal_agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_official" ADD CONSTRAINT "portal_official_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "portal_agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_article_category" ADD CONSTRAINT "portal_article_category_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "portal_article_category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_article" ADD CONSTRAINT "portal_article_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "portal_article_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_article" ADD CONSTRAINT "portal_article_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "portal_agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_attachment" ADD CONSTRAINT "portal_attachment_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "portal_article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
