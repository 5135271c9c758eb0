"""A map's tables (stakeholders, relationships, engagements, plans) and its notebook display (private)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._errors import InvalidInput
from ._quadrants import quadrant
from ._salience import salience
from ._tables import frame, html_table

if TYPE_CHECKING:
    from ._map import StakeholderMap

__all__ = ["TABLES", "map_frame", "map_html"]

_STAKEHOLDERS = (
    "id",
    "name",
    "kind",
    "power",
    "interest",
    "legitimacy",
    "urgency",
    "tags",
    "quadrant",
    "salience",
)
#: Each table a map gives: its columns, and which of them are days.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "stakeholders": (_STAKEHOLDERS, ()),
    "relationships": (("source", "target", "type", "weight"), ()),
    "engagements": (("on", "stakeholders", "method", "ladder", "rung", "summary"), ("on",)),
    "plans": (("on", "name", "id", "quadrant"), ("on",)),
}


def _rows(m: StakeholderMap, table: str) -> Iterator[dict[str, Any]]:
    if table == "stakeholders":
        for s in sorted(m, key=lambda s: s.id):
            yield {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "power": s.power,
                "interest": s.interest,
                "legitimacy": s.legitimacy,
                "urgency": s.urgency,
                "tags": s.tags,
                "quadrant": quadrant(s),
                "salience": salience(s).type,
            }
    elif table == "relationships":
        for r in m.relationships:
            yield {"source": r.source, "target": r.target, "type": r.type, "weight": r.weight}
    elif table == "engagements":
        for e in m.engagements:
            yield {
                "on": e.on,
                "stakeholders": e.stakeholders,
                "method": e.method,
                "ladder": type(e.rung).ladder(),
                "rung": e.rung,
                "summary": e.summary,
            }
    else:
        for p in m.plans:
            for sid in sorted(p.quadrants):
                yield {"on": p.on, "name": p.name, "id": sid, "quadrant": p.quadrants[sid]}


def map_frame(m: StakeholderMap, table: str, *, exact: bool) -> Any:
    """The map's ``table`` as a DataFrame (see [`StakeholderMap.to_frame`][commissioning.stakeholders.StakeholderMap.to_frame])."""
    if table not in TABLES:
        raise InvalidInput.of("table", "one of " + ", ".join(map(repr, TABLES)), table)
    columns, days = TABLES[table]
    return frame(_rows(m, table), columns, days=days, exact=exact)


def map_html(m: StakeholderMap) -> str:
    """The map for a notebook: what it holds, then its stakeholders."""
    heading = (
        f"<p><b>Stakeholder map {html.escape(m.id)}</b>: {len(m)} stakeholders, "
        f"{len(m.relationships)} relationships, {len(m.engagements)} engagements, "
        f"{len(m.plans)} plans, version {m.version}</p>"
    )
    columns = TABLES["stakeholders"][0]
    return heading + html_table("Stakeholders", _rows(m, "stakeholders"), columns)
