"""Page -> Article: the main story of a page, cleaned, with its metadata and story lists.

Pure functions, no I/O. Heavy libraries (lxml, readability) load on the first call.
See reader.extract.pipeline for the stages.
"""

from dataclasses import replace

from reader.model import Article, Page


def extract(page: Page) -> Article:
    """The article of ``page``; raises ExtractError (only) when none can be made.

    The article carries ``page`` as its original: the library keeps it, so that the
    article can be extracted again later (reader.service.reextract)."""
    from reader.extract.pipeline import extract as run

    return replace(run(page), original=page)


__all__ = ["extract"]
