"""Sensitivity analysis and switching values for a policy model."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.appraisal import PolicyModel, sensitivity, switching_values
from commissioning.strategies import policy_models


def test_a_tornado_lists_inputs_widest_swing_first_with_the_npsv_at_each_end() -> None:
    model = PolicyModel.example()
    analysis = sensitivity(model)
    assert analysis.option == model.central().preferred
    widths = [r.width for r in analysis.rows]
    assert widths == sorted(widths, reverse=True)
    for row in analysis.rows:
        assert row.npsv_at_low == model.evaluate({row.input: row.low}).outcome(analysis.option).npsv
        assert (
            row.npsv_at_high == model.evaluate({row.input: row.high}).outcome(analysis.option).npsv
        )
    assert all(
        not r.input.startswith("in-house.") for r in analysis.rows
    )  # no effect on outsourced


def test_sensitivity_of_a_named_option() -> None:
    analysis = sensitivity(PolicyModel.example(), option="in-house")
    assert analysis.base == PolicyModel.example().central().outcome("in-house").npsv
    assert "Sensitivity of &#x27;in-house&#x27;" in analysis._repr_html_()
    with pytest.raises(InvalidInput):
        sensitivity(PolicyModel.example(), option="nobody")


def test_the_worked_model_switches_when_in_house_effect_rises_past_its_switching_value() -> None:
    points = switching_values(PolicyModel.example())
    first = points[0]
    assert first.input == "in-house.effect"
    assert first.switches_to == "in-house"
    assert first.value is not None
    # the in-house NPSV is linear in its effect: the switch is where the two NPSVs meet
    model = PolicyModel.example()
    at = model.evaluate({first.input: first.value})
    assert at.outcome("in-house").npsv == pytest.approx(at.outcome("outsourced").npsv, rel=1e-9)
    assert "becomes preferred" in str(first)


def test_inputs_an_option_does_not_use_are_left_out_by_default() -> None:
    keys = {p.input for p in switching_values(PolicyModel.example())}
    assert "in-house.payment_per_outcome" not in keys
    with pytest.raises(InvalidInput):
        switching_values(PolicyModel.example(), inputs=["nope"])


@settings(max_examples=20)
@given(policy_models(years=st.integers(1, 6)), st.data())
def test_switching_values_actually_switch_the_preference(
    model: PolicyModel, data: st.DataObject
) -> None:
    keys = sorted(model.inputs())
    chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
    preferred = model.central().preferred
    for point in switching_values(model, inputs=chosen):
        if point.value is None:
            continue
        assert model.evaluate({point.input: point.value}).preferred != preferred
        assert model.evaluate({point.input: point.value}).preferred == point.switches_to
        nearer = point.base + (point.value - point.base) * 0.99
        if abs(point.value - point.base) > 1e-6 * max(1.0, abs(point.base)):
            assert model.evaluate({point.input: nearer}).preferred == preferred
