"""The reading column: the article view, its rendering and style, find, and reading progress."""
