"""Every notice deadline in full: the rule cited, what to publish, how the days are counted.

A caller shows these values to people (the obligations view, the explanation of a
deadline), so each test compares the whole value: a changed citation, counting
sentence, note, first day or length is a bug as much as a wrong last day
(issue 17 item 6: the mutants that survived asserted only ``due_by``).
"""

import pytest
from pendulum import Date

from commissioning import InvalidInput
from commissioning.periods import (
    NoticeDeadline,
    NotRequired,
    pa_contract_copy_deadline,
    pa_contract_details_deadline,
    pa_payments_compliance_deadline,
    pa_payments_notice_deadline,
    pa_performance_assessment_due,
    pa_performance_notice_deadline,
    pa_pipeline_notice_window,
    pa_termination_notice_deadline,
    pcr_contract_award_notice_deadline,
    psr_award_notice_deadline,
)
from commissioning.thresholds import Regime

PA, PCR, PSR = Regime.PA_2023, Regime.PCR_2015, Regime.PSR_2023


def _problems(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, object, str]]:
    return [(p.field, p.expected, p.received, p.kind) for p in err.value.problems]


def _pa(**fields: object) -> NoticeDeadline:
    """A PA window of ``length`` days beginning with ``counted_from`` (the usual shape)."""
    return NoticeDeadline(regime=PA, unit="days", notes=(), **fields)  # type: ignore[arg-type]


# ------------------------------------------------------------ s.53 contract details


def test_contract_details_are_due_within_30_days_beginning_with_entry() -> None:
    entered = Date(2026, 6, 29)  # Mon: day 1; day 30 is Tue 28 Jul
    assert pa_contract_details_deadline(entered_on=entered) == _pa(
        rule="Procurement Act 2023 s.53(1)",
        notice="publish the contract details notice (UK7)",
        event="the contract was entered into",
        event_on=entered,
        first_day=entered,
        last_day=Date(2026, 7, 28),
        length=30,
        counting="beginning with the day the contract was entered into",
        counted_from=entered,
    )
    light = pa_contract_details_deadline(entered_on=entered, light_touch=True)
    assert (light.length, light.last_day) == (120, Date(2026, 10, 26))


def test_contract_details_name_a_bad_day_and_a_bad_flag() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_contract_details_deadline(entered_on="29 June", light_touch="no")  # type: ignore[arg-type]
    assert _problems(err) == [
        ("entered_on", "a date (not a datetime)", "29 June", "type"),
        ("light_touch", "a bool", "no", "type"),
    ]


# --------------------------------------------------------------- s.53 contract copy


def test_a_copy_of_a_contract_over_five_million_is_due_within_90_days() -> None:
    entered = Date(2026, 1, 1)
    assert pa_contract_copy_deadline(entered_on=entered, value_including_vat="5000000.01") == _pa(
        rule="Procurement Act 2023 s.53",
        notice="publish a copy of the contract",
        event="the contract was entered into",
        event_on=entered,
        first_day=entered,
        last_day=Date(2026, 3, 31),
        length=90,
        counting="beginning with the day the contract was entered into",
        counted_from=entered,
    )
    light = pa_contract_copy_deadline(
        entered_on=entered, value_including_vat=6_000_000, light_touch=True
    )
    assert isinstance(light, NoticeDeadline)
    assert (light.length, light.last_day) == (180, Date(2026, 6, 29))


def test_no_copy_is_needed_at_five_million_and_the_reason_says_so() -> None:
    assert pa_contract_copy_deadline(
        entered_on=Date(2026, 1, 1), value_including_vat="5000000"
    ) == NotRequired(
        regime=PA,
        rule="Procurement Act 2023 s.53",
        notice="publication of a copy of the contract",
        reason="the estimated value £5,000,000.00 is not more than £5,000,000.00",
    )


def test_a_contract_copy_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_contract_copy_deadline(entered_on="x", value_including_vat=1.5, light_touch=1)  # type: ignore[arg-type]
    assert [p.field for p in err.value.problems] == [
        "entered_on",
        "value_including_vat",
        "light_touch",
    ]
    assert err.value.problems[2].expected == "a bool"


