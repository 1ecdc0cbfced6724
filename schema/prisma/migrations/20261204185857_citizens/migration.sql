-- CreateEnum
CREATE TYPE "citizens_request_kind" AS ENUM ('QUESTION', 'PETITION');

-- CreateEnum
CREATE TYPE "citizens_request_state" AS ENUM ('RECEIVED', 'ROUTED', 'ANSWER_SUBMITTED', 'ANSWERED', 'REJECTED');

-- CreateEnum
CREATE TYPE "citizens_answer_channel" AS ENUM ('PORTAL', 'DIRECT');

-- CreateEnum
CREATE TYPE "citizens_file_role" AS ENUM ('REQUEST', 'ANSWER');

-- CreateEnum
CREATE TYPE "citizens_consultation_kind" AS ENUM ('LEGAL_DOCUMENT', 'POLICY');

-- CreateEnum
CREATE TYPE "citizens_comment_state" AS ENUM ('PENDING', 'PUBLISHED', 'REJECTED');

-- CreateEnum
CREATE TYPE "citizens_notification_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'DEAD');

-- CreateTable
CREATE TABLE "citizens_request" (
    "id" UUID NOT NULL,
    "kind" "citizens_request_kind" NOT NULL,
    "tracking_code" VARCHAR(20) NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL,
    "state" "citizens_request_state" NOT NULL DEFAULT 'RECEIVED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "asker_name" VARCHAR(200) NOT NULL,
    "asker_email" VARCHAR(254),
    "asker_phone" VARCHAR(20),
    "contact_key" VARCHAR(64) NOT NULL,
    "client_key" VARCHAR(64),
    "locale" VARCHAR(5) NOT NULL DEFAULT 'vi',
    "topic" VARCHAR(200),
    "regulation" VARCHAR(500),
    "title" VARCHAR(500) NOT NULL,
    "body" TEXT NOT NULL,
    "field_name" VARCHAR(200),
    "coordination" BOOLEAN NOT NULL DEFAULT false,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "received_on" DATE NOT NULL,
    "due_on" DATE,
    "answer_text" TEXT,
    "answer_channel" "citizens_answer_channel",
    "answer_agency_id" UUID,
    "answered_at" TIMESTAMP(3),
    "answered_on" DATE,
    "published_at" TIMESTAMP(3),
    "public_title" VARCHAR(500),
    "public_body" TEXT,
    "rejection_reason" VARCHAR(2000),
    "source" VARCHAR(20) NOT NULL DEFAULT 'PORTAL',
    "external_id" VARCHAR(100),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "citizens_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_request_agency" (
    "request_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "citizens_request_agency_pkey" PRIMARY KEY ("request_id","agency_id")
);

-- CreateTable
CREATE TABLE "citizens_request_event" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" VARCHAR(100),
    "actor_roles" VARCHAR(20)[],
    "action" VARCHAR(40) NOT NULL,
    "from_state" "citizens_request_state",
    "to_state" "citizens_request_state" NOT NULL,
    "note" VARCHAR(2000),

    CONSTRAINT "citizens_request_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_request_file" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "role" "citizens_file_role" NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "media_type" VARCHAR(120) NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storage_key" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citizens_request_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_consultation" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "kind" "citizens_consultation_kind" NOT NULL,
    "title" VARCHAR(500) NOT NULL,
    "summary" VARCHAR(2000),
    "body" TEXT NOT NULL,
    "drafting_agency_id" UUID NOT NULL,
    "receiving_name" VARCHAR(300) NOT NULL,
    "receiving_address" VARCHAR(400) NOT NULL,
    "receiving_email" VARCHAR(254) NOT NULL,
    "opens_on" DATE NOT NULL,
    "closes_on" DATE NOT NULL,
    "opens_at" TIMESTAMP(3) NOT NULL,
    "closes_at" TIMESTAMP(3) NOT NULL,
    "published_at" TIMESTAMP(3),
    "legal_document_id" UUID,
    "created_by" VARCHAR(100),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "citizens_consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_consultation_comment" (
    "id" UUID NOT NULL,
    "consultation_id" UUID NOT NULL,
    "author_name" VARCHAR(200) NOT NULL,
    "author_email" VARCHAR(254),
    "author_phone" VARCHAR(20),
    "organisation" VARCHAR(300),
    "contact_key" VARCHAR(64) NOT NULL,
    "client_key" VARCHAR(64),
    "section" VARCHAR(200),
    "body" TEXT NOT NULL,
    "state" "citizens_comment_state" NOT NULL DEFAULT 'PENDING',
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderated_at" TIMESTAMP(3),
    "moderator_id" VARCHAR(100),
    "moderation_note" VARCHAR(2000),

    CONSTRAINT "citizens_consultation_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_notification" (
    "id" UUID NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "recipient" VARCHAR(254),
    "subject_id" UUID,
    "payload" JSONB NOT NULL,
    "status" "citizens_notification_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMP(3),
    "last_error" VARCHAR(500),
    "sent_at" TIMESTAMP(3),
    "dedupe_key" VARCHAR(200),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citizens_notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizens_agency_inbox" (
    "agency_id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "citizens_agency_inbox_pkey" PRIMARY KEY ("agency_id")
);

-- CreateTable
CREATE TABLE "citizens_spent_challenge" (
    "signature" VARCHAR(128) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "citizens_spent_challenge_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE UNIQUE INDEX "citizens_request_tracking_code_key" ON "citizens_request"("tracking_code");

-- CreateIndex
CREATE INDEX "citizens_request_state_due_on_idx" ON "citizens_request"("state", "due_on");

-- CreateIndex
CREATE INDEX "citizens_request_contact_key_received_at_idx" ON "citizens_request"("contact_key", "received_at");

-- CreateIndex
CREATE INDEX "citizens_request_client_key_received_at_idx" ON "citizens_request"("client_key", "received_at");

-- CreateIndex
CREATE INDEX "citizens_request_published_at_idx" ON "citizens_request"("published_at");

-- CreateIndex
CREATE UNIQUE INDEX "citizens_request_source_external_key" ON "citizens_request"("source", "external_id");

-- CreateIndex
CREATE INDEX "citizens_request_agency_agency_id_idx" ON "citizens_request_agency"("agency_id");

-- CreateIndex
CREATE INDEX "citizens_request_event_request_id_at_idx" ON "citizens_request_event"("request_id", "at");

-- CreateIndex
CREATE INDEX "citizens_request_file_request_id_idx" ON "citizens_request_file"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "citizens_consultation_slug_key" ON "citizens_consultation"("slug");

-- CreateIndex
CREATE INDEX "citizens_consultation_drafting_agency_id_idx" ON "citizens_consultation"("drafting_agency_id");

-- CreateIndex
CREATE INDEX "citizens_consultation_closes_at_idx" ON "citizens_consultation"("closes_at");

-- CreateIndex
CREATE INDEX "citizens_consultation_comment_consultation_id_state_idx" ON "citizens_consultation_comment"("consultation_id", "state");

-- CreateIndex
CREATE INDEX "citizens_consultation_comment_contact_key_submitted_at_idx" ON "citizens_consultation_comment"("contact_key", "submitted_at");

-- CreateIndex
CREATE INDEX "citizens_consultation_comment_client_key_submitted_at_idx" ON "citizens_consultation_comment"("client_key", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "citizens_notification_dedupe_key_key" ON "citizens_notification"("dedupe_key");

-- CreateIndex
CREATE INDEX "citizens_notification_status_next_attempt_at_idx" ON "citizens_notification"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "citizens_spent_challenge_expires_at_idx" ON "citizens_spent_challenge"("expires_at");

-- AddForeignKey
ALTER TABLE "citizens_request_agency" ADD CONSTRAINT "citizens_request_agency_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "citizens_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizens_request_event" ADD CONSTRAINT "citizens_request_event_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "citizens_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizens_request_file" ADD CONSTRAINT "citizens_request_file_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "citizens_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizens_consultation_comment" ADD CONSTRAINT "citizens_consultation_comment_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "citizens_consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
