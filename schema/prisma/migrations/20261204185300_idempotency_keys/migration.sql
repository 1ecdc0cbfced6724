-- CreateTable
CREATE TABLE "kit_idempotency_key" (
    "id" UUID NOT NULL,
    "scope" VARCHAR(120) NOT NULL,
    "operation" VARCHAR(100) NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "answer" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "kit_idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kit_idempotency_key_expires_at_idx" ON "kit_idempotency_key"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "kit_idempotency_key_scope_operation_key_key" ON "kit_idempotency_key"("scope", "operation", "key");
