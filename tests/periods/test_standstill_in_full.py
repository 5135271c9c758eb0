"""Standstills in full: the readings they note, the refusals' exact problems, the mixed limbs.

The notes say which reading of the rule was chosen; a user relies on them to know
whether a date is the cautious one (issue 17 item 6: they survived mutation).
"""

import pytest
from pendulum import Date

from commissioning import InvalidInput
from commissioning.periods import (
    NoStandstill,
    StandstillBasis,
    StandstillExemption,
    pa_standstill,
    pcr_standstill,
    psr_standstill,
)
from commissioning.thresholds import Regime

MON = Date(2026, 3, 2)
EXEMPT = StandstillExemption.FRAMEWORK_CALL_OFF


def _problems(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, object, str]]:
    return [(p.field, p.expected, p.received, p.kind) for p in err.value.problems]


def test_the_psr_standstill_notes_the_reading_it_counted_by() -> None:
    assert psr_standstill(published_on=MON).notes == (
        (
            "Cautious reading: the day the period begins is not counted "
            "(count_first_day=False). Representations would extend the period."
        ),
    )
    assert psr_standstill(published_on=MON, count_first_day=True).notes == (
        "Reading chosen: the day the period begins counts (count_first_day=True).",
    )
    with pytest.raises(InvalidInput) as err:
        psr_standstill(published_on=MON, count_first_day="yes")  # type: ignore[arg-type]
    assert _problems(err) == [("count_first_day", "a bool", "yes", "type")]


def test_an_exempt_award_has_no_standstill_but_may_set_a_voluntary_one() -> None:
    assert pa_standstill(published_on=MON, exemption=EXEMPT) == NoStandstill(
        regime=Regime.PA_2023,
        rule="Procurement Act 2023 s.51(3)",
        reason=EXEMPT.value,
        event_on=MON,
        may_enter_contract_from=MON,
        notes=(
            (
                "A voluntary standstill of at least 8 working days may be set in the notice "
                "(s.51(4)-(5))."
            ),
        ),
    )


@pytest.mark.parametrize(
    ("exemption", "days", "problem"),
    [
        ("call-off", None, ("exemption", "a StandstillExemption or None", "call-off", "type")),
        (EXEMPT, "8", ("voluntary_working_days", "an int or None", "8", "type")),
        (EXEMPT, 7, ("voluntary_working_days", "at least 8 working days (s.51(5))", 7, "value")),
        (
            None,
            10,
            (
                "voluntary_working_days",
                (
                    "None unless the award is exempt under s.51(3) (the mandatory period is 8 "
                    "working days; a voluntary standstill is for exempt awards, s.51(4))"
                ),
                10,
                "value",
            ),
        ),
    ],
)
def test_a_pa_standstill_names_a_bad_exemption_or_voluntary_length(
    exemption: object, days: object, problem: tuple[str, str, object, str]
) -> None:
    with pytest.raises(InvalidInput) as err:
        pa_standstill(published_on=MON, exemption=exemption, voluntary_working_days=days)  # type: ignore[arg-type]
    assert _problems(err) == [problem]


def test_a_pcr_standstill_needs_one_way_of_saying_when_notices_were_sent() -> None:
    with pytest.raises(InvalidInput) as none:
        pcr_standstill()
    assert _problems(none) == [
        (
            "sent_on",
            "the sending day (or electronic_sent_on / other_means_sent_on)",
            None,
            "missing",
        )
    ]
    with pytest.raises(InvalidInput) as both:
        pcr_standstill(sent_on=MON, electronic_sent_on=MON)
    assert _problems(both) == [
        ("sent_on", "None when electronic_sent_on or other_means_sent_on is given", MON, "value")
    ]
    with pytest.raises(InvalidInput) as flag:
        pcr_standstill(sent_on=MON, electronic="yes")  # type: ignore[arg-type]
    assert _problems(flag) == [("electronic", "a bool", "yes", "type")]
    with pytest.raises(InvalidInput) as receipt:
        pcr_standstill(sent_on=MON, last_received_on=Date(2026, 3, 4))
    assert _problems(receipt) == [
        (
            "last_received_on",
            "None unless a notice was sent by other means (reg 87(2) counts from sending)",
            Date(2026, 3, 4),
            "value",
        )
    ]


def test_sending_by_other_means_notes_which_limb_ended_it() -> None:
    posted = pcr_standstill(sent_on=MON, electronic=False)
    assert posted.notes == (
        (
            "The last receipt day was not given, so the 15th day after sending by other means is "
            "used (the latest that limb can end)."
        ),
    )
    received = pcr_standstill(sent_on=MON, electronic=False, last_received_on=Date(2026, 3, 3))
    assert received.notes == (
        (
            "Sent by other means on 2026-03-02: 10 days after the last receipt end before "
            "15 days after sending."
        ),
    )
    assert (received.basis, received.length) == (StandstillBasis.PCR_OTHER_MEANS_LAST_RECEIPT, 10)


def test_mixed_limbs_ending_together_are_counted_from_the_electronic_sending() -> None:
    emailed, posted = Date(2026, 3, 7), MON  # both limbs end on 17 March
    s = pcr_standstill(electronic_sent_on=emailed, other_means_sent_on=posted)
    assert (s.basis, s.event_on, s.length) == (StandstillBasis.PCR_MIXED, emailed, 10)
    assert s.first_day == Date(2026, 3, 3)
    assert s.notes[-1] == (
        "Mixed sending (reg 87(5)): the electronic limb ends 2026-03-17, the other-means limb "
        "2026-03-17; the later applies."
    )


def test_a_receipt_before_the_sending_is_named() -> None:
    early = Date(2026, 3, 1)
    with pytest.raises(InvalidInput) as err:
        pcr_standstill(sent_on=MON, electronic=False, last_received_on=early)
    assert _problems(err) == [
        ("last_received_on", "a day not before sending by other means (2026-03-02)", early, "value")
    ]
