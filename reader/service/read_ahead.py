"""Read one file's article ahead, in a child process, while this one starts its window.

Loading and extracting a page is Python work (lxml, readability, and for a page in doubt
trafilatura, whose import alone takes ~200 ms) that holds the GIL: in a thread it only
takes turns with the window's own start-up (importing Qt and the window's modules,
building widgets), so the two take as long as one after the other. A child forked before
anything else has started runs on another core; the article comes back pickled through a
pipe. The child is bound to this process (reader.lifeline): killed with it, never orphaned.

A story that shows no pictures comes shaped for the reading view too (reader.service.
shaping: lxml, which the child has loaded already): the window's process then imports
neither lxml nor the shaping rules before the story is on screen (a story with pictures is
shaped there, as their sizes depend on the reading column's width).

With ``keep``, the child also keeps the article in the library (its own connection, on
its own core): saving it and gathering its stories (importing the store alone is ~35 ms)
then no longer take turns for the GIL with the window's build. A child that could not keep
it sends the article all the same, and the window keeps it as before.

Started with no file (`reader` alone, the usual start from the desktop), the child opens
what the window shows then, the last article read or the sample (``reading.open_start``),
so the store's import, the library's queries and the shaping leave the window's process
too; when it cannot, it sends nothing and the window opens it itself.

Anything unexpected (no fork on this system, a thread already running, the child failing
or killed, an error) falls back to reading in a thread of this process, so the outcome,
error messages included, is always what ``read_article`` gives here.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model import Article

if TYPE_CHECKING:
    from concurrent.futures import Future

    from reader.service.reading import Document
    from reader.service.shaping import Rendered
    from reader.store import Library

READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class Kept:
    """The article as the library keeps it (``reading.open_article``), and the reader's
    marks on it (starred, archived, tags) for the header."""

    document: Document
    starred: bool
    archived: bool
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ReadAhead:
    """The article read ahead, and its story shaped for the reading view (None: it shows
    pictures, or it was read in this process; the window shapes it). ``kept``: what the
    library made of it, when the child kept it (None: the window keeps it)."""

    article: Article
    shaped: Rendered | None = None
    kept: Kept | None = None


def read_ahead(source: str | None, *, keep: bool = False) -> Future[ReadAhead | None]:
    """The article of the file ``source``, read from now on (``keep``: and kept in the
    library). With no ``source``, what the window opens at start (the last article read, or
    the sample in an empty library), kept; None when the child could not (the window opens
    it then, and says what went wrong). Call it before any thread or Qt starts (a child
    forked then holds no lock another thread had taken)."""
    import reader.service.reading  # noqa: F401  both processes need it: imported once, here

    child, pipe = _fork_reader(source, keep)
    from concurrent.futures import Future  # after the fork: the child does not wait for it

    future: Future[ReadAhead | None] = Future()
    collector = threading.Thread(
        target=_collect, args=(source, child, pipe, future), name="read-ahead", daemon=True
    )
    collector.start()
    return future


def _fork_reader(source: str | None, keep: bool) -> tuple[int, int]:
    """(child pid, read end of its pipe), or (0, -1) where there is no fork, or where
    another thread runs already (it might hold a lock the child would wait for forever)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 0, -1
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return 0, -1
    if pid == 0:  # the child: read, send, leave without running any of the parent's exit code
        try:
            os.close(read_end)
            _read_and_send(source, parent, write_end, keep)
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _read_and_send(source: str | None, parent: int, write_end: int, keep: bool) -> None:
    import gc
    import pickle

    # The child reads one article and leaves: collecting its garbage on the way only
    # costs (~30 ms of its ~330 ms of CPU for the seed, all of it on the story's path).
    gc.disable()

    from reader.lifeline import bind_to_parent

    bind_to_parent(parent)
    from reader.service.reading import read_article
    from reader.service.shaping import shape_without_pictures

    library: Library | None = None
    kept: Kept | None = None
    try:
        if source is None:
            library = _library()
            kept = _kept_start(library) if library is not None else None
            if kept is None:  # the window opens it, and says what went wrong
                return
            article = kept.document.article
        else:
            try:
                article = read_article(source)
            except Exception:  # the parent reads it again and words the error
                return
        try:
            shaped = shape_without_pictures(article.content_html, article.title)
        except Exception:  # the window shapes it then, and says what went wrong
            shaped = None
        if source is not None and keep:
            library = _library()
            kept = _kept(article, source, library) if library is not None else None
        try:
            data = pickle.dumps(ReadAhead(article, shaped, kept))
        except Exception:  # the parent reads it again
            return
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        # Closed once the article is sent: closing the last connection folds the write-ahead
        # log into the library (8-12 ms, measured), which the window need not wait for.
        if library is not None:
            with contextlib.suppress(Exception):
                library.close()


def _library() -> Library | None:
    """The library, opened in the child (None when it cannot be: the window keeps it)."""
    from reader.store import Library

    try:
        return Library()
    except Exception:
        return None


def _kept(article: Article, source: str, library: Library) -> Kept | None:
    """The article kept in the library, as the window would keep it; None when the library
    could not (the window then tries, and says why)."""
    from reader.service.reading import Direct, open_article

    try:
        return _with_marks(open_article(article, source, Direct(library)), library)
    except Exception:
        return None


def _kept_start(library: Library) -> Kept | None:
    """What the window opens at start, as ``reading.open_start`` gives it; None when there
    is nothing to open or the library could not (the window then tries, and says why)."""
    from reader.service.reading import Direct, open_start

    try:
        document = open_start(Direct(library))
        return _with_marks(document, library) if document is not None else None
    except Exception:
        return None


def _with_marks(document: Document, library: Library) -> Kept | None:
    if document.article_id is None:
        return None
    row = library.row(document.article_id)
    return Kept(document, row.starred, row.archived, tuple(row.tags))


def _collect(source: str | None, child: int, pipe: int, future: Future[ReadAhead | None]) -> None:
    # What unpickling a kept article needs, loaded while the child still works: once it
    # sends, the story then waits for nothing more here.
    import pickle  # noqa: F401

    import reader.store.story_rows  # noqa: F401

    sent = False
    try:
        received = _received(pipe) if child else None
        sent = received is not None
        if received is None and source is not None:
            _reap(child)  # it sent nothing: it has ended (or is ending)
            from reader.service.reading import read_article

            received = ReadAhead(read_article(source))
        elif received is None:
            _reap(child)  # the window opens what it shows at start itself
    except BaseException as error:  # handed to the window, which words it
        future.set_exception(error)
    else:
        future.set_result(received)
    if sent:  # waited for after the hand-over: it may still be closing the library
        _reap(child)


def _reap(child: int) -> None:
    if child:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)


def _received(pipe: int) -> ReadAhead | None:
    """What the child sent (None when it sent nothing usable)."""
    import pickle

    chunks = []
    with os.fdopen(pipe, "rb") as stream:
        while chunk := stream.read(READ_CHUNK):
            chunks.append(chunk)
    if not chunks:
        return None
    try:
        received = pickle.loads(b"".join(chunks))
    except Exception:  # read again here
        return None
    return received if isinstance(received, ReadAhead) else None
