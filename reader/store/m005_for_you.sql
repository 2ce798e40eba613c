-- Schema 5: "For you" (issue 12). Stories are found by their words as well as by their
-- popularity, and the bundled sample's stories never count.

-- The bundled sample article: its stories add nothing to the aggregate (they are
-- examples, not what the person's pages recommended).
ALTER TABLE articles ADD COLUMN bundled INTEGER NOT NULL DEFAULT 0;

-- The words of every story's title and summary: "For you" looks up the stories that share
-- the words of recent reading, whatever their popularity. detail=none: only which story
-- holds a word is needed (a third of the size of a full index).
CREATE VIRTUAL TABLE stories_fts USING fts5(
    title, summary,
    content = 'stories', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', detail = none
);
CREATE VIRTUAL TABLE stories_vocab USING fts5vocab(stories_fts, row);
CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
    INSERT INTO stories_fts(stories_fts, rowid, title, summary)
    VALUES ('delete', old.id, old.title, old.summary);
END;
CREATE TRIGGER stories_au AFTER UPDATE OF title, summary ON stories
WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN
    INSERT INTO stories_fts(stories_fts, rowid, title, summary)
    VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
INSERT INTO stories_fts(stories_fts) VALUES ('rebuild');


-- A library that already holds the sample (opened at first start): mark it, and take its
-- recommendations off the counts.
UPDATE articles SET bundled = 1
WHERE origin LIKE '%/sample/welcome.html' OR origin LIKE '%\sample\welcome.html';
UPDATE stories SET times_recommended = max(times_recommended - (
        SELECT count(*) FROM article_stories l JOIN articles a ON a.id = l.article_id
        WHERE l.story_id = stories.id AND a.bundled = 1 AND a.deleted_at IS NULL), 0)
WHERE id IN (SELECT l.story_id FROM article_stories l JOIN articles a ON a.id = l.article_id
             WHERE a.bundled = 1);
UPDATE stories SET score = reader_story_score(times_recommended, last_seen)
WHERE id IN (SELECT l.story_id FROM article_stories l JOIN articles a ON a.id = l.article_id
             WHERE a.bundled = 1);

-- What "For you" can offer ("572 unread"), maintained like the story aggregate: a count
-- over the stories table takes tens of milliseconds on a big library, this one a lookup.
CREATE TABLE story_counts (
    sponsored INTEGER PRIMARY KEY,
    unread INTEGER NOT NULL DEFAULT 0
);
INSERT INTO story_counts (sponsored, unread)
    SELECT v, (SELECT count(*) FROM stories
               WHERE (sponsored <> 0) = v AND read = 0 AND times_recommended > 0)
    FROM (SELECT 0 AS v UNION ALL SELECT 1);
CREATE TRIGGER story_counts_ai AFTER INSERT ON stories
WHEN new.read = 0 AND new.times_recommended > 0 BEGIN
    UPDATE story_counts SET unread = unread + 1 WHERE sponsored = (new.sponsored <> 0);
END;
CREATE TRIGGER story_counts_ad AFTER DELETE ON stories
WHEN old.read = 0 AND old.times_recommended > 0 BEGIN
    UPDATE story_counts SET unread = unread - 1 WHERE sponsored = (old.sponsored <> 0);
END;
CREATE TRIGGER story_counts_au AFTER UPDATE OF read, times_recommended, sponsored ON stories
WHEN (old.read = 0 AND old.times_recommended > 0) IS NOT (new.read = 0 AND new.times_recommended > 0)
     OR (old.sponsored <> 0) IS NOT (new.sponsored <> 0) BEGIN
    UPDATE story_counts SET unread = unread - 1
    WHERE sponsored = (old.sponsored <> 0) AND old.read = 0 AND old.times_recommended > 0;
    UPDATE story_counts SET unread = unread + 1
    WHERE sponsored = (new.sponsored <> 0) AND new.read = 0 AND new.times_recommended > 0;
END;
