-- Schema 7: moving in from other readers (issue 16).
--
-- Addresses imported without their text wait in a queue kept in the library, so that
-- fetching them survives quitting and crashes: each article row is there at once (its
-- title, address, state and dates), its text arrives when its turn comes.
CREATE TABLE fetch_queue (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,                     -- what to fetch (the address the export gave)
    host TEXT NOT NULL DEFAULT '',         -- lower-case host: at most 2 requests at a time
    state TEXT NOT NULL DEFAULT 'queued',  -- queued | fetching | fetched | failed | login
    attempts INTEGER NOT NULL DEFAULT 0,   -- tries that ended in a passing failure
    not_before REAL NOT NULL DEFAULT 0,    -- back-off: not tried again before this time
    reason TEXT NOT NULL DEFAULT '',       -- why it failed, or why it waits
    added_at REAL NOT NULL,
    done_at REAL                           -- fetched, or failed for good
);
-- The runner asks for what is due, oldest first.
CREATE INDEX fetch_queue_due ON fetch_queue(state, not_before, added_at);

-- The same text saved twice under two addresses is one article: a key of the words alone
-- (reader_text_key: lower case, spacing ignored; NULL for texts too short to tell apart).
ALTER TABLE articles ADD COLUMN text_key TEXT;
UPDATE articles SET text_key = (
    SELECT reader_text_key(b.text) FROM article_bodies b WHERE b.article_id = articles.id);
CREATE INDEX articles_text_key ON articles(text_key) WHERE text_key IS NOT NULL;
