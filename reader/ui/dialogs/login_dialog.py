"""Site logins in the window: the 401/407 prompt and the Site Logins dialog.

The prompt returns plain data (``LoginAnswer``); storing it is ``store_answer`` (through
reader.logins, so the secret goes to the system keyring and nowhere else). The Site Logins
dialog lists hosts, usernames and kinds and can add or remove a login; a secret is never
shown, only typed into a password field. It says ``login_saved(host)`` when a login is
stored, so that pages which wanted one are fetched again, and can open its Add dialog
on a host it is given (a "login needed" page of the fetch queue). The realm comes from
the server, so it is shown as plain text and cut short. Keyring calls can block (an
unlock prompt), so saving and removing run through ``run_task`` off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.ui.plain_text import plain_label

if TYPE_CHECKING:
    from reader.errors import LoginRequired
    from reader.logins import Credentials, SiteLogin
    from reader.ui.presenter.tasks import RunTask

MAX_REALM_CHARS = 120  # the realm is the server's text: show a line of it, no more
KIND_LABELS: dict[str, str] = {
    "password": "Username and password",
    "cookie": "Cookie from your browser",
    "header": "Header (Name: value)",
}
SECRET_LABELS: dict[str, str] = {
    "password": "&Password:",
    "cookie": "&Cookie:",
    "header": "&Header:",
}
HTTP_WARNING = (
    "This site does not use HTTPS: the login would travel unencrypted and anyone on the "
    "network could read it."
)
NO_KEYRING_TEXT = "No system keyring was found: the login is kept until Reader quits."

T = TypeVar("T")


@dataclass(frozen=True)
class LoginAnswer:
    """What the person typed. ``secret`` never appears in repr() or logs."""

    host: str
    username: str
    secret: str = field(repr=False)
    remember: bool = False
    kind: str = "password"
    allow_http: bool = False


@dataclass(frozen=True)
class LoginRow:
    """A listed login: host, username, kind and where its secret lives. Never the secret."""

    host: str
    username: str
    kind: str
    session_only: bool = False
    allow_http: bool = False


class LoginsBackend(Protocol):
    def list(self) -> list[LoginRow]: ...
    def save(self, answer: LoginAnswer) -> LoginRow: ...
    def remove(self, host: str) -> None: ...
    def keyring_available(self) -> bool: ...


class StoreLogins:
    """The real backend: reader.logins (hosts list) + reader.secrets (keyring)."""

    def list(self) -> list[LoginRow]:
        from reader import logins

        return [_row(login) for login in logins.all_logins()]

    def save(self, answer: LoginAnswer) -> LoginRow:
        from reader import logins

        login = logins.SiteLogin(
            host=answer.host,
            username=answer.username,
            kind=answer.kind,
            allow_http=answer.allow_http,
        )
        return _row(logins.save_login(login, answer.secret))

    def remove(self, host: str) -> None:
        from reader import logins

        logins.remove_login(host)

    def keyring_available(self) -> bool:
        from reader import secrets

        return secrets.keyring_available()


def _row(login: SiteLogin) -> LoginRow:
    return LoginRow(
        host=login.host,
        username=login.username,
        kind=login.kind,
        session_only=bool(getattr(login, "session_only", False)),
        allow_http=bool(getattr(login, "allow_http", False)),
    )


def store_answer(answer: LoginAnswer, backend: LoginsBackend | None = None) -> LoginRow | None:
    """Keep the login when the person ticked "remember"; None when it is for this fetch only.

    Raises ReaderError (LoginError, SecretsError) with a message fit for the status bar.
    """
    if not answer.remember:
        return None
    return (backend or StoreLogins()).save(answer)


def credentials_from(answer: LoginAnswer) -> Credentials:
    """The answer as reader.logins.Credentials, for ``fetch_page(credentials=...)``."""
    from reader.logins import Credentials, SiteLogin

    login = SiteLogin(
        host=answer.host,
        username=answer.username,
        kind=answer.kind,
        allow_http=answer.allow_http,
    )
    return Credentials(login, answer.secret)


def ask_after(error: LoginRequired, url: str, parent: QWidget | None = None) -> LoginAnswer | None:
    """The prompt for a reader.load.session.LoginRequired raised while fetching ``url``.

    Pre-fills the username of a stored login for the host; warns when ``url`` is plain HTTP.
    """
    host = str(getattr(error, "host", "") or "")
    username = ""
    keyring = True
    try:
        from reader import logins, secrets

        stored = logins.find_exact(host) if host else None
        username = stored.username if stored is not None else ""
        keyring = secrets.keyring_available()
    except ReaderError:
        keyring = False
    return LoginPrompt.ask(
        host,
        realm=str(getattr(error, "realm", "") or ""),
        status=int(getattr(error, "status", 401) or 401),
        plain_http=url.lower().startswith("http://"),
        username=username,
        keyring_available=keyring,
        parent=parent,
        rejected=bool(getattr(error, "rejected", False)),
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_REALM_CHARS else text[: MAX_REALM_CHARS - 1] + "…"


class LoginPrompt(QDialog):
    """The 401/407 prompt: username, password, "remember", and a warning on plain HTTP."""

    def __init__(
        self,
        host: str,
        realm: str = "",
        status: int = 401,
        plain_http: bool = False,
        username: str = "",
        keyring_available: bool = True,
        parent: QWidget | None = None,
        rejected: bool = False,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.plain_http = plain_http
        proxy = status == 407
        self.setWindowTitle("Proxy login" if proxy else "Log in")
        self.setAccessibleName(self.windowTitle())
        self.setObjectName("loginPrompt")

        headline = f"The proxy {host} asks for a login." if proxy else f"{host} asks you to log in."
        if rejected:
            headline = f"The login for {host} was rejected. Check it and try again."
        self.headline = QLabel(headline, self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        self.realm_label = QLabel(self)
        self.realm_label.setTextFormat(Qt.TextFormat.PlainText)
        self.realm_label.setWordWrap(True)
        self.realm_label.setAccessibleName("Message from the site")
        if realm.strip():
            self.realm_label.setText(f"The site says: “{_short(realm)}”")
        else:
            self.realm_label.hide()

        self.username = QLineEdit(username, self)
        self.username.setAccessibleName("Username")
        self.username.setObjectName("loginUsername")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setObjectName("loginPassword")
        form = QFormLayout()
        form.addRow("&Username:", self.username)
        form.addRow("&Password:", self.password)

        self.remember = QCheckBox("&Remember in the system keyring", self)
        self.remember.setAccessibleName("Remember in the system keyring")
        self.remember.setChecked(keyring_available)
        self.remember.setEnabled(keyring_available)
        self.keyring_note = QLabel(NO_KEYRING_TEXT, self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not keyring_available)

        self.warning = QLabel(HTTP_WARNING, self)
        self.warning.setObjectName("httpWarning")
        self.warning.setAccessibleName("Warning: unencrypted connection")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel#httpWarning { color: #b3261e; font-weight: bold; }")
        self.warning.setVisible(plain_http)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Send Unencrypted" if plain_http else "Log In")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.realm_label)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)

        self.username.textChanged.connect(self._validate)
        self.password.textChanged.connect(self._validate)
        self._validate()
        (self.password if username else self.username).setFocus()

    def _validate(self) -> None:
        self.ok_button.setEnabled(bool(self.username.text().strip() and self.password.text()))

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        super().accept()

    def answer(self) -> LoginAnswer | None:
        """The typed login once accepted; None after Cancel."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return LoginAnswer(
            host=self.host,
            username=self.username.text().strip(),
            secret=self.password.text(),
            remember=self.remember.isChecked() and self.remember.isEnabled(),
            kind="password",
            allow_http=self.plain_http,
        )

    def done(self, result: int) -> None:
        # Keep the secret only as long as needed: after Cancel it is wiped at once.
        if result != QDialog.DialogCode.Accepted:
            self.password.clear()
        super().done(result)

    @staticmethod
    def ask(
        host: str,
        realm: str = "",
        status: int = 401,
        plain_http: bool = False,
        username: str = "",
        keyring_available: bool = True,
        parent: QWidget | None = None,
        rejected: bool = False,
    ) -> LoginAnswer | None:
        dialog = LoginPrompt(
            host, realm, status, plain_http, username, keyring_available, parent, rejected
        )
        try:
            dialog.exec()
            return dialog.answer()
        finally:
            dialog.password.clear()
            dialog.deleteLater()


