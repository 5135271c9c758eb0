"""Export and import: JSON-compatible dicts, networkx, Mermaid and DOT (GraphML: `._graphml`).

Nothing here reads or writes files: every export returns a value or a string,
every import takes one. Imports check everything and report every problem at
once ([`InvalidInput`][commissioning.InvalidInput], field paths such as
``stakeholders[3].power``); a dict from a newer or unknown ``format_version``
is refused.

What each format carries: the JSON-compatible dict carries everything
(stakeholders, relationships, engagements and plans); networkx and GraphML
carry the graph (stakeholders and relationships); Mermaid and DOT are
drawings of the graph. No format carries the history (``to_data`` stores it):
an import creates a map, recorded as ``import`` records at the time you give.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._abbrev import safe_repr
from .._aggregate import check_format
from .._errors import InvalidInput, InvalidInputType, Problem
from .._reader import DEFAULT_LIMITS, check_json
from .._validation import Checker
from ._engagement import Engagement, EngagementPlan
from ._events import DEFAULT_ID
from ._ladders import ArnsteinRung, CoProductionRung, rung_from
from ._model import FAST_ADJACENCY as _FAST_ADJACENCY
from ._model import Relationship, Stakeholder, Thresholds, safe_order
from ._quadrants import Quadrant
from ._records import engagement_data, plan_data, relationship_data, stakeholder_data

if TYPE_CHECKING:
    from ..machine import EventRecord
    from ._map import StakeholderMap

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Reader",
    "from_dict",
    "from_networkx",
    "to_dict",
    "to_dot",
    "to_mermaid",
    "to_networkx",
]

FORMAT = "commissioning.stakeholders"
FORMAT_VERSION = 1
_SCORES = ("power", "interest", "legitimacy", "urgency")


# ---- dicts ------------------------------------------------------------------------------


def to_dict(stakeholder_map: StakeholderMap) -> dict[str, Any]:
    """Everything on the map as JSON-compatible data (``json.dumps`` takes it as is)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "stakeholders": [
            stakeholder_data(stakeholder_map.stakeholders[sid])
            for sid in sorted(stakeholder_map.stakeholders)
        ],
        "relationships": [relationship_data(r) for r in stakeholder_map.relationships],
        "engagements": [engagement_data(e) for e in stakeholder_map.engagements],
        "plans": [plan_data(p) for p in stakeholder_map.plans],
    }


_S_REQUIRED = frozenset({"id", "name", "kind"})
_S_ALLOWED = _S_REQUIRED | {*_SCORES, "tags"}


