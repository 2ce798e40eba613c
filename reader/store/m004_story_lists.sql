-- Schema 4: the page's own heading of the list each recommended story sat in ("Most read",
-- "More from Sport"), per article link: one story can sit in different lists on different
-- pages. The sidebar groups an article's stories by it. Links saved before keep ''.
ALTER TABLE article_stories ADD COLUMN list_label TEXT NOT NULL DEFAULT '';