class AddLoginDialog(QDialog):
    """A new site login: host, kind, username (passwords), the secret, plain-HTTP consent."""

    def __init__(
        self, parent: QWidget | None = None, keyring_available: bool = True, host: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add site login")
        self.setAccessibleName("Add site login")
        self.host = QLineEdit(host, self)
        self.host.setAccessibleName("Host")
        self.host.setPlaceholderText("news.example.com")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of login")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.username = QLineEdit(self)
        self.username.setAccessibleName("Username")
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Password")
        self.allow_http = QCheckBox("Also send it over plain &HTTP (unencrypted)", self)
        self.allow_http.setAccessibleName("Also send over plain HTTP")
        self.keyring_note = QLabel(NO_KEYRING_TEXT, self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not keyring_available)
        self.form = QFormLayout()
        self.form.addRow("H&ost:", self.host)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Username:", self.username)
        self.secret_label = QLabel(SECRET_LABELS["password"], self)
        self.secret_label.setBuddy(self.secret)
        self.form.addRow(self.secret_label, self.secret)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.allow_http)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        for widget in (self.host, self.username, self.secret):
            widget.textChanged.connect(self._validate)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        (self.username if host else self.host).setFocus()

    def _kind_changed(self, _index: int = 0) -> None:
        kind = self.kind.currentData()
        self.secret_label.setText(SECRET_LABELS[kind])
        self.secret.setAccessibleName(SECRET_LABELS[kind].replace("&", "").rstrip(":"))
        self.form.setRowVisible(self.username, kind == "password")
        self._validate()

    def _validate(self) -> None:
        kind = self.kind.currentData()
        ok = bool(self.host.text().strip() and self.secret.text())
        if kind == "password":
            ok = ok and bool(self.username.text().strip())
        self.save_button.setEnabled(ok)

    def accept(self) -> None:
        if self.save_button.isEnabled():
            super().accept()

    def answer(self) -> LoginAnswer | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        kind = str(self.kind.currentData())
        return LoginAnswer(
            host=self.host.text().strip(),
            username=self.username.text().strip() if kind == "password" else "",
            secret=self.secret.text(),
            remember=True,
            kind=kind,
            allow_http=self.allow_http.isChecked(),
        )


