"""Loaders: a file path or a URL becomes a Page. Knows nothing about extraction."""

from reader.errors import LoadError
from reader.model import Page
from reader.urls import is_url, refused_source


def load(source: str, *, url: str | None = None, timeout: float | None = None) -> Page:
    """Load a file path or an http(s) URL. ``url`` says where a saved file came from.

    Raises LoadError (FetchError for URLs) with one clear line; nothing else escapes.
    """
    if is_url(source):
        from reader.load.fetch import fetch_page

        return fetch_page(source, timeout=timeout)
    refused = refused_source(source)
    if refused is not None:
        raise LoadError(refused)
    from reader.load.files import load_file, path_from_source

    return load_file(path_from_source(source), source=source, url=url)
