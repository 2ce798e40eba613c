-- Schema 10: originals kept with zstd instead of zlib (issue 18; reader.store.originals
-- says why), and each later page says its own codec as page 1 does.
--
-- reader_repack_original(codec, markup) is reader.store.originals.repacked (registered
-- by reader.store.database): the markup again as zstd keeps it, or NULL when it cannot
-- be read; such a row keeps its zlib markup and codec and says it is damaged when read.
ALTER TABLE original_pages ADD COLUMN codec TEXT NOT NULL DEFAULT 'zlib';

UPDATE article_originals SET markup = repacked.markup, codec = 'zstd'
FROM (
    SELECT article_id, reader_repack_original(codec, markup) AS markup
    FROM article_originals WHERE codec = 'zlib'
) AS repacked
WHERE article_originals.article_id = repacked.article_id AND repacked.markup IS NOT NULL;

UPDATE original_pages SET markup = repacked.markup, codec = 'zstd'
FROM (
    SELECT article_id, number, reader_repack_original(codec, markup) AS markup
    FROM original_pages WHERE codec = 'zlib'
) AS repacked
WHERE original_pages.article_id = repacked.article_id
    AND original_pages.number = repacked.number AND repacked.markup IS NOT NULL;
