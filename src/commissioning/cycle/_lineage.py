"""Iteration: each cycle of a service links to the one before, carrying lessons and outcome history.

Facts: the docs' Sources page, "What commissioning is": "Commissioning is a
cycle, not a line: measuring impact feeds the next round's question." A cycle
that concludes (after "Measuring the impact") starts the next cycle of the same
service with [`CommissioningCycle.next_cycle`][commissioning.cycle.CommissioningCycle.next_cycle]; the new cycle's first
record carries a [`LineageLink`][commissioning.cycle.LineageLink] (the previous cycle, its iteration
number, the lessons learned so far and every impact observation so far).
[`Lineage`][commissioning.cycle.Lineage] checks that a chain of cycles is consistent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import CommissioningError
from .._time import as_utc
from .._validation import Checker
from ._data import Stored
from ._evidence import ImpactMeasurement, ImpactObservation

if TYPE_CHECKING:
    from ._cycle import CommissioningCycle

__all__ = ["InconsistentLineage", "Lineage", "LineageLink", "lineage_problems"]


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


@attrs.frozen
class LineageLink(Stored):
    """What a cycle inherits from the cycle before it of the same service.

    Attributes:
        previous: the previous cycle's id.
        iteration: this cycle's number in the lineage (2 for the second cycle).
        previous_ended_at: when the previous cycle concluded.
        lessons: every lesson learned in the lineage so far, oldest first.
        outcome_history: every impact observation in the lineage so far, oldest first.

    Examples:
        >>> import datetime as dt
        >>> LineageLink("meals-1", 2, dt.datetime(2027, 5, 1, tzinfo=dt.UTC), lessons=["Ask drivers"]).lessons
        ('Ask drivers',)
    """

    previous: str
    iteration: int
    previous_ended_at: dt.datetime
    lessons: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    outcome_history: tuple[ImpactObservation, ...] = attrs.field(
        default=(), kw_only=True, converter=_tuple
    )

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("previous", self.previous, str, "a non-empty str"):
            check.that(bool(self.previous), "previous", "a non-empty str", self.previous)
        if check.type("iteration", self.iteration, int, "an int >= 2"):
            check.that(self.iteration >= 2, "iteration", "an int >= 2", self.iteration)
        if check.type("previous_ended_at", self.previous_ended_at, dt.datetime, "a datetime"):
            check.that(
                self.previous_ended_at.tzinfo is not None
                and as_utc(self.previous_ended_at) is self.previous_ended_at,
                "previous_ended_at",
                "an aware datetime in UTC",
                self.previous_ended_at,
            )
        if check.type("lessons", self.lessons, tuple, "a tuple of str"):
            for i, lesson in enumerate(self.lessons):
                check.type(f"lessons[{i}]", lesson, str, "a str")
        if check.type("outcome_history", self.outcome_history, tuple, "a tuple"):
            for i, o in enumerate(self.outcome_history):
                check.type(f"outcome_history[{i}]", o, ImpactObservation, "an ImpactObservation")
        check.done()


def inherit(cycle: CommissioningCycle) -> LineageLink:
    """The link a successor of ``cycle`` carries (``cycle`` must have concluded). Internal."""
    link = cycle.lineage
    lessons = () if link is None else link.lessons
    history = () if link is None else link.outcome_history
    measured: ImpactMeasurement | None = cycle.latest(ImpactMeasurement)
    if measured is not None:
        lessons = (*lessons, *measured.lessons)
        history = (*history, *measured.observations)
    return LineageLink(
        cycle.id,
        cycle.iteration + 1,
        cycle.ended_at or cycle.updated_at,
        lessons=lessons,
        outcome_history=history,
    )


class InconsistentLineage(CommissioningError, ValueError):
    """Cycles given as a lineage do not link up; [`problems`][commissioning.cycle.InconsistentLineage] says where.

    Examples:
        >>> InconsistentLineage(["cycle 2 ('b') names 'x' as previous, not 'a'"]).problems
        ("cycle 2 ('b') names 'x' as previous, not 'a'",)
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"the cycles are not a consistent lineage ({len(self.problems)} problem"
            f"{'' if len(self.problems) == 1 else 's'}):\n{listing}"
        )