# ------------------------------------------------------------ s.80 termination


def test_a_termination_notice_counts_the_termination_day_unless_told_otherwise() -> None:
    ended = Date(2026, 6, 30)
    assert pa_termination_notice_deadline(terminated_on=ended) == _pa(
        rule="Procurement Act 2023 s.80",
        notice="publish the contract termination notice (UK11)",
        event="the contract terminated",
        event_on=ended,
        first_day=ended,
        last_day=Date(2026, 7, 29),
        length=30,
        counting="beginning with the day the contract terminated",
        counted_from=ended,
    )
    later = pa_termination_notice_deadline(terminated_on=ended, count_event_day=False)
    assert later == NoticeDeadline(
        regime=PA,
        rule="Procurement Act 2023 s.80",
        notice="publish the contract termination notice (UK11)",
        event="the contract terminated",
        event_on=ended,
        first_day=ended,
        last_day=Date(2026, 7, 30),
        length=30,
        unit="days",
        counting="beginning with the day after the day the contract terminated",
        counted_from=Date(2026, 7, 1),
        notes=("Reading chosen: counted from the day after.",),
    )


def test_a_termination_notice_names_a_bad_day_and_a_bad_flag() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_termination_notice_deadline(terminated_on=None, count_event_day="yes")  # type: ignore[arg-type]
    assert [(p.field, p.kind) for p in err.value.problems] == [
        ("terminated_on", "type"),
        ("count_event_day", "type"),
    ]


# ------------------------------------------------------------ s.71 performance


def test_a_performance_notice_on_a_breach_is_due_within_30_days() -> None:
    breach = Date(2026, 2, 1)
    assert pa_performance_notice_deadline(event_on=breach) == _pa(
        rule="Procurement Act 2023 s.71",
        notice="publish a contract performance notice (UK9) on the breach or failure",
        event="of the breach or failure event",
        event_on=breach,
        first_day=breach,
        last_day=Date(2026, 3, 2),
        length=30,
        counting="beginning with the day of the breach or failure event",
        counted_from=breach,
    )
    later = pa_performance_notice_deadline(event_on=breach, count_event_day=False)
    assert (later.counted_from, later.last_day) == (Date(2026, 2, 2), Date(2026, 3, 3))
    with pytest.raises(InvalidInput) as err:
        pa_performance_notice_deadline(event_on=breach, count_event_day=0)  # type: ignore[arg-type]
    assert _problems(err) == [("count_event_day", "a bool", 0, "type")]
    with pytest.raises(InvalidInput) as day:
        pa_performance_notice_deadline(event_on="1 Feb")  # type: ignore[arg-type]
    assert day.value.field == "event_on"


def test_a_performance_assessment_is_due_within_12_months_of_the_last() -> None:
    since = Date(2026, 3, 1)
    assert pa_performance_assessment_due(since=since) == NoticeDeadline(
        regime=PA,
        rule="Procurement Act 2023 s.71",
        notice=(
            "assess performance against the KPIs and publish a contract performance notice (UK9)"
        ),
        event="the last assessment or entry into the contract",
        event_on=since,
        first_day=Date(2026, 3, 2),
        last_day=Date(2027, 2, 28),
        length=12,
        unit="months",
        counting="beginning with the day of the last assessment or entry into the contract",
        counted_from=since,
        notes=("Also due on termination (s.71).",),
    )
    later = pa_performance_assessment_due(since=since, count_start_day=False)
    assert (later.last_day, later.counted_from) == (Date(2027, 3, 1), Date(2026, 3, 2))
    assert later.counting == (
        "beginning with the day after the last assessment or entry into the contract"
    )


def test_the_anniversary_of_29_february_is_1_march() -> None:
    leap = Date(2028, 2, 29)
    assert pa_performance_assessment_due(since=leap).last_day == Date(2029, 2, 28)
    assert pa_performance_assessment_due(since=leap, count_start_day=False).last_day == Date(
        2029, 3, 1
    )
    assert pa_performance_assessment_due(
        since=Date(2028, 2, 28), count_start_day=False
    ).last_day == (Date(2029, 2, 28))


