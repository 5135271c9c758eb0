"""Hand-counted cases for the UK8 (s.70), PCR reg 50 and PSR notice deadlines."""

import pendulum
import pytest

from commissioning import InvalidInput
from commissioning.periods import (
    pa_payments_notice_deadline,
    pcr_contract_award_notice_deadline,
    psr_award_notice_deadline,
)


def test_payments_information_is_due_thirty_days_after_the_quarter() -> None:
    # PA s.70: quarter ends Tue 31 Mar 2026; day 1 is Wed 1 Apr, day 30 is Thu 30 Apr 2026.
    d = pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 3, 31))
    assert (d.counted_from, d.due_by) == (pendulum.Date(2026, 4, 1), pendulum.Date(2026, 4, 30))
    assert d.rule == "Procurement Act 2023 s.70"
    assert any("UNCONFIRMED" in n for n in d.notes)
    # Quarter ends Thu 31 Dec 2026: day 30 is Sat 30 Jan 2027 (no roll-forward in the Act).
    assert pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 12, 31)).due_by == (
        pendulum.Date(2027, 1, 30)
    )


def test_payments_information_needs_a_quarter_end() -> None:
    with pytest.raises(InvalidInput) as info:
        pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 4, 30))
    assert info.value.field == "quarter_end"


def test_a_pcr_award_notice_is_due_thirty_days_after_conclusion_without_roll_forward() -> None:
    # PCR reg 50(1), reg 2: concluded Thu 17 Dec 2026, day 1 Fri 18 Dec, day 30 Sat 16 Jan 2027.
    d = pcr_contract_award_notice_deadline(concluded_on=pendulum.Date(2026, 12, 17))
    assert d.due_by == pendulum.Date(2027, 1, 16)
    # With reg 2's roll-forward the Saturday moves to Mon 18 Jan 2027.
    rolled = pcr_contract_award_notice_deadline(
        concluded_on=pendulum.Date(2026, 12, 17), roll_forward=True
    )
    assert rolled.due_by == pendulum.Date(2027, 1, 18)
    assert any("roll-forward" in n for n in rolled.notes)


def test_a_psr_award_notice_counts_the_award_day_unless_told_otherwise() -> None:
    # Awarded Mon 1 Jun 2026: counted as day 1, day 30 is Tue 30 Jun 2026.
    assert psr_award_notice_deadline(awarded_on=pendulum.Date(2026, 6, 1)).due_by == (
        pendulum.Date(2026, 6, 30)
    )
    later = psr_award_notice_deadline(awarded_on=pendulum.Date(2026, 6, 1), count_event_day=False)
    assert later.due_by == pendulum.Date(2026, 7, 1)


def test_flags_must_be_bools() -> None:
    with pytest.raises(InvalidInput):
        pcr_contract_award_notice_deadline(
            concluded_on=pendulum.Date(2026, 1, 5),
            roll_forward="yes",  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidInput):
        psr_award_notice_deadline(awarded_on=pendulum.Date(2026, 1, 5), count_event_day=1)  # type: ignore[arg-type]
