import datetime as dt

import pendulum
import pytest

from commissioning.procurement import Procurement, ProcurementFacts
from commissioning.thresholds import AuthorityType, ContractType


def at(month: int, day: int, hour: int = 9, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def make_facts(value: str = "600000", **kw: object) -> ProcurementFacts:
    base: dict[str, object] = {
        "title": "Meals on wheels",
        "buyer": "Anytown Council",
        "authority": AuthorityType.SUB_CENTRAL,
        "contract_type": ContractType.SERVICES,
        "value_including_vat": value,
        "commenced_on": pendulum.Date(2026, 2, 2),
    }
    base.update(kw)
    return ProcurementFacts(**base)  # type: ignore[arg-type]  # keyword facts assembled for the test


@pytest.fixture
def facts() -> ProcurementFacts:
    return make_facts()


def open_to_award(facts: ProcurementFacts) -> Procurement:
    """An open procedure up to the contract award notice published Thu 2 Apr 2026."""
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    p, _ = p.act("send_assessment_summaries", at=at(4, 1), actor="ann")
    p, _ = p.publish(
        "UK6",
        at=at(4, 2),
        actor="ann",
        content={"supplier": "Acme Ltd", "value_including_vat": facts.value_including_vat},
    )
    return p
