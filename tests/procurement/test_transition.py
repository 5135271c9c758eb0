"""Transition between regimes (SI 2024/716 regs 3-9): which law governs, saved systems, reg 113 periods."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.procurement import (
    SAVING_PROVISIONS,
    LegacySystem,
    SavingProvision,
    TransitionStep,
    governing_regime,
    pcr_payment_statistics_period,
    saved_system_validity,
)
from commissioning.thresholds import Regime

D = pendulum.Date
PCR, UCR, CCR, DS = Regime.PCR_2015, Regime.UCR_2016, Regime.CCR_2016, Regime.DSPCR_2011


@pytest.mark.parametrize(
    ("regulations", "step", "citation"),
    [
        (PCR, TransitionStep.CONTRACT_AWARDED, "reg 5(3)(a)"),
        (PCR, TransitionStep.NEGOTIATION_BEGUN, "reg 5(3)(b)"),
        (PCR, TransitionStep.CONTRACT_NOTICE_SUBMITTED, "reg 5(3)(c)(i)"),
        (PCR, TransitionStep.VOLUNTARY_TRANSPARENCY_NOTICE_PUBLISHED, "reg 5(3)(d)"),
        (PCR, TransitionStep.CONTRACTS_FINDER_OPPORTUNITY_PUBLISHED, "reg 5(3)(e)"),
        (UCR, TransitionStep.QUALIFICATION_SYSTEM_NOTICE_SUBMITTED, "reg 8(3)(d)(i)"),
        (CCR, TransitionStep.CONCESSION_NOTICE_SUBMITTED, "reg 7(1)(b)(i)"),
        (DS, TransitionStep.OFFERS_SOUGHT_PART_B, "reg 3(2)(b)"),
    ],
)
def test_old_regulations_govern_when_a_listed_step_was_taken_before_24_february_2025(
    regulations: Regime, step: TransitionStep, citation: str
) -> None:
    d = governing_regime(regulations=regulations, steps=[(step, D(2025, 2, 23))])
    assert d.regime is regulations
    assert d.saved_by is not None
    assert d.saved_by.citation == f"SI 2024/716 {citation}"
    assert d.step_on == D(2025, 2, 23)
    assert "the Act does not apply" in d.reason


def test_the_act_governs_when_the_first_step_was_on_or_after_24_february_2025() -> None:
    d = governing_regime(
        regulations=PCR, steps={TransitionStep.CONTRACT_NOTICE_SUBMITTED: D(2025, 2, 24)}
    )
    assert d.regime is Regime.PA_2023
    assert d.saved_by is None
    assert d.rule == "SI 2024/716 reg 2(2)"
    assert "is not before 2025-02-24" in d.reason


def test_a_pin_call_for_competition_counts_only_before_26_may_2023() -> None:
    step = TransitionStep.PIN_CALL_FOR_COMPETITION_SUBMITTED
    early = governing_regime(regulations=PCR, steps=[(step, D(2023, 5, 25))])
    assert early.regime is PCR
    assert early.saved_by is not None
    assert early.saved_by.citation == "SI 2024/716 reg 5(2)"
    late = governing_regime(regulations=PCR, steps=[(step, D(2023, 5, 26))])
    assert late.regime is Regime.PA_2023


def test_a_step_the_regulations_do_not_list_does_not_save_them() -> None:
    # A Contracts Finder opportunity saves PCR 2015 (reg 5(3)(e)) but not the UCR 2016.
    d = governing_regime(
        regulations=UCR,
        steps=[("opportunity published on Contracts Finder", D(2024, 12, 1))],
    )
    assert d.regime is Regime.PA_2023


def test_the_earliest_qualifying_step_decides() -> None:
    d = governing_regime(
        regulations=PCR,
        steps=[
            (TransitionStep.CONTRACT_AWARDED, D(2025, 1, 20)),
            (TransitionStep.CONTRACT_NOTICE_SUBMITTED, D(2024, 10, 1)),
        ],
    )
    assert d.step_on == D(2024, 10, 1)
    assert d.saved_by is not None
    assert d.saved_by.step is TransitionStep.CONTRACT_NOTICE_SUBMITTED


def test_bad_transition_input_is_named() -> None:
    with pytest.raises(InvalidInput) as regs:
        governing_regime(regulations=Regime.PA_2023, steps=[])
    assert regs.value.field == "regulations"
    with pytest.raises(InvalidInput) as step:
        governing_regime(regulations=PCR, steps=[("tender sent", D(2024, 1, 1))])
    assert step.value.field == "steps[0][0]"
    with pytest.raises(InvalidInput) as day:
        governing_regime(
            regulations=PCR,
            steps=[(TransitionStep.CONTRACT_AWARDED, "soon")],  # type: ignore[list-item]  # a bad day on purpose
        )
    assert day.value.field == "steps[0][1]"


def test_every_saving_provision_cites_si_2024_716() -> None:
    assert all(p.citation.startswith("SI 2024/716 reg ") for p in SAVING_PROVISIONS)
    assert {p.regulations for p in SAVING_PROVISIONS} == {PCR, UCR, CCR, DS}


@given(
    st.sampled_from(SAVING_PROVISIONS),
    st.dates(min_value=pendulum.Date(2015, 1, 1), max_value=pendulum.Date(2030, 12, 31)),
)
def test_a_saving_applies_exactly_when_its_step_was_before_the_cut_off(
    provision: SavingProvision, day: dt.date
) -> None:
    d = governing_regime(regulations=provision.regulations, steps=[(provision.step, day)])
    assert (d.regime is provision.regulations) is (
        pendulum.Date(day.year, day.month, day.day) < provision.before
    )


# ----------------------------------------------------------------------- saved DPS / systems
def test_pcr_dps_validity_cannot_change_after_23_february_2026_and_ends_23_february_2029() -> None:
    v = saved_system_validity(
        regulations=PCR, system=LegacySystem.DYNAMIC_PURCHASING_SYSTEM, expires_on=D(2032, 1, 1)
    )
    assert v.last_day == D(2029, 2, 23)
    assert v.valid_on(D(2029, 2, 23))
    assert not v.valid_on(D(2029, 2, 24))
    assert v.may_change_on(D(2026, 2, 23))
    assert not v.may_change_on(D(2026, 2, 24))
    assert v.citation == "SI 2024/716 reg 5(4)(b) (PCR 2015 reg 34)"
    # An earlier expiry of its own stands.
    assert saved_system_validity(
        regulations=PCR, system="dynamic purchasing system", expires_on=D(2026, 6, 30)
    ).last_day == D(2026, 6, 30)


def test_ucr_dps_and_qualification_systems_end_23_february_2029() -> None:
    dps = saved_system_validity(regulations=UCR, system="dynamic purchasing system")
    qs = saved_system_validity(regulations=UCR, system="qualification system")
    assert (dps.last_day, qs.last_day) == (D(2029, 2, 23), D(2029, 2, 23))
    assert dps.citation.startswith("SI 2024/716 reg 8(4)(b)")
    assert qs.citation.startswith("SI 2024/716 reg 8(4)(c)")
    with pytest.raises(InvalidInput) as info:
        saved_system_validity(regulations=PCR, system="qualification system")
    assert info.value.field == "system"


# --------------------------------------------------------------------- PCR reg 113 periods
def test_pcr_payment_statistics_first_period_runs_24_february_to_30_september_2025() -> None:
    first = pcr_payment_statistics_period(on=D(2025, 2, 24))
    assert (first.first_day, first.last_day) == (D(2025, 2, 24), D(2025, 9, 30))
    # Published in the next period (1 Oct 2025 - 31 Mar 2026).
    assert (first.publish_from, first.publish_by) == (D(2025, 10, 1), D(2026, 3, 31))
    second = pcr_payment_statistics_period(on=D(2025, 10, 1))
    assert (second.first_day, second.last_day) == (D(2025, 10, 1), D(2026, 3, 31))
    third = pcr_payment_statistics_period(on=D(2026, 9, 30))
    assert (third.first_day, third.last_day) == (D(2026, 4, 1), D(2026, 9, 30))
    assert "reg 5(4)(c)" in third.citation
    with pytest.raises(InvalidInput):
        pcr_payment_statistics_period(on=D(2025, 2, 23))


@given(st.dates(min_value=pendulum.Date(2025, 2, 24), max_value=pendulum.Date(2045, 12, 31)))
def test_payment_statistics_periods_cover_every_day_once(day: dt.date) -> None:
    p = pcr_payment_statistics_period(on=day)
    assert p.first_day <= pendulum.Date(day.year, day.month, day.day) <= p.last_day
    assert p.publish_from == p.last_day.add(days=1)
    if p.first_day != D(2025, 2, 24):
        assert pcr_payment_statistics_period(
            on=p.first_day.subtract(days=1)
        ).last_day == p.first_day.subtract(days=1)


def test_wrong_types_are_typed_errors() -> None:
    with pytest.raises(InvalidInputType) as regs:
        governing_regime(regulations=3, steps=[])  # type: ignore[arg-type]  # on purpose
    assert regs.value.field == "regulations"
    with pytest.raises(InvalidInputType) as steps:
        governing_regime(regulations=PCR, steps=5)  # type: ignore[arg-type]  # on purpose
    assert steps.value.field == "steps"
