-- The services sync jobs are keyed by system: `<system>:<feed>` (subgraphs/services/sync/syncer.ts)
-- instead of the feed alone. The rows carry over whole (cursor, last run/success/error, failures,
-- lease, counts): the catalogue came from the national public-service portal and the usage
-- statistics from the one-stop system, the only sources of those feeds. A row already under its
-- new key (none: the key is new) is left as it is and the old one kept for an operator to see.
UPDATE "services_sync_state" SET "job" = 'national-service-portal:catalogue'
  WHERE "job" = 'catalogue' AND NOT EXISTS (SELECT 1 FROM "services_sync_state" WHERE "job" = 'national-service-portal:catalogue');
UPDATE "services_sync_state" SET "job" = 'one-stop:usage'
  WHERE "job" = 'usage' AND NOT EXISTS (SELECT 1 FROM "services_sync_state" WHERE "job" = 'one-stop:usage');