class SiteLoginsDialog(QDialog):
    """The list of site logins with Add and Remove. Secrets are never displayed."""

    COLUMNS = ("Host", "Username", "Kind", "Kept in")
    login_saved = Signal(str)  # the host of a login just stored

    def __init__(
        self,
        backend: LoginsBackend | None = None,
        parent: QWidget | None = None,
        run_task: RunTask | None = None,
        ask_new: Callable[[QWidget, bool], LoginAnswer | None] | None = None,
        confirm: Callable[[QWidget, str], bool] | None = None,
        suggested_host: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site logins")
        self.setAccessibleName("Site logins")
        self.setObjectName("siteLogins")
        self.backend: LoginsBackend = backend or StoreLogins()
        self._run_task = run_task
        self.suggested_host = suggested_host  # the Add dialog starts with it
        self._ask_new = ask_new or self._ask_new_login
        self._confirm = confirm or _confirm_remove
        self._rows: list[LoginRow] = []

        intro = QLabel(
            "Reader sends these logins only to their own site. The passwords, cookies and "
            "headers themselves stay in the system keyring.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setAccessibleName("Site logins")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = plain_label("No site logins yet.", self)
        self.status = QLabel(self)
        self.status.setObjectName("loginsStatus")
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.add_button = QPushButton("&Add…", self)
        self.add_button.setAccessibleName("Add a site login")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove the selected login")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_login)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 360)
        self.refresh()

    # -- listing ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self._rows = self.backend.list()
        except ReaderError as error:
            self._rows = []
            self.show_status(str(error))
        self.table.setRowCount(len(self._rows))
        for row, login in enumerate(self._rows):
            where = "this session only" if login.session_only else "system keyring"
            values = (login.host, login.username or "—", KIND_LABELS.get(login.kind, login.kind))
            for column, text in enumerate((*values, where)):
                item = QTableWidgetItem(text)
                if column == 0 and login.allow_http:
                    item.setToolTip("Also sent over plain HTTP")
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self._rows)
        self._update_buttons()

    def hosts(self) -> list[str]:
        return [row.host for row in self._rows]

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0 and bool(self._rows))

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    # -- changes ------------------------------------------------------------------------

    def _run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        def failed(error: BaseException) -> None:
            message = str(error) if isinstance(error, ReaderError) else "the keyring failed"
            self.show_status(message)
            self._busy(False)

        def finished(result: T) -> None:
            self._busy(False)
            done(result)

        self._busy(True)
        run_task = self._run_task or _default_run_task()
        run_task(work, finished, failed)

    def _busy(self, busy: bool) -> None:
        self.add_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.table.currentRow() >= 0)
        if busy:
            self.show_status("Talking to the system keyring…")

    def add_login(self) -> None:
        try:
            keyring = self.backend.keyring_available()
        except ReaderError:
            keyring = False
        answer = self._ask_new(self, keyring)
        if answer is None:
            return

        def saved(row: LoginRow) -> None:
            self.refresh()
            if row.session_only:
                self.show_status(f"Saved the login for {row.host}. {NO_KEYRING_TEXT}")
            else:
                self.show_status(f"Saved the login for {row.host} in the system keyring.")
            self.login_saved.emit(row.host)

        backend = self.backend
        self._run(lambda: backend.save(answer), saved)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._rows):
            return
        host = self._rows[row].host
        if not self._confirm(self, host):
            return

        def removed(_result: None) -> None:
            self.refresh()
            self.show_status(f"Removed the login for {host}.")

        backend = self.backend
        self._run(lambda: backend.remove(host), removed)

    def _ask_new_login(self, parent: QWidget, keyring_available: bool) -> LoginAnswer | None:
        dialog = AddLoginDialog(parent, keyring_available, self.suggested_host)
        try:
            dialog.exec()
            return dialog.answer()
        finally:
            dialog.secret.clear()
            dialog.deleteLater()


def _confirm_remove(parent: QWidget, host: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove site login")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the host is text someone typed
    box.setText(f"Forget the login for {host}? Its secret is removed from the system keyring.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    try:
        return box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()


def _default_run_task() -> RunTask:
    from reader.ui.presenter.tasks import run_task

    return run_task
