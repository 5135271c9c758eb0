"""The values statutory period functions return: what the period is, and what may happen when."""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

import attrs
import pendulum

from .._time import as_date
from ..calendar import WorkingDayCalendar
from ..thresholds import Regime

__all__ = [
    "NoStandstill",
    "NoTimeLimit",
    "NotRequired",
    "NoticeDeadline",
    "Stage",
    "Standstill",
    "StandstillBasis",
    "TimeLimit",
    "TimeLimitRow",
]


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


class Stage(enum.Enum):
    """Which time limit: requests to participate, or tenders.

    Example:
        >>> Stage.TENDERING.value
        'tendering'
    """

    PARTICIPATION = "participation"
    TENDERING = "tendering"


class StandstillBasis(enum.Enum):
    """The rule a standstill is counted under: regime, section, unit and how the count runs.

    Each member carries [`regime`][commissioning.periods.StandstillBasis], [`section`][commissioning.periods.StandstillBasis], [`unit`][commissioning.periods.StandstillBasis],
    [`event`][commissioning.periods.StandstillBasis], [`counting`][commissioning.periods.StandstillBasis] (in words), [`offset`][commissioning.periods.StandstillBasis] (days from the
    event day to the first day that can count) and [`mandatory`][commissioning.periods.StandstillBasis].

    Example:
        >>> StandstillBasis.PA_MANDATORY.rule
        'Procurement Act 2023 s.51(2)'
    """

    PA_MANDATORY = (
        Regime.PA_2023,
        "s.51(2)",
        "working days",
        "contract award notice (UK6) published",
        "beginning with the day the contract award notice was published",
        0,
        True,
    )
    PA_VOLUNTARY = (
        Regime.PA_2023,
        "s.51(4)-(5)",
        "working days",
        "contract award notice (UK6) published",
        "beginning with the day the contract award notice was published",
        0,
        False,
    )
    PCR_ELECTRONIC = (
        Regime.PCR_2015,
        "reg 87(2) with reg 2",
        "days",
        "award decision notice sent electronically",
        "after the day the award decision notice was sent electronically",
        1,
        True,
    )
    PCR_OTHER_MEANS = (
        Regime.PCR_2015,
        "reg 87(3)(a) with reg 2",
        "days",
        "award decision notice sent by other means",
        "after the day the award decision notice was sent by other means",
        1,
        True,
    )
    PCR_OTHER_MEANS_LAST_RECEIPT = (
        Regime.PCR_2015,
        "reg 87(3)(b) with reg 2",
        "days",
        "award decision notice received by the last supplier",
        "after the day the last supplier received the award decision notice",
        1,
        True,
    )
    PCR_MIXED = (
        Regime.PCR_2015,
        "reg 87(5) with reg 2",
        "days",
        "award decision notices sent by electronic and by other means",
        (
            "the later of 10 days after the last electronic sending and the other-means limb "
            "(the earlier of 15 days after the last other-means sending and 10 days after the "
            "last receipt)"
        ),
        1,
        True,
    )
    PSR_AFTER_BEGINNING = (
        Regime.PSR_2023,
        "reg 12",
        "working days",
        "notice of intention to award published",
        "after the day the period began (the day after the notice of intention was published)",
        2,
        True,
    )
    PSR_BEGINNING_WITH_BEGINNING = (
        Regime.PSR_2023,
        "reg 12",
        "working days",
        "notice of intention to award published",
        "beginning with the day the period began (the day after the notice was published)",
        1,
        True,
    )

    def __init__(
        self,
        regime: Regime,
        section: str,
        unit: str,
        event: str,
        counting: str,
        offset: int,
        mandatory: bool,  # noqa: FBT001 - enum member values are positional tuples
    ) -> None:
        self.regime = regime
        self.section = section
        self.unit = unit
        self.event = event
        self.counting = counting
        self.offset = offset
        self.mandatory = mandatory
        self.rule = regime.cite(section)


