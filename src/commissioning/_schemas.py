"""JSON Schemas (draft 2020-12) of the stored forms, shipped as package data.

The schemas live in ``commissioning/schemas/<name>.schema.json``; each has an
``$id`` of the form ``urn:commissioning:schema:<name>`` and refers to the others
by that id. [`json_schema`][commissioning.machine.json_schema] returns one, with every schema it refers to
bundled under ``$defs`` (2020-12 resolves an embedded ``$id``), so it can be
used as it is by any validator.
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources
from typing import Any

from ._errors import InvalidInput, InvalidInputType, Problem

__all__ = ["json_schema", "schema_names"]

_PREFIX = "urn:commissioning:schema:"
_SUFFIX = ".schema.json"


@functools.cache
def schema_names() -> tuple[str, ...]:
    """The names of the shipped schemas, sorted.

    Examples:
        >>> {"definition", "events", "record"} <= set(schema_names())
        True
    """
    folder = resources.files("commissioning").joinpath("schemas")
    return tuple(
        sorted(p.name[: -len(_SUFFIX)] for p in folder.iterdir() if p.name.endswith(_SUFFIX))
    )


@functools.cache
def _raw(name: str) -> dict[str, Any]:
    text = resources.files("commissioning").joinpath("schemas", name + _SUFFIX).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _refs(schema: Any) -> set[str]:
    """The names of the other schemas ``schema`` refers to (walked without recursion)."""
    found: set[str] = set()
    stack = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(_PREFIX):
                found.add(ref[len(_PREFIX) :].split("#", 1)[0])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the stored form ``name``, self-contained.

    ``name`` is one of `schema_names` (``"definition"``, ``"record"``,
    ``"events"``, ``"instance"``...). The result is a fresh copy: change it freely.

    Examples:
        >>> schema = json_schema("events")
        >>> schema["$schema"], schema["properties"]["format"]
        ('https://json-schema.org/draft/2020-12/schema', {'const': 'commissioning.events'})
        >>> "urn:commissioning:schema:record" in schema["$defs"]
        True
        >>> try:
        ...     json_schema("nonsense")
        ... except InvalidInput as error:
        ...     print(error.field, "|", error.received)
        name | nonsense
    """
    names = schema_names()
    if not isinstance(name, str):
        raise InvalidInputType([Problem("name", "a schema name (str)", name, "type")])
    if name not in names:
        raise InvalidInput.of("name", "one of " + ", ".join(repr(n) for n in names), name)
    schema = copy.deepcopy(_raw(name))
    wanted = _refs(schema) - {name}
    bundled: dict[str, Any] = {}
    while wanted:
        other = wanted.pop()
        if other in bundled or other not in names:
            continue
        bundled[other] = copy.deepcopy(_raw(other))
        wanted |= _refs(bundled[other]) - {name, *bundled}
    if bundled:
        # Keyed by the full id, so no bundled schema can clash with a schema's own $defs.
        schema.setdefault("$defs", {}).update({_PREFIX + k: v for k, v in bundled.items()})
    return schema
