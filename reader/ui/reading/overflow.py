"""How far a laid-out article reaches past the reading view's right edge.

The document's own width overstates it when tables sit inside tables: Qt counts their
sizing pass in, and LWN's statistics (two tables in a table in a quote) made the page
164 px too wide at every window width. So when the document claims to be wider, the
tables and the lines of the text outside them are asked where they really end.
"""

from PySide6.QtGui import QTextDocument

OVERFLOW_SLACK_PX = 8  # content this much wider than the view needs no sideways scrolling


def overflow_px(document: QTextDocument, view_width: int, content_width: float | None) -> float:
    """Pixels past ``view_width``; ``content_width``: the laid-out width so far (None: ask
    the document, which lays all of it out)."""
    width = document.size().width() if content_width is None else content_width
    if width - view_width <= OVERFLOW_SLACK_PX:
        return width - view_width
    layout = document.documentLayout()
    root = document.rootFrame()
    right = 0.0
    frames = list(root.childFrames())
    while frames:
        frame = frames.pop()
        right = max(right, layout.frameBoundingRect(frame).right())
        frames.extend(frame.childFrames())
    if right - view_width > OVERFLOW_SLACK_PX:
        return right - view_width  # a table really too wide: no need to read every line
    block = document.begin()
    while block.isValid():
        if document.frameAt(block.position()) is root:
            text = block.layout()
            left = text.position().x()
            for number in range(text.lineCount()):
                line = text.lineAt(number)
                right = max(right, left + line.x() + line.naturalTextWidth())
        block = block.next()
    return right - view_width
