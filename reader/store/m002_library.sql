-- Schema 2: the real library (issues 4 and 5): reading state, tags, soft delete with undo,
-- full-text search kept in sync by triggers, and the maintained story aggregate that the
-- sidebar reads instead of a GROUP BY over millions of links.
-- Needs the SQL function reader_story_score(times, last_seen) (registered by Library).

ALTER TABLE articles ADD COLUMN updated_at REAL;
ALTER TABLE articles ADD COLUMN content_hash TEXT;   -- "unchanged" on re-import
ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL DEFAULT '';  -- newline-separated, for FTS
ALTER TABLE articles ADD COLUMN position TEXT;      -- reading anchor saved by the UI
ALTER TABLE articles ADD COLUMN deleted_at REAL;    -- soft delete: restore() undoes it

-- Every list starts with "deleted_at IS NULL": leading with it lets one index both filter
-- and sort a page (and count a filter without touching the table).
DROP INDEX articles_saved;
CREATE INDEX articles_saved ON articles(deleted_at, saved_at);
CREATE INDEX articles_published ON articles(deleted_at, published);
CREATE INDEX articles_title ON articles(deleted_at, title COLLATE NOCASE);
CREATE INDEX articles_read ON articles(deleted_at, read, saved_at);
CREATE INDEX articles_starred ON articles(deleted_at, starred, saved_at);
CREATE INDEX articles_archived ON articles(deleted_at, archived, saved_at);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag, article_id);

-- Stories: maintained aggregate, read state and a ranking score with an index.
ALTER TABLE stories ADD COLUMN url_key TEXT;
ALTER TABLE stories ADD COLUMN times_recommended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN first_seen REAL;
ALTER TABLE stories ADD COLUMN last_seen REAL;
ALTER TABLE stories ADD COLUMN read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN score REAL NOT NULL DEFAULT 0;

UPDATE stories SET url_key = substr(key, 3) WHERE key LIKE 'u:%';
UPDATE stories SET
    times_recommended = (SELECT count(*) FROM article_stories l WHERE l.story_id = stories.id),
    first_seen = (SELECT min(a.saved_at) FROM article_stories l
                  JOIN articles a ON a.id = l.article_id WHERE l.story_id = stories.id),
    last_seen = (SELECT max(a.saved_at) FROM article_stories l
                 JOIN articles a ON a.id = l.article_id WHERE l.story_id = stories.id);
UPDATE stories SET score = reader_story_score(times_recommended, last_seen);
UPDATE stories SET read = 1 WHERE url_key IN
    (SELECT url_key FROM articles WHERE opened_at IS NOT NULL AND url_key IS NOT NULL);

CREATE INDEX stories_url_key ON stories(url_key);
CREATE INDEX stories_rank ON stories(score DESC) WHERE read = 0 AND times_recommended > 0;

-- Full-text search: external content (no second copy of the text), read through a view.
CREATE VIEW article_search AS
    SELECT a.id AS id, a.title AS title, a.byline AS byline, a.site_name AS site,
           b.text AS text, a.tags AS tags
    FROM articles a JOIN article_bodies b ON b.article_id = a.id;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site, text, tags,
    content = 'article_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- An article is indexed once its body exists (save writes the row, then the body).
CREATE TRIGGER article_bodies_ai AFTER INSERT ON article_bodies BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags)
    SELECT a.id, a.title, a.byline, a.site_name, new.text, a.tags
    FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER article_bodies_ad AFTER DELETE ON article_bodies BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags)
    SELECT 'delete', a.id, a.title, a.byline, a.site_name, old.text, a.tags
    FROM articles a WHERE a.id = old.article_id;
END;
CREATE TRIGGER article_bodies_au AFTER UPDATE OF text ON article_bodies
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags)
    SELECT 'delete', a.id, a.title, a.byline, a.site_name, old.text, a.tags
    FROM articles a WHERE a.id = old.article_id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags)
    SELECT a.id, a.title, a.byline, a.site_name, new.text, a.tags
    FROM articles a WHERE a.id = new.article_id;
END;
-- Before the row goes (a cascade deletes the body after the row, too late to read it).
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags)
    SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text, old.tags
    FROM article_bodies b WHERE b.article_id = old.id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, byline, site_name, tags ON articles
WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline
     OR old.site_name IS NOT new.site_name OR old.tags IS NOT new.tags BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags)
    SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text, old.tags
    FROM article_bodies b WHERE b.article_id = old.id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags)
    SELECT new.id, new.title, new.byline, new.site_name, b.text, new.tags
    FROM article_bodies b WHERE b.article_id = new.id;
END;

INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
