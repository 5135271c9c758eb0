"""Standstill periods: PA 2023 s.51, PCR 2015 reg 87, PSR 2023 reg 12.

Kept plain and fast: the machine guards of the procurement area call these on
every check, so the hot path is a couple of binary searches and one value.
"""

from __future__ import annotations

import datetime as dt
import enum

import pendulum

from .._errors import InvalidInput, Problem
from .._time import as_date
from .._validation import Checker
from ..calendar import WorkingDayCalendar
from ..calendar._calendar import (
    _default_pa_calendar,
    _default_pcr_calendar,
    _default_psr_calendar,
)
from ..thresholds import Regime
from ._results import (
    NoStandstill,
    Standstill,
    StandstillBasis,
    StandstillMemo,
    new_standstill,
)

__all__ = [
    "PA_STANDSTILL_WORKING_DAYS",
    "StandstillExemption",
    "pa_standstill",
    "pcr_standstill",
    "psr_standstill",
]

PA_STANDSTILL_WORKING_DAYS = 8
"""The mandatory standstill, and the minimum voluntary one: 8 working days (PA s.51(2), (5))."""

_fromordinal = pendulum.Date.fromordinal
_PA = Regime.PA_2023
_PA_BASIS = StandstillBasis.PA_MANDATORY
#: The mandatory PA standstills computed lately, by day, for the calendar last used.
_PA_MEMO = StandstillMemo()


class StandstillExemption(enum.Enum):
    """The awards exempt from the mandatory standstill (PA s.51(3)).

    Example:
        >>> StandstillExemption.URGENCY.value
        'a direct award on the ground of urgency (Sch 5 para 13)'
    """

    URGENCY = "a direct award on the ground of urgency (Sch 5 para 13)"
    PROTECT_LIFE = "a direct award to protect life etc. under regulations under s.42"
    PRIVATE_UTILITY_DIRECT_AWARD = "a direct award by a private utility"
    FRAMEWORK_CALL_OFF = "a contract awarded in accordance with a framework"
    DYNAMIC_MARKET = "a contract awarded under a dynamic market"
    LIGHT_TOUCH = "a light touch contract"


def _calendar(value: object, default: WorkingDayCalendar) -> WorkingDayCalendar:
    if value is None:
        return default
    if not isinstance(value, WorkingDayCalendar):
        raise InvalidInput.from_problems(
            [Problem("calendar", "a WorkingDayCalendar or None", value, "type")]
        )
    return value


