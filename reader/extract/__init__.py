"""Page -> Article: the main story of a page, cleaned, with its metadata and story lists.

Pure functions, no I/O. Heavy libraries (lxml, readability) load on the first call.
See reader.extract.pipeline for the stages.
"""

from reader.model import Article, Page


def extract(page: Page) -> Article:
    """The article of ``page``; raises ExtractError (only) when none can be made."""
    from reader.extract.pipeline import extract as run

    return run(page)


__all__ = ["extract"]