@attrs.frozen
class Standstill:
    """A standstill period: the contract may not be entered into before it ends.

    Kept to a few stored fields because machine guards build one on every
    check: [`regime`][commissioning.periods.Standstill.regime], [`rule`][commissioning.periods.Standstill.rule], [`mandatory`][commissioning.periods.Standstill.mandatory], [`unit`][commissioning.periods.Standstill.unit],
    [`event`][commissioning.periods.Standstill.event], [`counting`][commissioning.periods.Standstill.counting], [`counted_from`][commissioning.periods.Standstill.counted_from] and
    [`nominal_last_day`][commissioning.periods.Standstill.nominal_last_day] are derived from [`basis`][commissioning.periods.Standstill].

    Attributes:
        basis: the rule applied and how it is counted.
        event_on: the day of the starting event.
        first_day: the first day of the period.
        last_day: the last day of the period (after any roll-forward).
        may_enter_contract_from: the first day the contract may be entered into.
        length: how many units the period lasts.
        calendar: the working-day calendar used.
        notes: caveats and readings chosen.

    Example:
        >>> from commissioning.periods import pa_standstill
        >>> s = pa_standstill(published_on=pendulum.Date(2026, 3, 2))
        >>> s.last_day, s.may_enter_contract_from, s.rule
        (Date(2026, 3, 11), Date(2026, 3, 12), 'Procurement Act 2023 s.51(2)')
    """

    applies: ClassVar[bool] = True

    basis: StandstillBasis
    event_on: pendulum.Date
    first_day: pendulum.Date
    last_day: pendulum.Date
    may_enter_contract_from: pendulum.Date
    length: int
    calendar: WorkingDayCalendar = attrs.field(repr=False)
    notes: tuple[str, ...] = ()

    @property
    def regime(self) -> Regime:
        """The regime that imposes the standstill.

        Example:
            >>> from commissioning.periods import psr_standstill
            >>> psr_standstill(published_on=pendulum.Date(2026, 3, 2)).regime
            <Regime.PSR_2023: 'Health Care Services (Provider Selection Regime) Regulations 2023'>
        """
        return self.basis.regime

    @property
    def rule(self) -> str:
        """The citation: regime and section.

        Example:
            >>> from commissioning.periods import pcr_standstill
            >>> pcr_standstill(sent_on=pendulum.Date(2024, 6, 3)).rule
            'Public Contracts Regulations 2015 reg 87(2) with reg 2'
        """
        return self.basis.rule

    @property
    def mandatory(self) -> bool:
        """``False`` for a voluntary standstill (PA s.51(4)-(5)).

        Example:
            >>> from commissioning.periods import pa_standstill
            >>> pa_standstill(published_on=pendulum.Date(2026, 3, 2)).mandatory
            True
        """
        return self.basis.mandatory

    @property
    def unit(self) -> str:
        """``"working days"`` or ``"days"``.

        Example:
            >>> from commissioning.periods import pcr_standstill
            >>> pcr_standstill(sent_on=pendulum.Date(2024, 6, 3)).unit
            'days'
        """
        return self.basis.unit

    @property
    def event(self) -> str:
        """What started the period, in words.

        Example:
            >>> from commissioning.periods import pa_standstill
            >>> pa_standstill(published_on=pendulum.Date(2026, 3, 2)).event
            'contract award notice (UK6) published'
        """
        return self.basis.event

    @property
    def counting(self) -> str:
        """How the count runs, in words.

        Example:
            >>> from commissioning.periods import pa_standstill
            >>> pa_standstill(published_on=pendulum.Date(2026, 3, 2)).counting
            'beginning with the day the contract award notice was published'
        """
        return self.basis.counting

    @property
    def counted_from(self) -> pendulum.Date:
        """The first day that can count towards the length.

        Example:
            >>> from commissioning.periods import psr_standstill
            >>> psr_standstill(published_on=pendulum.Date(2026, 3, 2)).counted_from
            Date(2026, 3, 4)
        """
        return self.event_on.add(days=self.basis.offset)

    @property
    def nominal_last_day(self) -> pendulum.Date:
        """The last day before any roll-forward to a working day (PCR reg 2).

        Example:
            >>> from commissioning.periods import pcr_standstill
            >>> pcr_standstill(sent_on=pendulum.Date(2021, 12, 15)).nominal_last_day
            Date(2021, 12, 25)
        """
        if self.basis.unit == "days":
            return self.counted_from.add(days=self.length - 1)
        return self.last_day

    def permits_entry_on(self, day: dt.date) -> bool:
        """Whether the contract may be entered into on ``day`` as far as the standstill goes.

        Example:
            >>> from commissioning.periods import pa_standstill
            >>> s = pa_standstill(published_on=pendulum.Date(2026, 3, 2))
            >>> s.permits_entry_on(pendulum.Date(2026, 3, 11)), s.permits_entry_on(pendulum.Date(2026, 3, 12))
            (False, True)
        """
        return as_date(day, field="day") >= self.may_enter_contract_from

    @property
    def explanation(self) -> str:
        """The count, day by day, in words.

        Example:
            >>> from commissioning.periods import pa_standstill
            >>> print(pa_standstill(published_on=pendulum.Date(2026, 3, 5)).explanation)
            Procurement Act 2023 s.51(2): 8 working days beginning with the day the contract award notice was published (Thu 5 Mar 2026).
            Counted: Thu 5 Mar 2026 (1), Fri 6 Mar 2026 (2), Mon 9 Mar 2026 (3), Tue 10 Mar 2026 (4), Wed 11 Mar 2026 (5), Thu 12 Mar 2026 (6), Fri 13 Mar 2026 (7), Mon 16 Mar 2026 (8).
            Not counted: Sat 7 Mar 2026 (Saturday), Sun 8 Mar 2026 (Sunday), Sat 14 Mar 2026 (Saturday), Sun 15 Mar 2026 (Sunday).
            The standstill ends at the end of Mon 16 Mar 2026; the contract may be entered into from Tue 17 Mar 2026.
        """
        lines = [f"{self.rule}: {self.length} {self.unit} {self.counting} ({_day(self.event_on)})."]
        cal = self.calendar
        start, nominal = self.counted_from, self.nominal_last_day
        if self.unit == "working days":
            counted = cal.working_days_in(start, self.last_day)
        else:
            counted = tuple(start.add(days=i) for i in range((nominal - start).days + 1))
        lines.append(
            "Counted: " + ", ".join(f"{_day(d)} ({i})" for i, d in enumerate(counted, 1)) + "."
        )
        if self.unit == "working days":
            skipped = cal.non_working_days_in(self.first_day, self.last_day)
            if skipped:
                lines.append(
                    "Not counted: " + ", ".join(f"{_day(d)} ({why})" for d, why in skipped) + "."
                )
        elif nominal != self.last_day:
            why = "; ".join(
                f"{_day(d)} is {label}"
                for d, label in cal.non_working_days_in(nominal, self.last_day.subtract(days=1))
            )
            lines.append(
                f"Day {self.length} is not a working day ({why}), so the period ends at the end "
                f"of the next working day, {_day(self.last_day)} ({cal.name})."
            )
        lines.append(
            f"The standstill ends at the end of {_day(self.last_day)}; the contract may be "
            f"entered into from {_day(self.may_enter_contract_from)}."
        )
        lines.extend(self.notes)
        return "\n".join(lines)


