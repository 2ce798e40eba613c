"""Reader: a desktop article reader. The core (load, extract, store) imports no Qt.

For scripts: ``reader.extract_article(data, url=None)`` gives the Article of a page held in
memory (see README, "Python API").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.model import Article

__version__ = "0.1.0"


def extract_article(data: bytes | str, url: str | None = None) -> Article:
    """The article of a page given as bytes (decoded as ``reader extract FILE`` decodes a
    saved file) or as text; ``url`` is where it came from. Raises reader.errors.ReaderError
    with a one-line reason when the data holds no page or no article. Imports no Qt."""
    from reader.service.reading import extract_article as run

    return run(data, url)


__all__ = ["__version__", "extract_article"]
