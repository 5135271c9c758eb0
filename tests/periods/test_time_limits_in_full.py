"""Every minimum time limit in full: the rows weighed, the one chosen, the count and the refusals.

The rows (``considered``) and their notes are what a user reads in ``explanation``
to see why a limit is 10 days and not 25, so each test compares whole values and
the exact problems of a refusal (issue 17 item 6: the mutants that survived asserted
only the chosen number of days).
"""

import pytest
from pendulum import Date

from commissioning import InvalidInput
from commissioning.calendar import pcr_calendar
from commissioning.periods import (
    NoTimeLimit,
    Stage,
    TimeLimit,
    TimeLimitRow,
    pa_participation_period,
    pa_tendering_period,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    qualifying_planned_procurement_notice,
)
from commissioning.thresholds import Regime

PA, PCR = Regime.PA_2023, Regime.PCR_2015
PA_COUNTING = "beginning with the day after the invitation"
PCR_COUNTING = "after the day the notice or invitation was sent (reg 2: that day is not counted)"
Row = TimeLimitRow
MON = Date(2026, 3, 2)


def _problems(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, object, str]]:
    return [(p.field, p.expected, p.received, p.kind) for p in err.value.problems]


def _applying(result: TimeLimit | NoTimeLimit) -> list[str]:
    return [r.circumstance for r in result.considered if r.applies]


# ------------------------------------------------------------- PA s.54(3)


def test_the_participation_period_is_25_days_and_says_which_rows_it_weighed() -> None:
    assert pa_participation_period(invited_on=MON) == TimeLimit(
        regime=PA,
        rule="Procurement Act 2023 s.54(3)",
        stage=Stage.PARTICIPATION,
        circumstance="any other case",
        minimum_days=25,
        invited_on=MON,
        first_day=Date(2026, 3, 3),
        last_day=Date(2026, 3, 27),
        earliest_deadline=Date(2026, 3, 27),
        nominal_last_day=Date(2026, 3, 27),
        considered=(
            Row("light touch contract", None, applies=False),
            Row("urgency", 10, applies=False),
            Row("any other case", 25, applies=True),
        ),
        counting=PA_COUNTING,
    )
    urgent = pa_participation_period(invited_on=MON, urgency=True)
    assert isinstance(urgent, TimeLimit)
    assert (urgent.minimum_days, urgent.circumstance) == (10, "urgency")


def test_a_light_touch_participation_period_has_no_minimum_but_must_be_reasonable() -> None:
    assert pa_participation_period(invited_on=MON, light_touch=True) == NoTimeLimit(
        regime=PA,
        rule="Procurement Act 2023 s.54(3)",
        stage=Stage.PARTICIPATION,
        circumstance="light touch contract",
        reason="the time limit must still be reasonable (s.54(1))",
        invited_on=MON,
        considered=(
            Row("light touch contract", None, applies=True),
            Row("urgency", 10, applies=False),
            Row("any other case", 25, applies=True),
        ),
    )


def test_the_participation_period_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_participation_period(invited_on="2 March", light_touch="no", urgency=1)  # type: ignore[arg-type]
    assert _problems(err) == [
        ("invited_on", "a date (not a datetime)", "2 March", "type"),
        ("light_touch", "a bool", "no", "type"),
        ("urgency", "a bool", 1, "type"),
    ]


# ------------------------------------------------------------- PA s.54(4)

_TENDER_ROWS = (
    "light touch contract",
    "utilities or non-central authority, pre-selected suppliers, period agreed with them",
    "utilities or non-central authority, pre-selected suppliers, no agreed period",
    "qualifying planned procurement notice",
    "urgency",
    "award under a dynamic market",
    "electronic submission, all documents at once",
    "electronic submission, documents not all at once",
    "not electronic, all documents at once",
    "not electronic, documents not all at once",
)