@attrs.frozen
class NoStandstill:
    """No standstill applies, and why; the contract may be entered into from the event day.

    Attributes:
        regime: the regime asked about.
        rule: the citation of the exemption.
        reason: why no standstill applies.
        event_on: the day the award notice was published.
        may_enter_contract_from: the first day the contract may be entered into.
        notes: caveats.

    Example:
        >>> from commissioning.periods import StandstillExemption, pa_standstill
        >>> s = pa_standstill(published_on=pendulum.Date(2026, 3, 2),
        ...     exemption=StandstillExemption.FRAMEWORK_CALL_OFF)
        >>> s.applies, s.rule
        (False, 'Procurement Act 2023 s.51(3)')
    """

    applies: ClassVar[bool] = False

    regime: Regime
    rule: str
    reason: str
    event_on: pendulum.Date
    may_enter_contract_from: pendulum.Date
    notes: tuple[str, ...] = ()

    def permits_entry_on(self, day: dt.date) -> bool:
        """Whether the contract may be entered into on ``day`` (any day from the notice on).

        Example:
            >>> from commissioning.periods import StandstillExemption, pa_standstill
            >>> pa_standstill(published_on=pendulum.Date(2026, 3, 2),
            ...     exemption=StandstillExemption.LIGHT_TOUCH).permits_entry_on(pendulum.Date(2026, 3, 2))
            True
        """
        return as_date(day, field="day") >= self.may_enter_contract_from

    @property
    def explanation(self) -> str:
        """Why no standstill applies, in words.

        Example:
            >>> from commissioning.periods import StandstillExemption, pa_standstill
            >>> print(pa_standstill(published_on=pendulum.Date(2026, 3, 2),
            ...     exemption=StandstillExemption.LIGHT_TOUCH).explanation)
            Procurement Act 2023 s.51(3): no mandatory standstill: a light touch contract. The contract may be entered into from Mon 2 Mar 2026. A voluntary standstill of at least 8 working days may be set in the notice (s.51(4)-(5)).
        """
        text = (
            f"{self.rule}: no mandatory standstill: {self.reason}. The contract may be entered "
            f"into from {_day(self.may_enter_contract_from)}."
        )
        return " ".join([text, *self.notes])


