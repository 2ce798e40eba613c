"""The system keyring, and the only module that ever holds a secret (password, cookie, header).

Secrets live in the OS keyring (Secret Service, macOS Keychain, Windows Credential
Locker) through ``keyring``. When no keyring backend exists, a secret is kept in this
process's memory for the session only and callers tell the person so; it is never
written anywhere else. Messages from here never contain a secret.
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Literal

from reader.errors import SecretsError

# The keyring "service" of a site login: one entry per host, so the system's own keyring
# manager shows "Reader: news.example.com" with the username as the account.
SERVICE_PREFIX = "Reader: "
NO_KEYRING = "no system keyring found; the login is kept for this session only"

Where = Literal["keyring", "session"]

_session: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def _keyring() -> ModuleType | None:
    """The keyring module, or None when it has no usable backend."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration counts as no keyring
        return None
    if isinstance(backend, fail.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    if type(backend).__module__.endswith("backends.null"):
        return None  # the null backend accepts and forgets everything
    return keyring


def keyring_available() -> bool:
    """True when a system keyring can store secrets across sessions."""
    return _keyring() is not None


def _service(host: str) -> str:
    return SERVICE_PREFIX + host


def set_secret(host: str, account: str, secret: str) -> Where:
    """Store a secret; "session" means no keyring exists and it lives in memory only."""
    if not secret:
        raise SecretsError("the login is empty")
    keyring = _keyring()
    if keyring is None:
        with _lock:
            _session[(host, account)] = secret
        return "session"
    try:
        keyring.set_password(_service(host), account, secret)
    except Exception as error:
        raise SecretsError(
            f"the system keyring refused to store the login for {host} ({type(error).__name__})"
        ) from None
    with _lock:
        _session.pop((host, account), None)
    return "keyring"


def get_secret(host: str, account: str) -> str | None:
    """The stored secret, from this session's memory or the keyring; None when absent."""
    with _lock:
        if (host, account) in _session:
            return _session[(host, account)]
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(_service(host), account)
    except Exception as error:
        raise SecretsError(
            f"could not read the login for {host} from the system keyring ({type(error).__name__})"
        ) from None
    return value if isinstance(value, str) and value else None


def delete_secret(host: str, account: str) -> bool:
    """Forget a secret everywhere it may be; True when one was found."""
    with _lock:
        found = _session.pop((host, account), None) is not None
    keyring = _keyring()
    if keyring is None:
        return found
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(_service(host), account)
    except PasswordDeleteError:
        return found
    except Exception as error:
        raise SecretsError(
            f"the system keyring refused to forget the login for {host} ({type(error).__name__})"
        ) from None
    return True


def keep_for_session(host: str, account: str, secret: str) -> None:
    """Hold a secret in memory only (one handed over by the parent process)."""
    with _lock:
        _session[(host, account)] = secret


def forget_session() -> None:
    """Drop every session-only secret (tests; a "forget all" action in the window)."""
    with _lock:
        _session.clear()
