-- CreateTable
CREATE TABLE "search_entry" (
    "kind" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(120) NOT NULL,
    "typename" VARCHAR(60) NOT NULL,
    "key_field" VARCHAR(30) NOT NULL,
    "title" TEXT NOT NULL,
    "body_text" TEXT NOT NULL,
    "title_folded" TEXT NOT NULL,
    "body_folded" TEXT NOT NULL,
    "number_keys" TEXT[],
    "agency_ids" UUID[],
    "date" TIMESTAMPTZ(3),
    "year" INTEGER,
    "visible_from" TIMESTAMPTZ(3),
    "external" BOOLEAN NOT NULL DEFAULT false,
    "source_url" VARCHAR(2000),
    "source_name" VARCHAR(300),
    "indexed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_entry_pkey" PRIMARY KEY ("kind","entity_id")
);

-- CreateTable
CREATE TABLE "search_outbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(120) NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_agency_portal" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "description" VARCHAR(2000),
    "harvest" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_agency_portal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_agency_portal_source" (
    "id" UUID NOT NULL,
    "portal_id" UUID NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "etag" VARCHAR(300),
    "last_modified" VARCHAR(100),
    "last_fetched_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_status" VARCHAR(40),
    "last_error" VARCHAR(500),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),

    CONSTRAINT "search_agency_portal_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_harvested_item" (
    "id" UUID NOT NULL,
    "portal_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "guid" VARCHAR(2000),
    "title" VARCHAR(1000) NOT NULL,
    "summary" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "content_hash" CHAR(64) NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_harvested_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "search_entry_number_keys_gin" ON "search_entry" USING GIN ("number_keys");

-- CreateIndex
CREATE INDEX "search_entry_agency_ids_gin" ON "search_entry" USING GIN ("agency_ids");

-- CreateIndex
CREATE INDEX "search_entry_year_idx" ON "search_entry"("year");

-- CreateIndex
CREATE INDEX "search_entry_date_idx" ON "search_entry"("date" DESC);

-- CreateIndex
CREATE INDEX "search_entry_title_folded_trgm" ON "search_entry" USING GIN ("title_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "search_outbox_kind_entity_id_idx" ON "search_outbox"("kind", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "search_agency_portal_agency_url_key" ON "search_agency_portal"("agency_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "search_agency_portal_source_portal_url_key" ON "search_agency_portal_source"("portal_id", "url");

-- CreateIndex
CREATE INDEX "search_harvested_item_agency_id_idx" ON "search_harvested_item"("agency_id");

-- CreateIndex
CREATE INDEX "search_harvested_item_published_at_idx" ON "search_harvested_item"("published_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "search_harvested_item_portal_url_key" ON "search_harvested_item"("portal_id", "url");

-- AddForeignKey
ALTER TABLE "search_agency_portal_source" ADD CONSTRAINT "search_agency_portal_source_portal_id_fkey" FOREIGN KEY ("portal_id") REFERENCES "search_agency_portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "search_harvested_item" ADD CONSTRAINT "search_harvested_item_portal_id_fkey" FOREIGN KEY ("portal_id") REFERENCES "search_agency_portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full text over the folded title and body ('simple' config: the text is already folded, and
-- Vietnamese syllables need no stemming). Queries use the same expression (subgraphs/search/engine/postgres-index.ts).
CREATE INDEX "search_entry_fts" ON "search_entry" USING GIN (to_tsvector('simple'::regconfig, "title_folded" || ' ' || "body_folded"));

-- The outbox: every change of a searchable row queues (source, key) in the writer's own
-- transaction. TG_ARGV[0] is the registered source (subgraphs/search/sources), TG_ARGV[1] the
-- column whose value the source loads by (the entity's key, or the parent row's for a child
-- table). A new searchable kind = its source in the registry + one trigger line here.
-- The body is an E-string with \073 for each semicolon: the migration engine splits scripts on them.
CREATE OR REPLACE FUNCTION search_enqueue() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE row_json jsonb := CASE WHEN TG_OP = ''DELETE'' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END\073 key_value text := row_json ->> TG_ARGV[1]\073 BEGIN IF key_value IS NOT NULL THEN INSERT INTO search_outbox (kind, entity_id) VALUES (TG_ARGV[0], key_value)\073 END IF\073 IF TG_OP = ''UPDATE'' AND (to_jsonb(OLD) ->> TG_ARGV[1]) IS DISTINCT FROM key_value AND (to_jsonb(OLD) ->> TG_ARGV[1]) IS NOT NULL THEN INSERT INTO search_outbox (kind, entity_id) VALUES (TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1])\073 END IF\073 RETURN NULL\073 END';

CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "portal_content_item" FOR EACH ROW EXECUTE FUNCTION search_enqueue('content', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "legal_document" FOR EACH ROW EXECUTE FUNCTION search_enqueue('legal-document', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "legal_issuer" FOR EACH ROW EXECUTE FUNCTION search_enqueue('legal-document', 'document_id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "legal_gazette_issue" FOR EACH ROW EXECUTE FUNCTION search_enqueue('gazette-issue', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "legal_gazette_entry" FOR EACH ROW EXECUTE FUNCTION search_enqueue('gazette-issue', 'issue_id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "services_procedure" FOR EACH ROW EXECUTE FUNCTION search_enqueue('procedure', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "services_online_service" FOR EACH ROW EXECUTE FUNCTION search_enqueue('online-service', 'code');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "citizens_request" FOR EACH ROW EXECUTE FUNCTION search_enqueue('question', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "citizens_request_agency" FOR EACH ROW EXECUTE FUNCTION search_enqueue('question', 'request_id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "citizens_consultation" FOR EACH ROW EXECUTE FUNCTION search_enqueue('consultation', 'id');
CREATE TRIGGER search_enqueue AFTER INSERT OR UPDATE OR DELETE ON "search_harvested_item" FOR EACH ROW EXECUTE FUNCTION search_enqueue('agency-portal-item', 'id');

-- What existed before this migration: indexed by the first indexer run.
INSERT INTO search_outbox (kind, entity_id) SELECT 'content', id::text FROM portal_content_item;
INSERT INTO search_outbox (kind, entity_id) SELECT 'legal-document', id::text FROM legal_document;
INSERT INTO search_outbox (kind, entity_id) SELECT 'gazette-issue', id::text FROM legal_gazette_issue;
INSERT INTO search_outbox (kind, entity_id) SELECT 'procedure', id::text FROM services_procedure;
INSERT INTO search_outbox (kind, entity_id) SELECT 'online-service', code FROM services_online_service;
INSERT INTO search_outbox (kind, entity_id) SELECT 'question', id::text FROM citizens_request;
INSERT INTO search_outbox (kind, entity_id) SELECT 'consultation', id::text FROM citizens_consultation;
