"""Hand-counted cases for the UK8 (s.70), PCR reg 50 and PSR notice deadlines."""

import pendulum
import pytest

from commissioning import InvalidInput
from commissioning.periods import (
    pa_payments_notice_deadline,
    pcr_contract_award_notice_deadline,
    psr_award_notice_deadline,
)


def test_payments_information_due_30_days_beginning_with_last_day_of_quarter() -> None:
    # PA s.70(2): "30 days beginning with the last day of the quarter": quarter ends Tue 31 Mar
    # 2026, which is day 1; day 30 is Wed 29 Apr 2026.
    d = pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 3, 31))
    assert (d.counted_from, d.due_by) == (pendulum.Date(2026, 3, 31), pendulum.Date(2026, 4, 29))
    assert d.rule == "Procurement Act 2023 s.70(2)"
    assert any("UNCONFIRMED" in n and "UK8" in n for n in d.notes)
    # The review's case: quarter ending 30 June -> 29 July.
    assert pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 6, 30)).due_by == (
        pendulum.Date(2026, 7, 29)
    )
    # Quarter ends Thu 31 Dec 2026: day 30 is Fri 29 Jan 2027 (no roll-forward in the Act).
    assert pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 12, 31)).due_by == (
        pendulum.Date(2027, 1, 29)
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
