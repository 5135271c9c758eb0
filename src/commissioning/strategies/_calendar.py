"""Hypothesis strategies for statutory time: calendars, periods and thresholds.

Covers ``commissioning.calendar``, ``commissioning.periods`` and
``commissioning.thresholds``. Each public domain type of those packages is
registered with ``st.register_type_strategy`` when this module is imported, so
``st.from_type(T)`` works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from commissioning.calendar import (
    Nation,
    PcrBankHolidays,
    WorkingDayCalendar,
    nation_calendar,
    pa_calendar,
    pcr_calendar,
    psr_calendar,
)
from commissioning.periods import (
    NoStandstill,
    NoticeDeadline,
    NoTimeLimit,
    NotRequired,
    Stage,
    Standstill,
    StandstillExemption,
    TimeLimit,
    TimeLimitRow,
    pa_contract_copy_deadline,
    pa_contract_details_deadline,
    pa_participation_period,
    pa_standstill,
    pa_tendering_period,
    pa_termination_notice_deadline,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    pcr_standstill,
    psr_standstill,
)
from commissioning.thresholds import (
    STATUTORY_THRESHOLDS,
    AuthorityType,
    ContractType,
    Regime,
    Threshold,
    ThresholdAssessment,
    ThresholdCategory,
    ThresholdSchedule,
    ThresholdTable,
    assess_threshold,
)

__all__ = [
    "notice_deadlines",
    "standstills",
    "statutory_dates",
    "threshold_assessments",
    "threshold_tables",
    "time_limits",
    "working_day_calendars",
]

_FIRST = pendulum.Date(1990, 1, 1)
_LAST = pendulum.Date(2060, 12, 31)

_STATUTORY_CALENDARS: tuple[Callable[[], WorkingDayCalendar], ...] = (
    pa_calendar,
    pcr_calendar,
    lambda: pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND),
    lambda: pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_AND_WALES),
    psr_calendar,
    *(lambda n=n: nation_calendar(n) for n in Nation),
)


def statutory_dates(
    *, min_value: dt.date = _FIRST, max_value: dt.date = _LAST
) -> st.SearchStrategy[pendulum.Date]:
    """Days (as ``pendulum.Date``) between ``min_value`` and ``max_value`` inclusive.

    The default span, 1990-2060, lies well inside the default calendars' range.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(statutory_dates(min_value=pendulum.Date(2026, 1, 1), max_value=pendulum.Date(2026, 1, 31)))
        ... def test_in_january(day):
        ...     assert day.month == 1
        >>> test_in_january()
    """
    lo, hi = min_value.toordinal(), max_value.toordinal()
    return st.integers(lo, hi).map(pendulum.Date.fromordinal)


def working_day_calendars(
    *, extra_holidays: st.SearchStrategy[frozenset[pendulum.Date]] | None = None
) -> st.SearchStrategy[WorkingDayCalendar]:
    """The statutory calendars (PA s.123, PCR reg 2 in each reading, PSR reg 12, each nation).

    Pass ``extra_holidays`` (a strategy of sets of days 1971-2100) to add drawn
    days to each, as a user would for a proclamation; each such draw builds a
    new calendar, which is slower.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(working_day_calendars())
        ... def test_christmas_is_never_a_working_day(cal):
        ...     assert not cal.is_working_day(pendulum.Date(2026, 12, 25))
        >>> test_christmas_is_never_a_working_day()
    """
    base = st.sampled_from(_STATUTORY_CALENDARS).map(lambda make: make())
    if extra_holidays is None:
        return base
    return st.tuples(base, extra_holidays).map(
        lambda pair: pair[0].with_holidays(dict.fromkeys(pair[1], "drawn holiday"))
    )


def standstills(
    *, days: st.SearchStrategy[pendulum.Date] | None = None
) -> st.SearchStrategy[Standstill | NoStandstill]:
    """Standstill results of every regime and kind (mandatory, voluntary, exempt, PCR, PSR).

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(standstills())
        ... def test_entry_is_after_the_event(s):
        ...     assert s.may_enter_contract_from >= s.event_on
        >>> test_entry_is_after_the_event()
    """
    d = statutory_dates() if days is None else days
    exemptions = st.sampled_from(StandstillExemption)
    return st.one_of(
        st.builds(lambda day: pa_standstill(published_on=day), d),
        st.builds(lambda day, ex: pa_standstill(published_on=day, exemption=ex), d, exemptions),
        st.builds(
            lambda day, ex, n: pa_standstill(
                published_on=day, exemption=ex, voluntary_working_days=n
            ),
            d,
            exemptions,
            st.integers(8, 30),
        ),
        st.builds(
            lambda day, electronic, lag: pcr_standstill(
                sent_on=day,
                electronic=electronic,
                last_received_on=None if electronic or lag is None else day.add(days=lag),
            ),
            d,
            st.booleans(),
            st.none() | st.integers(0, 10),
        ),
        st.builds(
            lambda day, first: psr_standstill(published_on=day, count_first_day=first),
            d,
            st.booleans(),
        ),
    )


def time_limits(
    *, days: st.SearchStrategy[pendulum.Date] | None = None
) -> st.SearchStrategy[TimeLimit | NoTimeLimit]:
    """Minimum time-limit results: PA s.54 participation and tendering, PCR regs 27 and 28.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(time_limits())
        ... def test_a_minimum_never_ends_before_it_starts(t):
        ...     assert not t.applies or t.earliest_deadline > t.invited_on
        >>> test_a_minimum_never_ends_before_it_starts()
    """
    d = statutory_dates() if days is None else days
    b = st.booleans()
    return st.one_of(
        st.builds(
            lambda day, lt, urgent: pa_participation_period(
                invited_on=day, light_touch=lt, urgency=urgent
            ),
            d,
            b,
            b,
        ),
        st.builds(
            lambda day, e, a, lt, urgent, dm, pre, agreed, lag: pa_tendering_period(
                invited_on=day,
                electronic_submission=e,
                all_documents_available=a,
                light_touch=lt,
                urgency=urgent,
                dynamic_market=dm,
                utilities_or_non_central=pre,
                preselected_suppliers=pre,
                period_agreed_with_suppliers=pre and agreed,
                planned_procurement_notice_on=None if lag is None else day.subtract(days=lag),
            ),
            d,
            b,
            b,
            b,
            b,
            b,
            b,
            b,
            st.none() | st.integers(1, 400),
        ),
        st.builds(
            lambda day, e, urgent: pcr_open_procedure_time_limit(
                sent_on=day, electronic_tenders=e, urgency=urgent
            ),
            d,
            b,
            b,
        ),
        st.builds(
            lambda day, stage, e, urgent: pcr_restricted_procedure_time_limit(
                stage=stage, sent_on=day, electronic_tenders=e, urgency=urgent
            ),
            d,
            st.sampled_from(Stage),
            b,
            b,
        ),
    )


def notice_deadlines(
    *, days: st.SearchStrategy[pendulum.Date] | None = None
) -> st.SearchStrategy[NoticeDeadline]:
    """Notice deadlines: PA s.53 contract details and copy, s.80 termination.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(notice_deadlines())
        ... def test_window_is_ordered(n):
        ...     assert n.first_day <= n.due_by < n.overdue_from
        >>> test_window_is_ordered()
    """
    d = statutory_dates() if days is None else days
    b = st.booleans()
    copies = st.builds(
        lambda day, lt, pence: pa_contract_copy_deadline(
            entered_on=day, value_including_vat=Decimal(pence) / 100, light_touch=lt
        ),
        d,
        b,
        st.integers(500_000_001, 10**11),
    )
    return st.one_of(
        st.builds(
            lambda day, lt: pa_contract_details_deadline(entered_on=day, light_touch=lt), d, b
        ),
        copies.filter(lambda r: isinstance(r, NoticeDeadline)).map(_as_deadline),
        st.builds(
            lambda day, first: pa_termination_notice_deadline(
                terminated_on=day, count_event_day=first
            ),
            d,
            b,
        ),
    )


def _as_deadline(value: NoticeDeadline | NotRequired) -> NoticeDeadline:
    if not isinstance(value, NoticeDeadline):  # pragma: no cover - filtered out before
        raise TypeError(value)
    return value


def threshold_tables(
    *, regime: Regime = Regime.PA_2023, start: st.SearchStrategy[pendulum.Date] | None = None
) -> st.SearchStrategy[ThresholdTable]:
    """Threshold tables with every category and positive amounts, starting on drawn days.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(threshold_tables())
        ... def test_amounts_are_positive(t):
        ...     assert all(a > 0 for a in t.amounts.values())
        >>> test_amounts_are_positive()
    """
    starts = statutory_dates(min_value=pendulum.Date(2027, 1, 1)) if start is None else start
    amounts = st.fixed_dictionaries(
        {
            c: st.integers(1_000_000, 10**10).map(lambda p: Decimal(p) / 100)
            for c in ThresholdCategory
        }
    )
    return st.builds(
        lambda day, table: ThresholdTable.from_amounts(
            regime=regime, effective_from=day, amounts=table, source="drawn by Hypothesis"
        ),
        starts,
        amounts,
    )


def threshold_assessments(
    *, schedule: ThresholdSchedule = STATUTORY_THRESHOLDS
) -> st.SearchStrategy[ThresholdAssessment]:
    """Threshold assessments of drawn values under the Procurement Act tables (2025 onwards).

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(threshold_assessments())
        ... def test_above_means_at_least_the_amount(a):
        ...     assert a.above_threshold == (a.value_including_vat >= a.threshold.amount)
        >>> test_above_means_at_least_the_amount()
    """
    return st.builds(
        lambda pence, ct, auth, day: assess_threshold(
            value_including_vat=Decimal(pence) / 100,
            contract_type=ct,
            authority=auth,
            commenced_on=day,
            schedule=schedule,
        ),
        st.integers(0, 10**10),
        st.sampled_from(ContractType),
        st.sampled_from(AuthorityType),
        statutory_dates(min_value=pendulum.Date(2025, 2, 24), max_value=pendulum.Date(2040, 1, 1)),
    )


def _thresholds(assessment: ThresholdAssessment) -> Threshold:
    return assessment.threshold


st.register_type_strategy(WorkingDayCalendar, working_day_calendars())
st.register_type_strategy(Standstill, standstills().filter(lambda s: isinstance(s, Standstill)))
st.register_type_strategy(NoStandstill, standstills().filter(lambda s: isinstance(s, NoStandstill)))
st.register_type_strategy(TimeLimit, time_limits().filter(lambda t: isinstance(t, TimeLimit)))
st.register_type_strategy(NoTimeLimit, time_limits().filter(lambda t: isinstance(t, NoTimeLimit)))
st.register_type_strategy(
    TimeLimitRow, time_limits().flatmap(lambda t: st.sampled_from(t.considered))
)
st.register_type_strategy(NoticeDeadline, notice_deadlines())
st.register_type_strategy(
    NotRequired,
    st.builds(
        lambda day, pence: pa_contract_copy_deadline(
            entered_on=day, value_including_vat=Decimal(pence) / 100
        ),
        statutory_dates(),
        st.integers(0, 500_000_000),
    ).map(lambda r: r if isinstance(r, NotRequired) else _unreachable(r)),
)
st.register_type_strategy(ThresholdTable, threshold_tables())
st.register_type_strategy(
    ThresholdSchedule,
    threshold_tables().map(STATUTORY_THRESHOLDS.with_table) | st.just(STATUTORY_THRESHOLDS),
)
st.register_type_strategy(ThresholdAssessment, threshold_assessments())
st.register_type_strategy(Threshold, threshold_assessments().map(_thresholds))


def _unreachable(value: object) -> NotRequired:  # pragma: no cover - values up to £5m need no copy
    raise TypeError(value)
