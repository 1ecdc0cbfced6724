-- AlterTable
ALTER TABLE "citizens_request" ADD COLUMN     "search_folded" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "citizens_request_file" ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "citizens_comment_file" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "media_type" VARCHAR(120) NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storage_key" VARCHAR(100) NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citizens_comment_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "citizens_comment_file_comment_id_idx" ON "citizens_comment_file"("comment_id");

-- CreateIndex
CREATE INDEX "citizens_request_search_folded_trgm" ON "citizens_request" USING GIN ("search_folded" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "citizens_comment_file" ADD CONSTRAINT "citizens_comment_file_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "citizens_consultation_comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: fold what is already published (the application folds with schema/text on
-- every later publication).
UPDATE "citizens_request"
   SET "search_folded" = btrim(regexp_replace(lower(hub_unaccent(concat_ws(' ', coalesce("public_title", "title"), coalesce("public_body", "body"), "answer_text", "field_name"))), '[\s/–-]+', ' ', 'g'))
 WHERE "published_at" IS NOT NULL;