@attrs.frozen
class TimeLimitRow:
    """One row of a minimum time-limit table, and whether it applies to the facts.

    Attributes:
        circumstance: the row, in words.
        minimum_days: its minimum in days (``None``: no minimum).
        applies: whether the facts given bring it into play.
        note: why it does or does not apply, where that is not obvious.

    Example:
        >>> TimeLimitRow("urgency", 10, applies=False)
        TimeLimitRow(circumstance='urgency', minimum_days=10, applies=False, note='')
    """

    circumstance: str
    minimum_days: int | None
    applies: bool
    note: str = ""


@attrs.frozen
class TimeLimit:
    """A minimum time limit: the earliest deadline an authority may set.

    Attributes:
        regime: the regime that sets it.
        rule: the citation.
        stage: participation (requests to participate) or tendering.
        circumstance: the table row that applied (the shortest applicable minimum).
        minimum_days: that row's minimum.
        invited_on: the day of the invitation (notice published, or sent).
        first_day: the first day of the period (the day after the invitation).
        last_day: the last day of the minimum period.
        earliest_deadline: the earliest permitted submission deadline.
        nominal_last_day: the last day before any roll-forward (PCR reg 2).
        considered: every row, and whether it applied.
        counting: how the count runs, in words.
        notes: caveats and readings chosen.

    Example:
        >>> from commissioning.periods import pa_tendering_period
        >>> t = pa_tendering_period(invited_on=pendulum.Date(2026, 3, 2),
        ...     electronic_submission=True, all_documents_available=True)
        >>> t.minimum_days, t.earliest_deadline
        (25, Date(2026, 3, 27))
    """

    applies: ClassVar[bool] = True

    regime: Regime
    rule: str
    stage: Stage
    circumstance: str
    minimum_days: int
    invited_on: pendulum.Date
    first_day: pendulum.Date
    last_day: pendulum.Date
    earliest_deadline: pendulum.Date
    nominal_last_day: pendulum.Date
    considered: tuple[TimeLimitRow, ...]
    counting: str
    notes: tuple[str, ...] = ()

    def permits_deadline(self, day: dt.date) -> bool:
        """Whether a submission deadline on ``day`` respects the minimum.

        Example:
            >>> from commissioning.periods import pa_participation_period
            >>> t = pa_participation_period(invited_on=pendulum.Date(2026, 3, 2))
            >>> t.permits_deadline(pendulum.Date(2026, 3, 26)), t.permits_deadline(pendulum.Date(2026, 3, 27))
            (False, True)
        """
        return as_date(day, field="day") >= self.earliest_deadline

    @property
    def explanation(self) -> str:
        """The rows weighed and the count, in words.

        Example:
            >>> from commissioning.periods import pa_participation_period
            >>> print(pa_participation_period(invited_on=pendulum.Date(2026, 3, 2), urgency=True).explanation)
            Procurement Act 2023 s.54(3), participation period: the shortest applicable minimum is 10 days (urgency).
            Rows: light touch contract: no minimum (does not apply); urgency: 10 days (applies); any other case: 25 days (applies).
            Counted 10 days beginning with the day after the invitation (Mon 2 Mar 2026): Tue 3 Mar 2026 (day 1) to Thu 12 Mar 2026 (day 10).
            Earliest permitted deadline: Thu 12 Mar 2026.
        """
        lines = [
            (
                f"{self.rule}, {self.stage.value} period: the shortest applicable minimum is "
                f"{self.minimum_days} days ({self.circumstance})."
            ),
            "Rows: " + _rows(self.considered) + ".",
            (
                f"Counted {self.minimum_days} days {self.counting} ({_day(self.invited_on)}): "
                f"{_day(self.first_day)} (day 1) to {_day(self.nominal_last_day)} "
                f"(day {self.minimum_days})."
            ),
        ]
        if self.nominal_last_day != self.last_day:
            lines.append(
                f"Day {self.minimum_days} is not a working day, so the period ends at the end of "
                f"the next working day, {_day(self.last_day)}."
            )
        lines.append(f"Earliest permitted deadline: {_day(self.earliest_deadline)}.")
        lines.extend(self.notes)
        return "\n".join(lines)


