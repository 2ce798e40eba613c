"""The list of site logins: hosts, usernames, kinds; matching rules; never a secret on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import logins, secrets
from reader.logins import Credentials, LoginError, SiteLogin


@pytest.fixture
def fake_keyring(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    """A stand-in keyring so the list logic is tested without a Secret Service."""
    store: dict[tuple[str, str], str] = {}

    def set_secret(host: str, account: str, secret: str) -> str:
        store[(host, account)] = secret
        return "keyring"

    monkeypatch.setattr(secrets, "set_secret", set_secret)
    monkeypatch.setattr(secrets, "get_secret", lambda host, account: store.get((host, account)))
    monkeypatch.setattr(
        secrets, "delete_secret", lambda host, account: store.pop((host, account), None) is not None
    )
    return store


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("News.Example.com", "news.example.com"),
        ("https://news.example.com/some/page?x=1", "news.example.com"),
        ("news.example.com:443", "news.example.com"),
        ("http://news.example.com:80/", "news.example.com"),
        ("127.0.0.1:8080", "127.0.0.1:8080"),
        ("news.example.com.", "news.example.com"),
    ],
)
def test_normalize_host(given: str, expected: str) -> None:
    assert logins.normalize_host(given) == expected


@pytest.mark.parametrize("bad", ["", "   ", "http://", "a b.com"])
def test_normalize_host_refuses_non_hosts(bad: str) -> None:
    with pytest.raises(LoginError):
        logins.normalize_host(bad)


def test_matching_is_by_host_and_port_only() -> None:
    any_port = SiteLogin("example.com", "ada")
    one_port = SiteLogin("127.0.0.1:8080", "ada")
    assert any_port.matches("https://example.com/a")
    assert any_port.matches("http://EXAMPLE.com:8000/a")
    assert not any_port.matches("https://www.example.com/")
    assert not any_port.matches("https://example.com.evil.net/")
    assert one_port.matches("http://127.0.0.1:8080/x")
    assert not one_port.matches("http://127.0.0.1:8081/x")
    assert not one_port.matches("http://localhost:8080/x")


def test_credentials_repr_hides_the_secret() -> None:
    creds = Credentials(SiteLogin("example.com", "ada"), "hunter2-secret")
    assert "hunter2-secret" not in repr(creds)
    assert "hunter2-secret" not in str(creds)


def test_save_list_remove(fake_keyring: dict[tuple[str, str], str], data_dir: Path) -> None:
    logins.save_login(SiteLogin("https://News.example.com/", "ada"), "pw-one-111")
    logins.save_login(SiteLogin("127.0.0.1:8080", kind="cookie"), "sid=cookie-222")
    logins.save_login(SiteLogin("api.example.org", kind="header"), "X-Key: header-333")
    assert [(x.host, x.username, x.kind) for x in logins.all_logins()] == [
        ("127.0.0.1:8080", "", "cookie"),
        ("api.example.org", "", "header"),
        ("news.example.com", "ada", "password"),
    ]
    text = (data_dir / logins.LOGINS_FILE).read_text()
    assert json.loads(text)["version"] == logins.FILE_VERSION
    for secret in ("pw-one-111", "cookie-222", "header-333"):
        assert secret not in text
    creds = logins.credentials_for("https://news.example.com/article")
    assert creds is not None and creds.secret == "pw-one-111"
    assert logins.credentials_for("https://other.example.com/") is None
    removed = logins.remove_login("news.example.com")
    assert removed is not None and removed.username == "ada"
    assert ("news.example.com", "ada") not in fake_keyring
    assert logins.remove_login("news.example.com") is None
    assert [x.host for x in logins.all_logins()] == ["127.0.0.1:8080", "api.example.org"]


def test_a_new_login_replaces_the_hosts_old_one(
    fake_keyring: dict[tuple[str, str], str],
) -> None:
    logins.save_login(SiteLogin("example.com", "ada"), "first-pw")
    logins.save_login(SiteLogin("example.com", "bob"), "second-pw")
    assert [(x.host, x.username) for x in logins.all_logins()] == [("example.com", "bob")]
    assert fake_keyring == {("example.com", "bob"): "second-pw"}


def test_port_specific_login_wins(fake_keyring: dict[tuple[str, str], str]) -> None:
    logins.save_login(SiteLogin("127.0.0.1", "any-port"), "a")
    logins.save_login(SiteLogin("127.0.0.1:9000", "this-port"), "b")
    found = logins.find_login("http://127.0.0.1:9000/x")
    assert found is not None and found.username == "this-port"
    other = logins.find_login("http://127.0.0.1:9001/x")
    assert other is not None and other.username == "any-port"


@pytest.mark.parametrize(
    ("login", "secret"),
    [
        (SiteLogin("example.com", ""), "pw"),  # a password needs a username
        (SiteLogin("example.com", kind="header"), "no colon here"),
        (SiteLogin("example.com", kind="token"), "x"),
        (SiteLogin("example.com", "ada"), "two\nlines"),
    ],
)
def test_bad_logins_are_refused(
    fake_keyring: dict[tuple[str, str], str], login: SiteLogin, secret: str
) -> None:
    with pytest.raises(LoginError):
        logins.save_login(login, secret)
    assert fake_keyring == {}


def test_damaged_list_is_a_clear_error(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / logins.LOGINS_FILE).write_text("{not json")
    with pytest.raises(LoginError, match="could not read the list of site logins"):
        logins.all_logins()
