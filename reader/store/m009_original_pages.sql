-- Schema 9: the later pages of an article fetched over several pages (issue 18).
--
-- Page 1 is the article's row in article_originals; pages 2, 3... are kept here,
-- compressed with the same codec, so that re-extraction sees the whole article.
CREATE TABLE original_pages (
    article_id INTEGER NOT NULL REFERENCES article_originals(article_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,     -- 2 for the second page, and so on
    url TEXT NOT NULL,           -- the address the page was fetched from
    markup BLOB NOT NULL,        -- its markup, UTF-8, compressed (article_originals.codec)
    markup_size INTEGER NOT NULL,  -- its size before compression (bytes)
    PRIMARY KEY (article_id, number)
) WITHOUT ROWID;
