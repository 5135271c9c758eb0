"""W7: an award among dynamic market members is competitive: a tender notice after s.83."""

import pendulum
import pytest

from commissioning import GuardRejected, TransitionNotAllowed
from commissioning.procurement import Procurement, obligations
from commissioning.thresholds import AuthorityType

from .conftest import at, make_facts


def test_a_dynamic_market_award_needs_a_conflicts_assessment_and_a_tender_notice() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    with pytest.raises(GuardRejected, match=r"s\.83"):
        p.publish(
            "UK4",
            at=at(3, 2),
            actor="ann",
            content={"tender_deadline": "2026-03-12", "dynamic_market": "DM-1"},
        )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    with pytest.raises(GuardRejected, match=r"s\.21\(1\), s\.40\(1\)"):
        p.act(
            "invite_members",
            at=at(3, 2),
            actor="ann",
            data={"tender_deadline": "2026-03-12", "dynamic_market": "DM-1"},
        )
    # Tender notice Mon 2 Mar 2026: 10 days beginning Tue 3 Mar end Thu 12 Mar (s.54).
    assert not p.can(
        "publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-11", "dynamic_market": "DM-1"}
    )
    p, _ = p.publish(
        "UK4",
        at=at(3, 2),
        actor="ann",
        content={"tender_deadline": "2026-03-12", "dynamic_market": "DM-1"},
    )
    assert p.state == "tendering"


def test_a_dynamic_market_award_has_no_direct_selection_and_summaries_come_first() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    with pytest.raises(TransitionNotAllowed):
        p.act(
            "select_supplier",
            at=at(2, 3),
            actor="ann",
            data={"supplier": "A", "value_including_vat": "1"},
        )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    p, _ = p.publish(
        "UK4",
        at=at(3, 2),
        actor="ann",
        content={"tender_deadline": "2026-03-12", "dynamic_market": "DM-1"},
    )
    p, _ = p.act("close_tendering", at=at(3, 13), actor="ann")
    award = {"supplier": "Acme Ltd", "value_including_vat": "600000"}
    with pytest.raises(GuardRejected, match="assessment summaries"):
        p.publish("UK6", at=at(3, 16), actor="ann", content=award)
    p, _ = p.act("send_assessment_summaries", at=at(3, 16), actor="ann")
    p, _ = p.publish("UK6", at=at(3, 16), actor="ann", content=award)
    assert p.timeline.standstill_last_day is None  # s.51(3)(e)


def test_a_qualifying_utilities_dynamic_market_invites_its_members_directly() -> None:
    facts = make_facts("1000000", authority=AuthorityType.UTILITIES)
    p, _ = Procurement.start(
        "udm", facts=facts, procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    with pytest.raises(GuardRejected, match=r"s\.83"):
        p.act(
            "invite_members",
            at=at(3, 2),
            actor="ann",
            data={
                "tender_deadline": "2026-03-12",
                "dynamic_market": "DM-1",
                "qualifying_utilities_dynamic_market": True,
            },
        )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    p, _ = p.act(
        "invite_members",
        at=at(3, 2),
        actor="ann",
        data={
            "tender_deadline": "2026-03-12",
            "dynamic_market": "DM-1",
            "qualifying_utilities_dynamic_market": True,
        },
    )
    assert p.state == "tendering"
    other, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    other, _ = other.act("assess_conflicts", at=at(3, 2), actor="ann")
    with pytest.raises(GuardRejected, match=r"s\.35\(2\), s\.40\(1\)"):
        other.act(
            "invite_members",
            at=at(3, 2),
            actor="ann",
            data={
                "tender_deadline": "2026-03-12",
                "dynamic_market": "DM-1",
                "qualifying_utilities_dynamic_market": True,
            },
        )


def test_the_tender_notice_names_the_dynamic_market() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    with pytest.raises(GuardRejected, match=r"regs 21\(2\)\(b\), 22\(2\)\(b\)"):
        p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-12"})


def test_a_dynamic_market_notice_needs_the_s83_2_conflicts_assessment() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market", at=at(2, 2), actor="ann"
    )
    with pytest.raises(GuardRejected, match=r"s\.83\(2\)"):
        p.publish("UK13", at=at(2, 3), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 3), actor="ann")
    p, _ = p.publish("UK13", at=at(2, 3), actor="ann")
    assert p.state == "intended"


def test_abandoning_after_members_were_given_the_tender_notice_needs_uk12() -> None:
    facts = make_facts("1000000", authority=AuthorityType.UTILITIES)
    p, _ = Procurement.start(
        "udm", facts=facts, procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    p, _ = p.act(
        "invite_members",
        at=at(3, 2),
        actor="ann",
        data={
            "tender_deadline": "2026-03-12",
            "dynamic_market": "DM-1",
            "qualifying_utilities_dynamic_market": True,
        },
    )
    p, _ = p.act("abandon", at=at(3, 5), actor="ann")
    assert p.state == "abandoning"  # s.40(7): giving the notice to members counts as publishing
    assert any(o.notice == "UK12" for o in obligations(p, on=pendulum.Date(2026, 3, 6)))
