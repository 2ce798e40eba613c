"""Marks over the article's text from several parts at once: highlights, the sentence being
spoken, find matches.

QTextEdit has one list of ExtraSelections; each part that marks text keeps its own layer
here and the list is composed from all of them, in ORDER (later layers paint over earlier
ones), so one part never wipes another's marks. A new document drops every layer first:
ExtraSelections keep cursors into the old document, which may be freed with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from weakref import WeakKeyDictionary

from PySide6.QtWidgets import QTextEdit

ORDER = ("highlights", "speech", "find")
_LAYERS: WeakKeyDictionary[QTextEdit, dict[str, list[QTextEdit.ExtraSelection]]] = (
    WeakKeyDictionary()
)


def set_layer(
    editor: QTextEdit, owner: str, selections: Sequence[QTextEdit.ExtraSelection]
) -> None:
    """Replace ``owner``'s marks on ``editor`` (one of ORDER), keeping everyone else's."""
    layers = _LAYERS.setdefault(editor, {})
    layers[owner] = list(selections)
    editor.setExtraSelections([mark for name in ORDER for mark in layers.get(name, ())])


def clear_all(editor: QTextEdit) -> None:
    """Every layer goes (before the editor's document is replaced)."""
    _LAYERS.pop(editor, None)
    editor.setExtraSelections([])


def layer(editor: QTextEdit, owner: str) -> list[QTextEdit.ExtraSelection]:
    """``owner``'s marks on ``editor`` now."""
    return list(_LAYERS.get(editor, {}).get(owner, ()))