@pytest.mark.parametrize(
    ("electronic", "documents", "days", "circumstance"),
    [
        (True, True, 25, "electronic submission, all documents at once"),
        (True, False, 30, "electronic submission, documents not all at once"),
        (False, True, 30, "not electronic, all documents at once"),
        (False, False, 35, "not electronic, documents not all at once"),
    ],
)
def test_the_tendering_period_follows_submission_and_documents(
    electronic: bool, documents: bool, days: int, circumstance: str
) -> None:
    t = pa_tendering_period(
        invited_on=MON, electronic_submission=electronic, all_documents_available=documents
    )
    assert isinstance(t, TimeLimit)
    assert (t.rule, t.stage, t.minimum_days, t.circumstance) == (
        "Procurement Act 2023 s.54(4)",
        Stage.TENDERING,
        days,
        circumstance,
    )
    assert t.earliest_deadline == MON.add(days=days)
    assert t.considered == (
        Row(_TENDER_ROWS[0], None, applies=False),
        Row(_TENDER_ROWS[1], None, applies=False),
        Row(_TENDER_ROWS[2], 10, applies=False),
        Row(_TENDER_ROWS[3], 10, applies=False, note="none published"),
        Row(_TENDER_ROWS[4], 10, applies=False),
        Row(_TENDER_ROWS[5], 10, applies=False),
        Row(_TENDER_ROWS[6], 25, applies=electronic and documents),
        Row(_TENDER_ROWS[7], 30, applies=electronic and not documents),
        Row(_TENDER_ROWS[8], 30, applies=not electronic and documents),
        Row(_TENDER_ROWS[9], 35, applies=not electronic and not documents),
    )
    assert (t.counting, t.notes) == (PA_COUNTING, ())


@pytest.mark.parametrize(
    ("facts", "applying"),
    [
        ({"light_touch": True}, [_TENDER_ROWS[0]]),
        ({"urgency": True}, [_TENDER_ROWS[4]]),
        ({"dynamic_market": True}, [_TENDER_ROWS[5]]),
        ({"utilities_or_non_central": True}, []),
        ({"preselected_suppliers": True}, []),
        ({"utilities_or_non_central": True, "preselected_suppliers": True}, [_TENDER_ROWS[2]]),
        (
            {
                "utilities_or_non_central": True,
                "preselected_suppliers": True,
                "period_agreed_with_suppliers": True,
            },
            [_TENDER_ROWS[1]],
        ),
    ],
    ids=["light", "urgency", "dynamic", "utilities", "preselected", "both", "agreed"],
)
def test_each_shortening_fact_applies_its_own_row_only(
    facts: dict[str, bool], applying: list[str]
) -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=False,
        all_documents_available=False,
        **facts,  # type: ignore[arg-type]
    )
    assert _applying(t) == [*applying, _TENDER_ROWS[9]]


def test_an_agreed_tendering_period_has_no_minimum_and_says_why() -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=True,
        all_documents_available=True,
        utilities_or_non_central=True,
        preselected_suppliers=True,
        period_agreed_with_suppliers=True,
    )
    assert isinstance(t, NoTimeLimit)
    assert (t.circumstance, t.reason) == (
        _TENDER_ROWS[1],
        "the time limit must still be reasonable (s.54(1))",
    )


def test_a_qualifying_planned_notice_shortens_tendering_to_10_days_and_notes_the_reading() -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=True,
        all_documents_available=True,
        planned_procurement_notice_on=Date(2025, 12, 1),
    )
    assert isinstance(t, TimeLimit)
    assert (t.minimum_days, t.circumstance) == (10, _TENDER_ROWS[3])
    assert t.considered[3] == Row(
        _TENDER_ROWS[3], 10, applies=True, note="published 91 days before"
    )
    assert t.notes == (
        "Planned procurement notice window read as: 40 clear days, under 12 months.",
    )
    inclusive = pa_tendering_period(
        invited_on=MON,
        electronic_submission=True,
        all_documents_available=True,
        planned_procurement_notice_on=Date(2025, 12, 1),
        strict_planned_notice_window=False,
    )
    assert inclusive.notes == ("Planned procurement notice window read as: inclusive.",)


