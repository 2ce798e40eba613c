"""Fixtures shared by every test folder: the shared corpus and a private library folder."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import speech_service

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
PAGES = Path(__file__).resolve().parent / "pages"
# tests/wheel runs the suite from a copy of tests/ beside no source tree (against the
# installed wheel): tests marked `checkout` read the source itself and are skipped there.
CHECKOUT = (REPO / "reader").is_dir()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHECKOUT:
        return
    skip = pytest.mark.skip(reason="reads the source checkout (testing the installed wheel)")
    for item in items:
        if item.get_closest_marker("checkout") is not None:
            item.add_marker(skip)


@pytest.fixture
def shared_dir() -> Path:
    """../shared (DESIGN.md, seed, corpus); tests that need it skip cleanly without it."""
    if not (SHARED / "seed").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "000_b486bc09ecc24fa0.txt"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty library folder: no test touches the user's library."""
    folder = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def speech_dispatcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private speech-dispatcher with espeak-ng (tests/speech_service.py), reached
    through $SPEECHD_ADDRESS as a session's would be; skipped where it is not installed."""
    reason = speech_service.available()
    if reason:
        pytest.skip(reason)
    with speech_service.running(tmp_path_factory.mktemp("speechd")) as sock:
        before = os.environ.get("SPEECHD_ADDRESS")
        os.environ["SPEECHD_ADDRESS"] = f"unix_socket:{sock}"
        try:
            yield sock
        finally:
            if before is None:
                os.environ.pop("SPEECHD_ADDRESS", None)
            else:
                os.environ["SPEECHD_ADDRESS"] = before