def _rows(rows: tuple[TimeLimitRow, ...]) -> str:
    out = []
    for row in rows:
        amount = "no minimum" if row.minimum_days is None else f"{row.minimum_days} days"
        state = "applies" if row.applies else "does not apply"
        if row.note:
            state += f": {row.note}"
        out.append(f"{row.circumstance}: {amount} ({state})")
    return "; ".join(out)


@attrs.frozen
class NoTimeLimit:
    """No statutory minimum applies (the deadline must still be reasonable), and why.

    Attributes:
        regime: the regime asked about.
        rule: the citation.
        stage: participation or tendering.
        circumstance: the row that removed the minimum.
        reason: why there is no minimum.
        invited_on: the day of the invitation.
        considered: every row, and whether it applied.
        notes: caveats.

    Example:
        >>> from commissioning.periods import pa_participation_period
        >>> t = pa_participation_period(invited_on=pendulum.Date(2026, 3, 2), light_touch=True)
        >>> t.applies, t.circumstance
        (False, 'light touch contract')
    """

    applies: ClassVar[bool] = False

    regime: Regime
    rule: str
    stage: Stage
    circumstance: str
    reason: str
    invited_on: pendulum.Date
    considered: tuple[TimeLimitRow, ...]
    notes: tuple[str, ...] = ()

    def permits_deadline(self, day: dt.date) -> bool:
        """Whether a deadline on ``day`` is allowed: any day after the invitation.

        Example:
            >>> from commissioning.periods import pa_participation_period
            >>> pa_participation_period(invited_on=pendulum.Date(2026, 3, 2),
            ...     light_touch=True).permits_deadline(pendulum.Date(2026, 3, 3))
            True
        """
        return as_date(day, field="day") > self.invited_on

    @property
    def explanation(self) -> str:
        """Why there is no minimum, in words.

        Example:
            >>> from commissioning.periods import pa_participation_period
            >>> print(pa_participation_period(invited_on=pendulum.Date(2026, 3, 2), light_touch=True).explanation)
            Procurement Act 2023 s.54(3), participation period: no statutory minimum (light touch contract): the time limit must still be reasonable (s.54(1)).
            Rows: light touch contract: no minimum (applies); urgency: 10 days (does not apply); any other case: 25 days (applies).
        """
        lines = [
            (
                f"{self.rule}, {self.stage.value} period: no statutory minimum "
                f"({self.circumstance}): {self.reason}."
            ),
            "Rows: " + _rows(self.considered) + ".",
        ]
        lines.extend(self.notes)
        return "\n".join(lines)