@pytest.mark.parametrize(
    ("planned", "strict", "applies", "note"),
    [
        (Date(2026, 1, 21), True, False, "published 40 days before, needs at least 40 clear days"),
        (Date(2026, 1, 21), False, True, "published 40 days before"),
        (Date(2026, 1, 22), False, False, "published 39 days before, needs at least 40 days"),
        (Date(2026, 3, 1), True, False, "published 1 days before, needs at least 40 clear days"),
        (Date(2026, 3, 2), True, False, "published 2026-03-02, not before 2026-03-02"),
        (Date(2026, 3, 9), True, False, "published 2026-03-09, not before 2026-03-02"),
        (
            Date(2025, 3, 2),
            True,
            False,
            "published 2025-03-02, needs to be less than 12 months before 2026-03-02",
        ),
        (Date(2025, 3, 2), False, True, "published 365 days before"),
        (
            Date(2025, 3, 1),
            False,
            False,
            "published 2025-03-01, needs to be no more than 12 months before 2026-03-02",
        ),
        (Date(2025, 3, 3), True, True, "published 364 days before"),
    ],
)
def test_the_planned_notice_row_says_why_it_does_or_does_not_qualify(
    planned: Date, strict: bool, applies: bool, note: str
) -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=False,
        all_documents_available=False,
        planned_procurement_notice_on=planned,
        strict_planned_notice_window=strict,
    )
    assert t.considered[3] == Row(_TENDER_ROWS[3], 10, applies=applies, note=note)
    assert (
        qualifying_planned_procurement_notice(
            planned_on=planned, tender_notice_on=MON, strict=strict
        )
        is applies
    )


def test_the_planned_notice_is_measured_to_an_earlier_tender_notice() -> None:
    t = pa_tendering_period(
        invited_on=Date(2026, 3, 20),
        electronic_submission=False,
        all_documents_available=False,
        planned_procurement_notice_on=Date(2026, 1, 21),
        tender_notice_on=MON,
    )
    assert t.considered[3].note == "published 40 days before, needs at least 40 clear days"
    assert t.invited_on == Date(2026, 3, 20)


def test_the_tendering_period_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_tendering_period(
            invited_on="x",  # type: ignore[arg-type]
            electronic_submission="yes",  # type: ignore[arg-type]
            all_documents_available=None,  # type: ignore[arg-type]
            light_touch=0,  # type: ignore[arg-type]
            planned_procurement_notice_on="y",  # type: ignore[arg-type]
            tender_notice_on="z",  # type: ignore[arg-type]
            strict_planned_notice_window="no",  # type: ignore[arg-type]
        )
    assert [(p.field, p.kind) for p in err.value.problems] == [
        ("invited_on", "type"),
        ("planned_procurement_notice_on", "type"),
        ("tender_notice_on", "type"),
        ("electronic_submission", "type"),
        ("all_documents_available", "type"),
        ("light_touch", "type"),
        ("strict_planned_notice_window", "type"),
    ]
    assert {p.expected for p in err.value.problems[3:]} == {"a bool"}


def test_a_tender_notice_after_the_invitation_or_without_a_planned_notice_is_refused() -> None:
    later = Date(2026, 3, 3)
    with pytest.raises(InvalidInput) as after:
        pa_tendering_period(
            invited_on=MON,
            electronic_submission=True,
            all_documents_available=True,
            planned_procurement_notice_on=Date(2025, 12, 1),
            tender_notice_on=later,
        )
    assert _problems(after) == [
        ("tender_notice_on", "a day not after invited_on (2026-03-02)", later, "value")
    ]
    with pytest.raises(InvalidInput) as alone:
        pa_tendering_period(
            invited_on=MON,
            electronic_submission=True,
            all_documents_available=True,
            tender_notice_on=MON,
        )
    assert _problems(alone) == [
        ("tender_notice_on", "given only with planned_procurement_notice_on", MON, "value")
    ]


def test_an_agreed_period_without_preselected_suppliers_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_tendering_period(
            invited_on=MON,
            electronic_submission=True,
            all_documents_available=True,
            utilities_or_non_central=True,
            period_agreed_with_suppliers=True,
        )
    assert _problems(err) == [
        (
            "period_agreed_with_suppliers",
            "True only with preselected_suppliers and utilities_or_non_central",
            True,
            "value",
        )
    ]


def test_qualifying_planned_procurement_notice_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        qualifying_planned_procurement_notice(planned_on="a", tender_notice_on=None, strict="b")  # type: ignore[arg-type]
    assert _problems(err) == [
        ("planned_on", "a date (not a datetime)", "a", "type"),
        ("tender_notice_on", "a date (not a datetime)", None, "type"),
        ("strict", "a bool", "b", "type"),
    ]


# ----------------------------------------------------------------- PCR reg 27

_OPEN = (
    "standard",
    "tenders may be submitted electronically",
    "prior information notice",
    "urgency",
)


