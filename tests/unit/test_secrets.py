"""Secrets in the real system keyring (Secret Service), and the no-keyring fallback.

Keyring tests skip when no backend is found, unless READER_REQUIRE_KEYRING=1 (CI, where
tests/run starts dbus and an unlocked gnome-keyring): then a missing keyring fails.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import hostile_server as hs
import pytest
from reader_cli import run_reader

from reader import logins, secrets
from reader.errors import SecretsError
from reader.load.fetch import fetch_page

FAIL_BACKEND = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture
def real_keyring() -> None:
    if not secrets.keyring_available():
        if os.environ.get("READER_REQUIRE_KEYRING") == "1":
            pytest.fail("READER_REQUIRE_KEYRING=1 but no system keyring backend was found")
        pytest.skip("no system keyring (run under dbus-run-session with gnome-keyring)")


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """This process without a keyring backend (keyring caches its choice, so swap it)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        logins.forget_session()


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


def unique_host() -> str:
    return f"test-{uuid.uuid4().hex[:12]}.reader.invalid"


def files_containing(folder: Path, secret: str) -> list[Path]:
    if not folder.exists():
        return []
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]


# -- the real keyring ----------------------------------------------------------------------


@pytest.mark.keyring
def test_secret_round_trip(real_keyring: None) -> None:
    host, secret = unique_host(), f"pw-{uuid.uuid4().hex}"
    try:
        assert secrets.set_secret(host, "ada", secret) == "keyring"
        assert secrets.get_secret(host, "ada") == secret
        assert secrets.get_secret(host, "bob") is None
    finally:
        assert secrets.delete_secret(host, "ada")
    assert secrets.get_secret(host, "ada") is None
    assert not secrets.delete_secret(host, "ada")


@pytest.mark.keyring
def test_cli_login_round_trip_and_no_secret_anywhere(
    real_keyring: None,
    server: hs.Server,
    data_dir: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    host = f"127.0.0.1:{server.port}"
    result = run_reader(
        "login", host, "--username", hs.USERNAME, "--allow-http", stdin=hs.PASSWORD + "\n"
    )
    assert result.returncode == 0, result.stderr
    try:
        listed = run_reader("logins")
        assert listed.returncode == 0
        assert listed.stdout.splitlines() == [
            f"{host}\t{hs.USERNAME}\tpassword\t(plain HTTP allowed)"
        ]
        # The stored login is used by a plain fetch of that host.
        page = fetch_page(server.url("/protected/basic"))
        assert "Night trains" in page.html
        # Digest too, and nowhere else: the other host gets nothing.
        assert "Night trains" in fetch_page(server.url("/protected/digest")).html
        # A wrong password is reported as a rejected login, without the password.
        wrong = run_reader("login", host, "-u", hs.USERNAME, "--allow-http", stdin="not-it-31415\n")
        assert wrong.returncode == 0
        extract = run_reader("extract", server.url("/protected/basic"))
        assert extract.returncode == 1
        assert extract.stderr.strip().endswith("the login for 127.0.0.1 was rejected (401)"), (
            extract.stderr
        )
        outputs = [
            result.stdout,
            result.stderr,
            listed.stdout,
            listed.stderr,
            wrong.stdout,
            wrong.stderr,
            extract.stdout,
            extract.stderr,
            caplog.text,
            *capsys.readouterr(),
        ]
        for secret in (hs.PASSWORD, "not-it-31415"):
            assert not any(secret in text for text in outputs)
            assert files_containing(data_dir, secret) == []
    finally:
        logout = run_reader("logout", host)
    assert logout.returncode == 0, logout.stderr
    assert run_reader("logins").stdout == ""
    assert secrets.get_secret(host, hs.USERNAME) is None
    again = run_reader("logout", host)
    assert again.returncode == 1
    assert again.stderr.strip() == f"reader: no login stored for {host}"


@pytest.mark.keyring
def test_cookie_login_through_the_keyring(real_keyring: None, server: hs.Server) -> None:
    host = f"127.0.0.1:{server.port}"
    result = run_reader("login", host, "--cookie", "--allow-http", stdin=hs.COOKIE + "\n")
    assert result.returncode == 0, result.stderr
    try:
        assert "Night trains" in fetch_page(server.url("/protected/cookie")).html
    finally:
        assert run_reader("logout", host).returncode == 0


# -- no keyring ----------------------------------------------------------------------------


def test_cli_without_keyring_says_so_and_keeps_nothing(data_dir: Path) -> None:
    result = run_reader(
        "login", "news.example.com", "-u", "ada", stdin="hunter2-xyz\n", env=FAIL_BACKEND
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "reader: no system keyring found; the login is kept for this session only"
    )
    assert "hunter2-xyz" not in result.stdout + result.stderr
    assert files_containing(data_dir, "hunter2-xyz") == []
    assert run_reader("logins", env=FAIL_BACKEND).stdout == ""


def test_without_keyring_the_login_lives_in_memory_for_the_session(
    no_keyring: None, server: hs.Server, data_dir: Path
) -> None:
    host = f"127.0.0.1:{server.port}"
    assert not secrets.keyring_available()
    stored = logins.save_login(logins.SiteLogin(host, hs.USERNAME, allow_http=True), hs.PASSWORD)
    assert stored.session_only
    assert [login.host for login in logins.all_logins()] == [host]
    assert "Night trains" in fetch_page(server.url("/protected/digest")).html
    assert files_containing(data_dir, hs.PASSWORD) == []
    assert logins.remove_login(host) is not None
    assert logins.all_logins() == []
    with pytest.raises(Exception) as caught:
        fetch_page(server.url("/protected/digest"))
    assert str(caught.value) == "127.0.0.1 asks for a login (401)"


def test_empty_secret_is_refused(no_keyring: None) -> None:
    with pytest.raises(SecretsError):
        secrets.set_secret("example.com", "ada", "")