def lineage_problems(cycles: Iterable[CommissioningCycle]) -> tuple[str, ...]:
    """Every way in which ``cycles`` (oldest first) fail to be one consistent lineage.

    Checked: one service area; the first cycle has no predecessor (or is
    preceded by a cycle not given: then its iteration is taken as the start);
    each later cycle names the one before as ``previous``, with the next
    iteration number, starts no earlier than it concluded,
    and carries exactly its lessons and outcome history; only the last cycle may
    still be open.


    Examples:
        >>> from commissioning.cycle import example_lineage
        >>> first, second = example_lineage()
        >>> lineage_problems([first, second])
        ()
        >>> lineage_problems([second, first])[0]
        "cycle 1 ('meals-2') is in 'question': only a concluded cycle has a successor"
    """
    seq = list(cycles)
    problems: list[str] = []
    if not seq:
        return ("a lineage needs at least one cycle",)
    area = seq[0].service_area
    for i, c in enumerate(seq, start=1):
        if c.service_area != area:
            problems.append(f"cycle {i} ({c.id!r}) is for {c.service_area!r}, not {area!r}")
    for i in range(1, len(seq)):
        before, after = seq[i - 1], seq[i]
        where = f"cycle {i + 1} ({after.id!r})"
        if before.state != "concluded":
            problems.append(
                f"cycle {i} ({before.id!r}) is in {before.state!r}: only a concluded cycle has a successor"
            )
            continue
        link = after.lineage
        if link is None:
            problems.append(f"{where} has no link to {before.id!r}")
            continue
        expected = inherit(before)
        if link.previous != before.id:
            problems.append(f"{where} names {link.previous!r} as previous, not {before.id!r}")
        if link.iteration != expected.iteration:
            problems.append(f"{where} is iteration {link.iteration}, expected {expected.iteration}")
        ended = before.ended_at or before.updated_at
        if after.started_at < ended:
            problems.append(
                f"{where} started {after.started_at.isoformat()}, before {before.id!r} "
                f"concluded ({ended.isoformat()})"
            )
        if link.previous_ended_at != expected.previous_ended_at:
            problems.append(f"{where} records the wrong end of {before.id!r}")
        if link.lessons != expected.lessons:
            problems.append(f"{where} does not carry the lessons of {before.id!r} forward")
        if link.outcome_history != expected.outcome_history:
            problems.append(f"{where} does not carry the outcome history of {before.id!r} forward")
    return tuple(problems)


@attrs.frozen
class Lineage:
    """A consistent chain of cycles of one service, oldest first.

    Build it with [`of`][commissioning.cycle.Lineage.of], which checks the chain ([`lineage_problems`][commissioning.cycle.lineage_problems])
    and raises [`InconsistentLineage`][commissioning.cycle.InconsistentLineage] listing every problem.

    Examples:
        >>> from commissioning.cycle import example_lineage
        >>> lineage = Lineage.of(example_lineage())
        >>> [c.iteration for c in lineage.cycles], lineage.service_area
        ([1, 2], 'Community meals')
    """

    cycles: tuple[CommissioningCycle, ...]

    @classmethod
    def of(cls, cycles: Iterable[CommissioningCycle]) -> Lineage:
        """Check ``cycles`` and return them as a lineage."""
        seq = tuple(cycles)
        problems = lineage_problems(seq)
        if problems:
            raise InconsistentLineage(problems)
        return cls(seq)

    @property
    def service_area(self) -> str:
        """The service the lineage commissions."""
        return self.cycles[0].service_area

    @property
    def current(self) -> CommissioningCycle:
        """The latest cycle."""
        return self.cycles[-1]

    @property
    def lessons(self) -> tuple[str, ...]:
        """Every lesson learned so far, including the latest cycle's, oldest first."""
        latest = self.current
        carried = () if latest.lineage is None else latest.lineage.lessons
        measured: ImpactMeasurement | None = latest.latest(ImpactMeasurement)
        return carried if measured is None else (*carried, *measured.lessons)

    @property
    def outcome_history(self) -> tuple[ImpactObservation, ...]:
        """Every impact observation so far, including the latest cycle's, oldest first."""
        latest = self.current
        carried = () if latest.lineage is None else latest.lineage.outcome_history
        measured: ImpactMeasurement | None = latest.latest(ImpactMeasurement)
        return carried if measured is None else (*carried, *measured.observations)
