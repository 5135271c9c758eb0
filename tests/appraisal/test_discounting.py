"""Green Book discounting: declining schedules, inclusive bands, compounding factors (green-book.md)."""

from decimal import Context, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.appraisal import DiscountBand, DiscountSchedule, Edition, Stream
from commissioning.strategies import amounts, discount_schedules, streams

# An independent 40-digit context for the hand-worked values.
HAND = Context(prec=40)
TOLERANCE = Decimal("1e-24")


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < TOLERANCE


def test_year_30_is_discounted_at_the_first_band_and_year_31_at_the_second() -> None:
    # Bands are inclusive: year 30 at 3.5%, year 31 at 3.0% (green-book.md, "Discount rates").
    schedule = DiscountSchedule.standard()
    assert schedule.rate(30) == Decimal("0.035")
    assert schedule.rate(31) == Decimal("0.03")
    assert schedule.rate(75) == Decimal("0.03")
    assert schedule.rate(76) == Decimal("0.025")


def test_discount_factor_at_year_30_is_one_over_1_035_to_the_30th() -> None:
    # DF(30) = 1 / 1.035^30 = 0.35627841060230154047... (hand, 40 digits)
    expected = HAND.divide(1, HAND.power(Decimal("1.035"), 30))
    assert _close(DiscountSchedule.standard().factor(30), expected)
    assert f"{expected:.12f}" == "0.356278410602"


def test_discount_factor_at_year_31_divides_year_30_by_1_03() -> None:
    # DF(31) = DF(30) / 1.03 = 0.34590136951679761210...; NOT 1 / 1.03^31 = 0.39998714516...
    schedule = DiscountSchedule.standard()
    expected = HAND.divide(HAND.divide(1, HAND.power(Decimal("1.035"), 30)), Decimal("1.03"))
    assert _close(schedule.factor(31), expected)
    assert f"{schedule.factor(31):.12f}" == "0.345901369517"
    assert not _close(schedule.factor(31), HAND.divide(1, HAND.power(Decimal("1.03"), 31)))


def test_discount_factor_at_year_75_compounds_through_both_bands() -> None:
    # DF(75) = 1 / (1.035^30 x 1.03^45) = 0.09421377257669140485...
    expected = HAND.divide(
        1, HAND.multiply(HAND.power(Decimal("1.035"), 30), HAND.power(Decimal("1.03"), 45))
    )
    assert _close(DiscountSchedule.standard().factor(75), expected)
    assert f"{expected:.12f}" == "0.094213772577"


def test_health_schedule_discounts_year_one_at_one_and_a_half_per_cent() -> None:
    assert _close(DiscountSchedule.health().factor(1), HAND.divide(1, Decimal("1.015")))


def test_npsv_and_bcr_of_a_small_stream_match_the_hand_calculation() -> None:
    # Costs 1000, 100, 100; benefits 0, 700, 700; standard schedule (3.5%).
    # PV costs    = 1000 + 100/1.035 + 100/1.035^2 = 1189.96942752... -> 1189.97
    # PV benefits = 700/1.035 + 700/1.035^2        = 1329.78599267... -> 1329.79
    # NPSV = 1329.79 - 1189.97 = 139.82; BCR = 1329.79 / 1189.97 = 1.11749876... -> 1.12
    vfm = DiscountSchedule.standard().appraise(
        costs=Stream.of(1000, 100, 100), benefits=Stream.of(0, 700, 700)
    )
    assert vfm.pv_costs == Decimal("1189.97")
    assert vfm.pv_benefits == Decimal("1329.79")
    assert vfm.npsv == Decimal("139.82")
    assert vfm.bcr is not None
    assert f"{vfm.bcr:.8f}" == "1.11749876"
    assert vfm.bcr_rounded == Decimal("1.12")
    assert vfm.last_year == 2


def test_every_result_records_the_edition_and_the_schedule() -> None:
    vfm = DiscountSchedule.standard(edition=Edition.GREEN_BOOK_2022).appraise(
        costs=Stream.of(1), benefits=Stream.of(2)
    )
    assert vfm.edition is Edition.GREEN_BOOK_2022
    assert vfm.schedule == "standard"


def test_bcr_is_none_when_there_are_no_costs() -> None:
    vfm = DiscountSchedule.standard().appraise(costs=Stream(), benefits=Stream.of(5))
    assert vfm.bcr is None
    assert vfm.bcr_rounded is None


def test_results_say_when_an_unconfirmed_rate_was_used() -> None:
    # Reduced and health rates from year 126 are UNCONFIRMED in the reference.
    reduced = DiscountSchedule.reduced()
    within = reduced.appraise(costs=Stream.constant(1, years=1, start=125), benefits=Stream())
    beyond = reduced.appraise(costs=Stream.constant(1, years=1, start=126), benefits=Stream())
    assert not within.uses_unconfirmed_rate
    assert beyond.uses_unconfirmed_rate
    assert not reduced.band(126).confirmed
    assert "UNCONFIRMED" in str(reduced.band(126))


