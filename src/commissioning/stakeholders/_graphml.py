"""GraphML export and import (as text): the stakeholders and relationships of a map.

Nothing is read from or written to disk. The import streams the document
through expat (no element tree), refuses DOCTYPE and ENTITY declarations, and
checks every record as the dict import does (`._export.Reader`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from .._errors import InvalidInput, InvalidInputType, Problem
from ._events import DEFAULT_ID
from ._export import Reader
from ._model import Relationship, Stakeholder

if TYPE_CHECKING:
    from ..machine import EventRecord
    from ._map import StakeholderMap

__all__ = ["from_graphml", "to_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NODE_KEYS = (
    ("name", "string"),
    ("kind", "string"),
    ("power", "int"),
    ("interest", "int"),
    ("legitimacy", "int"),
    ("urgency", "int"),
    ("tags", "string"),
)
_EDGE_KEYS = (("type", "string"), ("weight", "double"))


def _xml_text(where: str, value: str) -> str:
    if _XML_ILLEGAL.search(value):
        raise InvalidInput.of(where, "text without characters XML cannot hold", value)
    return value


def to_graphml(stakeholder_map: StakeholderMap) -> str:
    """The stakeholders and relationships as a GraphML document (a string; no file is written).

    Tags are written as a JSON array in a string attribute, since GraphML has
    no list type. Text with control characters that XML 1.0 cannot hold is
    refused with [`InvalidInput`][commissioning.InvalidInput].
    """
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<graphml xmlns="{_NS}">',
    ]
    for i, (name, kind) in enumerate(_NODE_KEYS):
        lines.append(f'  <key id="n{i}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for i, (name, kind) in enumerate(_EDGE_KEYS):
        lines.append(f'  <key id="e{i}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    lines.append('  <graph edgedefault="directed">')
    stakeholders = stakeholder_map.stakeholders
    quoted: dict[str, str] = {}  # each id as an XML attribute value, made once
    for sid in sorted(stakeholders):
        s = stakeholders[sid]
        values = (
            s.name,
            str(s.kind),
            str(s.power),
            str(s.interest),
            str(s.legitimacy),
            str(s.urgency),
            json.dumps(sorted(s.tags)),
        )
        data = "".join(
            f'<data key="n{i}">{escape(_xml_text(f"stakeholders[{sid!r}]", v))}</data>'
            for i, v in enumerate(values)
        )
        quoted[sid] = quoteattr(_xml_text("id", sid))
        lines.append(f"    <node id={quoted[sid]}>{data}</node>")
    # Each type's XML is made (and checked) once, at its first relationship.
    typed: dict[str, str] = {}
    for r in stakeholder_map.relationships:
        found = typed.get(r.type)
        if found is None:
            text = str(r.type)
            found = typed[r.type] = (
                f'id={quoteattr(text)}><data key="e0">{escape(_xml_text("type", text))}</data>'
            )
        lines.append(
            f"    <edge source={quoted[r.source]} target={quoted[r.target]} "
            f'{found}<data key="e1">{r.weight!r}</data></edge>'
        )
    lines.append("  </graph>")
    lines.append("</graphml>")
    return "\n".join(lines) + "\n"


def _graphml_boolean(text: str) -> bool:
    return text.strip().lower() in ("true", "1")


_GRAPHML_TYPES: dict[str, Any] = {
    "int": int,
    "long": int,
    "double": float,
    "float": float,
    "boolean": _graphml_boolean,
    "string": str,
}


_Decoder = tuple[str, str, Any]  # attribute name, GraphML type, and the function reading it
_NO_KEY: _Decoder = ("", "string", str)
_GRAPHML, _KEY, _GRAPH, _NODE, _EDGE, _DATA = (
    f"{{{_NS}}}{tag}" for tag in ("graphml", "key", "graph", "node", "edge", "data")
)


class _GraphMLReader:
    """Reads a GraphML document's stakeholders and relationships as expat reports its elements.

    No element tree is built: on a large map it would be an object per element,
    all alive at once, and most of the reading time went to the garbage
    collector walking them. Each <node> and <edge> child of the root's first
    <graph> is read into a record as soon as it ends, from its attributes and
    its <data> children's keys and text (the text before any child element,
    as ElementTree's ``text``), so what stays alive is the records. Tags are
    compared as ElementTree writes them (``{namespace}name``).

    GraphML puts every <key> before the <graph>; if a document has one after,
    `late` is set and the document must be read again with
    ``keys=`` the keys found, since elements before it were read without it.
    """

    def __init__(self, keys: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.root: str | None = None
        self.keys: dict[str, tuple[str, str]] = dict(keys or {})
        self.fixed = keys is not None  # keys given: <key> elements are not read again
        self.late = False
        self.graphs = 0
        self.reader = Reader()
        self.stakeholders: list[Stakeholder | None] = []
        self.relationships: list[Relationship | None] = []
        self._decoders = self._decoding()
        self._depth = 0
        self._in_graph = False  # inside the first <graph>
        self._element: tuple[str, dict[str, str]] | None = None  # the <node> or <edge> being read
        self._data: list[tuple[str, str]] = []  # its <data> children's keys and text
        self._key: str | None = None  # the key of the <data> being read
        self._text: list[str] = []
        self._reading = False  # whether character data is the <data>'s text

    def _decoding(self) -> dict[str, _Decoder]:
        return {
            key: (name, kind, _GRAPHML_TYPES.get(kind, str))
            for key, (name, kind) in self.keys.items()
        }

    def parse(self, text: str) -> None:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.Parse(text, True)  # noqa: FBT003 - expat's own signature (data, isfinal)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        depth = self._depth = self._depth + 1
        tag = "{" + name if "}" in name else name
        if depth == 4:
            if self._element is not None and tag == _DATA:
                self._key = attributes.get("key", "")
                self._text = []
                self._reading = True
        elif depth > 4:
            self._reading = False  # later text is a child's, or a tail
        elif depth == 3:
            if self._in_graph and tag in (_NODE, _EDGE):
                self._element = (tag, attributes)
                self._data = []
        elif depth == 2:
            if tag == _KEY and not self.fixed:
                self.keys[attributes.get("id", "")] = (
                    attributes.get("attr.name", ""),
                    attributes.get("attr.type", "string"),
                )
                self._decoders = self._decoding()
                self.late |= bool(self.stakeholders or self.relationships)
            elif tag == _GRAPH:
                self.graphs += 1
                self._in_graph = self.graphs == 1
        else:
            self.root = tag

    def _characters(self, text: str) -> None:
        if self._reading:
            self._text.append(text)

    def _end(self, _name: str) -> None:
        depth = self._depth
        self._depth = depth - 1
        if depth == 4 and self._key is not None:
            self._data.append((self._key, "".join(self._text)))
            self._key = None
            self._reading = False
        elif depth == 3 and self._element is not None:
            tag, attributes = self._element
            self._element = None
            if tag == _EDGE:
                self._edge(attributes)
            else:
                self._node(attributes)
        elif depth == 2:
            self._in_graph = False

    def _item(self, where: str, item: dict[str, Any]) -> dict[str, Any] | None:
        """``item`` with the element's <data> read into it; None (and problems recorded) if any is bad."""
        ok = True
        for key, text in self._data:
            name, kind, read = self._decoders.get(key, _NO_KEY)
            try:
                item[name] = read(text)
            except ValueError:
                self.reader.check.add(Problem(f"{where}.{name}", f"a GraphML {kind}", text))
                ok = False
        return item if ok else None

    def _edge(self, attributes: dict[str, str]) -> None:
        n = len(self.relationships)
        item = self._item(
            f"edges[{n}]", {"source": attributes.get("source"), "target": attributes.get("target")}
        )
        if item is not None and "type" not in item and attributes.get("id") is not None:
            item["type"] = attributes["id"]
        self.relationships.append(
            None if item is None else self.reader.relationship(item, "edges[{}]", n)
        )

    def _node(self, attributes: dict[str, str]) -> None:
        n = len(self.stakeholders)
        item = self._item(f"nodes[{n}]", {"id": attributes.get("id")})
        if item is not None and isinstance(item.get("tags"), str):
            try:
                item["tags"] = json.loads(item["tags"])
            except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
                self.reader.check.add(
                    Problem(f"nodes[{n}].tags", "a JSON array of strings", item["tags"])
                )
                item = None
        self.stakeholders.append(
            None if item is None else self.reader.stakeholder(item, "nodes[{}]", n)
        )