@attrs.frozen
class NoticeDeadline:
    """A window in which a notice must be published (or an act done), and its last day.

    Attributes:
        regime: the regime that sets it.
        rule: the citation.
        notice: what must be published or done.
        event: what starts the count, in words.
        event_on: the day of that event.
        first_day: the first day of the window (the earliest day to act).
        last_day: the last day of the window (due by the end of it).
        length: how many units the window lasts.
        unit: ``"days"`` or ``"months"``.
        counting: how the count runs, in words.
        counted_from: day 1 of the count.
        notes: caveats and readings chosen.

    Example:
        >>> from commissioning.periods import pa_contract_details_deadline
        >>> d = pa_contract_details_deadline(entered_on=pendulum.Date(2026, 1, 1))
        >>> d.due_by, d.overdue_from
        (Date(2026, 1, 30), Date(2026, 1, 31))
    """

    applies: ClassVar[bool] = True

    regime: Regime
    rule: str
    notice: str
    event: str
    event_on: pendulum.Date
    first_day: pendulum.Date
    last_day: pendulum.Date
    length: int
    unit: str
    counting: str
    counted_from: pendulum.Date
    notes: tuple[str, ...] = ()

    @property
    def may_publish_from(self) -> pendulum.Date:
        """The earliest day to act (the window's first day).

        Example:
            >>> from commissioning.periods import pa_termination_notice_deadline
            >>> pa_termination_notice_deadline(terminated_on=pendulum.Date(2026, 6, 30)).may_publish_from
            Date(2026, 6, 30)
        """
        return self.first_day

    @property
    def due_by(self) -> pendulum.Date:
        """The last day to act (the window's last day).

        Example:
            >>> from commissioning.periods import pa_termination_notice_deadline
            >>> pa_termination_notice_deadline(terminated_on=pendulum.Date(2026, 6, 30)).due_by
            Date(2026, 7, 29)
        """
        return self.last_day

    @property
    def overdue_from(self) -> pendulum.Date:
        """The first day on which acting is late.

        Example:
            >>> from commissioning.periods import pa_termination_notice_deadline
            >>> pa_termination_notice_deadline(terminated_on=pendulum.Date(2026, 6, 30)).overdue_from
            Date(2026, 7, 30)
        """
        return self.last_day.add(days=1)

    def is_late_on(self, day: dt.date) -> bool:
        """Whether acting on ``day`` would be late.

        Example:
            >>> from commissioning.periods import pa_termination_notice_deadline
            >>> pa_termination_notice_deadline(terminated_on=pendulum.Date(2026, 6, 30)).is_late_on(pendulum.Date(2026, 7, 29))
            False
        """
        return as_date(day, field="day") > self.last_day

    @property
    def explanation(self) -> str:
        """The count in words.

        Example:
            >>> from commissioning.periods import pa_contract_details_deadline
            >>> print(pa_contract_details_deadline(entered_on=pendulum.Date(2026, 1, 1)).explanation)
            Procurement Act 2023 s.53(1): publish the contract details notice (UK7) before the end of 30 days beginning with the day the contract was entered into (Thu 1 Jan 2026): day 1 is Thu 1 Jan 2026, day 30 is Fri 30 Jan 2026. Window: Thu 1 Jan 2026 to Fri 30 Jan 2026.
        """
        text = (
            f"{self.rule}: {self.notice} before the end of {self.length} {self.unit} "
            f"{self.counting} ({_day(self.event_on)})"
        )
        if self.unit == "days":
            text += (
                f": day 1 is {_day(self.counted_from)}, day {self.length} is {_day(self.last_day)}"
            )
        text += f". Window: {_day(self.first_day)} to {_day(self.last_day)}."
        return " ".join([text, *self.notes])


