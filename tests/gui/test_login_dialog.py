"""The 401/407 prompt and the Site Logins dialog: plain data out, secrets never shown."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableWidget

from reader import secrets
from reader.errors import ReaderError
from reader.ui.dialogs.login_dialog import (
    HTTP_WARNING,
    AddLoginDialog,
    LoginAnswer,
    LoginPrompt,
    LoginRow,
    SiteLoginsDialog,
    StoreLogins,
    store_answer,
)


def run_now(work, done, failed):
    """A synchronous stand-in for reader.ui.presenter.tasks.run_task."""
    try:
        result = work()
    except BaseException as error:
        failed(error)
    else:
        done(result)


@pytest.fixture
def no_keyring(monkeypatch):
    """Force the no-backend path: nothing may reach a real keyring from these tests."""
    monkeypatch.setattr(secrets, "_keyring", lambda: None)
    yield
    secrets.forget_session()
    from reader import logins

    logins.forget_session()


def test_prompt_needs_both_fields_and_returns_plain_data(qtbot):
    dialog = LoginPrompt("news.example.com", realm="Members", username="")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.username
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.username, "ada")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.password, "s3cret pass")
    assert dialog.ok_button.isEnabled()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    answer = dialog.answer()
    assert answer == LoginAnswer(
        "news.example.com", "ada", "s3cret pass", remember=True, kind="password"
    )
    assert "s3cret" not in repr(answer)
    assert not dialog.warning.isVisibleTo(dialog)
    assert "Members" in dialog.realm_label.text()


def test_cancel_gives_none_and_wipes_the_password(qtbot):
    dialog = LoginPrompt("news.example.com", username="ada")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.password  # username known: straight to it
    qtbot.keyClicks(dialog.password, "typed")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.answer() is None
    assert dialog.password.text() == ""


def test_plain_http_warns_and_says_so_on_the_button(qtbot):
    dialog = LoginPrompt("intranet.example", plain_http=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning.isVisibleTo(dialog)
    assert dialog.warning.text() == HTTP_WARNING
    assert "Unencrypted" in dialog.ok_button.text()
    dialog.username.setText("u")
    dialog.password.setText("p")
    dialog.accept()
    answer = dialog.answer()
    assert answer is not None
    assert answer.allow_http


def test_proxy_wording_and_hostile_realm_is_plain_text(qtbot):
    dialog = LoginPrompt("proxy.example:3128", realm="<b>x</b>" + "A" * 500, status=407)
    qtbot.addWidget(dialog)
    assert "proxy" in dialog.headline.text().lower()
    assert dialog.realm_label.textFormat() == Qt.TextFormat.PlainText
    assert len(dialog.realm_label.text()) < 160


def test_without_keyring_remember_is_off_and_explained(qtbot):
    dialog = LoginPrompt("news.example.com", keyring_available=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled()
    assert not dialog.remember.isChecked()
    assert dialog.keyring_note.isVisibleTo(dialog)


def test_store_answer_only_when_remembered(no_keyring):
    from reader import logins

    assert store_answer(LoginAnswer("a.example", "u", "p", remember=False)) is None
    assert logins.all_logins() == []
    row = store_answer(LoginAnswer("a.example", "u", "p", remember=True))
    assert row == LoginRow("a.example", "u", "password", session_only=True)
    assert secrets.get_secret("a.example", "u") == "p"


def test_add_login_dialog_kinds(qtbot):
    dialog = AddLoginDialog(keyring_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("paper.example")
    dialog.secret.setText("abc")
    assert not dialog.save_button.isEnabled()  # a password login needs a username
    dialog.kind.setCurrentIndex(dialog.kind.findData("cookie"))
    assert dialog.save_button.isEnabled()
    assert not dialog.username.isVisibleTo(dialog)
    assert dialog.secret.accessibleName() == "Cookie"
    dialog.accept()
    answer = dialog.answer()
    assert answer is not None
    assert (answer.host, answer.kind, answer.username, answer.secret) == (
        "paper.example",
        "cookie",
        "",
        "abc",
    )


def test_site_logins_dialog_lists_adds_and_removes_without_showing_secrets(qtbot, no_keyring):
    new = LoginAnswer("news.example.com", "ada", "TOPSECRET", remember=True)
    dialog = SiteLoginsDialog(
        StoreLogins(),
        run_task=run_now,
        ask_new=lambda parent, keyring: new,
        confirm=lambda parent, host: True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hosts() == []
    assert dialog.empty.isVisibleTo(dialog)
    dialog.add_button.click()
    assert dialog.hosts() == ["news.example.com"]
    assert "until Reader quits" in dialog.status.text()
    texts = [
        dialog.table.item(r, c).text()
        for r in range(dialog.table.rowCount())
        for c in range(dialog.table.columnCount())
    ]
    assert "ada" in texts
    assert "this session only" in texts
    shown = " ".join(texts) + " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "TOPSECRET" not in shown
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert dialog.hosts() == []
    assert secrets.get_secret("news.example.com", "ada") is None


def test_errors_show_in_the_dialog(qtbot):
    class Failing:
        def list(self):
            return [LoginRow("a.example", "u", "password")]

        def save(self, answer):
            raise ReaderError("the system keyring refused to store the login for a.example")

        def remove(self, host):
            raise ReaderError("could not save the list of site logins (Read-only file system)")

        def keyring_available(self):
            return True

    dialog = SiteLoginsDialog(
        Failing(),
        run_task=run_now,
        ask_new=lambda parent, keyring: LoginAnswer("a.example", "u", "p", remember=True),
        confirm=lambda parent, host: True,
    )
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    assert "refused" in dialog.status.text()
    dialog.table.selectRow(0)
    dialog.remove_button.click()
    assert "Read-only" in dialog.status.text()
    assert dialog.add_button.isEnabled()


def test_accessible_names(qtbot):
    dialog = SiteLoginsDialog(
        type(
            "Empty",
            (),
            {"list": lambda self: [], "keyring_available": lambda self: False},
        )(),
        run_task=run_now,
    )
    qtbot.addWidget(dialog)
    for kind in (QLineEdit, QTableWidget):
        for widget in dialog.findChildren(kind):
            assert widget.accessibleName()
    assert dialog.add_button.accessibleName()
    assert dialog.remove_button.accessibleName()


def test_rejected_login_says_so(qtbot):
    dialog = LoginPrompt("news.example.com", username="ada", rejected=True)
    qtbot.addWidget(dialog)
    assert "rejected" in dialog.headline.text()


def test_credentials_from_answer():
    from reader.ui.dialogs.login_dialog import credentials_from

    credentials = credentials_from(LoginAnswer("a.example", "u", "pw", allow_http=True))
    assert credentials.login.host == "a.example"
    assert credentials.login.allow_http
    assert credentials.secret == "pw"
    assert "pw" not in repr(credentials)