def pa_standstill(
    *,
    published_on: dt.date,
    exemption: StandstillExemption | None = None,
    voluntary_working_days: int | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Standstill | NoStandstill:
    """The Procurement Act 2023 standstill after a contract award notice (s.51).

    Mandatory (s.51(2)): 8 working days *beginning with* the day the contract
    award notice is published, so that day is day 1 when it is a working day.
    s.51(1) forbids entering into the contract only *before the end of* the
    period, so the contract may be entered into from the next calendar day,
    even a weekend. Working days follow s.123 ([`pa_calendar`][commissioning.calendar.pa_calendar]).

    Exempt awards (s.51(3), [`StandstillExemption`][commissioning.periods.StandstillExemption]) have no mandatory
    standstill; the authority may set a voluntary one of at least 8 working
    days (s.51(4)-(5)) by passing ``voluntary_working_days``.

    Args:
        published_on: the day the contract award notice (UK6) was published.
        exemption: the s.51(3) ground, if the award is exempt.
        voluntary_working_days: a voluntary standstill's length (exempt awards only; at least 8).
        calendar: the working-day calendar (default: PA s.123, UK-wide).

    Returns:
        A [`Standstill`][commissioning.periods.Standstill], or a [`NoStandstill`][commissioning.periods.NoStandstill] saying why none applies.

    Example:
        >>> # UK6 published Thu 17 Apr 2025, before Easter: Thu 17 (1), Tue 22 (2), Wed 23 (3),
        >>> # Thu 24 (4), Fri 25 (5), Mon 28 (6), Tue 29 (7), Wed 30 (8); Good Friday 18 Apr and
        >>> # Easter Monday 21 Apr are not working days.
        >>> s = pa_standstill(published_on=pendulum.Date(2025, 4, 17))
        >>> s.last_day, s.may_enter_contract_from, s.rule
        (Date(2025, 4, 30), Date(2025, 5, 1), 'Procurement Act 2023 s.51(2)')
    """
    day = (
        published_on
        if type(published_on) is pendulum.Date
        else as_date(published_on, field="published_on")
    )
    cal = (
        _default_pa_calendar() if calendar is None else _calendar(calendar, _default_pa_calendar())
    )
    if exemption is None and voluntary_working_days is None:
        # The hot path (machine guards call it on every check): a memo hit, or two index
        # lookups and one value built straight into its slots (see _results.new_standstill).
        o = day.toordinal()
        kept_for, kept = _PA_MEMO.state
        if cal is kept_for:
            hit = kept.get(o)
            if hit is not None:
                return hit
        last = cal._nth_ord(o, PA_STANDSTILL_WORKING_DAYS)  # noqa: SLF001 - the package's own fast path
        return _PA_MEMO.keep(
            cal,
            o,
            new_standstill(
                _PA_BASIS,
                day,
                day,
                cal._day(last),  # noqa: SLF001 - shared, precomputed date objects
                cal._day(last + 1),  # noqa: SLF001 - as above
                PA_STANDSTILL_WORKING_DAYS,
                cal,
            ),
        )
    check = Checker()
    if exemption is not None:
        check.type("exemption", exemption, StandstillExemption, "a StandstillExemption or None")
    if voluntary_working_days is not None and check.type(
        "voluntary_working_days", voluntary_working_days, int, "an int or None"
    ):
        check.that(
            voluntary_working_days >= PA_STANDSTILL_WORKING_DAYS,
            "voluntary_working_days",
            "at least 8 working days (s.51(5))",
            voluntary_working_days,
        )
        check.that(
            exemption is not None,
            "voluntary_working_days",
            "None unless the award is exempt under s.51(3) (the mandatory period is 8 working "
            "days; a voluntary standstill is for exempt awards, s.51(4))",
            voluntary_working_days,
        )
    check.done()
    assert exemption is not None  # noqa: S101 - checked above
    if voluntary_working_days is None:
        return NoStandstill(
            regime=_PA,
            rule=_PA.cite("s.51(3)"),
            reason=exemption.value,
            event_on=day,
            may_enter_contract_from=day,
            notes=(
                (
                    "A voluntary standstill of at least 8 working days may be set in the notice "
                    "(s.51(4)-(5))."
                ),
            ),
        )
    last_day = cal.nth_working_day(day, voluntary_working_days)
    return Standstill(
        basis=StandstillBasis.PA_VOLUNTARY,
        event_on=day,
        first_day=day,
        last_day=last_day,
        may_enter_contract_from=last_day.add(days=1),
        length=voluntary_working_days,
        calendar=cal,
        notes=(f"Voluntary standstill: the award is exempt as {exemption.value} (s.51(3)).",),
    )


def _optional_day(check: Checker, value: object, field: str) -> pendulum.Date | None:
    if value is None:
        return None
    try:
        return as_date(value, field=field)
    except InvalidInput as err:
        check.extend(err)
        return None


def _pcr_sending(
    sent_on: object,
    electronic: object,
    last_received_on: object,
    electronic_sent_on: object,
    other_means_sent_on: object,
) -> tuple[pendulum.Date | None, pendulum.Date | None, pendulum.Date | None]:
    """The last electronic sending day, the last other-means sending day and the last receipt, checked."""
    check = Checker()
    day = _optional_day(check, sent_on, "sent_on")
    received = _optional_day(check, last_received_on, "last_received_on")
    by_email = _optional_day(check, electronic_sent_on, "electronic_sent_on")
    by_post = _optional_day(check, other_means_sent_on, "other_means_sent_on")
    check.type("electronic", electronic, bool, "a bool")
    split = electronic_sent_on is not None or other_means_sent_on is not None
    if sent_on is None and not split:
        check.add(
            Problem(
                "sent_on",
                "the sending day (or electronic_sent_on / other_means_sent_on)",
                None,
                "missing",
            )
        )
    if sent_on is not None and split:
        check.add(
            Problem(
                "sent_on",
                "None when electronic_sent_on or other_means_sent_on is given",
                sent_on,
            )
        )
    check.done()
    if not split:
        assert day is not None  # noqa: S101 - checked above
        if electronic is True:
            by_email = day
        else:
            by_post = day
    if received is not None:
        check.that(
            by_post is not None,
            "last_received_on",
            "None unless a notice was sent by other means (reg 87(2) counts from sending)",
            last_received_on,
        )
        if by_post is not None:
            check.that(
                received >= by_post,
                "last_received_on",
                f"a day not before sending by other means ({by_post})",
                received,
            )
    check.done()
    return by_email, by_post, received


def pcr_standstill(
    *,
    sent_on: dt.date | None = None,
    electronic: bool = True,
    last_received_on: dt.date | None = None,
    electronic_sent_on: dt.date | None = None,
    other_means_sent_on: dt.date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Standstill:
    """The PCR 2015 standstill after the award decision notices are sent (reg 87, counted by reg 2).

    - All sent by fax or electronic means (reg 87(2)): it ends at midnight at the
      end of the 10th day after the relevant sending date (the day the last
      notice was sent, reg 87(4)).
    - All sent only by other means (reg 87(3)): at the earlier of the end of the
      15th day after sending and the end of the 10th day after the last
      supplier received it. Without ``last_received_on`` the 15th day is used:
      the latest the period can end, the cautious answer.
    - Mixed sending (reg 87(5)): at the *later* of the electronic limb (10th
      day after the last electronic sending) and the other-means limb (the
      earlier of the 15th day after the last other-means sending and the 10th
      day after the last receipt by those means).

    The sending day is not counted (reg 2(3)(b)), and a period whose last day is
    not a working day ends at the end of the next working day (reg 2(4)). The
    contract may be entered into from the next day: the period runs to the end
    of its last day.

    Give either ``sent_on`` (with ``electronic`` saying how every notice was
    sent) or, for the other cases, ``electronic_sent_on`` and/or
    ``other_means_sent_on`` (both for mixed sending).

    Args:
        sent_on: the day the last award decision notice was sent (one means of sending).
        electronic: with ``sent_on``: every notice was sent by fax or electronic means.
        last_received_on: other means: the day the last supplier sent a notice by other means
            received it.
        electronic_sent_on: the day the last notice sent by fax or electronic means was sent.
        other_means_sent_on: the day the last notice sent by other means was sent.
        calendar: reg 2 working days (default: [`pcr_calendar`][commissioning.calendar.pcr_calendar], UK-wide).

    Example:
        >>> # Sent Wed 15 Dec 2021: day 10 is Sat 25 Dec; Sun 26, Mon 27 and Tue 28 Dec are not
        >>> # working days, so it ends at the end of Wed 29 Dec.
        >>> s = pcr_standstill(sent_on=pendulum.Date(2021, 12, 15))
        >>> s.nominal_last_day, s.last_day, s.may_enter_contract_from
        (Date(2021, 12, 25), Date(2021, 12, 29), Date(2021, 12, 30))
        >>> # Mixed: emailed Mon 3 Jun 2024, posted the same day: the posted limb (15 days) is later.
        >>> m = pcr_standstill(electronic_sent_on=pendulum.Date(2024, 6, 3),
        ...                    other_means_sent_on=pendulum.Date(2024, 6, 3))
        >>> m.last_day, m.rule
        (Date(2024, 6, 18), 'Public Contracts Regulations 2015 reg 87(5) with reg 2')
    """
    by_email, by_post, received = _pcr_sending(
        sent_on, electronic, last_received_on, electronic_sent_on, other_means_sent_on
    )
    cal = _calendar(calendar, _default_pcr_calendar())
    notes: list[str] = []
    email_end = None if by_email is None else by_email.add(days=10)
    post_end = None
    post_basis = StandstillBasis.PCR_OTHER_MEANS
    post_event = by_post
    post_length = 15
    if by_post is not None:
        post_end = by_post.add(days=15)
        if received is None:
            notes.append(
                "The last receipt day was not given, so the 15th day after sending by other "
                "means is used (the latest that limb can end)."
            )
        elif received.add(days=10) < post_end:
            post_end = received.add(days=10)
            post_basis = StandstillBasis.PCR_OTHER_MEANS_LAST_RECEIPT
            post_event = received
            post_length = 10
            notes.append(
                f"Sent by other means on {by_post}: 10 days after the last receipt end before "
                "15 days after sending."
            )
    if email_end is not None and post_end is not None:
        assert by_email is not None  # noqa: S101 - set with email_end
        assert by_post is not None  # noqa: S101 - set with post_end
        assert post_event is not None  # noqa: S101 - set with post_end
        basis = StandstillBasis.PCR_MIXED
        if email_end >= post_end:
            nominal, event_on, length = email_end, by_email, 10
        else:
            nominal, event_on, length = post_end, post_event, post_length
        first = min(by_email, by_post).add(days=1)
        notes.append(
            f"Mixed sending (reg 87(5)): the electronic limb ends {email_end}, the other-means "
            f"limb {post_end}; the later applies."
        )
    elif email_end is not None:
        assert by_email is not None  # noqa: S101 - set with email_end
        nominal, basis, event_on, length = email_end, StandstillBasis.PCR_ELECTRONIC, by_email, 10
        first = by_email.add(days=1)
    else:
        assert post_end is not None  # noqa: S101 - one limb is always given
        assert by_post is not None  # noqa: S101 - set with post_end
        assert post_event is not None  # noqa: S101 - set with post_end
        nominal, basis, event_on, length = post_end, post_basis, post_event, post_length
        first = by_post.add(days=1)
    last = cal.roll_forward(nominal)
    return Standstill(
        basis=basis,
        event_on=event_on,
        first_day=first,
        last_day=last,
        may_enter_contract_from=last.add(days=1),
        length=length,
        calendar=cal,
        notes=tuple(notes),
    )


def psr_standstill(
    *,
    published_on: dt.date,
    count_first_day: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> Standstill:
    """The PSR 2023 standstill after a notice of intention to award (reg 12), with no representations.

    The period begins on the day after the notice is published and ends at
    midnight at the end of the 8th working day *after* the day it began (the
    cautious reading: the beginning day is never counted). Pass
    ``count_first_day=True`` for the other reading, in which the beginning day
    counts as day 1 when it is a working day. Working days are England's, plus
    Christmas Day, Good Friday and the first Monday in May
    ([`psr_calendar`][commissioning.calendar.psr_calendar]).

    Representations made during the standstill extend it until the authority has
    considered them and decided again: that end depends on the authority's
    decision and is not computed here.

    Example:
        >>> # Notice published Mon 2 Mar 2026; begins Tue 3 Mar; working days after it:
        >>> # Wed 4 (1), Thu 5 (2), Fri 6 (3), Mon 9 (4), Tue 10 (5), Wed 11 (6), Thu 12 (7), Fri 13 (8).
        >>> psr_standstill(published_on=pendulum.Date(2026, 3, 2)).last_day
        Date(2026, 3, 13)
    """
    day = as_date(published_on, field="published_on")
    if not isinstance(count_first_day, bool):
        raise InvalidInput.from_problems(
            [Problem("count_first_day", "a bool", count_first_day, "type")]
        )
    cal = _calendar(calendar, _default_psr_calendar())
    begins = day.add(days=1)
    if count_first_day:
        last = cal.nth_working_day(begins, PA_STANDSTILL_WORKING_DAYS)
        basis = StandstillBasis.PSR_BEGINNING_WITH_BEGINNING
        note = "Reading chosen: the day the period begins counts (count_first_day=True)."
    else:
        last = cal.add_working_days(begins, PA_STANDSTILL_WORKING_DAYS)
        basis = StandstillBasis.PSR_AFTER_BEGINNING
        note = (
            "Cautious reading: the day the period begins is not counted "
            "(count_first_day=False). Representations would extend the period."
        )
    return Standstill(
        basis=basis,
        event_on=day,
        first_day=begins,
        last_day=last,
        may_enter_contract_from=last.add(days=1),
        length=PA_STANDSTILL_WORKING_DAYS,
        calendar=cal,
        notes=(note,),
    )
