-- Schema 6: highlights and their notes (issue 15).
--
-- A highlight is anchored by its quote (W3C-style selectors: exact, prefix, suffix, and a
-- position hint), never by offsets into the HTML, so it survives re-extraction. Its note
-- is a column rather than a table of its own: a highlight has at most one note, and the
-- list and the export read both together.

CREATE TABLE highlights (
    id INTEGER PRIMARY KEY,
    -- NULL once the article is purged and its highlights were kept (see article_title)
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    exact TEXT NOT NULL,               -- the quote as shown (paragraphs as newlines)
    prefix TEXT NOT NULL DEFAULT '',   -- text just before it
    suffix TEXT NOT NULL DEFAULT '',   -- text just after it
    position_start INTEGER NOT NULL DEFAULT 0,  -- where it was in the text anchored to,
    position_end INTEGER NOT NULL DEFAULT 0,    -- a hint only (reader.highlights.attach)
    text_length INTEGER NOT NULL DEFAULT 0,     -- that text's length (hint as a fraction)
    color TEXT NOT NULL DEFAULT 'yellow',
    note TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    detached INTEGER NOT NULL DEFAULT 0,  -- not found in the article's current text
    article_title TEXT,                   -- the article's, kept when it is deleted
    article_url TEXT,
    deleted_at REAL                       -- removed: undo clears it, a later start purges
);
CREATE INDEX highlights_article ON highlights(article_id, position_start);
CREATE INDEX highlights_newest ON highlights(deleted_at, created_at);

-- The words of highlights and notes, for the library-wide highlights view.
CREATE VIRTUAL TABLE highlights_fts USING fts5(
    exact, note,
    content = 'highlights', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER highlights_fts_ai AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
END;
CREATE TRIGGER highlights_fts_ad AFTER DELETE ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
    VALUES ('delete', old.id, old.exact, old.note);
END;
CREATE TRIGGER highlights_fts_au AFTER UPDATE OF exact, note ON highlights
WHEN old.exact IS NOT new.exact OR old.note IS NOT new.note BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
    VALUES ('delete', old.id, old.exact, old.note);
    INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
END;

-- Each article keeps its highlights' words and their number, maintained like its tags:
-- the article search finds an article by a note, and is:highlighted is a column test.
ALTER TABLE articles ADD COLUMN highlights TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN highlight_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_highlighted ON articles(deleted_at, saved_at) WHERE highlight_count > 0;

CREATE VIEW article_highlight_totals AS
    SELECT article_id, count(*) AS total,
           group_concat(exact || char(10) || note, char(10)) AS words
    FROM highlights WHERE deleted_at IS NULL AND article_id IS NOT NULL
    GROUP BY article_id;

CREATE TRIGGER highlights_totals_ai AFTER INSERT ON highlights
WHEN new.article_id IS NOT NULL BEGIN
    UPDATE articles SET
        highlights = ifnull((SELECT words FROM article_highlight_totals
                             WHERE article_id = new.article_id), ''),
        highlight_count = ifnull((SELECT total FROM article_highlight_totals
                                  WHERE article_id = new.article_id), 0)
    WHERE id = new.article_id;
END;
CREATE TRIGGER highlights_totals_ad AFTER DELETE ON highlights
WHEN old.article_id IS NOT NULL BEGIN
    UPDATE articles SET
        highlights = ifnull((SELECT words FROM article_highlight_totals
                             WHERE article_id = old.article_id), ''),
        highlight_count = ifnull((SELECT total FROM article_highlight_totals
                                  WHERE article_id = old.article_id), 0)
    WHERE id = old.article_id;
END;
CREATE TRIGGER highlights_totals_au AFTER UPDATE OF exact, note, deleted_at, article_id
ON highlights BEGIN
    UPDATE articles SET
        highlights = ifnull((SELECT words FROM article_highlight_totals
                             WHERE article_id = articles.id), ''),
        highlight_count = ifnull((SELECT total FROM article_highlight_totals
                                  WHERE article_id = articles.id), 0)
    WHERE id IN (old.article_id, new.article_id);
END;

-- The article search index gains a sixth column, the highlights' words: the index, its
-- view and every trigger that writes it are made again with it (schema 2's, plus one).
DROP TRIGGER article_bodies_ai;
DROP TRIGGER article_bodies_ad;
DROP TRIGGER article_bodies_au;
DROP TRIGGER articles_bd;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
DROP VIEW article_search;

CREATE VIEW article_search AS
    SELECT a.id AS id, a.title AS title, a.byline AS byline, a.site_name AS site,
           b.text AS text, a.tags AS tags, a.highlights AS highlights
    FROM articles a JOIN article_bodies b ON b.article_id = a.id;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site, text, tags, highlights,
    content = 'article_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_bodies_ai AFTER INSERT ON article_bodies BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT a.id, a.title, a.byline, a.site_name, new.text, a.tags, a.highlights
    FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER article_bodies_ad AFTER DELETE ON article_bodies BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', a.id, a.title, a.byline, a.site_name, old.text, a.tags, a.highlights
    FROM articles a WHERE a.id = old.article_id;
END;
CREATE TRIGGER article_bodies_au AFTER UPDATE OF text ON article_bodies
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', a.id, a.title, a.byline, a.site_name, old.text, a.tags, a.highlights
    FROM articles a WHERE a.id = old.article_id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT a.id, a.title, a.byline, a.site_name, new.text, a.tags, a.highlights
    FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text, old.tags,
           old.highlights
    FROM article_bodies b WHERE b.article_id = old.id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, byline, site_name, tags, highlights
ON articles
WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline
     OR old.site_name IS NOT new.site_name OR old.tags IS NOT new.tags
     OR old.highlights IS NOT new.highlights BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text, old.tags,
           old.highlights
    FROM article_bodies b WHERE b.article_id = old.id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT new.id, new.title, new.byline, new.site_name, b.text, new.tags, new.highlights
    FROM article_bodies b WHERE b.article_id = new.id;
END;

INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
