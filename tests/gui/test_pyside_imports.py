"""PySide's look at each newly imported module, made cheap (reader.ui.shell.pyside_imports):
the same answers as PySide's own check, and PySide's feature switch still sorts every module
imported after it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PySide6 import QtCore  # noqa: F401  PySide loaded: its import hook is in place

from reader.ui.shell.pyside_imports import FEATURE_MODULE, QuickCheck, quicken_import_check


def pyside_own_check() -> Callable[[ModuleType], bool]:
    check = sys.modules[FEATURE_MODULE]._mod_uses_pyside
    return check.fallback if isinstance(check, QuickCheck) else check


def test_this_pyside_has_the_check_the_window_replaces() -> None:
    # A PySide release without it fails here: the window then pays PySide's own check again
    # (its sources kept in linecache, 3-5 MB), to be measured and dealt with anew.
    assert quicken_import_check()
    assert isinstance(sys.modules[FEATURE_MODULE]._mod_uses_pyside, QuickCheck)
    assert quicken_import_check()  # a second call leaves it as it is


def test_the_quick_check_answers_as_pysides_own_for_every_loaded_module() -> None:
    original = pyside_own_check()
    quick = QuickCheck(original)
    # (typing.io and typing.re are stand-ins without a file: PySide's own check spends
    # ~50 ms on each and the quick one hands them to it unchanged.)
    modules = [
        module
        for name, module in list(sys.modules.items())
        if isinstance(module, ModuleType) and name not in ("typing.io", "typing.re")
    ]
    with_source = [m for m in modules if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(with_source) > 200
    answers = {m.__name__: quick(m) for m in modules}
    assert {name for name, uses in answers.items() if uses} >= {"reader.ui.shell.main_window"}
    assert answers["reader.model"] is False
    differing = [m.__name__ for m in modules if answers[m.__name__] != original(m)]
    assert differing == []


@pytest.mark.parametrize(
    ("source", "sorted_as"),
    [("from PySide6.QtCore import QObject\n", 0), ("VALUE = 1\n", -1)],
    ids=["uses PySide", "plain"],
)
def test_modules_imported_later_are_still_sorted_by_pysides_feature_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, sorted_as: int
) -> None:
    """PySide's own sorting of a newly imported module (``feature_imported``, which its
    import hook calls) asks the quick check and keeps PySide's answer. It is called here
    directly: in one CI run of the installed-wheel suite the hook left two freshly imported
    modules out of its table, which is PySide's business, not the check's."""
    import importlib

    quicken_import_check()
    name = f"reader_probe_{sorted_as + 1}_{tmp_path.name}".replace("-", "_")
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    feature = sys.modules[FEATURE_MODULE]
    try:
        module = importlib.import_module(name)
        feature.pyside_feature_dict.pop(name, None)
        feature.feature_imported(module)
        assert feature.pyside_feature_dict[name] == sorted_as
    finally:
        sys.modules.pop(name, None)
        feature.pyside_feature_dict.pop(name, None)
