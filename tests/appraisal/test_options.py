"""The options framework filter and the short list rule (green-book.md, "Options appraisal")."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.appraisal import (
    Choice,
    ChoiceOutcome,
    Dimension,
    Option,
    OptionRole,
    OptionsFramework,
    ShortList,
    ShortListIncomplete,
)

REQUIRED = (OptionRole.BUSINESS_AS_USUAL, OptionRole.DO_MINIMUM, OptionRole.PREFERRED_WAY_FORWARD)


def _option(name: str, role: OptionRole) -> Option:
    return Option(name, role)


def test_the_short_list_needs_all_four_kinds_of_option() -> None:
    ShortList.of(
        _option("a", OptionRole.BUSINESS_AS_USUAL),
        _option("b", OptionRole.DO_MINIMUM),
        _option("c", OptionRole.PREFERRED_WAY_FORWARD),
        _option("d", OptionRole.OTHER),
    )


def test_a_short_list_without_a_do_minimum_names_what_is_missing() -> None:
    with pytest.raises(ShortListIncomplete) as caught:
        ShortList.of(
            _option("a", OptionRole.BUSINESS_AS_USUAL),
            _option("c", OptionRole.PREFERRED_WAY_FORWARD),
            _option("d", OptionRole.OTHER),
        )
    assert caught.value.missing == (OptionRole.DO_MINIMUM,)
    assert "do-minimum" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_short_list_of_three_lacks_one_more_viable_option() -> None:
    with pytest.raises(ShortListIncomplete) as caught:
        ShortList.of(*(_option(r.value, r) for r in REQUIRED))
    assert caught.value.missing == (OptionRole.OTHER,)


def test_two_businesses_as_usual_are_refused() -> None:
    with pytest.raises(InvalidInput, match="one option whose role is business as usual"):
        ShortList.of(
            _option("a", OptionRole.BUSINESS_AS_USUAL),
            _option("a2", OptionRole.BUSINESS_AS_USUAL),
            _option("b", OptionRole.DO_MINIMUM),
            _option("c", OptionRole.PREFERRED_WAY_FORWARD),
            _option("d", OptionRole.OTHER),
        )


def test_option_names_must_be_unique_on_the_short_list() -> None:
    with pytest.raises(InvalidInput) as caught:
        ShortList.of(
            _option("a", OptionRole.BUSINESS_AS_USUAL),
            _option("a", OptionRole.DO_MINIMUM),
            _option("c", OptionRole.PREFERRED_WAY_FORWARD),
            _option("d", OptionRole.OTHER),
        )
    assert caught.value.field == "options[1].name"


@given(st.lists(st.sampled_from(OptionRole), max_size=8))
def test_the_short_list_rule_is_enforced_for_any_mix_of_roles(roles: list[OptionRole]) -> None:
    options = tuple(_option(f"option {i}", role) for i, role in enumerate(roles))
    missing = tuple(role for role in OptionRole if role not in roles)
    duplicated = any(roles.count(role) > 1 for role in REQUIRED)
    if duplicated:
        with pytest.raises(InvalidInput):
            ShortList(options)
    elif missing:
        with pytest.raises(ShortListIncomplete) as caught:
            ShortList(options)
        assert caught.value.missing == missing
    else:
        assert len(ShortList(options)) == len(roles)


def test_the_filter_discounts_a_choice_that_fails_a_success_factor() -> None:
    framework = OptionsFramework.example()
    assert framework.outcome(Dimension.DELIVERY, "spot purchase") is ChoiceOutcome.DISCOUNTED
    assert framework.outcome(Dimension.DELIVERY, "in-house") is ChoiceOutcome.PREFERRED
    assert framework.outcome(Dimension.DELIVERY, "outsource") is ChoiceOutcome.CARRIED_FORWARD
    assert framework.carried_forward(Dimension.DELIVERY) == ("in-house", "outsource")


def test_an_unaffordable_choice_is_discounted_early() -> None:
    choice = Choice(Dimension.FUNDING, "new levy", affordable=False)
    assert not choice.passes
    assert choice.reasons == ("not affordable",)


def test_the_preferred_way_forward_takes_the_preferred_choice_in_each_dimension() -> None:
    assert dict(OptionsFramework.example().preferred_way_forward) == {
        Dimension.SCOPE: "whole county",
        Dimension.SOLUTION: "reablement at home",
        Dimension.DELIVERY: "in-house",
        Dimension.IMPLEMENTATION: "phased",
        Dimension.FUNDING: "existing budget",
    }


def _choices(*extra: Choice) -> tuple[Choice, ...]:
    base = {c.dimension: c for c in OptionsFramework.example().choices if c.preferred}
    return (*base.values(), *extra)


def test_a_preferred_choice_that_fails_an_objective_is_refused() -> None:
    framework = OptionsFramework.example()
    bad = Choice(
        Dimension.DELIVERY, "in-house", failures={"affordable": "too dear"}, preferred=True
    )
    with pytest.raises(InvalidInput, match="meets every objective"):
        OptionsFramework(
            framework.objectives,
            framework.success_factors,
            (*(c for c in _choices() if c.dimension is not Dimension.DELIVERY), bad),
        )


def test_each_dimension_needs_exactly_one_preferred_choice() -> None:
    framework = OptionsFramework.example()
    with pytest.raises(InvalidInput) as caught:
        OptionsFramework(
            framework.objectives,
            framework.success_factors,
            _choices(Choice(Dimension.SCOPE, "two districts", preferred=True)),
        )
    assert caught.value.field == "choices[scope]"


def test_a_failure_must_name_an_objective_or_success_factor() -> None:
    framework = OptionsFramework.example()
    with pytest.raises(InvalidInput, match="only objectives or critical success factors"):
        OptionsFramework(
            framework.objectives,
            framework.success_factors,
            _choices(Choice(Dimension.SCOPE, "city", failures={"vibes": "bad"})),
        )


def test_short_listing_a_discounted_choice_is_refused_except_for_business_as_usual() -> None:
    framework = OptionsFramework.example()
    options = ShortList.example().options
    # business as usual keeps "spot purchase" (discounted) as the benchmark: allowed
    assert len(framework.shortlist(*options)) == 4
    spot = Option("spot", OptionRole.OTHER, choices={Dimension.DELIVERY: "spot purchase"})
    with pytest.raises(InvalidInput) as caught:
        framework.shortlist(*options[:3], spot)
    assert caught.value.field == "options[3].choices[delivery]"


def test_the_preferred_way_forward_option_must_use_the_preferred_choices() -> None:
    framework = OptionsFramework.example()
    wrong = Option(
        "outsourced pwf",
        OptionRole.PREFERRED_WAY_FORWARD,
        choices={Dimension.DELIVERY: "outsource"},
    )
    options = ShortList.example().options
    with pytest.raises(InvalidInput, match="the preferred choice 'in-house'"):
        framework.shortlist(options[0], options[1], wrong, options[3])


def test_the_long_list_renders_as_html() -> None:
    html = OptionsFramework.example()._repr_html_()
    assert "spot purchase" in html
    assert "discounted" in html
    assert "no provider market" in html
