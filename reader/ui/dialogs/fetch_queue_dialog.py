"""File ▸ Imported Pages…: where each imported address stands in the fetch queue.

One row per page: fetched, waiting (with the time of its next try after a failure that
may pass), being fetched, failed (with the reason) or waiting for a login. The person can
try failed pages again, go from a "login needed" page to a new login for its site, and
open a page's article. The dialog only shows and asks: reader.ui.shell.fetch_queue_view
reads the queue and acts on what it asks for.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_label

if TYPE_CHECKING:
    from reader.store.fetch_queue import QueueCounts, QueuedFetch, QueueState

# What each state is called, in the order the list shows them (what needs the person first).
STATE_LABELS: dict[QueueState, str] = {
    "login": "Login needed",
    "failed": "Failed",
    "fetching": "Fetching now",
    "queued": "Waiting",
    "fetched": "Fetched",
}
STATE_ORDER = {state: rank for rank, state in enumerate(STATE_LABELS)}
FILTERS: tuple[tuple[str, tuple[QueueState, ...]], ...] = (
    ("All pages", ("login", "failed", "fetching", "queued", "fetched")),
    ("Needing attention (failed or login needed)", ("login", "failed")),
    ("Waiting", ("fetching", "queued")),
    ("Fetched", ("fetched",)),
)
RETRYABLE: frozenset[str] = frozenset({"failed", "login"})
COLUMNS = ("Status", "Title", "Reason", "Address")  # the address last: it is long
ID_ROLE = Qt.ItemDataRole.UserRole


def status_text(item: QueuedFetch, now: float) -> str:
    """The Status column: a waiting page that failed once says when it is tried again."""
    text = STATE_LABELS[item.state]
    if item.state == "queued" and item.attempts and item.not_before > now:
        moment = datetime.fromtimestamp(item.not_before).strftime("%H:%M")
        text = f"Waiting (try {item.attempts + 1} at {moment})"
    return text


def counts_text(counts: QueueCounts) -> str:
    if not counts.total:
        return "No imported page waits for its text: nothing was queued."
    parts = [f"{counts.fetched} fetched"]
    if counts.waiting:
        parts.append(f"{counts.waiting} waiting")
    if counts.failed:
        parts.append(f"{counts.failed} failed")
    if counts.login:
        parts.append(f"{counts.login} need{'s' if counts.login == 1 else ''} a login")
    pages = "page" if counts.total == 1 else "pages"
    return f"{counts.total} imported {pages}: {', '.join(parts)}."


class FetchQueueDialog(QDialog):
    """See module docstring. ``show_queue`` fills it; the signals carry article ids."""

    retry_requested = Signal(list)  # the article ids of failed / login-needed pages
    login_requested = Signal(str)  # the address of a page that wants a login
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Imported pages")
        self.setAccessibleName("Imported pages")
        self.setObjectName("fetchQueue")
        self.entries: list[QueuedFetch] = []
        # The rows by id, in the tree's order, with the entry each shows.
        self.shown: dict[int, tuple[QTreeWidgetItem, QueuedFetch]] = {}
        self.now = 0.0  # when the queue was read: a waiting page's next try is told from it
        self.counts_label = plain_label("", self)
        self.counts_label.setObjectName("fetchCounts")
        self.counts_label.setAccessibleName("Fetch queue summary")
        self.counts_label.setWordWrap(True)

        self.filter = QComboBox(self)
        self.filter.setAccessibleName("Show")
        for label, _states in FILTERS:
            self.filter.addItem(label)
        show_label = QLabel("&Show:", self)
        show_label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(lambda _index: self._fill())

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Imported pages")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view: not 1,000 at each change
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 200)
        header.resizeSection(2, 250)
        header.setStretchLastSection(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the path's end says most
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda item, _column: self._open(item))

        self.hint = plain_label("", self)
        self.hint.setObjectName("fetchHint")
        self.hint.setWordWrap(True)
        self.retry_button = QPushButton("&Retry", self)
        self.retry_button.setAccessibleName("Retry the selected pages")
        self.retry_all_button = QPushButton("Retry &All Failed", self)
        self.login_button = QPushButton("Add &Login…", self)
        self.open_button = QPushButton("&Open Article", self)
        self.retry_button.clicked.connect(self._retry_selected)
        self.retry_all_button.clicked.connect(self._retry_all)
        self.login_button.clicked.connect(self._ask_login)
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(show_label)
        top.addWidget(self.filter)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.retry_all_button, self.login_button):
            buttons.addWidget(button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.resize(900, 440)
        self.tree.setFocus()
        self._update_buttons()

    # -- filling ---------------------------------------------------------------------------
    def show_queue(self, entries: list[QueuedFetch], counts: QueueCounts, now: float) -> None:
        """The queue as read now; the selection and the current row stay where they were."""
        self.now = now
        self.entries = sorted(entries, key=lambda item: STATE_ORDER[item.state])
        self.counts_label.setText(counts_text(counts))
        self._fill()

    def _fill(self) -> None:
        """The rows as ``entries`` say, changing only the rows that changed: clearing and
        making 5,000 rows again took 50-170 ms of the GUI thread, every REFRESH_MS while a
        big queue was fetched (reader.ui.shell.queue_view)."""
        selected = set(self.selected_ids())
        current = self._id_of(self.tree.currentItem())
        states = FILTERS[self.filter.currentIndex()][1]
        wanted = [entry for entry in self.entries if entry.state in states]
        by_id = {entry.article_id: entry for entry in wanted}
        for article_id, (item, shown) in list(self.shown.items()):
            entry = by_id.get(article_id)
            if entry is None or entry.state != shown.state:  # gone, or to another group
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                del self.shown[article_id]
        if not self._insert_new_rows(wanted, selected):
            self.tree.clear()  # the order within a group changed: made again
            self.shown = {}
            self._insert_new_rows(wanted, selected)
        for entry in wanted:
            item, shown = self.shown[entry.article_id]
            if entry != shown or entry.attempts:  # (a "try N at HH:MM" ages)
                _show_row(item, entry, self.now)
                self.shown[entry.article_id] = (item, entry)
        kept = self.shown.get(current) if current is not None else None
        if kept is not None and self.tree.currentItem() is not kept[0]:
            self.tree.setCurrentItem(kept[0], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _insert_new_rows(self, wanted: list[QueuedFetch], selected: set[int]) -> bool:
        """Put the rows not shown yet in their places among those shown (``shown`` is in
        the tree's order); False when the rows shown are not in ``wanted``'s order."""
        remaining = iter(list(self.shown))
        expected = next(remaining, None)
        for index, entry in enumerate(wanted):
            if entry.article_id == expected:
                expected = next(remaining, None)
                continue
            if entry.article_id in self.shown:
                return False
            item = QTreeWidgetItem()
            item.setData(0, ID_ROLE, entry.article_id)
            self.tree.insertTopLevelItem(index, item)
            item.setSelected(entry.article_id in selected)
            _show_row(item, entry, self.now)
            self.shown[entry.article_id] = (item, entry)
        self.shown = {entry.article_id: self.shown[entry.article_id] for entry in wanted}
        return True

    # -- what is chosen --------------------------------------------------------------------
    def entry(self, article_id: int | None) -> QueuedFetch | None:
        return next((item for item in self.entries if item.article_id == article_id), None)

    @staticmethod
    def _id_of(item: QTreeWidgetItem | None) -> int | None:
        return None if item is None else int(item.data(0, ID_ROLE))

    def selected_ids(self) -> list[int]:
        return [int(item.data(0, ID_ROLE)) for item in self.tree.selectedItems()]

    def _retryable(self, ids: list[int]) -> list[int]:
        return [
            article_id
            for article_id in ids
            if (entry := self.entry(article_id)) is not None and entry.state in RETRYABLE
        ]

    def _update_buttons(self) -> None:
        self.retry_button.setEnabled(bool(self._retryable(self.selected_ids())))
        self.retry_all_button.setEnabled(any(item.state == "failed" for item in self.entries))
        current = self.entry(self._id_of(self.tree.currentItem()))
        self.open_button.setEnabled(current is not None)
        wants_login = current is not None and current.state == "login"
        self.login_button.setEnabled(wants_login)
        if current is not None and current.state == "login":
            host = host_of(current.url)
            self.login_button.setText(f"Add &Login for {host}…")
            self.hint.setText(
                f"{host} asks for a login. Add one: its pages are fetched again as soon as "
                "it is saved."
            )
        else:
            self.login_button.setText("Add &Login…")
            self.hint.setText(
                "" if current is None or current.state != "failed" else _failed_hint(current)
            )

    # -- asking ----------------------------------------------------------------------------
    def _retry_selected(self) -> None:
        ids = self._retryable(self.selected_ids())
        if ids:
            self.retry_requested.emit(ids)

    def _retry_all(self) -> None:
        ids = [item.article_id for item in self.entries if item.state == "failed"]
        if ids:
            self.retry_requested.emit(ids)

    def _ask_login(self) -> None:
        current = self.entry(self._id_of(self.tree.currentItem()))
        if current is not None and current.state == "login":
            self.login_requested.emit(current.url)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        article_id = self._id_of(item)
        if article_id is not None:
            self.open_requested.emit(article_id)


def _show_row(item: QTreeWidgetItem, entry: QueuedFetch, now: float) -> None:
    texts = (status_text(entry, now), entry.title or "(untitled)", entry.reason, entry.url)
    for column, text in enumerate(texts):
        if item.text(column) != text:
            item.setText(column, text)
    item.setToolTip(2, entry.reason)
    item.setToolTip(3, entry.url)


def host_of(url: str) -> str:
    from reader.store.fetch_queue import host_of as queue_host

    return queue_host(url) or url


def _failed_hint(entry: QueuedFetch) -> str:
    return f"Not fetched: {entry.reason}" if entry.reason else "Not fetched."
