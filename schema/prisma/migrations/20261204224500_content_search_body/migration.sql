-- Hand-written: the portal's content search matches the body too (contentItems filter.search).
-- New and edited items get it from the editorial use-case (foldVietnamese of the plain body),
-- items stored before this migration from the same folding done in SQL: tags removed,
-- hub_unaccent (diacritics, đ to d), lower case, spaces collapsed.
UPDATE "portal_content_item"
SET "search_folded" = btrim(regexp_replace(lower(hub_unaccent("search_folded" || ' ' || regexp_replace("body_vi", '<[^>]*>', ' ', 'g'))), '\s+', ' ', 'g'))
WHERE "body_vi" <> '';
