-- Soft hyphens (U+00AD, HTML's &shy;) leave the article search index: FTS5's unicode61
-- splits a word at one, so "Wissen&shy;schaft" was found by "wissen" and "schaft" but
-- not by "Wissenschaft". The stored text keeps them (the reading view, listening and
-- highlights read it as the page wrote it); only what the index sees drops them. The
-- view and every trigger that writes the index are made again so (schema 6's, with
-- char(173) taken out of the title and the text).
DROP TRIGGER article_bodies_ai;
DROP TRIGGER article_bodies_ad;
DROP TRIGGER article_bodies_au;
DROP TRIGGER articles_bd;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
DROP VIEW article_search;

CREATE VIEW article_search AS
    SELECT a.id AS id, replace(a.title, char(173), '') AS title, a.byline AS byline,
           a.site_name AS site, replace(b.text, char(173), '') AS text, a.tags AS tags,
           a.highlights AS highlights
    FROM articles a JOIN article_bodies b ON b.article_id = a.id;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, site, text, tags, highlights,
    content = 'article_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_bodies_ai AFTER INSERT ON article_bodies BEGIN
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT id, title, byline, site, text, tags, highlights
    FROM article_search WHERE id = new.article_id;
END;
CREATE TRIGGER article_bodies_ad AFTER DELETE ON article_bodies BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', a.id, replace(a.title, char(173), ''), a.byline, a.site_name,
           replace(old.text, char(173), ''), a.tags, a.highlights
    FROM articles a WHERE a.id = old.article_id;
END;
CREATE TRIGGER article_bodies_au AFTER UPDATE OF text ON article_bodies
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', a.id, replace(a.title, char(173), ''), a.byline, a.site_name,
           replace(old.text, char(173), ''), a.tags, a.highlights
    FROM articles a WHERE a.id = old.article_id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT id, title, byline, site, text, tags, highlights
    FROM article_search WHERE id = new.article_id;
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', id, title, byline, site, text, tags, highlights
    FROM article_search WHERE id = old.id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, byline, site_name, tags, highlights
ON articles
WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline
     OR old.site_name IS NOT new.site_name OR old.tags IS NOT new.tags
     OR old.highlights IS NOT new.highlights BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text, tags, highlights)
    SELECT 'delete', old.id, replace(old.title, char(173), ''), old.byline, old.site_name,
           replace(b.text, char(173), ''), old.tags, old.highlights
    FROM article_bodies b WHERE b.article_id = old.id;
    INSERT INTO articles_fts(rowid, title, byline, site, text, tags, highlights)
    SELECT id, title, byline, site, text, tags, highlights
    FROM article_search WHERE id = new.id;
END;

INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
