"""PCR 2015 reg 87: the paragraph for each means of sending, and mixed sending (reg 87(5))."""

import pendulum
import pytest

from commissioning import InvalidInput
from commissioning.periods import (
    NoTimeLimit,
    Stage,
    StandstillBasis,
    TimeLimit,
    pcr_restricted_procedure_time_limit,
    pcr_standstill,
)

D = pendulum.Date


def test_pcr_standstill_cites_reg_87_2_for_electronic_and_87_3_for_other_means() -> None:
    assert pcr_standstill(sent_on=D(2024, 6, 3)).rule.endswith("reg 87(2) with reg 2")
    post = pcr_standstill(sent_on=D(2024, 6, 3), electronic=False)
    assert post.rule.endswith("reg 87(3)(a) with reg 2")
    early = pcr_standstill(sent_on=D(2024, 6, 3), electronic=False, last_received_on=D(2024, 6, 4))
    assert early.rule.endswith("reg 87(3)(b) with reg 2")


def test_pcr_mixed_sending_ends_at_the_later_of_the_two_limbs() -> None:
    # reg 87(5): emailed Mon 3 Jun 2024 (limb (a): 10th day after, Thu 13 Jun) and posted the same
    # day (limb (b): 15th day after, Tue 18 Jun, no receipt known): the later, 18 Jun, applies.
    s = pcr_standstill(electronic_sent_on=D(2024, 6, 3), other_means_sent_on=D(2024, 6, 3))
    assert s.basis is StandstillBasis.PCR_MIXED
    assert s.rule == "Public Contracts Regulations 2015 reg 87(5) with reg 2"
    assert (s.nominal_last_day, s.last_day, s.may_enter_contract_from) == (
        D(2024, 6, 18),
        D(2024, 6, 18),
        D(2024, 6, 19),
    )
    assert any("later applies" in n for n in s.notes)


def test_pcr_mixed_sending_uses_the_electronic_limb_when_it_ends_later() -> None:
    # Posted Mon 3 Jun 2024 and received by all on Tue 4 Jun (limb (b): earlier of 18 Jun and
    # 14 Jun = Fri 14 Jun); the last email went on Fri 7 Jun (limb (a): Mon 17 Jun). Later: 17 Jun.
    s = pcr_standstill(
        electronic_sent_on=D(2024, 6, 7),
        other_means_sent_on=D(2024, 6, 3),
        last_received_on=D(2024, 6, 4),
    )
    assert s.last_day == D(2024, 6, 17)
    assert s.nominal_last_day == D(2024, 6, 17)
    assert s.event_on == D(2024, 6, 7)


def test_pcr_mixed_sending_rolls_forward_off_a_non_working_day() -> None:
    # Emailed and posted Wed 10 Dec 2025; posted limb: 15th day after is Thu 25 Dec (Christmas);
    # Fri 26 Dec (Boxing Day), Sat, Sun are not working days: ends at the end of Mon 29 Dec.
    s = pcr_standstill(electronic_sent_on=D(2025, 12, 10), other_means_sent_on=D(2025, 12, 10))
    assert s.nominal_last_day == D(2025, 12, 25)
    assert s.last_day == D(2025, 12, 29)


def test_pcr_standstill_needs_one_way_of_giving_the_sending_days() -> None:
    with pytest.raises(InvalidInput) as missing:
        pcr_standstill()
    assert missing.value.field == "sent_on"
    with pytest.raises(InvalidInput) as both:
        pcr_standstill(sent_on=D(2024, 6, 3), electronic_sent_on=D(2024, 6, 3))
    assert both.value.field == "sent_on"
    with pytest.raises(InvalidInput) as receipt:
        pcr_standstill(electronic_sent_on=D(2024, 6, 3), last_received_on=D(2024, 6, 4))
    assert receipt.value.field == "last_received_on"


# ---- PCR reg 28(7)-(8): sub-central authorities ------------------------------------------------
def test_pcr_sub_central_tendering_period_is_10_days_without_agreement() -> None:
    # Invitation sent Mon 3 Jun 2024: 10th day after is Thu 13 Jun (reg 28(8)).
    limit = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING, sent_on=D(2024, 6, 3), sub_central=True
    )
    assert isinstance(limit, TimeLimit)
    assert (limit.minimum_days, limit.earliest_deadline) == (10, D(2024, 6, 13))
    assert "reg 28(8)" in limit.circumstance
    # Central government: 30 days (reg 28(5)).
    central = pcr_restricted_procedure_time_limit(stage=Stage.TENDERING, sent_on=D(2024, 6, 3))
    assert isinstance(central, TimeLimit)
    assert central.minimum_days == 30


def test_pcr_tendering_period_agreed_with_sub_central_candidates_has_no_minimum() -> None:
    agreed = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING,
        sent_on=D(2024, 6, 3),
        sub_central=True,
        period_agreed_with_candidates=True,
    )
    assert isinstance(agreed, NoTimeLimit)
    assert "reg 28(7)" in agreed.reason
    with pytest.raises(InvalidInput) as info:
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING, sent_on=D(2024, 6, 3), period_agreed_with_candidates=True
        )
    assert info.value.field == "period_agreed_with_candidates"