def test_the_pcr_open_procedure_rolls_past_easter_with_the_default_calendar() -> None:
    sent = Date(2024, 3, 1)
    assert pcr_open_procedure_time_limit(sent_on=sent, electronic_tenders=True) == TimeLimit(
        regime=PCR,
        rule="Public Contracts Regulations 2015 reg 27 with reg 2",
        stage=Stage.TENDERING,
        circumstance=_OPEN[1],
        minimum_days=30,
        invited_on=sent,
        first_day=Date(2024, 3, 2),
        last_day=Date(2024, 4, 2),
        earliest_deadline=Date(2024, 4, 2),
        nominal_last_day=Date(2024, 3, 31),
        considered=(
            Row(_OPEN[0], 35, applies=True),
            Row(_OPEN[1], 30, applies=True),
            Row(_OPEN[2], 15, applies=False, note="none sent"),
            Row(_OPEN[3], 15, applies=False),
        ),
        counting=PCR_COUNTING,
    )


def test_the_pcr_open_procedure_uses_the_calendar_given() -> None:
    sent = Date(2026, 3, 2)  # day 35 is Mon 6 Apr 2026, Easter Monday
    default = pcr_open_procedure_time_limit(sent_on=sent, electronic_tenders=False)
    assert isinstance(default, TimeLimit)
    assert default.earliest_deadline == Date(2026, 4, 7)
    own = pcr_calendar().without_holidays([Date(2026, 4, 6)])
    given = pcr_open_procedure_time_limit(sent_on=sent, electronic_tenders=False, calendar=own)
    assert isinstance(given, TimeLimit)
    assert given.earliest_deadline == Date(2026, 4, 6)
    with pytest.raises(InvalidInput) as err:
        pcr_open_procedure_time_limit(sent_on=sent, electronic_tenders=False, calendar="UK")  # type: ignore[arg-type]
    assert _problems(err) == [("calendar", "a WorkingDayCalendar or None", "UK", "type")]


@pytest.mark.parametrize(
    ("pin", "strict", "applies", "note"),
    [
        (Date(2026, 1, 26), True, False, "published 35 days before, needs at least 35 clear days"),
        (Date(2026, 1, 26), False, True, "published 35 days before"),
        (Date(2026, 1, 25), True, True, "published 36 days before"),
        (Date(2026, 1, 27), False, False, "published 34 days before, needs at least 35 days"),
    ],
)
def test_a_pcr_prior_information_notice_needs_35_days(
    pin: Date, strict: bool, applies: bool, note: str
) -> None:
    t = pcr_open_procedure_time_limit(
        sent_on=MON,
        electronic_tenders=False,
        prior_information_notice_sent_on=pin,
        strict_pin_window=strict,
    )
    assert t.considered[2] == Row(_OPEN[2], 15, applies=applies, note=note)
    assert isinstance(t, TimeLimit)
    assert t.minimum_days == (15 if applies else 35)


def test_pcr_urgency_shortens_the_open_procedure_to_15_days() -> None:
    t = pcr_open_procedure_time_limit(sent_on=MON, electronic_tenders=False, urgency=True)
    assert isinstance(t, TimeLimit)
    assert (t.minimum_days, t.circumstance, _applying(t)) == (
        15,
        "urgency",
        ["standard", "urgency"],
    )


def test_the_pcr_open_procedure_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_open_procedure_time_limit(
            sent_on="x",  # type: ignore[arg-type]
            electronic_tenders="y",  # type: ignore[arg-type]
            prior_information_notice_sent_on=5,  # type: ignore[arg-type]
            urgency=None,  # type: ignore[arg-type]
            strict_pin_window="z",  # type: ignore[arg-type]
        )
    assert _problems(err) == [
        ("sent_on", "a date (not a datetime)", "x", "type"),
        ("prior_information_notice_sent_on", "a date (not a datetime)", 5, "type"),
        ("electronic_tenders", "a bool", "y", "type"),
        ("urgency", "a bool", None, "type"),
        ("strict_pin_window", "a bool", "z", "type"),
    ]


# ----------------------------------------------------------------- PCR reg 28

_RESTRICTED = (
    "standard",
    "tenders may be submitted electronically",
    "prior information notice",
    "urgency",
    "sub-central authority, period agreed with all selected candidates (reg 28(7))",
    "sub-central authority without such an agreement (reg 28(8))",
)


