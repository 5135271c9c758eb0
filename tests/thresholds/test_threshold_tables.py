"""Thresholds as dated data, regime selection and the below-threshold notice duty."""

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.strategies import statutory_dates, threshold_tables
from commissioning.thresholds import (
    STATUTORY_THRESHOLDS,
    AuthorityType,
    ContractType,
    Regime,
    ThresholdCategory,
    ThresholdNotFound,
    ThresholdSchedule,
    ThresholdTable,
    assess_threshold,
    below_threshold_notice_required,
    regime_for,
    threshold_category,
)

D = pendulum.Date
G, S, W, C, LT = (
    ContractType.GOODS,
    ContractType.SERVICES,
    ContractType.WORKS,
    ContractType.CONCESSION,
    ContractType.LIGHT_TOUCH,
)
CENTRAL, SUB, UTIL, DEF = (
    AuthorityType.CENTRAL_GOVERNMENT,
    AuthorityType.SUB_CENTRAL,
    AuthorityType.UTILITIES,
    AuthorityType.DEFENCE,
)


def _amount(ct: ContractType, auth: AuthorityType, on: D) -> Decimal:
    return STATUTORY_THRESHOLDS.lookup(contract_type=ct, authority=auth, commenced_on=on).amount


@pytest.mark.parametrize(
    ("ct", "auth", "before", "after"),
    [
        # PA Sch 1: 24 Feb 2025 - 31 Dec 2025, then from 1 Jan 2026 (VAT included).
        (G, CENTRAL, "139688", "135018"),
        (S, SUB, "214904", "207720"),
        (W, SUB, "5372609", "5193000"),
        (C, CENTRAL, "5372609", "5193000"),
        (W, DEF, "5372609", "5193000"),
        (G, UTIL, "429809", "415440"),
        (S, DEF, "139688", "135018"),  # not a defence and security contract: central row (O1)
        (LT, SUB, "663540", "663540"),
        (LT, UTIL, "884720", "884720"),
    ],
)
def test_pa_thresholds_change_on_1_january_2026(
    ct: ContractType, auth: AuthorityType, before: str, after: str
) -> None:
    assert _amount(ct, auth, D(2025, 12, 31)) == Decimal(before)
    assert _amount(ct, auth, D(2026, 1, 1)) == Decimal(after)


def test_the_regime_changes_on_24_february_2025() -> None:
    assert regime_for(commenced_on=D(2025, 2, 23)) is Regime.PCR_2015
    assert regime_for(commenced_on=D(2025, 2, 24)) is Regime.PA_2023
    pcr = STATUTORY_THRESHOLDS.lookup(contract_type=S, authority=SUB, commenced_on=D(2025, 2, 23))
    assert (pcr.regime, pcr.amount, pcr.rule) == (
        Regime.PCR_2015,
        Decimal("214904.00"),
        "Public Contracts Regulations 2015 reg 5",
    )


def test_pcr_tables_do_not_cover_utilities_and_older_days_are_not_guessed() -> None:
    with pytest.raises(ThresholdNotFound) as info:
        STATUTORY_THRESHOLDS.lookup(contract_type=G, authority=UTIL, commenced_on=D(2024, 6, 1))
    assert info.value.category is ThresholdCategory.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES
    with pytest.raises(ThresholdNotFound) as older:
        STATUTORY_THRESHOLDS.lookup(contract_type=G, authority=SUB, commenced_on=D(2015, 2, 25))
    assert isinstance(older.value, LookupError)
    assert older.value.regime is Regime.PCR_2006


def test_a_regime_must_be_a_regime() -> None:
    with pytest.raises(InvalidInputType):
        STATUTORY_THRESHOLDS.table_for(regime="PA", on=D(2026, 1, 1))  # type: ignore[arg-type] # on purpose


def test_a_value_equal_to_the_threshold_is_above_it() -> None:
    a = assess_threshold(
        value_including_vat="207720",
        contract_type=S,
        authority=SUB,
        commenced_on=D(2026, 4, 1),
    )
    assert a.above_threshold
    assert not a.below_threshold_notice_required
    b = assess_threshold(
        value_including_vat="207719.99",
        contract_type=S,
        authority=SUB,
        commenced_on=D(2026, 4, 1),
    )
    assert not b.above_threshold
    assert b.below_threshold_notice_required  # at least £30,000, s.87(4)


@pytest.mark.parametrize(
    ("value", "auth", "required"),
    [
        ("11999.99", CENTRAL, False),
        ("12000", CENTRAL, True),
        ("29999.99", SUB, False),
        ("30000", SUB, True),
        ("12000", SUB, False),
    ],
)
def test_below_threshold_notice_duty_starts_at_12000_central_and_30000_others(
    value: str, auth: AuthorityType, required: bool
) -> None:
    assert below_threshold_notice_required(value_including_vat=value, authority=auth) is required


def test_no_below_threshold_duty_is_reported_under_pcr() -> None:
    a = assess_threshold(
        value_including_vat="50000", contract_type=S, authority=SUB, commenced_on=D(2024, 6, 1)
    )
    assert a.regime is Regime.PCR_2015
    assert not a.below_threshold_notice_required
    assert "Below-threshold" not in a.explanation


