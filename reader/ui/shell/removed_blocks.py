"""Show what was removed (x), restore a block (r), remove a block (d): the handler group.

x shows the article with every part extraction left out back in its place, dimmed, under a
line saying what it was (navigation, comments, recommended list, ad, boilerplate) and why.
r brings back the removed part at the caret, d leaves out the kept block at the caret:
each becomes a rule for the site (reader.service.fixes: tried on the page before it is
written to site-rules/HOST.txt), the article is extracted again with it at once, and the
window offers to extract the site's other saved articles again too.

The page shown meanwhile is not the article: it is set with no article HTML, so the
reading position, highlights and listening leave it alone; x again (or opening another
article) brings the article back from the library.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    ARTICLE_REMOVE_BLOCK,
    ARTICLE_RESTORE_BLOCK,
    ARTICLE_SHOW_REMOVED,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QTextDocument

    from reader.extract.explain import Explanation
    from reader.model import Page
    from reader.service.fixes import Action, Fix
    from reader.service.reading import Document
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.reading.prepare import Prepared
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.status_line import StatusLine

log = logging.getLogger(__name__)
STATUS_MS = 8000
HELP = "r restores the block at the cursor, d removes one, x goes back to the article"


class RemovedBlocks:
    """The "Show what was removed" mode of the reading view, and the fixes made in it."""

    def __init__(
        self,
        *,
        view: ReadingView,
        current: CurrentDocument,
        library: LibraryService,
        opening: Opening,
        actions: dict[str, QAction],
        status: StatusLine,
        messages: MessageBar,
        dialogs: DialogHost,
    ) -> None:
        self.view = view
        self.current = current
        self.library = library
        self.opening = opening
        self.action = actions[ARTICLE_SHOW_REMOVED.id]
        self.status = status
        self.messages = messages
        self.dialogs = dialogs
        self.showing = False
        self.busy = False
        self.page: Page | None = None
        self.explanation: Explanation | None = None
        self._document: Document | None = None
        current.opened.connect(self._article_opened)
        view.style_changed.connect(self._restyle)

    # -- x -----------------------------------------------------------------------------------
    @handles(ARTICLE_SHOW_REMOVED)
    def toggle(self) -> None:
        if self.showing:
            self.leave()
        else:
            self.show()

    def show(self) -> None:
        from reader.service.explaining import explain_page
        from reader.ui.presenter.tasks import run_task

        document = self.current.document
        self.action.setChecked(False)
        if document is None or self.busy:
            return
        self.opening.save_position()
        article_id, original = document.article_id, document.article.original
        reads = self.library.reads
        prepare = self._preparer()

        def work() -> tuple[Page, Explanation, Prepared]:
            page = original
            if page is None and article_id is not None:
                page = reads(lambda library: library.original(article_id))
            if page is None:
                from reader.errors import ReaderError

                raise ReaderError(
                    "this article was saved before Reader kept original pages: open it again"
                    " from its address to see what was removed"
                )
            explanation = explain_page(page)
            return page, explanation, prepare(document, explanation)

        def done(result: tuple[Page, Explanation, Prepared]) -> None:
            self.busy = False
            if self.current.document is not document:
                return  # another article came meanwhile
            self.page, self.explanation, prepared = result
            self._document = document
            self._display(prepared, keep_place=False)
            count = len(self.explanation.regions)
            self.status.show(f"{count} removed parts shown dimmed · {HELP}", STATUS_MS)

        self.busy = True
        self.status.show("Finding what was removed…")
        run_task(work, done, self._failed)

    def leave(self) -> None:
        """Back to the article, as the library has it now."""
        document = self._document
        self._end_mode()
        if document is not None and document.article_id is not None:
            self.opening.open_article(document.article_id)

    # -- r and d ---------------------------------------------------------------------------
    @handles(ARTICLE_RESTORE_BLOCK)
    def restore(self) -> None:
        self._fix("restore")

    @handles(ARTICLE_REMOVE_BLOCK)
    def remove(self) -> None:
        self._fix("remove")

    def _fix(self, action: Action) -> None:
        from reader.service.fixes import keep_fix, plan_fix
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.removed_marks import place_at

        if not self.showing or self.page is None or self.explanation is None:
            self.status.show("Press x first: it shows what was removed", STATUS_MS)
            return
        if self.busy:
            return
        wanted = "removed" if action == "restore" else "kept"
        place = place_at(self.view, wanted)
        if place is None or place[0] != wanted:
            self.status.show(_wrong_place(action, place is None), STATUS_MS)
            return
        page, explanation, document = self.page, self.explanation, self._document
        assert document is not None
        article_id = document.article_id
        writes = self.library.writes
        prepare = self._preparer()

        def work() -> tuple[Fix, int, Prepared]:
            fix = plan_fix(page, explanation, place[1], action)
            others = writes(lambda library: keep_fix(library, article_id, fix))
            fixed = replace(document, article=fix.after.article)
            return fix, others, prepare(fixed, fix.after)

        def done(result: tuple[Fix, int, Prepared]) -> None:
            self.busy = False
            fix, others, prepared = result
            if not self.showing or self._document is not document:
                return
            self.explanation = fix.after
            self._display(prepared, keep_place=True)
            self.status.show(f"Kept for {fix.host} in site-rules/{fix.path.name}: {fix.rule}")
            if others:
                self._offer_reextract(fix.host, others)

        self.busy = True
        self.status.show("Finding a rule for the site that does it…")
        run_task(work, done, self._failed)

    def _offer_reextract(self, host: str, others: int) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        articles = "article" if others == 1 else f"{others} articles"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Extract again with the new rule?",
            f"The rule is kept for {host}. Extract your other saved {articles} from {host}"
            " again with it now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.dialogs.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a host name is shown as written
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.accepted.connect(lambda: self._reextract(host))
        self.dialogs.open("reextract_site", box)

    def _reextract(self, host: str) -> None:
        from reader.service.reextract import reextract

        self.status.begin(f"Extracting the articles from {host} again…")

        def done(summary: object) -> None:
            self.status.end()
            line = getattr(summary, "line", None)
            self.status.show(f"{host}: {line()}" if callable(line) else host, STATUS_MS)

        def failed(error: BaseException) -> None:
            self.status.end()
            self.messages.show_error(f"Extracting {host} again failed: {error}")

        self.library.write(lambda library: reextract(library, host=host), done, failed)

    # -- showing -----------------------------------------------------------------------------
    def _preparer(self) -> Callable[[Document, Explanation], Prepared]:
        """What turns an explanation into a page for the view, safe to call in a worker."""
        from reader.extract.removed_view import content_with_removed
        from reader.ui.reading.prepare import prepare
        from reader.ui.reading.removed_marks import for_qt

        width = self.view.image_width()

        def run(document: Document, explanation: Explanation) -> Prepared:
            shown = replace(document.article, content_html=content_with_removed(explanation))
            return prepare(replace(document, article=shown), width, shape=for_qt)

        return run

    def _display(self, prepared: Prepared, *, keep_place: bool) -> None:
        self.view.parse(
            prepared.html,
            prepared.chunks,
            prepared.images,
            lambda parsed: self._show(prepared, parsed, keep_place=keep_place),
        )

    def _show(self, prepared: Prepared, parsed: QTextDocument, *, keep_place: bool) -> None:
        bar = self.view.verticalScrollBar()
        fraction = bar.value() / max(1, bar.maximum()) if keep_place else 0.0
        caret = self.view.textCursor().position()
        # no article HTML: position, highlights and listening leave this page alone
        self.view.show_document(parsed, "", prepared.images)
        self.showing = True
        self.action.setChecked(True)
        if keep_place:
            cursor = self.view.textCursor()
            cursor.setPosition(min(caret, self.view.document().characterCount() - 1))
            self.view.setTextCursor(cursor)
            bar.setValue(round(fraction * bar.maximum()))
        self.view.setFocus()

    def _restyle(self) -> None:
        """Another theme or text size while the removed parts show: the page is made again
        in the new style (the view cannot restyle a page it holds no HTML for)."""
        from reader.ui.presenter.tasks import run_task

        document, explanation = self._document, self.explanation
        if not self.showing or document is None or explanation is None:
            return
        prepare = self._preparer()

        def done(prepared: Prepared) -> None:
            if self.showing and self._document is document:
                self._display(prepared, keep_place=True)

        run_task(lambda: prepare(document, explanation), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        from reader.errors import ReaderError

        self.busy = False
        self.status.clear()
        if isinstance(error, ReaderError):
            self.messages.show_error(str(error)[:1].upper() + str(error)[1:])
        else:  # run_task has logged it
            self.messages.show_error("Something went wrong; the article is unchanged")

    def _article_opened(self, _document: object) -> None:
        self._end_mode()

    def _end_mode(self) -> None:
        self.showing = False
        self.page = self.explanation = self._document = None
        self.action.setChecked(False)


def _wrong_place(action: Action, nowhere: bool) -> str:
    if nowhere:
        return "Put the cursor in the block first (F7 for a cursor, or / to find its words)"
    if action == "restore":
        return "That block is in the article already: r brings back a dimmed one"
    return "That block is removed already: r brings it back"
