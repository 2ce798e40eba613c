"""Pictures a saved page left on the web, fetched after the article is on screen.

A page saved as bare HTML keeps only addresses of its pictures: the view shows quiet frames
(reader.service.shaping), and this fetches the pictures in the background with fetching's limits
(reader.service.images), keeps them in the library and lays the article out again with them,
where the reader was. Offline, nothing happens and nothing is said. Once per article and
session; a newer article stops the fetch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from reader.service.reading import Document
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Task
    from reader.ui.reading.prepare import Prepared
    from reader.ui.reading.reading_view import ReadingView

log = logging.getLogger(__name__)


class Pictures(QObject):
    """Fetches a saved article's missing pictures and shows them when they arrive."""

    def __init__(
        self,
        *,
        current: CurrentDocument,
        library: LibraryService,
        view: ReadingView,
        enabled: Callable[[], bool],
    ) -> None:
        super().__init__(view)
        self.current = current
        self.library = library
        self.view = view
        self.enabled = enabled
        self._tried: set[int] = set()
        self._task: Task | None = None
        self._stop: threading.Event | None = None
        current.follow(self.fetch_for)

    def fetch_for(self, document: Document) -> None:
        from reader.service.images import missing_images
        from reader.ui.presenter.tasks import run_task

        self.stop()
        article_id = document.article_id
        if article_id is None or article_id in self._tried or not self.enabled():
            return
        self._tried.add(article_id)
        stop = self._stop = threading.Event()
        width, writes = self.view.image_width(), self.library.writes

        def work() -> Prepared | None:
            from reader.load.images import content_images
            from reader.ui.reading.prepare import prepare

            article = document.article
            have = {asset.url for asset in document.assets}
            # Reading the article's HTML for its images is the worker's too: a 1 MB page
            # would hold the window for a moment.
            if not missing_images(article, have):
                return None
            new = content_images(article.content_html, article.url, have, cancel=stop.is_set)
            if not new or stop.is_set():
                return None
            writes(lambda library: library.add_assets(article_id, new))
            with_pictures = replace(document, assets=(*document.assets, *new))
            return prepare(with_pictures, width, stop.is_set)

        self._task = run_task(work, self._arrived, self._failed)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self._task is not None:
            self._task.cancel()
        self._task = self._stop = None

    def _arrived(self, prepared: Prepared | None) -> None:
        self._task = self._stop = None
        if prepared is None or prepared.document.article_id != self.current.article_id:
            return
        if self.view.is_parsing():  # the next article is on its way to the screen
            return
        self.current.replace(prepared.document)
        self.view.parse(
            prepared.html,
            prepared.chunks,
            prepared.images,
            lambda parsed: self.view.show_document_in_place(parsed, prepared.html, prepared.images),
        )

    def _failed(self, error: BaseException) -> None:
        self._task = self._stop = None
        log.info("pictures not fetched: %s", error)
