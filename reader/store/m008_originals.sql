-- Schema 8: the original page kept with every article saved from now on (issue 18).
--
-- The markup as loaded, compressed (reader.store.originals says how and why), so that a
-- better extractor or a site rule can extract a saved article again. Articles saved
-- before this schema have no row here: re-extraction says so and skips them.
CREATE TABLE article_originals (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT NOT NULL,        -- the page's source as loaded (file path or address)
    url TEXT,                    -- the address it was loaded from, when known
    format TEXT NOT NULL,        -- reader.model.Page.format
    codec TEXT NOT NULL,         -- how markup is compressed: 'zlib'
    markup BLOB NOT NULL,        -- the page's markup, UTF-8, compressed
    markup_size INTEGER NOT NULL,  -- its size before compression (bytes)
    kept_at REAL NOT NULL
);

-- The page's own assets (its images as loaded), content-addressed in the assets table
-- with the article's: an image both use is stored once.
CREATE TABLE original_assets (
    article_id INTEGER NOT NULL REFERENCES article_originals(article_id) ON DELETE CASCADE,
    url TEXT NOT NULL,           -- as the original markup references it
    sha256 TEXT NOT NULL REFERENCES assets(sha256),
    PRIMARY KEY (article_id, url)
) WITHOUT ROWID;
CREATE INDEX original_assets_sha256 ON original_assets(sha256);
