"""Reader's own errors: the only exceptions allowed to cross a module boundary.

Each carries one clear line for the user (``str(error)``); callers print it, never a
traceback. Subclasses say which stage failed so the UI and the CLI can word it.
"""


class ReaderError(Exception):
    """A failure the user can understand and act on."""


class LoadError(ReaderError):
    """A source could not be read as a page (missing, binary, too large, undecodable...)."""


class FetchError(LoadError):
    """A URL could not be fetched (network, HTTP status, limits, refused redirect...)."""


class TemporaryFetchError(FetchError):
    """A failure that may pass by itself (a timeout, a 5xx or 429 answer, a dropped
    connection): a background fetch tries again later. ``retry_after``: the seconds the
    server asked to wait (Retry-After), when it said."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class FetchCancelled(FetchError):
    """The person stopped the fetch (Esc in the window)."""


class LoginRequired(FetchError):
    """The server asked for a login (401/407); the window offers a login prompt on this.

    ``rejected`` is True when Reader had sent a login and the server refused it.
    """

    def __init__(self, message: str, *, host: str, status: int, rejected: bool, realm: str | None):
        super().__init__(message)
        self.host = host
        self.status = status
        self.rejected = rejected
        self.realm = realm


class ExtractError(ReaderError):
    """A page was read but no article could be made of it."""


class StoreError(ReaderError):
    """The library could not be read or written (newer schema, read-only, disk full...)."""


class QueryError(ReaderError):
    """A search the library will not run as typed (too many terms, for one)."""


class SecretsError(ReaderError):
    """The system keyring is missing or refused a request."""


class SpeechError(ReaderError):
    """No speech engine, no voice for the language, or no way to play sound."""