def test_the_standard_schedule_has_no_unconfirmed_rate() -> None:
    assert not DiscountSchedule.standard().uses_unconfirmed_rate(400)


def test_health_reduced_rates_beyond_year_125_must_be_supplied() -> None:
    with pytest.raises(InvalidInput, match="UNCONFIRMED") as caught:
        DiscountSchedule.health_reduced().factor(126)
    assert caught.value.field == "year"


def test_users_can_supply_their_own_schedule_and_flag_unconfirmed_bands() -> None:
    own = DiscountSchedule.from_rates(
        "health reduced, extended",
        [(0, 30, "0.01"), (31, 75, "0.0086"), (76, 125, "0.0071"), (126, None, "0.0057")],
        unconfirmed=[126],
    )
    assert own.rate(200) == Decimal("0.0057")
    assert own.uses_unconfirmed_rate(126)
    assert not own.uses_unconfirmed_rate(125)


def test_a_schedule_with_a_gap_between_bands_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        DiscountSchedule.from_rates("gappy", [(0, 30, "0.035"), (32, None, "0.03")])
    assert caught.value.field == "bands[1].first_year"
    assert "31" in caught.value.expected


def test_a_schedule_must_start_at_year_zero() -> None:
    with pytest.raises(InvalidInput) as caught:
        DiscountSchedule("late", (DiscountBand(1, None, Decimal("0.035")),))
    assert caught.value.field == "bands[0].first_year"


def test_only_the_final_band_may_be_open_ended() -> None:
    with pytest.raises(InvalidInput, match="open-ended"):
        DiscountSchedule(
            "open",
            (DiscountBand(0, None, Decimal("0.035")), DiscountBand(1, None, Decimal("0.03"))),
        )


def test_a_rate_given_as_a_percentage_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"0\.035 for 3\.5%"):
        DiscountSchedule.from_rates("oops", [(0, None, "3.5")])


def test_float_money_and_float_rates_are_refused() -> None:
    with pytest.raises(InvalidInputType):
        Stream.of(1.5)  # type: ignore[arg-type]  # the point: floats are refused at run time
    with pytest.raises(InvalidInputType):
        DiscountSchedule.from_rates("f", [(0, None, 0.035)])  # type: ignore[list-item]  # same


def test_a_stream_reports_every_bad_year_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        Stream.of("x", 1, "0.001")
    assert [p.field for p in caught.value.problems] == ["amounts[0]", "amounts[2]"]


def test_streams_build_from_mappings_and_constants() -> None:
    assert Stream.from_mapping({1: 5}).amounts == (Decimal("0.00"), Decimal("5.00"))
    assert Stream.constant(2, years=2, start=1).total == Decimal("4.00")
    assert Stream.of(1, 2).plus(Stream.of(3)).amounts == (Decimal("4.00"), Decimal("2.00"))


def test_present_value_of_an_empty_stream_is_zero() -> None:
    assert DiscountSchedule.standard().present_value(Stream()) == Decimal("0.00")


def test_the_schedule_renders_as_an_html_table() -> None:
    html = DiscountSchedule.reduced()._repr_html_()
    assert "<table>" in html
    assert "UNCONFIRMED" in html


@given(discount_schedules(), st.integers(1, 320))
def test_each_factor_divides_the_previous_by_one_plus_that_years_rate(
    schedule: DiscountSchedule, year: int
) -> None:
    if schedule.last_year is not None and year > schedule.last_year:
        return
    factors = schedule.factors(year)
    assert factors[0] == 1
    expected = HAND.divide(factors[year - 1], 1 + schedule.rate(year))
    assert abs(factors[year] - expected) < Decimal("1e-26")


@given(
    streams(min_years=2, max_years=15, amounts=amounts(min_pence=0, max_pence=10**9)),
    st.integers(0, 800),
    st.integers(1, 400),
)
def test_a_present_value_falls_as_the_rate_rises_for_positive_flows(
    stream: Stream, rate_bp: int, rise_bp: int
) -> None:
    low = DiscountSchedule.from_rates("low", [(0, None, Decimal(rate_bp).scaleb(-4))])
    high = DiscountSchedule.from_rates("high", [(0, None, Decimal(rate_bp + rise_bp).scaleb(-4))])
    pv_low, pv_high = low.present_value(stream), high.present_value(stream)
    assert pv_high <= pv_low
    if any(amount >= 100_000 for amount in stream.amounts[1:]):
        assert pv_high < pv_low


@given(streams(min_years=1, max_years=15, amounts=amounts(min_pence=1, max_pence=10**9)))
def test_a_declining_schedule_values_a_stream_at_least_as_much_as_its_first_rate(
    stream: Stream,
) -> None:
    # Rates only fall after year 30, so the standard schedule never discounts more than 3.5% flat.
    flat = DiscountSchedule.from_rates("flat", [(0, None, "0.035")])
    assert DiscountSchedule.standard().present_value(stream) >= flat.present_value(stream)
