"""Decommissioning: decide, plan, carry out; impact on users and partners, notice, replacement.

Facts: the docs' Sources page, "Decommissioning": the NAO decommissioning
toolkit's stages (decide, plan, carry out), at least three months' notice to
providers (in-house services included), and the Audit Commission's (2008)
questions before stopping a service. The path itself is part of every
framework's machine (see [`DecommissioningPath`][commissioning.cycle.DecommissioningPath]);
this module reports where a decommissioning stands.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs
import pendulum

from .._time import as_date
from ..machine import Period, Reason
from ._evidence import DecommissioningCase, ProviderNotice, Replacement
from ._frameworks import CARRY_OUT, DECIDE, DECOMMISSIONED, PLAN

if TYPE_CHECKING:
    from ._cycle import CommissioningCycle

__all__ = [
    "DecommissioningStage",
    "DecommissioningStatus",
    "decommissioning_status",
    "earliest_service_end",
]

THREE_MONTHS = Period(months=3)


class DecommissioningStage(enum.StrEnum):
    """Where a decommissioning stands (NAO toolkit stages), accepted from its value string.

    Examples:
        >>> DecommissioningStage("carry out")
        <DecommissioningStage.CARRY_OUT: 'carry out'>
    """

    NOT_STARTED = "not started"
    DECIDE = "decide"
    PLAN = "plan"
    CARRY_OUT = "carry out"
    DONE = "done"


_STAGES = {
    DECIDE: DecommissioningStage.DECIDE,
    PLAN: DecommissioningStage.PLAN,
    CARRY_OUT: DecommissioningStage.CARRY_OUT,
    DECOMMISSIONED: DecommissioningStage.DONE,
}


def earliest_service_end(given_on: dt.date, *, notice: Period = THREE_MONTHS) -> pendulum.Date:
    """The earliest day a service may end after notice given on ``given_on`` (default: 3 months).

    Calendar months, clamped to the month's end (NAO toolkit: at least three months' notice).

    Examples:
        >>> import datetime as dt
        >>> earliest_service_end(dt.date(2027, 11, 30))
        Date(2028, 2, 29)
    """
    day = as_date(given_on, field="given_on")
    return day.add(years=notice.years, months=notice.months, weeks=notice.weeks, days=notice.days)


@attrs.frozen
class DecommissioningStatus:
    """Where a service's decommissioning stands.

    Attributes:
        cycle_id: the cycle concerned.
        stage: a [`DecommissioningStage`][commissioning.cycle.DecommissioningStage] (``"decide"``, ``"plan"``, ``"carry out"``,
            ``"done"``, or ``"not started"``).
        providers: the providers the decommissioning case names.
        notified: the providers given notice, with the day the service ends for each (``pendulum.Date``).
        not_notified: the providers given no notice yet.
        short_notice: providers whose notice is shorter than the framework's period.
        service_ends_on: the last day any provider runs the service (a ``pendulum.Date``), if notice was given.
        replacement: what replaces the service, if decided.
        blockers: why the cycle cannot move to the next stage now, as [`Reason`][commissioning.machine.Reason] values.


    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import example_lineage
        >>> decommissioning_status(example_lineage()[1], at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC)).stage
        <DecommissioningStage.NOT_STARTED: 'not started'>
    """

    cycle_id: str
    stage: DecommissioningStage
    providers: tuple[str, ...]
    notified: tuple[tuple[str, pendulum.Date], ...]
    not_notified: tuple[str, ...]
    short_notice: tuple[str, ...]
    service_ends_on: pendulum.Date | None
    replacement: str | None
    blockers: tuple[Reason, ...]


def decommissioning_status(cycle: CommissioningCycle, *, at: dt.datetime) -> DecommissioningStatus:
    """Report a cycle's decommissioning at moment ``at``.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import example_lineage
        >>> status = decommissioning_status(example_lineage()[0], at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC))
        >>> status.stage.value, status.providers
        ('not started', ())
    """
    case = cycle.latest(DecommissioningCase)
    providers = () if case is None else case.providers
    notices = tuple(e.evidence for e in cycle.entries if isinstance(e.evidence, ProviderNotice))
    notice = cycle.framework.decommissioning.notice
    notified: dict[str, ProviderNotice] = {}
    for n in notices:
        if n.provider in providers:
            notified[n.provider] = n
    short = tuple(
        p
        for p, n in notified.items()
        if n.service_ends_on < earliest_service_end(n.on, notice=notice)
    )
    replacement = cycle.latest(Replacement)
    last = max((n.service_ends_on for n in notices), default=None)
    return DecommissioningStatus(
        cycle.id,
        _STAGES.get(cycle.state, DecommissioningStage.NOT_STARTED),
        providers,
        tuple((p, as_date(n.service_ends_on)) for p, n in notified.items()),
        tuple(p for p in providers if p not in notified),
        short,
        None if last is None else as_date(last),
        None if replacement is None else replacement.description,
        cycle.blockers(at=at) if cycle.state in _STAGES else (),
    )
