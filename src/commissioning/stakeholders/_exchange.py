"""A stakeholder map's tables, stored form, exports and imports: a base of [`StakeholderMap`][commissioning.stakeholders.StakeholderMap] (private).

Kept apart from the map's core (its tables, history and commands) so that each
module stays small; every method here is the map's own, documented with it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from .._aggregate import check_format
from .._errors import InvalidHistory
from .._validation import Checker
from ..machine import (
    EVENTS_FORMAT,
    EVENTS_FORMAT_VERSION,
    EventRecord,
    record_to_data,
    records_from_data,
)
from ._events import DEFAULT_ID
from ._model import check_text

if TYPE_CHECKING:
    import networkx as nx

    from ._map import StakeholderMap

__all__ = ["MAP_FORMAT", "MAP_FORMAT_VERSION", "MapExchange"]

MAP_FORMAT = "commissioning.stakeholder-map"
MAP_FORMAT_VERSION = 1


class MapExchange:
    """The map's tables, stored form, exports and imports (a base of [`StakeholderMap`][commissioning.stakeholders.StakeholderMap])."""

    __slots__ = ()

    if TYPE_CHECKING:
        id: str

        @property
        def history(self) -> tuple[EventRecord, ...]: ...

    def _as_map(self) -> StakeholderMap:
        """This map, typed as what it is (the base only ever serves [`StakeholderMap`][commissioning.stakeholders.StakeholderMap])."""
        return cast("StakeholderMap", self)

    # ---- tables --------------------------------------------------------------------

    def to_frame(self, table: str = "stakeholders", *, exact: bool = False) -> Any:
        """One of the map's tables as a pandas DataFrame (``pandas`` extra).

        ``table`` is ``"stakeholders"`` (one row each, sorted by id, with its
        quadrant and salience type), ``"relationships"``, ``"engagements"`` or
        ``"plans"`` (one row per stakeholder in each plan). Scores are ints,
        weights floats, days ``datetime64`` and closed sets their names, so the
        table plots; ``exact=True`` keeps ``pendulum``/``datetime`` days, enum
        members and tag sets.

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> from commissioning.stakeholders import CoProductionRung, Engagement
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "cabinet", power=9, interest=8),
            ...      Stakeholder("b", "B", "carer", power=2, interest=9)],
            ...     engagements=[Engagement(dt.date(2026, 2, 1), {"a", "b"}, "meeting",
            ...                             CoProductionRung.CONSULTATION)],
            ...     at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), actor="al")
            >>> people = m.to_frame()
            >>> people[["id", "power", "quadrant"]].values.tolist()
            [['a', 9, 'key players'], ['b', 2, 'keep informed']]
            >>> str(people["power"].dtype), str(m.to_frame("engagements")["on"].dtype)
            ('int64', 'datetime64[ns]')
        """
        from ._frames import map_frame  # noqa: PLC0415 - keeps the tables' module out until asked for

        return map_frame(self._as_map(), table, exact=exact)

    def _repr_html_(self) -> str:
        from ._frames import map_html  # noqa: PLC0415 - as above

        return map_html(self._as_map())

    # ---- storing -------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The map's stored form: its id and every record (``record_to_data``), JSON-compatible.

        ``format`` is ``"commissioning.stakeholder-map"`` and ``format_version``
        1; `from_data` reads it back into an equal map with the same history.
        (For a snapshot without history, to exchange with other tools, use
        `to_dict`.)

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt, json
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create([Stakeholder("a", "A", "resident")], id="m",
            ...                              at=at, actor="al")
            >>> m, _ = m.update("a", power=4, at=at, actor="al")
            >>> data = m.to_data()
            >>> data["format"], data["format_version"], [r["event"] for r in data["records"]]
            ('commissioning.stakeholder-map', 1, ['import', 'update'])
            >>> again = StakeholderMap.from_data(json.loads(json.dumps(data)))
            >>> again == m, again.history == m.history
            (True, True)
        """
        return {
            "format": MAP_FORMAT,
            "format_version": MAP_FORMAT_VERSION,
            "id": self.id,
            "records": [record_to_data(r) for r in self.history],
        }

    @classmethod
    def from_data(cls, data: Any, /) -> StakeholderMap:
        """Load a map stored by `to_data`, checking every record, then replaying them.

        An unknown ``format_version`` is refused ([`InvalidInput`][commissioning.InvalidInput]
        naming ``format_version``); a record that does not fit raises
        [`InvalidHistory`][commissioning.InvalidHistory].

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> StakeholderMap.from_data({"format": "commissioning.stakeholder-map",
            ...                           "format_version": 9, "id": "m", "records": []})
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: format_version: expected 1 (the versions this release reads), received 9
        """
        check_format(data, format_name=MAP_FORMAT, versions=(MAP_FORMAT_VERSION,))
        check = Checker()
        check_text(check, "id", data.get("id"))
        check.done()
        records = records_from_data(
            {
                "format": EVENTS_FORMAT,
                "format_version": EVENTS_FORMAT_VERSION,
                "records": data.get("records"),
            }
        )
        for index, record in enumerate(records):
            if record.stream_id != data["id"]:
                raise InvalidHistory(index, record, f"expected stream {data['id']!r}")
        from ._map import StakeholderMap  # noqa: PLC0415 - that module imports this one

        return StakeholderMap.replay(records) if records else StakeholderMap(data["id"])

    # ---- export and import ---------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Everything on the map now as JSON-compatible data, with ``format`` and ``format_version``.

        Stakeholders are sorted by id and relationships by ``(source, target,
        type)``; engagements and plans keep their order. The history is not
        included (`to_data` stores it).

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt, json
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "resident", power=3)], id="m", at=at, actor="al")
            >>> data = m.to_dict()
            >>> data["format"], data["format_version"], data["stakeholders"][0]["power"]
            ('commissioning.stakeholders', 1, 3)
            >>> StakeholderMap.from_dict(json.loads(json.dumps(data)), at=at, actor="al")[0] == m
            True
        """
        from ._export import to_dict  # noqa: PLC0415 - that module imports this one

        return to_dict(self._as_map())

    @classmethod
    def from_dict(
        cls,
        data: Any,
        *,
        at: dt.datetime,
        actor: str,
        id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary's word
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Create a map from `to_dict`'s output (for example after ``json.loads``).

        Every problem is reported at once, with the path to the field; an
        unknown ``format_version`` is refused.

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> StakeholderMap.from_dict({"format": "commissioning.stakeholders",
            ...     "format_version": 1, "relationships": [],
            ...     "stakeholders": [{"id": "a", "name": "A", "kind": "resident", "power": "high"}]},
            ...     at=at, actor="al")[0]
            Traceback (most recent call last):
            ...
            commissioning.InvalidInputType: stakeholders[0].power: expected a whole number from 0 to 10, received 'high'
            >>> StakeholderMap.from_dict({"format": "commissioning.stakeholders",
            ...                           "format_version": 2}, at=at, actor="al")[0]
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: format_version: expected 1 (the versions this release reads), received 2
        """
        from ._export import from_dict  # noqa: PLC0415 - that module imports this one

        return from_dict(data, at=at, actor=actor, id=id)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """A new networkx ``MultiDiGraph`` of the stakeholders and relationships, yours to change.

        Nodes are keyed by id with attributes ``name``, ``kind``, ``power``,
        ``interest``, ``legitimacy``, ``urgency`` and ``tags`` (a sorted list);
        edges are keyed by relationship type, with attributes ``type`` and
        ``weight``. Engagements and plans are not included (use `to_dict`).

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences", weight=0.5)], at=at, actor="al")
            >>> g = m.to_networkx()
            >>> g.edges["a", "b", "influences"]["weight"]
            0.5
            >>> StakeholderMap.from_networkx(g, at=at, actor="al")[0] == m
            True
        """
        from ._export import to_networkx  # noqa: PLC0415 - that module imports this one

        return to_networkx(self._as_map())

    @classmethod
    def from_networkx(
        cls,
        graph: Any,
        *,
        at: dt.datetime,
        actor: str,
        id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary's word
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Build a map from a directed networkx graph shaped as `to_networkx` makes them.

        On a multigraph, an edge without a ``type`` attribute takes its key as
        the type.

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt, networkx as nx
            >>> g = nx.DiGraph()
            >>> g.add_node("a", name="A", kind="resident", power=4)
            >>> g.add_node("b", name="B", kind="carer")
            >>> g.add_edge("a", "b", type="represents")
            >>> m, _ = StakeholderMap.from_networkx(
            ...     g, at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
            >>> m.relationships[0].weight, m.stakeholder("a").power
            (1.0, 4)
        """
        from ._export import from_networkx  # noqa: PLC0415 - that module imports this one

        return from_networkx(graph, at=at, actor=actor, id=id)

    def to_graphml(self) -> str:
        """The stakeholders and relationships as GraphML text (nothing is written to disk).

        Tags are a JSON array in a string attribute (GraphML has no lists).
        Engagements and plans are not included (use `to_dict`).

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create([Stakeholder("a", "A & B", "resident")],
            ...                                 at=at, actor="al")
            >>> text = m.to_graphml()
            >>> "A &amp; B" in text
            True
            >>> StakeholderMap.from_graphml(text, at=at, actor="al")[0] == m
            True
        """
        from ._graphml import to_graphml  # noqa: PLC0415 - that module imports this one

        return to_graphml(self._as_map())

    @classmethod
    def from_graphml(
        cls,
        text: Any,
        *,
        at: dt.datetime,
        actor: str,
        id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary's word
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Build a map from GraphML text, such as `to_graphml` or networkx writes.

        Attributes are matched by name. Malformed XML, DOCTYPE or ENTITY
        declarations, and bad values are refused with
        [`InvalidInput`][commissioning.InvalidInput].

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> StakeholderMap.from_graphml("<graphml", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            ...                             actor="al")[0]  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: graphml: expected well-formed XML (...), received '<graphml'
        """
        from ._graphml import from_graphml  # noqa: PLC0415 - that module imports this one

        return from_graphml(text, at=at, actor=actor, id=id)

    def to_mermaid(self, *, direction: str = "LR") -> str:
        """A Mermaid flowchart: nodes ``n0``, ``n1``... in id order, labelled with names.

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("icb", "ICB", "health partner"),
            ...      Stakeholder("prov", "Provider", "incumbent provider")],
            ...     [Relationship("icb", "prov", "funds", weight=0.9)], at=at, actor="al")
            >>> print(m.to_mermaid())
            flowchart LR
                n0["ICB"]
                n1["Provider"]
                n0 -->|"funds 0.9"| n1
        """
        from ._export import to_mermaid  # noqa: PLC0415 - that module imports this one

        return to_mermaid(self._as_map(), direction=direction)

    def to_dot(self) -> str:
        """A Graphviz DOT digraph: nodes are ids labelled with names; edges show type and weight.

        Examples:
            >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("icb", "ICB", "health partner"),
            ...      Stakeholder("prov", "Provider", "incumbent provider")],
            ...     [Relationship("icb", "prov", "funds", weight=0.9)], at=at, actor="al")
            >>> print(m.to_dot())
            digraph stakeholders {
              "icb" [label="ICB"];
              "prov" [label="Provider"];
              "icb" -> "prov" [label="funds 0.9", penwidth=2.80];
            }
        """
        from ._export import to_dot  # noqa: PLC0415 - that module imports this one

        return to_dot(self._as_map())