class Reader:
    """Reads untyped data into records, collecting every problem."""

    def __init__(self) -> None:
        self.check = Checker()

    def json(self, where: str, item: Any) -> bool:
        """Whether ``item`` is JSON-compatible within the reader's limits (its first problem recorded if not).

        Run where a record is not in the common, valid shape, so that a hostile
        one (nested thousands deep, a number of thousands of digits, an object
        that is not JSON) is named by its path before anything else reads it.
        """
        try:
            check_json(item, field=where)
        except InvalidInput as error:
            self.check.extend(error)
            return False
        return True

    def fields(
        self, where: str, data: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        if not self.check.type(where, data, dict, "an object (dict)"):
            return None
        ok = True
        for key in required:
            ok &= self.check.that(key in data, f"{where}.{key}" if where else key, "present", None)
        for key in sorted(set(data) - set(required) - set(optional), key=str):
            self.check.add(
                Problem(f"{where}.{key}" if where else str(key), "no such field", data[key])
            )
            ok = False
        return dict(data) if ok else None

    def array(self, where: str, data: Any) -> list[Any]:
        if self.check.type(where, data, list, "an array (list)"):
            return list(data)
        return []

    def date(self, where: str, value: Any) -> dt.date | None:
        earliest, latest = DEFAULT_LIMITS.earliest, DEFAULT_LIMITS.latest
        expected = f"an ISO date string (YYYY-MM-DD) from {earliest} to {latest}"
        if not self.check.type(where, value, str, expected):
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)  # noqa: TRY301 - one path for every malformed date
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.check.add(Problem(where, expected, value))
            return None
        if not earliest <= day <= latest:  # so that windows counted from it stay in range
            self.check.add(Problem(where, expected, value))
            return None
        return day

    def build(self, where: str, make: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return make(*args, **kwargs)
        except InvalidInput as error:
            self.check.extend(error, where)
            return None

    def stakeholder(self, item: Any, where: str, *at: object) -> Stakeholder | None:
        """The stakeholder ``item`` describes, or None (its problems recorded) if it is bad.

        ``where`` is the item's path as a format string, filled in with ``at``
        only when there is a problem to report (most items have none).
        """
        if type(item) is dict and _S_REQUIRED <= item.keys() <= _S_ALLOWED:
            tags = item.get("tags", ())
            if type(tags) is list:
                try:  # the common, valid case, quickly; any problem is reported below
                    return Stakeholder(
                        item["id"],
                        item["name"],
                        item["kind"],
                        item.get("power", 0),
                        item.get("interest", 0),
                        item.get("legitimacy", 0),
                        item.get("urgency", 0),
                        tags,
                    )
                except InvalidInput:
                    pass
        where = where.format(*(safe_repr(a, 40) for a in at))
        if not self.json(where, item):
            return None
        data = self.fields(where, item, ("id", "name", "kind"), (*_SCORES, "tags"))
        if data is None:
            return None
        tags = data.get("tags", [])
        if not self.check.type(f"{where}.tags", tags, list, "an array of strings"):
            return None
        scores = {k: data[k] for k in _SCORES if k in data}
        found: Stakeholder | None = self.build(
            where, Stakeholder, data["id"], data["name"], data["kind"], tags=tags, **scores
        )
        return found

    def relationship(self, item: Any, where: str, *at: object) -> Relationship | None:
        """The relationship ``item`` describes, or None (its problems recorded); as `stakeholder`."""
        if type(item) is dict and len(item) == (4 if "weight" in item else 3):
            try:  # the common, valid case, quickly; any problem is reported below
                return Relationship(
                    item["source"], item["target"], item["type"], item.get("weight", 1.0)
                )
            except (InvalidInput, KeyError):
                pass
        where = where.format(*(safe_repr(a, 40) for a in at))
        if not self.json(where, item):
            return None
        data = self.fields(where, item, ("source", "target", "type"), ("weight",))
        if data is None:
            return None
        found: Relationship | None = self.build(
            where,
            Relationship,
            data["source"],
            data["target"],
            data["type"],
            weight=data.get("weight", 1.0),
        )
        return found

    def engagement(self, where: str, item: Any) -> Engagement | None:
        found: Engagement | None = self._hostile_first(where, item, self._engagement)
        return found

    def plan(self, where: str, item: Any) -> EngagementPlan | None:
        found: EngagementPlan | None = self._hostile_first(where, item, self._plan)
        return found

    def _hostile_first(self, where: str, item: Any, read: Any) -> Any:
        """``read(where, item)``; if it finds a problem, a JSON problem (depth, digits...) is named first.

        The JSON walk runs only for items with a problem, so valid ones cost nothing more.
        """
        mark = len(self.check.problems)
        found = read(where, item)
        if len(self.check.problems) > mark:
            try:
                check_json(item, field=where)
            except InvalidInput as error:
                del self.check.problems[mark:]
                self.check.extend(error)
        return found

    def _engagement(self, where: str, item: Any) -> Engagement | None:
        data = self.fields(
            where, item, ("on", "stakeholders", "method", "ladder", "rung"), ("summary",)
        )
        if data is None:
            return None
        on = self.date(f"{where}.on", data["on"])
        ladders = ", ".join(repr(c.ladder()) for c in (CoProductionRung, ArnsteinRung))
        rung = None
        if self.check.type(f"{where}.ladder", data["ladder"], str, f"one of {ladders}"):
            try:
                rung = rung_from(data["ladder"], data["rung"])
            except ValueError:
                self.check.add(
                    Problem(f"{where}.rung", f"a rung of a known ladder ({ladders})", data["rung"])
                )
        ids = data["stakeholders"]
        if not self.check.type(f"{where}.stakeholders", ids, list, "an array of ids"):
            return None
        if on is None or rung is None:
            return None
        found: Engagement | None = self.build(
            where, Engagement, on, ids, data["method"], rung, data.get("summary", "")
        )
        return found

    def _plan(self, where: str, item: Any) -> EngagementPlan | None:
        data = self.fields(where, item, ("on", "quadrants"), ("name", "thresholds"))
        if data is None:
            return None
        on = self.date(f"{where}.on", data["on"])
        thresholds: Thresholds | None = Thresholds()
        if "thresholds" in data:
            raw = self.fields(f"{where}.thresholds", data["thresholds"], (), _SCORES)
            thresholds = (
                None if raw is None else self.build(f"{where}.thresholds", Thresholds, **raw)
            )
        quadrants: dict[str, Quadrant] = {}
        raw_quadrants = data["quadrants"]
        if self.check.type(
            f"{where}.quadrants", raw_quadrants, dict, "an object of id to quadrant"
        ):
            names = ", ".join(repr(q.value) for q in Quadrant)
            for sid, value in raw_quadrants.items():
                try:
                    quadrants[sid] = Quadrant(value)
                except ValueError:
                    self.check.add(Problem(f"{where}.quadrants[{sid!r}]", f"one of {names}", value))
        if on is None or thresholds is None:
            return None
        found: EngagementPlan | None = self.build(
            where, EngagementPlan, on, quadrants, thresholds, data.get("name", "")
        )
        return found


def from_dict(
    data: Any,
    *,
    at: dt.datetime,
    actor: str,
    id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary\'s word
) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
    """Build a map from `to_dict`'s output, checking everything first."""
    from ._map import StakeholderMap  # noqa: PLC0415 - the map's module imports this one

    reader = Reader()
    check_format(data, format_name=FORMAT, versions=(FORMAT_VERSION,))
    top = reader.fields(
        "",
        data,
        ("format", "format_version", "stakeholders", "relationships"),
        ("engagements", "plans"),
    )
    if top is None:
        reader.check.done()
    assert top is not None  # noqa: S101 - done() raised otherwise
    stakeholders = [
        reader.stakeholder(item, "stakeholders[{}]", i)
        for i, item in enumerate(reader.array("stakeholders", top["stakeholders"]))
    ]
    relationships = [
        reader.relationship(item, "relationships[{}]", i)
        for i, item in enumerate(reader.array("relationships", top["relationships"]))
    ]
    engagements = [
        reader.engagement(f"engagements[{i}]", item)
        for i, item in enumerate(reader.array("engagements", top.get("engagements", [])))
    ]
    plans = [
        reader.plan(f"plans[{i}]", item)
        for i, item in enumerate(reader.array("plans", top.get("plans", [])))
    ]
    reader.check.done()
    return StakeholderMap.create(
        stakeholders,  # type: ignore[arg-type] # no None left: done() raised otherwise
        relationships,  # type: ignore[arg-type] # as above
        engagements=engagements,  # type: ignore[arg-type] # as above
        plans=plans,  # type: ignore[arg-type] # as above
        id=id,
        at=at,
        actor=actor,
    )


# ---- networkx ---------------------------------------------------------------------------


def to_networkx(stakeholder_map: StakeholderMap) -> nx.MultiDiGraph[str]:
    """A new ``networkx.MultiDiGraph`` of the stakeholders and relationships (yours to change).

    Nodes are keyed by id with attributes ``name``, ``kind``, ``power``,
    ``interest``, ``legitimacy``, ``urgency`` and ``tags`` (a sorted list);
    edges are keyed by relationship type with attributes ``type`` and ``weight``.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(format=FORMAT, format_version=FORMAT_VERSION)
    stakeholders = stakeholder_map.stakeholders
    graph.add_nodes_from((sid, stakeholder_data(stakeholders[sid])) for sid in sorted(stakeholders))
    for _, attributes in graph.nodes(data=True):
        del attributes["id"]
    # The edges go straight into networkx's adjacency, its documented
    # dict-of-dicts in which _succ[u][v] and _pred[v][u] are the one dict of the
    # edges from u to v by key: add_edges_from would make each edge's attributes
    # and then copy them, edge by edge (most of the export's time on a large map).
    if not _FAST_ADJACENCY:
        keyed: Any = (  # keyed 4-tuples, which networkx accepts but its stubs do not declare
            (r.source, r.target, str(r.type), {"type": str(r.type), "weight": r.weight})
            for r in stakeholder_map.relationships
        )
        graph.add_edges_from(keyed)
        return graph
    adjacency: Any = graph  # the stubs do not declare the adjacency dicts
    succ, pred = adjacency._succ, adjacency._pred  # noqa: SLF001 - see above
    for r in stakeholder_map.relationships:
        kind = str(r.type)
        keyed = succ[r.source].get(r.target)
        if keyed is None:
            keyed = succ[r.source][r.target] = pred[r.target][r.source] = {}
        keyed[kind] = {"type": kind, "weight": r.weight}
    return graph


def from_networkx(
    graph: Any,
    *,
    at: dt.datetime,
    actor: str,
    id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary\'s word
) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
    """Build a map from a networkx graph shaped as `to_networkx` makes them."""
    from ._map import StakeholderMap  # noqa: PLC0415 - the map's module imports this one

    reader = Reader()
    if not isinstance(graph, nx.Graph) or not graph.is_directed():
        raise InvalidInputType([Problem("graph", "a directed networkx graph", graph, "type")])
    stakeholders = []
    for sid, data in graph.nodes(data=True):
        item = {"id": sid, **data}
        if "tags" in item and not isinstance(item["tags"], list):
            tags = item["tags"]
            if isinstance(tags, tuple | set | frozenset):  # networkx users often keep sets
                item["tags"] = sorted(tags, key=safe_order)
        stakeholders.append(reader.stakeholder(item, "nodes[{}]", sid))
    relationships = []
    # graph.adjacency() walks the edges as edges(data=True) does, without its views
    edges: Iterable[tuple[Any, Any, Any, Any]] = (
        (
            (u, v, key, data)
            for u, targets in graph.adjacency()
            for v, keyed in targets.items()
            for key, data in keyed.items()
        )
        if graph.is_multigraph()
        else ((u, v, None, data) for u, targets in graph.adjacency() for v, data in targets.items())
    )
    for u, v, key, data in edges:
        item = {"source": u, "target": v, **data}
        if "type" not in item and key is not None:
            item["type"] = key
        relationships.append(reader.relationship(item, "edges[{}, {}, {}]", u, v, key))
    reader.check.done()
    return StakeholderMap.create(
        stakeholders,  # type: ignore[arg-type] # no None left: done() raised otherwise
        relationships,  # type: ignore[arg-type] # as above
        id=id,
        at=at,
        actor=actor,
    )


# ---- drawings ---------------------------------------------------------------------------

_MERMAID_UNSAFE = re.compile(r"[^A-Za-z0-9 _\-.,:()'/]")


def _mermaid_code(found: re.Match[str]) -> str:
    return f"#{ord(found.group())};"


def _mermaid_text(value: str) -> str:
    return _MERMAID_UNSAFE.sub(_mermaid_code, value)


def _strength(weight: float) -> str:
    return f"{weight:g}"


def to_mermaid(stakeholder_map: StakeholderMap, *, direction: str = "LR") -> str:
    """A Mermaid flowchart of the stakeholders and relationships.

    Nodes are numbered ``n0``, ``n1``... in id order and labelled with the
    name; characters Mermaid could misread are written as entity codes.
    """
    if direction not in ("LR", "RL", "TB", "BT"):
        raise InvalidInput.of("direction", "one of 'LR', 'RL', 'TB', 'BT'", direction)
    ids = sorted(stakeholder_map.stakeholders)
    number = {sid: i for i, sid in enumerate(ids)}
    lines = [f"flowchart {direction}"]
    lines.extend(
        f'    n{number[sid]}["{_mermaid_text(stakeholder_map.stakeholders[sid].name)}"]'
        for sid in ids
    )
    labels: dict[tuple[str, float], str] = {}
    for r in stakeholder_map.relationships:
        label = labels.get((r.type, r.weight))
        if label is None:
            label = labels[r.type, r.weight] = f"{_mermaid_text(str(r.type))} {_strength(r.weight)}"
        lines.append(f'    n{number[r.source]} -->|"{label}"| n{number[r.target]}')
    return "\n".join(lines) + "\n"


def _dot_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def to_dot(stakeholder_map: StakeholderMap) -> str:
    """A Graphviz DOT digraph of the stakeholders and relationships.

    Nodes are the ids, labelled with the names; edges are labelled with the
    type and weight, and drawn thicker the stronger they are.
    """
    lines = ["digraph stakeholders {"]
    stakeholders = stakeholder_map.stakeholders
    quoted = {sid: f'"{_dot_text(sid)}"' for sid in sorted(stakeholders)}
    lines.extend(
        f'  {quoted[sid]} [label="{_dot_text(stakeholders[sid].name)}"];' for sid in quoted
    )
    # Each (type, weight)'s attributes are made once (1 and 1.0 write the same).
    attributes: dict[tuple[str, float], str] = {}
    for r in stakeholder_map.relationships:
        found = attributes.get((r.type, r.weight))
        if found is None:
            found = attributes[r.type, r.weight] = (
                f'[label="{_dot_text(str(r.type))} {_strength(r.weight)}", '
                f"penwidth={1 + 2 * r.weight:.2f}];"
            )
        lines.append(f"  {quoted[r.source]} -> {quoted[r.target]} {found}")
    lines.append("}")
    return "\n".join(lines) + "\n"
