"""Outcome frameworks: a hierarchy of population results and programme outcomes, with their measures.

Facts: the docs' Sources page, "Outcome measurement" (Results-Based
Accountability: population results measured by indicators, programmes by
performance measures) and "National outcome frameworks" (e.g. ASCOF). The
checks here (outcomes without a baseline, without measures, without targets...)
are the evidence the commissioning cycle asks for at "Define the outcome" and
"Measuring the impact" (the docs' Sources page, Framework 1, steps 3 and 6).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ._common import check_id
from ._measures import Measure
from ._observations import Observation, ObservationLog
from ._repr import html_table

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FrameworkGap", "Outcome", "OutcomeFramework", "OutcomeLevel"]


class OutcomeLevel(enum.Enum):
    """Where an outcome sits: a population result (whole population) or a programme outcome.

    Examples:
        >>> OutcomeLevel("population result")
        <OutcomeLevel.POPULATION_RESULT: 'population result'>
    """

    POPULATION_RESULT = "population result"
    PROGRAMME_OUTCOME = "programme outcome"


@attrs.frozen
class Outcome:
    """One outcome in a framework: a population result or programme outcome, with its measures.

    Attributes:
        id: unique within the framework.
        name: the outcome in words ("Older people live independently at home").
        level: population result or programme outcome.
        parent: the id of the outcome this one contributes to (``None`` for a top outcome).
        measure_ids: the indicators or performance measures that evidence it.
        priority: an optional priority (1 = highest), for "Define the outcome and priorities".
        description: more detail.

    Examples:
        >>> Outcome("independence", "People live independently", measure_ids=("2B", "2C")).level
        <OutcomeLevel.PROGRAMME_OUTCOME: 'programme outcome'>
    """

    id: str
    name: str
    level: OutcomeLevel = OutcomeLevel.PROGRAMME_OUTCOME
    parent: str | None = None
    measure_ids: tuple[str, ...] = ()
    priority: int | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        named = [("id", self.id)] + ([] if self.parent is None else [("parent", self.parent)])
        for field, value in named:
            try:
                check_id(value, field=field)
            except InvalidInput as err:
                check.extend(err)
        check.type("name", self.name, str, "a str")
        check.type("description", self.description, str, "a str")
        check.type("level", self.level, OutcomeLevel, "an OutcomeLevel")
        if check.type("measure_ids", self.measure_ids, tuple, "a tuple of measure ids"):
            for i, m in enumerate(self.measure_ids):
                try:
                    check_id(m, field=f"measure_ids[{i}]")
                except InvalidInput as err:
                    check.extend(err)
            check.that(
                len(set(self.measure_ids)) == len(self.measure_ids),
                "measure_ids",
                "no repeated measure ids",
                self.measure_ids,
            )
        if self.priority is not None and check.type(
            "priority", self.priority, int, "an int or None"
        ):
            check.that(self.priority >= 1, "priority", "a priority of 1 or more", self.priority)
        check.that(self.parent != self.id, "parent", "another outcome's id", self.parent)
        check.done()


@attrs.frozen
class FrameworkGap:
    """One piece of missing evidence in a framework (for the cycle's guards and checklists).

    Attributes:
        kind: a short code: ``no-measures``, ``no-baseline``, ``no-baseline-forecast``,
            ``no-target``, ``no-priority``; with a log: ``no-observations``,
            ``frequency-mismatch`` (observed in periods of another frequency).
        subject: the outcome or measure id concerned.
        message: the gap in words.

    Examples:
        >>> gap = OutcomeFramework("f", (Outcome("o", "O", priority=1),)).gaps()[0]
        >>> gap.kind, gap.subject, gap.message
        ('no-measures', 'o', "outcome 'o' has no measures")
    """

    kind: str
    subject: str
    message: str


@attrs.frozen
class OutcomeFramework:
    """A hierarchy of outcomes and the measures that evidence them.

    Validated on construction: unique ids, parents exist, no cycles, every
    referenced measure exists.

    Attributes:
        name: the framework's name.
        outcomes: the outcomes, parents before or after children (any order).
        measures: the measures, each referenced by at least zero outcomes.

    Examples:
        >>> import pendulum
        >>> m1 = Measure.create("2B", "At home 91 days after reablement", unit="%",
        ...     direction="higher", frequency="financial-year",
        ...     baseline=(82, pendulum.Date(2025, 3, 31)))
        >>> m2 = Measure.create("2C", "Care home admissions 65+", unit="per 100,000",
        ...     direction="lower", frequency="financial-year")
        >>> fw = OutcomeFramework("Adult social care", outcomes=(
        ...     Outcome("independence", "People live independently", OutcomeLevel.POPULATION_RESULT),
        ...     Outcome("reablement", "Reablement works", parent="independence", measure_ids=("2B",)),
        ...     Outcome("admissions", "Fewer care home admissions", parent="independence",
        ...             measure_ids=("2C",))),
        ...     measures=(m1, m2))
        >>> [o.id for o in fw.outcomes_without_baseline()]
        ['independence', 'admissions']
    """

    name: str
    outcomes: tuple[Outcome, ...] = ()
    measures: tuple[Measure, ...] = ()

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("name", self.name, str, "a str")
        if not isinstance(self.outcomes, tuple) or not all(
            isinstance(o, Outcome) for o in self.outcomes
        ):
            raise InvalidInputType(
                [Problem("outcomes", "a tuple of Outcomes", self.outcomes, "type")]
            )
        if not isinstance(self.measures, tuple) or not all(
            isinstance(m, Measure) for m in self.measures
        ):
            raise InvalidInputType(
                [Problem("measures", "a tuple of Measures", self.measures, "type")]
            )
        outcome_ids = [o.id for o in self.outcomes]
        measure_ids = [m.id for m in self.measures]
        for kind, ids in (("outcomes", outcome_ids), ("measures", measure_ids)):
            seen: set[str] = set()
            for i, x in enumerate(ids):
                check.that(x not in seen, f"{kind}[{i}].id", "an id not used before", x)
                seen.add(x)
        known_outcomes, known_measures = set(outcome_ids), set(measure_ids)
        for i, o in enumerate(self.outcomes):
            if o.parent is not None:
                check.that(
                    o.parent in known_outcomes,
                    f"outcomes[{i}].parent",
                    "the id of an outcome in the framework",
                    o.parent,
                )
            for j, m in enumerate(o.measure_ids):
                check.that(
                    m in known_measures,
                    f"outcomes[{i}].measure_ids[{j}]",
                    "the id of a measure in the framework",
                    m,
                )
        check.done()
        parents = {o.id: o.parent for o in self.outcomes}
        for o in self.outcomes:
            seen_chain = {o.id}
            up = o.parent
            while up is not None:
                if up in seen_chain:
                    raise InvalidInput.of(
                        f"outcomes[{outcome_ids.index(o.id)}].parent",
                        "a parent chain without cycles",
                        o.parent,
                    )
                seen_chain.add(up)
                up = parents.get(up)

    @classmethod
    def from_items(
        cls, name: str, *, outcomes: Iterable[Outcome], measures: Iterable[Measure]
    ) -> OutcomeFramework:
        """Build a framework from any iterables of outcomes and measures.

        Examples:
            >>> OutcomeFramework.from_items("empty", outcomes=[], measures=[]).name
            'empty'
        """
        return cls(name, tuple(outcomes), tuple(measures))

    # -- lookups ------------------------------------------------------------------------------

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id (``InvalidInput`` if unknown)."""
        for o in self.outcomes:
            if o.id == outcome_id:
                return o
        raise InvalidInput.of("outcome_id", f"one of {[o.id for o in self.outcomes]}", outcome_id)

    def measure(self, measure_id: str) -> Measure:
        """The measure with this id (``InvalidInput`` if unknown)."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise InvalidInput.of("measure_id", f"one of {[m.id for m in self.measures]}", measure_id)

    @property
    def roots(self) -> tuple[Outcome, ...]:
        """The top outcomes (no parent)."""
        return tuple(o for o in self.outcomes if o.parent is None)

    def children(self, outcome_id: str) -> tuple[Outcome, ...]:
        """The outcomes whose parent is ``outcome_id``."""
        self.outcome(outcome_id)
        return tuple(o for o in self.outcomes if o.parent == outcome_id)

    def descendants(self, outcome_id: str) -> tuple[Outcome, ...]:
        """Every outcome below ``outcome_id``, depth first."""
        found: list[Outcome] = []
        for child in self.children(outcome_id):
            found.append(child)
            found.extend(self.descendants(child.id))
        return tuple(found)

    def measures_for(
        self, outcome_id: str, *, include_descendants: bool = True
    ) -> tuple[Measure, ...]:
        """The measures evidencing an outcome (with its descendants' by default), without repeats."""
        outcomes: tuple[Outcome, ...] = (self.outcome(outcome_id),)
        if include_descendants:
            outcomes += self.descendants(outcome_id)
        ids: list[str] = []
        for o in outcomes:
            ids.extend(m for m in o.measure_ids if m not in ids)
        return tuple(self.measure(m) for m in ids)

    def unused_measures(self) -> tuple[Measure, ...]:
        """Measures no outcome refers to."""
        used = {m for o in self.outcomes for m in o.measure_ids}
        return tuple(m for m in self.measures if m.id not in used)

    # -- evidence checks ----------------------------------------------------------------------

    def outcomes_without_measures(self) -> tuple[Outcome, ...]:
        """Outcomes with no measure of their own or below them: nothing would show progress."""
        return tuple(o for o in self.outcomes if not self.measures_for(o.id))

    def outcomes_without_baseline(self) -> tuple[Outcome, ...]:
        """Outcomes with at least one measure (own or below) that has no baseline.

        An outcome with no measures at all is not listed here: see
        [`outcomes_without_measures`][commissioning.outcomes.OutcomeFramework.outcomes_without_measures].
        """
        return tuple(
            o for o in self.outcomes if any(m.baseline is None for m in self.measures_for(o.id))
        )

    def measures_without_baseline(self) -> tuple[Measure, ...]:
        """Measures with no baseline."""
        return tuple(m for m in self.measures if m.baseline is None)

    def measures_without_target(self) -> tuple[Measure, ...]:
        """Measures with no target."""
        return tuple(m for m in self.measures if not m.targets)

    def measures_without_observations(
        self, log: ObservationLog, *, on: dt.date, as_of: dt.datetime | None = None
    ) -> tuple[Measure, ...]:
        """Measures with no completed period observed by ``on`` (for "Measuring the impact")."""
        day = as_date(on, field="on")
        return tuple(
            m for m in self.measures if log.latest(m.id, on=day, as_of=as_of) is None
        )

    def latest_observations(
        self, log: ObservationLog, *, on: dt.date, as_of: dt.datetime | None = None
    ) -> tuple[tuple[Outcome, Measure, Observation], ...]:
        """Each outcome's own measures with their latest completed observation by ``on``.

        The evidence for "Measuring the impact": one ``(outcome, measure, observation)``
        per measure observed; measures not yet observed are left out (see [`gaps`][commissioning.outcomes.OutcomeFramework.gaps]).

        Examples:
            >>> import pendulum
            >>> from commissioning.outcomes import ReportingPeriod
            >>> m = Measure.create("2B", "At home", unit="%", direction="higher",
            ...     frequency="financial-year")
            >>> fw = OutcomeFramework("f", (Outcome("o", "Independence", measure_ids=("2B",)),), (m,))
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), 84,
            ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
            >>> [(o.name, m.id, obs.value, obs.period.end) for o, m, obs in
            ...     fw.latest_observations(log, on=pendulum.Date(2026, 6, 1))]
            [('Independence', '2B', Decimal('84'), Date(2026, 3, 31))]
        """
        day = as_date(on, field="on")
        found = []
        for outcome in self.outcomes:
            for measure_id in outcome.measure_ids:
                latest = log.latest(measure_id, on=day, as_of=as_of)
                if latest is not None:
                    found.append((outcome, self.measure(measure_id), latest))
        return tuple(found)

    def gaps(
        self,
        log: ObservationLog | None = None,
        *,
        on: dt.date | None = None,
    ) -> tuple[FrameworkGap, ...]:
        """Every gap in the evidence, for a checklist or a cycle guard.

        Without ``log``: outcomes without measures or priority, measures without a
        baseline, a baseline forecast or a target ("Define the outcome"). With
        ``log`` and ``on``: also measures not observed by ``on`` ("Measuring the impact")
        and measures observed in periods of another frequency than their own.

        Examples:
            >>> fw = OutcomeFramework("f", outcomes=(Outcome("o", "An outcome"),))
            >>> [g.kind for g in fw.gaps()]
            ['no-measures', 'no-priority']
        """
        found: list[FrameworkGap] = []
        for o in self.outcomes_without_measures():
            found.append(FrameworkGap("no-measures", o.id, f"outcome {o.id!r} has no measures"))
        for o in self.outcomes:
            if o.priority is None:
                found.append(FrameworkGap("no-priority", o.id, f"outcome {o.id!r} has no priority"))
        for m in self.measures:
            if m.baseline is None:
                found.append(FrameworkGap("no-baseline", m.id, f"measure {m.id!r} has no baseline"))
            elif not m.baseline.has_forecast:
                found.append(
                    FrameworkGap(
                        "no-baseline-forecast",
                        m.id,
                        f"measure {m.id!r} has no forecast if nothing changes",
                    )
                )
            if not m.targets:
                found.append(FrameworkGap("no-target", m.id, f"measure {m.id!r} has no target"))
        if log is not None:
            if on is None:
                raise InvalidInput.of("on", "a date when a log is given", on)
            for m in self.measures_without_observations(log, on=on):
                found.append(
                    FrameworkGap(
                        "no-observations",
                        m.id,
                        f"measure {m.id!r} has no completed period observed by {on}",
                    )
                )
            for m in self.measures:
                other = sorted(
                    {o.period.frequency.value for o in log.series(m.id)} - {m.frequency.value}
                )
                if other:
                    found.append(
                        FrameworkGap(
                            "frequency-mismatch",
                            m.id,
                            f"measure {m.id!r} is reported {m.frequency.value} but observed "
                            f"{', '.join(other)}",
                        )
                    )
        return tuple(found)

    def with_measure(self, measure: Measure) -> OutcomeFramework:
        """A new framework with ``measure`` added (or replacing the one with its id)."""
        kept = tuple(m for m in self.measures if m.id != measure.id)
        return OutcomeFramework(self.name, self.outcomes, (*kept, measure))

    def with_outcome(self, outcome: Outcome) -> OutcomeFramework:
        """A new framework with ``outcome`` added (or replacing the one with its id)."""
        kept = tuple(o for o in self.outcomes if o.id != outcome.id)
        return OutcomeFramework(self.name, (*kept, outcome), self.measures)

    def as_graph(self) -> nx.DiGraph[str]:
        """The framework as a directed graph: outcome -> child outcome, outcome -> measure.

        Nodes carry ``kind`` ("outcome" or "measure") and ``name`` attributes.

        Examples:
            >>> g = OutcomeFramework("f", outcomes=(Outcome("o", "O"),)).as_graph()
            >>> dict(g.nodes(data=True))
            {'o': {'kind': 'outcome', 'name': 'O'}}
        """
        import networkx as nx  # noqa: PLC0415 - networkx is a runtime dependency, imported where used

        graph: nx.DiGraph[str] = nx.DiGraph()
        for o in self.outcomes:
            graph.add_node(o.id, kind="outcome", name=o.name)
        for m in self.measures:
            graph.add_node(m.id, kind="measure", name=m.name)
        for o in self.outcomes:
            if o.parent is not None:
                graph.add_edge(o.parent, o.id)
            for m_id in o.measure_ids:
                graph.add_edge(o.id, m_id)
        return graph

    def to_records(self) -> list[dict[str, Any]]:
        """One record per (outcome, measure) pair; outcomes without measures get one record."""
        rows: list[dict[str, Any]] = []
        for o in self.outcomes:
            base = {
                "outcome_id": o.id,
                "outcome": o.name,
                "level": o.level.value,
                "parent": o.parent,
            }
            if not o.measure_ids:
                rows.append({**base, "measure_id": None})
            rows.extend(
                {
                    **base,
                    "measure_id": m,
                    **{k: v for k, v in self.measure(m).to_record().items() if k != "id"},
                }
                for m in o.measure_ids
            )
        return rows

    def _repr_html_(self) -> str:
        columns = [
            "outcome_id",
            "outcome",
            "level",
            "parent",
            "measure_id",
            "name",
            "unit",
            "direction",
            "baseline",
            "targets",
        ]
        gaps = tuple(g.message for g in self.gaps())
        return html_table(f"Outcome framework: {self.name}", self.to_records(), columns, notes=gaps)

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format`` (``"commissioning.outcome-framework"``), ``format_version`` (1), then every attribute.

        Numbers are exact decimal strings, days ``YYYY-MM-DD``, enums their values;
        [`from_data`][commissioning.outcomes.OutcomeFramework.from_data] reads it back into an equal value.

        Examples:
            >>> import json
            >>> fw = OutcomeFramework("ASCOF", outcomes=[Outcome("o", "Independence")])
            >>> OutcomeFramework.from_data(json.loads(json.dumps(fw.to_data()))) == fw
            True
        """
        from ._stored import framework_to_data  # noqa: PLC0415 - that module imports this one

        return framework_to_data(self)

    @classmethod
    def from_data(cls, data: Any, /) -> OutcomeFramework:
        """Load what [`to_data`][commissioning.outcomes.OutcomeFramework.to_data] wrote, through the checked reader.

        Anything that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        naming its path; an unknown ``format_version`` is refused.
        """
        from ._stored import framework_from, load  # noqa: PLC0415 - as above

        loaded: OutcomeFramework = load("OutcomeFramework", data, framework_from)
        return loaded