def test_utilities_contracts_and_concessions_are_not_regulated_below_threshold_contracts() -> None:
    # PA s.84(1)(b)-(c): Part 6 does not reach concessions or utilities contracts.
    a = assess_threshold(
        value_including_vat="50000", contract_type=S, authority=UTIL, commenced_on=D(2026, 6, 1)
    )
    assert not a.below_threshold_notice_required
    assert any("s.84(1)" in n for n in a.notes)
    c = assess_threshold(
        value_including_vat="50000", contract_type=C, authority=SUB, commenced_on=D(2026, 6, 1)
    )
    assert not c.below_threshold_notice_required


def test_money_must_be_exact() -> None:
    with pytest.raises(InvalidInputType):
        assess_threshold(
            value_including_vat=150000.5,  # type: ignore[arg-type] # a float on purpose
            contract_type=S,
            authority=SUB,
            commenced_on=D(2026, 4, 1),
        )
    with pytest.raises(InvalidInput) as info:
        assess_threshold(
            value_including_vat="-1",
            contract_type=S,
            authority="council",  # type: ignore[arg-type] # a wrong type on purpose
            commenced_on=D(2026, 4, 1),
        )
    assert {p.field for p in info.value.problems} == {"value_including_vat", "authority"}


def test_the_category_follows_contract_and_authority_type() -> None:
    assert threshold_category(contract_type=C, authority=UTIL) is ThresholdCategory.WORKS
    assert threshold_category(contract_type=LT, authority=DEF) is ThresholdCategory.LIGHT_TOUCH
    assert (
        threshold_category(contract_type=S, authority=CENTRAL)
        is ThresholdCategory.CENTRAL_GOODS_AND_SERVICES
    )


# ---- tables are data ------------------------------------------------------------------------------


def test_a_user_can_add_the_next_table_and_the_open_one_is_closed() -> None:
    new = ThresholdTable.from_amounts(
        regime=Regime.PA_2023,
        effective_from=D(2028, 1, 1),
        amounts={"sub-central goods and services": "220000", ThresholdCategory.WORKS: 5_500_000},
        source="a future amending SI",
    )
    schedule = STATUTORY_THRESHOLDS.with_table(new)
    on = D(2028, 1, 1)
    assert schedule.lookup(contract_type=S, authority=SUB, commenced_on=on).amount == Decimal(
        "220000.00"
    )
    assert schedule.lookup(
        contract_type=S, authority=SUB, commenced_on=on.subtract(days=1)
    ).amount == Decimal("207720.00")
    # The statutory schedule is unchanged.
    assert _amount(S, SUB, on) == Decimal("207720.00")
    # A category the new table lacks is not silently taken from the old one.
    with pytest.raises(ThresholdNotFound):
        schedule.lookup(contract_type=G, authority=CENTRAL, commenced_on=on)


def test_overlapping_tables_of_one_regime_are_refused() -> None:
    overlapping = ThresholdTable.from_amounts(
        regime=Regime.PA_2023,
        effective_from=D(2025, 6, 1),
        effective_to=D(2025, 7, 1),
        amounts={ThresholdCategory.WORKS: 1},
        source="x",
    )
    with pytest.raises(InvalidInput):
        ThresholdSchedule((*STATUTORY_THRESHOLDS.tables, overlapping))


def test_a_table_from_bad_data_reports_every_problem() -> None:
    with pytest.raises(InvalidInput) as info:
        ThresholdTable.from_amounts(
            regime=Regime.PA_2023,
            effective_from="2028-01-01",  # type: ignore[arg-type] # a wrong type on purpose
            amounts={"nonsense": 1, ThresholdCategory.WORKS: 1.5},  # type: ignore[dict-item] # on purpose
            source="x",
        )
    assert len(info.value.problems) == 3


# ---- properties ------------------------------------------------------------------------------------


@given(
    statutory_dates(min_value=D(2024, 1, 1), max_value=D(2040, 12, 31)),
    st.sampled_from([G, S, W, LT]),
    st.sampled_from([CENTRAL, SUB]),
)
def test_a_threshold_lookup_is_a_step_function_of_the_date(
    day: D, ct: ContractType, auth: AuthorityType
) -> None:
    threshold = STATUTORY_THRESHOLDS.lookup(contract_type=ct, authority=auth, commenced_on=day)
    start = threshold.table.effective_from
    # Constant from the start of the table in force ...
    assert _amount(ct, auth, start) == threshold.amount
    # ... and it can change only where a table starts.
    before = day.subtract(days=1)
    if before >= D(2024, 1, 1) and _amount(ct, auth, before) != threshold.amount:
        assert day == start


@given(threshold_tables(), statutory_dates(min_value=D(2024, 1, 1), max_value=D(2060, 1, 1)))
def test_adding_a_table_changes_lookups_only_from_its_start(table: ThresholdTable, day: D) -> None:
    schedule = STATUTORY_THRESHOLDS.with_table(table)
    got = schedule.lookup(contract_type=W, authority=SUB, commenced_on=day)
    if day < table.effective_from:
        assert got.amount == _amount(W, SUB, day)
    else:
        assert got.amount == table.amounts[ThresholdCategory.WORKS]
