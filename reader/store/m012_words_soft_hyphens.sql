-- Soft hyphens (U+00AD) leave the stories' and the highlights' indexes too, as schema 11
-- took them out of the articles': FTS5's unicode61 splits a word at one, so "For you"
-- matched a story's "Wissen&shy;schaft" only as "wissen" and "schaft", and the highlights
-- view did not find it by "Wissenschaft". Each index reads its table through a view
-- without them; the tables keep the text as the page wrote it. The articles' highlights
-- column (their words in the article index) drops them the same way.
DROP TRIGGER stories_ai;
DROP TRIGGER stories_ad;
DROP TRIGGER stories_au;
DROP TABLE stories_vocab;
DROP TABLE stories_fts;

CREATE VIEW story_words AS
    SELECT id, replace(title, char(173), '') AS title,
           replace(summary, char(173), '') AS summary
    FROM stories;
CREATE VIRTUAL TABLE stories_fts USING fts5(
    title, summary,
    content = 'story_words', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = none
);
CREATE VIRTUAL TABLE stories_vocab USING fts5vocab(stories_fts, row);
CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts(rowid, title, summary)
    SELECT id, title, summary FROM story_words WHERE id = new.id;
END;
CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
    INSERT INTO stories_fts(stories_fts, rowid, title, summary)
    VALUES ('delete', old.id, replace(old.title, char(173), ''),
            replace(old.summary, char(173), ''));
END;
CREATE TRIGGER stories_au AFTER UPDATE OF title, summary ON stories
WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN
    INSERT INTO stories_fts(stories_fts, rowid, title, summary)
    VALUES ('delete', old.id, replace(old.title, char(173), ''),
            replace(old.summary, char(173), ''));
    INSERT INTO stories_fts(rowid, title, summary)
    SELECT id, title, summary FROM story_words WHERE id = new.id;
END;
INSERT INTO stories_fts(stories_fts) VALUES ('rebuild');

DROP TRIGGER highlights_fts_ai;
DROP TRIGGER highlights_fts_ad;
DROP TRIGGER highlights_fts_au;
DROP TABLE highlights_fts;

CREATE VIEW highlight_words AS
    SELECT id, replace(exact, char(173), '') AS exact, replace(note, char(173), '') AS note
    FROM highlights;
CREATE VIRTUAL TABLE highlights_fts USING fts5(
    exact, note,
    content = 'highlight_words', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER highlights_fts_ai AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts(rowid, exact, note)
    SELECT id, exact, note FROM highlight_words WHERE id = new.id;
END;
CREATE TRIGGER highlights_fts_ad AFTER DELETE ON highlights BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
    VALUES ('delete', old.id, replace(old.exact, char(173), ''),
            replace(old.note, char(173), ''));
END;
CREATE TRIGGER highlights_fts_au AFTER UPDATE OF exact, note ON highlights
WHEN old.exact IS NOT new.exact OR old.note IS NOT new.note BEGIN
    INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
    VALUES ('delete', old.id, replace(old.exact, char(173), ''),
            replace(old.note, char(173), ''));
    INSERT INTO highlights_fts(rowid, exact, note)
    SELECT id, exact, note FROM highlight_words WHERE id = new.id;
END;
INSERT INTO highlights_fts(highlights_fts) VALUES ('rebuild');

DROP VIEW article_highlight_totals;
CREATE VIEW article_highlight_totals AS
    SELECT article_id, count(*) AS total,
           replace(group_concat(exact || char(10) || note, char(10)), char(173), '') AS words
    FROM highlights WHERE deleted_at IS NULL AND article_id IS NOT NULL
    GROUP BY article_id;
UPDATE articles SET highlights = replace(highlights, char(173), '')
WHERE instr(highlights, char(173)) > 0;
