"""Highlights without Qt: anchors that survive re-extraction, and exports.

An anchor is a W3C Web Annotation-style selector (the exact quote, a little text before
and after it, and where it was) over the text the reading view shows. It is attached to
an article's current text by its quote, never by offsets into today's HTML, so a better
extractor or a fixed rule moves a highlight along with its words (``attach``).
"""
