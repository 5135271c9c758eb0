"""Procurement facts accept closed sets from their value strings, as every other value does (issue 11)."""

import pendulum
import pytest

from commissioning import InvalidInputType
from commissioning.procurement import Devolution, ProcurementFacts
from commissioning.thresholds import AuthorityType, ContractType


def _facts(**kw: object) -> ProcurementFacts:
    base: dict[str, object] = {
        "title": "Meals on wheels",
        "buyer": "Anytown Council",
        "authority": "sub-central",
        "contract_type": "services",
        "value_including_vat": "600000",
        "commenced_on": pendulum.Date(2026, 2, 2),
    }
    return ProcurementFacts(**{**base, **kw})  # type: ignore[arg-type]


def test_authority_and_contract_type_are_accepted_from_their_value_strings() -> None:
    facts = _facts(devolution="devolved Welsh")
    assert facts.authority is AuthorityType.SUB_CENTRAL
    assert facts.contract_type is ContractType.SERVICES
    assert facts.devolution is Devolution.WELSH
    assert facts == _facts(authority=AuthorityType.SUB_CENTRAL, devolution=Devolution.WELSH)


def test_an_unknown_authority_value_is_refused_listing_the_values() -> None:
    with pytest.raises(InvalidInputType) as err:
        _facts(authority="county")
    assert err.value.field == "authority"
    assert "sub-central" in err.value.expected
    assert err.value.received == "county"