def test_requests_to_participate_in_a_restricted_procedure_take_30_days() -> None:
    sent = Date(2024, 6, 3)
    assert pcr_restricted_procedure_time_limit(
        stage=Stage.PARTICIPATION, sent_on=sent
    ) == TimeLimit(
        regime=PCR,
        rule="Public Contracts Regulations 2015 reg 28 with reg 2",
        stage=Stage.PARTICIPATION,
        circumstance="standard",
        minimum_days=30,
        invited_on=sent,
        first_day=Date(2024, 6, 4),
        last_day=Date(2024, 7, 3),
        earliest_deadline=Date(2024, 7, 3),
        nominal_last_day=Date(2024, 7, 3),
        considered=(Row("standard", 30, applies=True), Row("urgency", 15, applies=False)),
        counting=PCR_COUNTING,
    )
    urgent = pcr_restricted_procedure_time_limit(
        stage=Stage.PARTICIPATION, sent_on=sent, urgency=True
    )
    assert isinstance(urgent, TimeLimit)
    assert (urgent.minimum_days, urgent.circumstance) == (15, "urgency")


def test_restricted_tenders_weigh_every_row() -> None:
    t = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING, sent_on=MON, electronic_tenders=True
    )
    assert t.considered == (
        Row(_RESTRICTED[0], 30, applies=True),
        Row(_RESTRICTED[1], 25, applies=True),
        Row(_RESTRICTED[2], 10, applies=False, note="none sent"),
        Row(_RESTRICTED[3], 10, applies=False),
        Row(_RESTRICTED[4], None, applies=False),
        Row(_RESTRICTED[5], 10, applies=False),
    )
    assert isinstance(t, TimeLimit)
    assert (t.minimum_days, t.earliest_deadline) == (25, Date(2026, 3, 27))
    urgent = pcr_restricted_procedure_time_limit(stage=Stage.TENDERING, sent_on=MON, urgency=True)
    assert isinstance(urgent, TimeLimit)
    assert (urgent.minimum_days, _applying(urgent)) == (10, ["standard", "urgency"])
    sub = pcr_restricted_procedure_time_limit(stage=Stage.TENDERING, sent_on=MON, sub_central=True)
    assert isinstance(sub, TimeLimit)
    assert (sub.minimum_days, _applying(sub)) == (10, ["standard", _RESTRICTED[5]])


def test_a_restricted_prior_information_notice_is_measured_to_the_contract_notice() -> None:
    notice = Date(2026, 2, 1)

    def with_pin(pin: Date) -> TimeLimitRow:
        t = pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING,
            sent_on=MON,
            prior_information_notice_sent_on=pin,
            contract_notice_sent_on=notice,
        )
        return t.considered[2]

    assert with_pin(Date(2025, 12, 27)) == Row(
        _RESTRICTED[2], 10, applies=True, note="published 36 days before"
    )
    # 20 days before the contract notice (but 60 before the invitation): does not qualify
    assert with_pin(Date(2026, 1, 12)) == Row(
        _RESTRICTED[2],
        10,
        applies=False,
        note="published 20 days before, needs at least 35 clear days",
    )


def test_a_restricted_prior_information_notice_needs_the_contract_notice_day() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING, sent_on=MON, prior_information_notice_sent_on=Date(2025, 12, 1)
        )
    assert _problems(err) == [
        (
            "contract_notice_sent_on",
            (
                "the day the contract notice was sent (the prior information notice is measured "
                "against it)"
            ),
            None,
            "value",
        )
    ]
    participation = pcr_restricted_procedure_time_limit(
        stage=Stage.PARTICIPATION, sent_on=MON, prior_information_notice_sent_on=Date(2025, 12, 1)
    )
    assert isinstance(participation, TimeLimit)
    assert participation.minimum_days == 30


def test_a_period_agreed_with_all_candidates_has_no_minimum_and_says_why() -> None:
    t = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING, sent_on=MON, sub_central=True, period_agreed_with_candidates=True
    )
    assert t == NoTimeLimit(
        regime=PCR,
        rule="Public Contracts Regulations 2015 reg 28 with reg 2",
        stage=Stage.TENDERING,
        circumstance=_RESTRICTED[4],
        reason=(
            "all selected candidates must have the same time to prepare and submit "
            "their tenders (reg 28(7))"
        ),
        invited_on=MON,
        considered=t.considered,
    )
    assert _applying(t) == ["standard", _RESTRICTED[4]]
    with pytest.raises(InvalidInput) as err:
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING, sent_on=MON, period_agreed_with_candidates=True
        )
    assert _problems(err) == [
        (
            "period_agreed_with_candidates",
            "False unless the authority is sub-central (reg 28(7))",
            True,
            "value",
        )
    ]


