"""Fixtures shared by every test folder: the shared corpus and a private library folder."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
PAGES = Path(__file__).resolve().parent / "pages"


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
