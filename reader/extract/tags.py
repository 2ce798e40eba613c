"""HTML tag-name sets the extract stages share: one definition instead of one per module."""

HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
LIST_TAGS = frozenset(("ol", "ul", "dl"))
CELL_TAGS = frozenset(("td", "th"))
# A table and the row groups inside it.
TABLE_TAGS = frozenset(("table", "tbody", "thead", "tfoot"))
# Elements whose text is never read (code, styles, templates, vector drawings).
NON_TEXT_TAGS = frozenset(("script", "style", "noscript", "template", "svg"))
