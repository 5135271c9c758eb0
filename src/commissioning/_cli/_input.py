"""Reading the command line's files: JSON or JSON Lines, what kind of document, and its errors.

Everything that can go wrong with a file (missing, unreadable, not UTF-8,
not JSON, nested too deeply, not a kind the command knows) becomes a
``CliError`` with a message for the person at the terminal; ``main`` prints
it on stderr and exits with status 2. Nothing here prints.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._abbrev import safe_repr

__all__ = ["BAD_INPUT", "CliError", "Kind", "kind_of", "read_document", "what_is"]

BAD_INPUT = 2
"""The exit status for input the command cannot use (argparse uses it for bad arguments too)."""


class CliError(Exception):
    """A message for the terminal, and the exit status that goes with it."""

    def __init__(self, message: str, status: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Kind(enum.StrEnum):
    """The kinds of document the commands read."""

    DEFINITION = "machine definition"
    EVENTS = "event log"
    RECORD = "event record"
    INSTANCE = "stored instance"
    STORED = "stored aggregate"
    OCDS = "OCDS data"


def read_document(path: str, *, decimals: bool = False) -> Any:
    """The JSON value in ``path`` (``-`` for standard input); a JSON Lines file is a list.

    With ``decimals``, numbers with a fraction are read as ``Decimal`` (OCDS
    amounts), so pence are exact.
    """
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise CliError(f"{path}: permission denied") from None
    except UnicodeDecodeError as error:
        raise CliError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise CliError(f"{path}: cannot be read ({error.strerror or error})") from None
    parse_float = Decimal if decimals else float
    try:
        return json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as error:
        lines = _json_lines(path, text, parse_float)
        if lines is not None:
            return lines
        raise CliError(
            f"{path}: not JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise CliError(f"{path}: JSON nested too deeply to read") from None


def _json_lines(path: str, text: str, parse_float: Any) -> list[Any] | None:
    """The values of a JSON Lines file, or ``None`` when the text is not JSON Lines either."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) < 2 or not lines[0][1].lstrip().startswith("{"):
        return None
    values = []
    for n, line in lines:
        try:
            values.append(json.loads(line, parse_float=parse_float))
        except json.JSONDecodeError as error:
            raise CliError(
                f"{path}: line {n} of JSON Lines is not JSON ({error.msg}, column {error.colno})"
            ) from None
        except RecursionError:
            raise CliError(f"{path}: line {n} is nested too deeply to read") from None
    return values


def _is_release(value: Any) -> bool:
    return isinstance(value, Mapping) and "ocid" in value


def kind_of(document: Any) -> Kind | None:
    """What a document is, from its ``format`` key or its OCDS shape; ``None`` if unknown.

    Examples:
        >>> kind_of({"format": "commissioning.definition", "format_version": 1})
        <Kind.DEFINITION: 'machine definition'>
        >>> kind_of({"uri": "x", "releases": []}), kind_of([{"ocid": "ocds-1"}])
        (<Kind.OCDS: 'OCDS data'>, <Kind.OCDS: 'OCDS data'>)
        >>> kind_of({"format": "commissioning.procurement"})
        <Kind.STORED: 'stored aggregate'>
        >>> kind_of({"name": "x"}) is None
        True
    """
    if isinstance(document, Mapping):
        fmt = document.get("format")
        if fmt == "commissioning.definition":
            return Kind.DEFINITION
        if fmt == "commissioning.events":
            return Kind.EVENTS
        if fmt == "commissioning.record":
            return Kind.RECORD
        if fmt == "commissioning.instance":
            return Kind.INSTANCE
        if isinstance(fmt, str) and fmt.startswith("commissioning."):
            return Kind.STORED
        if "releases" in document or ("records" in document and "format" not in document):
            return Kind.OCDS
        if _is_release(document):
            return Kind.OCDS
        return None
    if isinstance(document, list) and document and all(_is_release(v) for v in document):
        return Kind.OCDS
    return None


def what_is(document: Any) -> str:
    """A short description of a document the commands do not know, for an error message."""
    if isinstance(document, Mapping):
        if "format" in document:
            return f"a document of format {safe_repr(document.get('format'))}"
        keys = ", ".join(sorted(map(str, document))[:6])
        return f"a JSON object with keys {keys or '(none)'}"
    if isinstance(document, list):
        return f"a JSON array of {len(document)} item(s)"
    return f"a JSON {type(document).__name__} ({safe_repr(document)})"
