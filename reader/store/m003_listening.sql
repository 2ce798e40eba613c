-- Schema 3: listening (issue 17): where the voice was in each article, and the queue of
-- articles to listen to next.

-- The document position (reading view text) of the sentence being spoken when listening
-- stopped; NULL: never listened, or listened to the end.
ALTER TABLE articles ADD COLUMN listen_position INTEGER;

-- The listening queue: lowest rank plays first. "Listen next" takes a rank below the
-- lowest, "add to queue" one above the highest, so reordering never renumbers rows.
CREATE TABLE listen_queue (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    rank REAL NOT NULL,
    added_at REAL NOT NULL
);
CREATE INDEX listen_queue_rank ON listen_queue(rank);