def test_a_performance_assessment_names_a_bad_day_and_a_bad_flag() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_performance_assessment_due(since=20260301, count_start_day="yes")  # type: ignore[arg-type]
    assert [(p.field, p.kind) for p in err.value.problems] == [
        ("since", "type"),
        ("count_start_day", "type"),
    ]
    assert err.value.problems[1].expected == "a bool"


# ---------------------------------------------- s.69 and s.70: beginning with the last day


def test_payments_compliance_is_due_30_days_beginning_with_the_period_end() -> None:
    end = Date(2026, 3, 31)
    assert pa_payments_compliance_deadline(period_end=end) == _pa(
        rule="Procurement Act 2023 s.69(1)",
        notice="publish the payments compliance notice (UK17)",
        event="the reporting period ended",
        event_on=end,
        first_day=end,
        last_day=Date(2026, 4, 29),
        length=30,
        counting="beginning with the day on which the reporting period ended (its last day is day 1)",
        counted_from=end,
    )
    assert pa_payments_compliance_deadline(period_end=Date(2026, 9, 30)).last_day == Date(
        2026, 10, 29
    )
    with pytest.raises(InvalidInput) as err:
        pa_payments_compliance_deadline(period_end=Date(2026, 6, 30))
    assert _problems(err) == [
        ("period_end", "31 March or 30 September", Date(2026, 6, 30), "value")
    ]


def test_payments_information_is_due_30_days_beginning_with_the_quarter_end() -> None:
    end = Date(2026, 6, 30)
    assert pa_payments_notice_deadline(quarter_end=end) == NoticeDeadline(
        regime=PA,
        rule="Procurement Act 2023 s.70(2)",
        notice="publish payments information (UK8)",
        event="the quarter ended",
        event_on=end,
        first_day=end,
        last_day=Date(2026, 7, 29),
        length=30,
        unit="days",
        counting="beginning with the day on which the quarter ended (its last day is day 1)",
        counted_from=end,
        notes=(
            (
                "UNCONFIRMED: the notice code UK8 (PR24 reg 5(3) lists s.69(1) but not s.70); "
                "the information is published for each payment of more than £30,000 (s.70(1))"
            ),
        ),
    )
    with pytest.raises(InvalidInput) as err:
        pa_payments_notice_deadline(quarter_end=Date(2026, 5, 31))
    assert _problems(err) == [
        (
            "quarter_end",
            "the last day of a quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec; s.70(5))",
            Date(2026, 5, 31),
            "value",
        )
    ]


# ------------------------------------------------------------------- s.93 pipeline


def test_a_pipeline_notice_is_due_within_56_days_beginning_with_1_april() -> None:
    start = Date(2026, 4, 1)
    assert pa_pipeline_notice_window(financial_year=2026, expected_spend="100000000.01") == _pa(
        rule="Procurement Act 2023 s.93",
        notice="publish the pipeline notice (UK1)",
        event="the financial year began",
        event_on=start,
        first_day=start,
        last_day=Date(2026, 5, 26),
        length=56,
        counting="beginning with the day the financial year began",
        counted_from=start,
    )
    assert pa_pipeline_notice_window(
        financial_year=2026, expected_spend=100_000_000
    ) == NotRequired(
        regime=PA,
        rule="Procurement Act 2023 s.93",
        notice="pipeline notice (UK1)",
        reason=(
            "expected spend £100,000,000.00 in the financial year is not more than £100,000,000.00"
        ),
    )


@pytest.mark.parametrize("year", [1900, 2200])
def test_a_pipeline_year_from_1900_to_2200_is_read(year: int) -> None:
    window = pa_pipeline_notice_window(financial_year=year, expected_spend="2e8")
    assert isinstance(window, NoticeDeadline)
    assert window.event_on == Date(year, 4, 1)


