"""JSON as Python writes it: what ``json.dumps`` is given.

Export formats, the CLI's ``--format json`` and the model's ``to_json`` return these types
(not ``Any``), so the type checker sees a value that JSON cannot carry. Containers inside
are read-only views (Sequence, Mapping) so that a list of objects is a JSON value too.
What ``json.loads`` gives stays ``Any`` where it is read: each field is checked there.
"""

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JsonValue: TypeAlias = (
    bool | int | float | str | Sequence["JsonValue"] | Mapping[str, "JsonValue"] | None
)
JsonObject: TypeAlias = dict[str, JsonValue]
