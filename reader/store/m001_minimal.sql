-- Schema 1: the minimal library (issue 3). Every opened article with its assets and the
-- stories it recommended. Kept as history: later schemas migrate from it, tests build it.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,            -- the argument as given when it was loaded
    origin TEXT,                     -- absolute file path or URL loaded from (dedupe)
    url TEXT,                        -- the page's own address, canonical when known
    url_key TEXT,                    -- reader.urls.normalize_url(url) (dedupe, story links)
    host TEXT,                       -- lower-case host of url, for site: filters
    title TEXT NOT NULL,
    byline TEXT,
    published TEXT,
    site_name TEXT,
    lang TEXT,
    excerpt TEXT,
    lead_image TEXT,
    word_count INTEGER NOT NULL DEFAULT 0,
    reading_minutes INTEGER NOT NULL DEFAULT 1,
    readerable INTEGER NOT NULL DEFAULT 1,
    saved_at REAL NOT NULL,          -- unix seconds
    opened_at REAL
);
CREATE INDEX articles_url_key ON articles(url_key);
CREATE INDEX articles_origin ON articles(origin);
CREATE INDEX articles_saved ON articles(saved_at);
CREATE INDEX articles_opened ON articles(opened_at);

-- The big columns live apart so that listing and sorting never read them.
CREATE TABLE article_bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_html TEXT NOT NULL,
    text TEXT NOT NULL
);

-- Content-addressed: the same image saved by ten articles is stored once.
CREATE TABLE assets (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE article_assets (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,               -- as it appears in content_html
    sha256 TEXT NOT NULL REFERENCES assets(sha256),
    PRIMARY KEY (article_id, url)
) WITHOUT ROWID;
CREATE INDEX article_assets_sha256 ON article_assets(sha256);

-- One row per story: key is "u:" + normalized URL, or "t:" + normalized title.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    url TEXT,
    summary TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    image TEXT,
    sponsored INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE article_stories (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,       -- page order
    story_id INTEGER NOT NULL REFERENCES stories(id),
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_stories_story ON article_stories(story_id);