def test_the_restricted_procedure_names_every_bad_argument() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_restricted_procedure_time_limit(
            stage="tendering",  # type: ignore[arg-type]
            sent_on=MON,
            contract_notice_sent_on="1 Feb",  # type: ignore[arg-type]
            sub_central="no",  # type: ignore[arg-type]
        )
    assert _problems(err) == [
        ("stage", "a Stage", "tendering", "type"),
        ("contract_notice_sent_on", "a date (not a datetime)", "1 Feb", "type"),
        ("sub_central", "a bool", "no", "type"),
    ]


def test_every_other_tendering_fact_must_be_a_bool() -> None:
    with pytest.raises(InvalidInput) as err:
        pa_tendering_period(
            invited_on=MON,
            electronic_submission=True,
            all_documents_available=True,
            urgency="a",  # type: ignore[arg-type]
            dynamic_market="b",  # type: ignore[arg-type]
            utilities_or_non_central="c",  # type: ignore[arg-type]
            preselected_suppliers="d",  # type: ignore[arg-type]
            period_agreed_with_suppliers="e",  # type: ignore[arg-type]
        )
    assert _problems(err) == [
        ("urgency", "a bool", "a", "type"),
        ("dynamic_market", "a bool", "b", "type"),
        ("utilities_or_non_central", "a bool", "c", "type"),
        ("preselected_suppliers", "a bool", "d", "type"),
        ("period_agreed_with_suppliers", "a bool", "e", "type"),
    ]


def test_a_light_touch_tendering_period_keeps_the_planned_notice_reading() -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=True,
        all_documents_available=True,
        light_touch=True,
        planned_procurement_notice_on=Date(2025, 12, 1),
    )
    assert isinstance(t, NoTimeLimit)
    assert (t.regime, t.circumstance) == (PA, _TENDER_ROWS[0])
    assert t.notes == (
        "Planned procurement notice window read as: 40 clear days, under 12 months.",
    )
    assert t.explanation.endswith(
        "\nPlanned procurement notice window read as: 40 clear days, under 12 months."
    )


def test_the_pcr_prior_information_window_is_strict_unless_told_otherwise() -> None:
    t = pcr_open_procedure_time_limit(
        sent_on=MON, electronic_tenders=False, prior_information_notice_sent_on=Date(2026, 1, 26)
    )
    assert t.considered[2].note == "published 35 days before, needs at least 35 clear days"


def test_the_restricted_procedure_rolls_with_the_default_calendar_or_the_one_given() -> None:
    sent = Date(2026, 3, 7)  # day 30 is Mon 6 Apr 2026, Easter Monday
    default = pcr_restricted_procedure_time_limit(stage=Stage.PARTICIPATION, sent_on=sent)
    assert isinstance(default, TimeLimit)
    assert (default.nominal_last_day, default.earliest_deadline) == (
        Date(2026, 4, 6),
        Date(2026, 4, 7),
    )
    own = pcr_calendar().without_holidays([Date(2026, 4, 6)])
    given = pcr_restricted_procedure_time_limit(
        stage=Stage.PARTICIPATION, sent_on=sent, calendar=own
    )
    assert isinstance(given, TimeLimit)
    assert given.earliest_deadline == Date(2026, 4, 6)


def test_a_contract_notice_day_without_a_prior_information_notice_changes_nothing() -> None:
    t = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING, sent_on=MON, contract_notice_sent_on=Date(2026, 2, 1)
    )
    assert t.considered[2] == Row(_RESTRICTED[2], 10, applies=False, note="none sent")
    assert isinstance(t, TimeLimit)
    assert t.minimum_days == 30


def test_every_restricted_flag_and_the_sending_day_are_named() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING,
            sent_on="x",  # type: ignore[arg-type]
            electronic_tenders="a",  # type: ignore[arg-type]
            urgency="b",  # type: ignore[arg-type]
            strict_pin_window="c",  # type: ignore[arg-type]
            period_agreed_with_candidates="d",  # type: ignore[arg-type]
        )
    assert _problems(err) == [
        ("sent_on", "a date (not a datetime)", "x", "type"),
        ("electronic_tenders", "a bool", "a", "type"),
        ("urgency", "a bool", "b", "type"),
        ("strict_pin_window", "a bool", "c", "type"),
        ("period_agreed_with_candidates", "a bool", "d", "type"),
    ]