@attrs.frozen
class NotRequired:
    """No notice (or act) is required, and why.

    Attributes:
        regime: the regime asked about.
        rule: the citation.
        notice: what would have been required.
        reason: why it is not.
        notes: caveats.

    Example:
        >>> from commissioning.periods import pa_contract_copy_deadline
        >>> r = pa_contract_copy_deadline(entered_on=pendulum.Date(2026, 1, 1), value_including_vat="5000000")
        >>> r.applies, r.reason
        (False, 'the estimated value £5,000,000.00 is not more than £5,000,000.00')
    """

    applies: ClassVar[bool] = False

    regime: Regime
    rule: str
    notice: str
    reason: str
    notes: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        """Why nothing is required, in words.

        Example:
            >>> from commissioning.periods import pa_pipeline_notice_window
            >>> print(pa_pipeline_notice_window(financial_year=2026, expected_spend="90000000").explanation)
            Procurement Act 2023 s.93: no pipeline notice (UK1) required: expected spend £90,000,000.00 in the financial year is not more than £100,000,000.00.
        """
        return " ".join([f"{self.rule}: no {self.notice} required: {self.reason}.", *self.notes])


# ------------------------------------------------------------ the hot path
# ``pa_standstill`` with the default calendar is what machine guards ask on every
# check, and building the result was about 60% of each call (issue 15). Two things
# make it cheaper without changing the result type: the result is built straight into
# its slots (``Standstill`` has no validators, converters or post-init, so this is
# what ``__init__`` does, without keyword binding and frozen-setattr calls), and the
# results for the default calendar are kept per day (values are immutable, so sharing
# one is safe), up to ``_MEMO_LIMIT`` days before the memo starts again.

_new = object.__new__
_set_basis = Standstill.__dict__["basis"].__set__
_set_event_on = Standstill.__dict__["event_on"].__set__
_set_first_day = Standstill.__dict__["first_day"].__set__
_set_last_day = Standstill.__dict__["last_day"].__set__
_set_may_enter = Standstill.__dict__["may_enter_contract_from"].__set__
_set_length = Standstill.__dict__["length"].__set__
_set_calendar = Standstill.__dict__["calendar"].__set__
_set_notes = Standstill.__dict__["notes"].__set__

_MEMO_LIMIT = 4096


def new_standstill(
    basis: StandstillBasis,
    event_on: pendulum.Date,
    first_day: pendulum.Date,
    last_day: pendulum.Date,
    may_enter_contract_from: pendulum.Date,
    length: int,
    calendar: WorkingDayCalendar,
) -> Standstill:
    """``Standstill(...)`` with no notes, built straight into its slots. Internal: trusted values only."""
    s = _new(Standstill)
    _set_basis(s, basis)
    _set_event_on(s, event_on)
    _set_first_day(s, first_day)
    _set_last_day(s, last_day)
    _set_may_enter(s, may_enter_contract_from)
    _set_length(s, length)
    _set_calendar(s, calendar)
    _set_notes(s, ())
    return s


class StandstillMemo:
    """Results for one calendar, by the ordinal of the starting day; started afresh when full. Internal.

    ``state`` is one ``(calendar, results)`` pair, replaced whole (never a calendar
    changed under its results), so that threads sharing the memo can never read one
    calendar's result for another.
    """

    __slots__ = ("state",)

    def __init__(self) -> None:
        self.state: tuple[WorkingDayCalendar | None, dict[int, Standstill]] = (None, {})

    def keep(self, calendar: WorkingDayCalendar, ordinal: int, result: Standstill) -> Standstill:
        """Remember ``result`` for ``ordinal`` under ``calendar`` (another calendar starts afresh)."""
        state = self.state
        if state[0] is not calendar or len(state[1]) >= _MEMO_LIMIT:
            state = self.state = (calendar, {})
        state[1][ordinal] = result
        return result
