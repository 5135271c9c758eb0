"""M2: a framework's maximum term (s.47), open frameworks (s.49), the defence call-off (s.50(6)(a))."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import GuardRejected, InvalidInputType
from commissioning.procurement import (
    Procurement,
    assess_framework_term,
    framework_term_limit,
    obligations,
    open_framework_schedule,
)
from commissioning.thresholds import AuthorityType

from .conftest import at, make_facts


def _framework(value: str = "600000", **facts: object) -> Procurement:
    p, _ = Procurement.start(
        "fw",
        facts=make_facts(value, framework=True, **facts),
        procedure="pa-open",
        at=at(3, 2),
        actor="ann",
    )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    return p


def test_a_framework_term_over_four_years_needs_reasons_in_the_tender_notice() -> None:
    # The review's reproducer: pa-open, framework=True, a 10-year term.
    p = _framework()
    content = {"tender_deadline": "2026-03-27", "framework_term_months": 120}
    with pytest.raises(GuardRejected, match=r"s\.47\(1\)\(b\), \(3\).*120 months.*48 months"):
        p.publish("UK4", at=at(3, 2), actor="ann", content=content)
    p, _ = p.publish(
        "UK4",
        at=at(3, 2),
        actor="ann",
        content={**content, "longer_term_reasons": "the vehicles have a ten-year life"},
    )
    assert p.timeline.life.framework is not None
    assert p.timeline.life.framework.term_months == 120


def test_a_framework_notice_gives_the_term() -> None:
    p = _framework()
    with pytest.raises(GuardRejected, match=r"s\.45\(5\)\(e\)"):
        p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})


def test_utilities_and_defence_frameworks_may_run_eight_years() -> None:
    assert framework_term_limit(defence_and_security=True) == 96
    p = _framework("1000000", authority=AuthorityType.UTILITIES)
    p, _ = p.publish(
        "UK4",
        at=at(3, 2),
        actor="ann",
        content={"tender_deadline": "2026-03-27", "framework_term_months": 96},
    )
    assert not assess_framework_term(term_months=97, utilities=True).allowed


def test_open_private_utility_and_light_touch_frameworks_have_no_s47_limit() -> None:
    assert assess_framework_term(term_months=200, open_framework=True).allowed
    assert assess_framework_term(term_months=200, private_utility=True).allowed
    assert assess_framework_term(term_months=200, light_touch=True).allowed


def test_bad_term_input_names_the_field() -> None:
    with pytest.raises(InvalidInputType) as err:
        assess_framework_term(term_months="ten years")  # type: ignore[arg-type]  # wrong on purpose
    assert err.value.problems[0].field == "term_months"


def test_an_open_framework_is_re_awarded_within_three_then_five_years_and_ends_at_eight() -> None:
    first = pendulum.Date(2026, 4, 1)
    s = open_framework_schedule(first_award_on=first)
    assert (s.next_award_by, s.ends_on) == (pendulum.Date(2029, 3, 31), pendulum.Date(2034, 3, 31))
    s = open_framework_schedule(first_award_on=first, later_awards=(pendulum.Date(2029, 1, 5),))
    assert s.next_award_by == pendulum.Date(2034, 1, 4)
    s = open_framework_schedule(
        first_award_on=first, later_awards=(pendulum.Date(2029, 1, 5), pendulum.Date(2033, 1, 5))
    )
    assert s.next_award_by is None  # the scheme ends first, on Fri 31 Mar 2034
    single = open_framework_schedule(first_award_on=first, single_supplier=True)
    assert single.ends_on == pendulum.Date(2030, 3, 31)  # s.49(6): within 4 years
    assert "s.49(2), (6)" in single.rule


def test_an_open_framework_is_not_awarded_directly() -> None:
    p, _ = Procurement.start(
        "fw",
        facts=make_facts(framework=True),
        procedure="pa-direct-award",
        at=at(3, 2),
        actor="ann",
    )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    content = {
        "justification": "urgency",
        "supplier": "Acme Ltd",
        "value_including_vat": "600000",
        "framework_term_months": 24,
        "open_framework": True,
    }
    with pytest.raises(GuardRejected, match=r"s\.49\(10\)"):
        p.publish("UK5", at=at(3, 2), actor="ann", content=content)


def test_no_framework_is_awarded_under_an_open_framework_after_eight_years() -> None:
    p = _framework()
    with pytest.raises(GuardRejected, match=r"s\.49\(2\)\(c\)"):
        p.publish(
            "UK4",
            at=at(3, 2),
            actor="ann",
            content={
                "tender_deadline": "2026-03-27",
                "framework_term_months": 12,
                "open_framework": True,
                "open_framework_first_award_on": "2018-03-01",
            },
        )


def test_a_defence_call_off_under_a_defence_framework_needs_no_award_notice() -> None:
    facts = make_facts("600000", authority=AuthorityType.DEFENCE)
    p, _ = Procurement.start(
        "call", facts=facts, procedure="pa-framework-call-off", at=at(2, 2), actor="ann"
    )
    award = {"supplier": "Acme Ltd", "value_including_vat": "600000"}
    p, _ = p.act("select_supplier", at=at(2, 3), actor="ann", data=award)
    with pytest.raises(GuardRejected, match=r"s\.50\(1\), \(6\)\(a\)"):
        p.act("decide_award", at=at(2, 3), actor="ann", data=award)
    p, _ = p.act(
        "decide_award",
        at=at(2, 3),
        actor="ann",
        data={
            **award,
            "defence_and_security_contract": True,
            "defence_and_security_framework": True,
        },
    )
    p, _ = p.act("enter_contract", at=at(2, 4), actor="ann", data={"value_including_vat": "600000"})
    assert p.state == "mobilisation"
    assert not p.timeline.has("UK6")
    assert any(o.notice == "UK7" for o in obligations(p, on=pendulum.Date(2026, 2, 5)))


@given(st.integers(1, 240), st.booleans(), st.booleans())
def test_the_term_is_allowed_exactly_up_to_its_limit(
    months: int, defence: bool, utilities: bool
) -> None:
    limit = 96 if defence or utilities else 48
    verdict = assess_framework_term(
        term_months=months, defence_and_security=defence, utilities=utilities
    )
    assert verdict.allowed is (months <= limit)