def from_graphml(
    text: Any,
    *,
    at: dt.datetime,
    actor: str,
    id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary's word
) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
    """Build a map from a GraphML document (a string), such as `to_graphml` writes.

    Attributes are matched by name (``attr.name``), so GraphML written by
    networkx from `to_networkx` reads too. Documents with a DOCTYPE or
    entity declarations are refused (GraphML needs neither, and refusing them
    rules out entity-expansion attacks).
    """
    from ._map import StakeholderMap  # noqa: PLC0415 - the map's module imports this one

    if not isinstance(text, str):
        raise InvalidInputType([Problem("graphml", "a GraphML document as a str", text, "type")])
    if re.search(r"<!(DOCTYPE|ENTITY)", text, flags=re.IGNORECASE):
        raise InvalidInput.of("graphml", "GraphML without DOCTYPE or ENTITY declarations", text)
    read = _GraphMLReader()
    try:
        read.parse(text)  # DOCTYPE and ENTITY were refused above
    except expat.ExpatError as error:
        raise InvalidInput.of("graphml", f"well-formed XML ({error})", text) from None
    if read.root != _GRAPHML:
        raise InvalidInput.of(
            "graphml", "a <graphml> root element in the GraphML namespace", read.root
        )
    if read.graphs != 1:
        raise InvalidInput.of("graphml", "exactly one <graph>", read.graphs)
    if read.late:
        read = _GraphMLReader(read.keys)
        read.parse(text)  # well-formed: read once already
    read.reader.check.done()
    return StakeholderMap.create(
        read.stakeholders,  # type: ignore[arg-type] # no None left: done() raised otherwise
        read.relationships,  # type: ignore[arg-type] # as above
        id=id,
        at=at,
        actor=actor,
    )
