"""The Site Rules dialog: the site-rules folder's files, one open for editing.

A list of the files (host, directives Reader acts on, lines it reports), the selected
file's text in an editor, the report lines under it. Save checks the text first
(reader.service.rules_files): a bad line or XPath is shown as one line per problem and
nothing is written. After a save, "Re-extract" offers to run the host's saved articles
through the new rules at once (in the background, by the window). New… starts a file
for a host (the article's site is offered). Every control has a mnemonic; the list, the
editor and the buttons are reached with Tab; Ctrl+S saves; Esc closes (asking first
when there are unsaved changes).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.service.rules_files import RulesFile, RulesFileError, list_rules, read_rules, save_rules
from reader.ui.plain_text import plain_label

HEADERS = ("Site", "Rules used", "Reported")
NEW_FILE_TEXT = (
    "# Rules for {host} in the ftr-site-config syntax, one directive a line:\n"
    "# body: //article            the story (XPath)\n"
    "# strip: //div[@class='ad']  remove what matches\n"
    "# strip_id_or_class: share   remove elements whose id or class contains this\n"
    "# next_page_link: //a[@rel='next']   follow an article over several pages\n"
)


class RulesEditor(QDialog):
    """Lists the rules files; edits and saves one; offers to re-extract its host."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        current_host: str | None,
        reextract: Callable[[str], None],
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site Rules")
        self.setAccessibleName("Site rules")
        self.resize(820, 560)
        self.folder = folder
        self.current_host = current_host
        self._reextract = reextract
        self.files: list[RulesFile] = []
        self.host: str | None = None  # the file being edited
        self.saved_host: str | None = None  # the last host saved: Re-extract offers it
        self._loading = False

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Rules files")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab goes on to the editor, not the next cell
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(self._row_chosen)
        files_label = QLabel("Rules &files:", self)
        files_label.setBuddy(self.table)

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Rules text")
        self.editor.setFont(QFont("monospace"))
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.textChanged.connect(self._edited)
        self.editor_label = QLabel("&Rules:", self)
        self.editor_label.setBuddy(self.editor)
        self.report = plain_label("", self)
        self.report.setWordWrap(True)
        self.report.setAccessibleName("What Reader says about these rules")
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.new_button = QPushButton("&New…", self)
        self.save_button = QPushButton("&Save", self)
        self.reextract_button = QPushButton("Re-e&xtract This Site", self)
        self.close_button = QPushButton("&Close", self)
        self.new_button.clicked.connect(self.new_file)
        self.save_button.clicked.connect(self.save)
        self.reextract_button.clicked.connect(self.reextract)
        self.close_button.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(files_label)
        left.addWidget(self.table)
        right = QVBoxLayout()
        right.addWidget(self.editor_label)
        right.addWidget(self.editor, 1)
        right.addWidget(self.report)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(right, 3)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.reextract_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.refresh(select=current_host)
        self.table.setFocus()

    # the list

    def refresh(self, select: str | None = None) -> None:
        """Read the folder again; select ``select``'s file (else keep the selection)."""
        keep = select or self.host
        self.files = list_rules(self.folder)
        self._loading = True
        self.table.setRowCount(len(self.files))
        for row, item in enumerate(self.files):
            notes = f"{item.problems} line{'' if item.problems == 1 else 's'}" if item.notes else ""
            for column, text in enumerate((item.host, str(item.directives), notes)):
                cell = QTableWidgetItem(text)
                cell.setToolTip("\n".join(item.notes) if column == 2 else "")
                self.table.setItem(row, column, cell)
        self._loading = False
        hosts = [item.host for item in self.files]
        wanted = self._file_for(keep, hosts)
        if wanted is not None:
            self.table.setCurrentCell(hosts.index(wanted), 0)
        elif self.files and self.host is None:
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    @staticmethod
    def _file_for(host: str | None, hosts: list[str]) -> str | None:
        if not host:
            return None
        bare = host[4:] if host.startswith("www.") else host
        for name in (host, bare):
            if name in hosts:
                return name
        return None

    def _row_chosen(self, row: int, *_: int) -> None:
        if self._loading or not 0 <= row < len(self.files):
            return
        chosen = self.files[row]
        if chosen.host == self.host:
            return
        if not self._may_leave():
            self._select_host(self.host)
            return
        try:
            text = read_rules(chosen.path)
        except RulesFileError as error:
            text = ""
            self._say([str(error)])
        self._open(chosen.host, text, list(chosen.notes))

    def _select_host(self, host: str | None) -> None:
        self._loading = True
        for row, item in enumerate(self.files):
            if item.host == host:
                self.table.setCurrentCell(row, 0)
        self._loading = False

    # the editor

    def _open(self, host: str, text: str, notes: list[str]) -> None:
        self.host = host
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self.editor.document().setModified(False)
        self.editor_label.setText(f"&Rules for {host}:")
        self._say(notes)
        self._update_buttons()

    def _edited(self) -> None:
        if not self._loading:
            self._update_buttons()

    def _say(self, lines: list[str], error: bool = False) -> None:
        self.report.setText("\n".join(lines))
        self.report.setStyleSheet("color: #b00020;" if error else "")

    def _update_buttons(self) -> None:
        modified = self.editor.document().isModified()
        self.save_button.setEnabled(self.host is not None and modified)
        self.editor.setReadOnly(self.host is None)
        self.reextract_button.setEnabled(self.host is not None and not modified)

    def new_file(self) -> None:
        """Start the rules of a host (the article's site is offered)."""
        if not self._may_leave():
            return
        suggestion = self.current_host or ""
        if suggestion.startswith("www."):
            suggestion = suggestion[4:]
        host, accepted = QInputDialog.getText(
            self, "New Site Rules", "Site (host name):", text=suggestion
        )
        if not accepted:
            return
        from reader.service.rules_files import check_host

        try:
            name = check_host(host)
        except RulesFileError as error:
            self._say([str(error)], error=True)
            return
        existing = self._file_for(name, [item.host for item in self.files])
        if existing is not None:
            self._select_host(existing)
            self._row_chosen(self.table.currentRow())
            return
        self._open(name, NEW_FILE_TEXT.format(host=name), [])
        self.editor.document().setModified(True)
        self._update_buttons()
        self.editor.setFocus()

    def save(self) -> bool:
        """Check and write the rules; one line per problem refuses the save."""
        if self.host is None:
            return False
        try:
            saved = save_rules(self.host, self.editor.toPlainText(), self.folder)
        except RulesFileError as error:
            self._say(["Not saved:", *str(error).splitlines()], error=True)
            return False
        self.editor.document().setModified(False)
        self.saved_host = saved.host
        used = f"{saved.directives} rule{'' if saved.directives == 1 else 's'} used"
        lines = [f"Saved {saved.path.name}: {used}."]
        self._say(lines + list(saved.notes))
        self.refresh(select=saved.host)
        self.reextract_button.setFocus()
        return True

    def reextract(self) -> None:
        """Run this host's saved articles through its rules, in the window's background."""
        if self.host is None:
            return
        self._reextract(self.host.lstrip("."))
        self._say([f"Re-extracting the articles of {self.host.lstrip('.')} in the background."])

    # closing

    def _may_leave(self) -> bool:
        """Unsaved changes: save them, drop them, or stay."""
        if self.host is None or not self.editor.document().isModified():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved Rules",
            f"Save the changes to the rules for {self.host}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+S saves from anywhere in the dialog (the editor passes it up)."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._may_leave():
            super().reject()
