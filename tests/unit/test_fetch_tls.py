"""HTTPS through the guarded socket layer: a trusted certificate works, an untrusted one is a
clear message, and a login goes over HTTPS without any consent."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import hostile_server as hs
import pytest
from local_http import LocalServer, serving

from reader.errors import FetchError
from reader.load import session
from reader.load.fetch import fetch_page
from reader.logins import Credentials, SiteLogin


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(certificate: tuple[Path, Path]) -> Iterator[hs.Server]:
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def secure(httpd: LocalServer[hs.Server]) -> None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)

    with serving(hs.Handler, hs.Server, wrap=secure) as state:
        yield state


@pytest.fixture
def trusting(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    context = ssl.create_default_context(cafile=str(certificate[0]))
    monkeypatch.setattr(session, "_ssl_context", context)


def https(server: hs.Server, path: str) -> str:
    return f"https://127.0.0.1:{server.port}{path}"


def test_untrusted_certificate_is_a_clear_message(tls_server: hs.Server) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_page(https(tls_server, "/page"))
    assert str(caught.value).startswith("could not make a secure connection to 127.0.0.1")
    assert "certificate" in str(caught.value)


def test_https_page_and_login(tls_server: hs.Server, trusting: None) -> None:
    assert "Night trains" in fetch_page(https(tls_server, "/gzipped")).html
    creds = Credentials(SiteLogin(f"127.0.0.1:{tls_server.port}", hs.USERNAME), hs.PASSWORD)
    page = fetch_page(https(tls_server, "/protected/digest"), credentials=creds)
    assert "Night trains" in page.html


def test_https_trickle_is_cut_off(tls_server: hs.Server, trusting: None) -> None:
    with pytest.raises(FetchError, match="too slow"):
        fetch_page(https(tls_server, "/trickle"), timeout=1)
