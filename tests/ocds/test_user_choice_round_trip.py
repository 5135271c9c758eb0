"""A user-choice contract publishes nothing before its end: its one release still imports back."""

from __future__ import annotations

import datetime as dt

import pendulum

from commissioning.ocds import from_releases, to_releases
from commissioning.procurement import Procurement, ProcurementFacts
from commissioning.thresholds import AuthorityType, ContractType


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2025, month, day, 9, tzinfo=dt.UTC)


def test_a_user_choice_contract_known_only_from_its_termination_notice_imports_back() -> None:
    # Found by the procurement walks: a direct award to the supplier a person chose
    # (Sch 5 para 15) needs no transparency notice (s.44(3)), no award notice (s.50(6)(b))
    # and no contract details notice (s.53(6)(b)); a voluntary UK11 is its only release.
    facts = ProcurementFacts(
        title="Home care for one person",
        buyer="Anytown Council",
        authority=AuthorityType.CENTRAL_GOVERNMENT,
        contract_type=ContractType.LIGHT_TOUCH,
        value_including_vat="1000",
        commenced_on=pendulum.Date(2025, 2, 24),
    )
    p, _ = Procurement.start(
        "care", facts=facts, procedure="pa-direct-award", at=at(2, 24), actor="ann"
    )
    p, _ = p.act(
        "select_supplier",
        at=at(2, 25),
        actor="ann",
        data={
            "supplier": "Acme Care",
            "value_including_vat": "1000",
            "justification": "user_choice",
        },
    )
    p, _ = p.act("enter_contract", at=at(2, 26), actor="ann", data={"value_including_vat": "1000"})
    p, _ = p.act("start_delivery", at=at(3, 2), actor="ann")
    p, _ = p.act("end_contract", at=at(6, 2), actor="ann", data={"reason": "expiry"})
    p, _ = p.publish("UK11", at=at(6, 3), actor="ann")
    releases = to_releases(p, prefix="ocds-abc123")
    assert [r["tag"] for r in releases] == [["contractTermination"]]
    result = from_releases(releases, facts=p.facts)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert q.state == "closed"
    assert q.timeline.award is not None
    assert q.timeline.award["supplier"] == "Acme Care"
    assert to_releases(q, prefix="ocds-abc123") == releases