@pytest.mark.parametrize(
    ("year", "problem"),
    [
        ("2026", ("financial_year", "an int year", "2026", "type")),
        (1899, ("financial_year", "a year 1900-2200", 1899, "value")),
        (2201, ("financial_year", "a year 1900-2200", 2201, "value")),
    ],
)
def test_a_pipeline_year_outside_the_calendar_is_named(
    year: object, problem: tuple[str, str, object, str]
) -> None:
    with pytest.raises(InvalidInput) as err:
        pa_pipeline_notice_window(financial_year=year, expected_spend="2e8")  # type: ignore[arg-type]
    assert _problems(err) == [problem]
    with pytest.raises(InvalidInput) as both:
        pa_pipeline_notice_window(financial_year=year, expected_spend=1.5)  # type: ignore[arg-type]
    assert [p.field for p in both.value.problems] == ["financial_year", "expected_spend"]


# ------------------------------------------------------------------ PCR reg 50, PSR


def test_a_pcr_award_notice_is_due_30_days_after_conclusion_without_rolling() -> None:
    concluded = Date(2026, 5, 1)  # Fri; day 30 is Sun 31 May
    reading = (
        "UNCONFIRMED: PCR 2015 reg 50(1) is not in the project's reference; the 30-day limit "
        "is the regulation as commonly stated"
    )
    expected = NoticeDeadline(
        regime=PCR,
        rule="Public Contracts Regulations 2015 reg 50(1)",
        notice="send the contract award notice",
        event="the contract was concluded",
        event_on=concluded,
        first_day=concluded,
        last_day=Date(2026, 5, 31),
        length=30,
        unit="days",
        counting="beginning with the day after the contract was concluded (reg 2)",
        counted_from=Date(2026, 5, 2),
        notes=(reading, "cautious reading: no reg 2 roll-forward for a deadline to act"),
    )
    assert pcr_contract_award_notice_deadline(concluded_on=concluded) == expected
    rolled = pcr_contract_award_notice_deadline(concluded_on=concluded, roll_forward=True)
    assert rolled.last_day == Date(2026, 6, 1)
    assert rolled.notes == (reading, "reg 2 roll-forward: day 30 (2026-05-31) is not a working day")
    weekday = pcr_contract_award_notice_deadline(concluded_on=Date(2026, 5, 5), roll_forward=True)
    assert (weekday.last_day, weekday.notes) == (Date(2026, 6, 4), (reading,))


def test_a_pcr_award_notice_names_a_bad_day_and_a_bad_flag() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_contract_award_notice_deadline(concluded_on="1 May", roll_forward="yes")  # type: ignore[arg-type]
    assert _problems(err) == [
        ("concluded_on", "a date (not a datetime)", "1 May", "type"),
        ("roll_forward", "a bool", "yes", "type"),
    ]


def test_a_psr_award_notice_counts_the_award_day_as_day_one() -> None:
    awarded = Date(2026, 6, 1)
    assert psr_award_notice_deadline(awarded_on=awarded) == NoticeDeadline(
        regime=PSR,
        rule="Health Care Services (Provider Selection Regime) Regulations 2023 regs 7-11",
        notice="publish the notice of the award",
        event="the contract was awarded",
        event_on=awarded,
        first_day=awarded,
        last_day=Date(2026, 6, 30),
        length=30,
        unit="days",
        counting="beginning with the day the contract was awarded",
        counted_from=awarded,
        notes=(
            "UNCONFIRMED: the reference says only that PSR notices are published within 30 days",
        ),
    )
    later = psr_award_notice_deadline(awarded_on=awarded, count_event_day=False)
    assert (later.last_day, later.counting) == (
        Date(2026, 7, 1),
        "beginning with the day after the day the contract was awarded",
    )
    with pytest.raises(InvalidInput) as err:
        psr_award_notice_deadline(awarded_on="1 June", count_event_day="no")  # type: ignore[arg-type]
    assert _problems(err) == [
        ("awarded_on", "a date (not a datetime)", "1 June", "type"),
        ("count_event_day", "a bool", "no", "type"),
    ]


@pytest.mark.parametrize(
    ("deadline", "field"),
    [
        (pa_payments_compliance_deadline, "period_end"),
        (pa_payments_notice_deadline, "quarter_end"),
    ],
)
def test_a_period_end_that_is_not_a_date_is_named(deadline: object, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        deadline(**{field: "31 March"})  # type: ignore[operator]
    assert _problems(err) == [(field, "a date (not a datetime)", "31 March", "type")]
