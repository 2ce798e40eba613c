"""Keys of the action table: how they read, which ones clash, and the user's remapping.

The action table (``reader/ui/actions/table.py``) holds the defaults; the user's changes are kept
apart as overrides ``{action_id: (key, ...)}`` in QSettings, so a new default in a later
version reaches everyone who did not remap that action.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from reader.ui.actions.table import ActionSpec

SETTINGS_GROUP = "keys"
DEFAULT_CONTEXT = "global"
# Actions in these contexts are live everywhere in the window, so they clash with every
# context; actions in two different named contexts (library list, reading view) do not.
GLOBAL_CONTEXTS = frozenset({"", "global", "window", "app", "application", "main"})


@dataclass(frozen=True)
class Conflict:
    """``key`` of ``action_id`` clashes with ``other_key`` of ``other_id``."""

    action_id: str
    key: str
    other_id: str
    other_key: str


def spec_id(spec: ActionSpec) -> str:
    return spec.id


def spec_label(spec: ActionSpec) -> str:
    return spec.label.replace("&", "")


def spec_context(spec: ActionSpec) -> str:
    """Where the row's keys are live ("window", "list"...)."""
    return spec.context.strip() or DEFAULT_CONTEXT


def spec_group(spec: ActionSpec) -> str:
    """Where the cheat sheet and Keys page list an action: its context when that is a
    particular place (list, reading view), else its menu ("File", "View"), so that the
    many window-wide actions do not pile up in one heading."""
    context = spec_context(spec)
    if context.casefold() in GLOBAL_CONTEXTS and spec.menu.strip():
        return spec.menu.replace("&", "").strip()
    return context


def actions_only(specs: Iterable[ActionSpec]) -> list[ActionSpec]:
    """The commands of a table (a submenu row is not one)."""
    return [spec for spec in specs if not spec.submenu]


def spec_keys(spec: ActionSpec) -> tuple[str, ...]:
    return tuple(normalize_key(key) for key in spec.keys if key.strip())


def normalize_key(key: str | QKeySequence) -> str:
    """The portable spelling Qt reads back (``"ctrl+f"`` -> ``"Ctrl+F"``, ``"j"`` -> ``"J"``)."""
    sequence = key if isinstance(key, QKeySequence) else QKeySequence(str(key).strip())
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return text or str(key).strip()


def chords(key: str) -> tuple[str, ...]:
    """The chords of a key sequence: ``"G, L"`` -> ``("G", "L")``."""
    sequence = QKeySequence(key)
    count = sequence.count()
    if count == 0:
        return (key,)
    indexable = cast(Any, sequence)  # PySide6 supports [] here; its stubs do not say so
    return tuple(
        QKeySequence(indexable[i]).toString(QKeySequence.SequenceFormat.PortableText)
        for i in range(count)
    )


def format_key(key: str) -> str:
    """How a key reads on screen: bare letters in lower case, chords joined by "then"."""
    parts = []
    for chord in chords(key):
        native = QKeySequence(chord).toString(QKeySequence.SequenceFormat.NativeText) or chord
        parts.append(native.lower() if len(native) == 1 and native.isalpha() else native)
    return " then ".join(parts)


def format_keys(keys: Iterable[str]) -> str:
    return ", ".join(format_key(key) for key in keys)


def effective_keys(
    specs: Iterable[ActionSpec], overrides: Mapping[str, Iterable[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """``{action_id: keys}`` with the user's overrides applied over the defaults."""
    overrides = overrides or {}
    result: dict[str, tuple[str, ...]] = {}
    for spec in specs:
        action_id = spec_id(spec)
        if action_id in overrides:
            result[action_id] = tuple(normalize_key(k) for k in overrides[action_id] if k)
        else:
            result[action_id] = spec_keys(spec)
    return result


def contexts_clash(first: str, second: str) -> bool:
    first, second = first.casefold(), second.casefold()
    return first == second or first in GLOBAL_CONTEXTS or second in GLOBAL_CONTEXTS


def keys_clash(first: str, second: str) -> bool:
    """Equal sequences clash, and so does a sequence that starts another ("G" and "G, L")."""
    a, b = chords(first), chords(second)
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def find_conflict(
    specs: Iterable[ActionSpec], keymap: Mapping[str, Iterable[str]], action_id: str, key: str
) -> Conflict | None:
    """The first action whose keys clash with giving ``key`` to ``action_id``."""
    spec_list = list(specs)
    contexts = {spec_id(spec): spec_context(spec) for spec in spec_list}
    context = contexts.get(action_id, DEFAULT_CONTEXT)
    key = normalize_key(key)
    for spec in spec_list:
        other_id = spec_id(spec)
        if other_id == action_id or not contexts_clash(context, contexts[other_id]):
            continue
        for other_key in keymap.get(other_id, ()):
            if keys_clash(key, other_key):
                return Conflict(action_id, key, other_id, other_key)
    return None


def find_conflicts(
    specs: Iterable[ActionSpec], keymap: Mapping[str, Iterable[str]]
) -> dict[str, list[Conflict]]:
    """Every clash in a keymap, listed under both actions involved."""
    spec_list = list(specs)
    found: dict[str, list[Conflict]] = {}
    for spec in spec_list:
        action_id = spec_id(spec)
        for key in keymap.get(action_id, ()):
            conflict = find_conflict(spec_list, keymap, action_id, key)
            if conflict is not None:
                found.setdefault(action_id, []).append(conflict)
    return found


def load_overrides(settings: QSettings | None = None) -> dict[str, tuple[str, ...]]:
    """The user's remapped keys; unreadable entries are skipped, never raised."""
    settings = settings or QSettings()
    result: dict[str, tuple[str, ...]] = {}
    settings.beginGroup(SETTINGS_GROUP)
    try:
        remapped = settings.childKeys()
        if not remapped:  # the usual case: json stays out (~3 ms before the first story)
            return result
        import json

        for action_id in remapped:
            raw = settings.value(action_id)
            try:
                keys = json.loads(str(raw))
            except (TypeError, ValueError):
                continue
            if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
                result[action_id] = tuple(normalize_key(k) for k in keys if k)
    finally:
        settings.endGroup()
    return result


def save_overrides(
    overrides: Mapping[str, Iterable[str]], settings: QSettings | None = None
) -> None:
    """Replace the saved overrides (JSON lists: an empty list means "no key")."""
    import json

    settings = settings or QSettings()
    settings.beginGroup(SETTINGS_GROUP)
    settings.remove("")
    for action_id, keys in sorted(overrides.items()):
        settings.setValue(action_id, json.dumps(list(keys)))
    settings.endGroup()
    settings.sync()


def overrides_from(
    specs: Iterable[ActionSpec], keymap: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Only the entries of ``keymap`` that differ from the defaults."""
    result: dict[str, tuple[str, ...]] = {}
    for spec in specs:
        action_id = spec_id(spec)
        if action_id not in keymap:
            continue
        keys = tuple(normalize_key(k) for k in keymap[action_id])
        if keys != spec_keys(spec):
            result[action_id] = keys
    return result
