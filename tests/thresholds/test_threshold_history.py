"""Thresholds by date back to PCR 2015's start, and the defence threshold following the contract (O1)."""

import datetime as dt
import itertools
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.thresholds import (
    PCR_2015_COMMENCEMENT,
    STATUTORY_THRESHOLDS,
    AuthorityType,
    ContractType,
    Regime,
    ThresholdCategory,
    assess_threshold,
    regime_for,
)

D = pendulum.Date
CENTRAL, SUB = AuthorityType.CENTRAL_GOVERNMENT, AuthorityType.SUB_CENTRAL


@pytest.mark.parametrize(
    ("day", "central", "sub_central", "works", "light_touch", "vat"),
    [
        (D(2015, 2, 26), "111676", "172514", "4322012", "625050", False),
        (D(2015, 12, 31), "111676", "172514", "4322012", "625050", False),
        (D(2016, 1, 1), "106047", "164176", "4104394", "589148", False),
        (D(2018, 1, 1), "118133", "181302", "4551413", "615278", False),
        (D(2020, 1, 1), "122976", "189330", "4733252", "663540", False),
        (D(2021, 12, 31), "122976", "189330", "4733252", "663540", False),
        (D(2022, 1, 1), "138760", "213477", "5336937", "663540", True),
        (D(2024, 1, 1), "139688", "214904", "5372609", "663540", True),
    ],
)
def test_pcr_thresholds_by_date_back_to_26_february_2015(
    day: D, central: str, sub_central: str, works: str, light_touch: str, vat: bool
) -> None:
    def amount(ct: ContractType, auth: AuthorityType) -> Decimal:
        t = STATUTORY_THRESHOLDS.lookup(contract_type=ct, authority=auth, commenced_on=day)
        assert t.regime is Regime.PCR_2015
        assert t.table.includes_vat is vat
        return t.amount

    assert amount(ContractType.GOODS, CENTRAL) == Decimal(central)
    assert amount(ContractType.SERVICES, SUB) == Decimal(sub_central)
    assert amount(ContractType.WORKS, SUB) == Decimal(works)
    assert amount(ContractType.LIGHT_TOUCH, SUB) == Decimal(light_touch)


def test_every_biennial_revision_is_a_table_with_its_citation_and_unconfirmed_marks() -> None:
    pcr = [t for t in STATUTORY_THRESHOLDS.tables if t.regime is Regime.PCR_2015]
    assert [t.effective_from for t in pcr] == [
        PCR_2015_COMMENCEMENT,
        D(2016, 1, 1),
        D(2018, 1, 1),
        D(2020, 1, 1),
        D(2022, 1, 1),
        D(2024, 1, 1),
    ]
    # Contiguous: each table ends the day before the next begins, the last on 23 Feb 2025.
    for a, b in itertools.pairwise(pcr):
        assert a.effective_to == b.effective_from.subtract(days=1)
    assert pcr[-1].effective_to == D(2025, 2, 23)
    for t in pcr[:-1]:
        assert not t.confirmed
        assert "UNCONFIRMED" in t.source
        assert "reg 5" in t.source
    assert pcr[-1].confirmed


def test_a_2016_notice_is_judged_against_the_threshold_in_force_then_net_of_vat() -> None:
    # £120,000 including VAT is £100,000 net: below the 2016 central threshold of £106,047.
    a = assess_threshold(
        value_including_vat="120000",
        value_excluding_vat="100000",
        contract_type=ContractType.SERVICES,
        authority=CENTRAL,
        commenced_on=D(2016, 5, 3),
    )
    assert not a.above_threshold
    assert a.threshold.amount == Decimal("106047.00")
    assert any("net of VAT" in n for n in a.notes)
    assert any("UNCONFIRMED" in n for n in a.notes)
    # Without the net value the gross one is compared (cautious) and a note says so.
    gross = assess_threshold(
        value_including_vat="120000",
        contract_type=ContractType.SERVICES,
        authority=CENTRAL,
        commenced_on=D(2016, 5, 3),
    )
    assert gross.above_threshold
    assert any("cautious" in n for n in gross.notes)


def test_pcr_2006_applied_before_26_february_2015() -> None:
    assert regime_for(commenced_on=D(2015, 2, 25)) is Regime.PCR_2006
    assert regime_for(commenced_on=D(2015, 2, 26)) is Regime.PCR_2015


def test_defence_threshold_follows_a_defence_and_security_contract_not_the_buyer() -> None:
    # The review's O1 reproducer: MoD stationery, £200,000, 2 Feb 2026: the central government
    # row (£135,018) applies, so it is above threshold.
    stationery = assess_threshold(
        value_including_vat="200000",
        contract_type=ContractType.GOODS,
        authority=AuthorityType.DEFENCE,
        commenced_on=D(2026, 2, 2),
    )
    assert stationery.above_threshold
    assert stationery.threshold.category is ThresholdCategory.CENTRAL_GOODS_AND_SERVICES
    assert any("s.7" in n for n in stationery.notes)
    # A defence and security contract (s.7) has the £415,440 row, whoever buys it.
    kit = assess_threshold(
        value_including_vat="200000",
        contract_type=ContractType.GOODS,
        authority=AuthorityType.CENTRAL_GOVERNMENT,
        commenced_on=D(2026, 2, 2),
        defence_and_security=True,
    )
    assert not kit.above_threshold
    assert kit.threshold.amount == Decimal("415440.00")


@given(
    st.dates(min_value=dt.date(2015, 2, 26), max_value=dt.date(2040, 12, 31)),
    st.sampled_from(
        [ContractType.GOODS, ContractType.SERVICES, ContractType.WORKS, ContractType.LIGHT_TOUCH]
    ),
    st.sampled_from([CENTRAL, SUB]),
)
def test_every_day_from_pcr_2015s_start_has_a_threshold(
    day: dt.date, contract_type: ContractType, authority: AuthorityType
) -> None:
    t = STATUTORY_THRESHOLDS.lookup(
        contract_type=contract_type, authority=authority, commenced_on=day
    )
    assert t.regime is regime_for(commenced_on=day)
    assert t.table.covers(day)
    assert t.amount > 0
