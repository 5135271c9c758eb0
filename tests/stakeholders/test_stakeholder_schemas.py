"""Every stored form a stakeholder map writes validates against the JSON Schema it ships (issue 11)."""

import json

from hypothesis import given
from jsonschema import Draft202012Validator

from commissioning.machine import json_schema, record_to_data
from commissioning.stakeholders import StakeholderMap
from commissioning.strategies import stakeholder_maps


def _validator(name: str) -> Draft202012Validator:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


STORED = _validator("stakeholder-map")
SNAPSHOT = _validator("stakeholders")
RECORD = _validator("record")


@given(stakeholder_maps())
def test_every_map_writes_documents_that_validate(m: StakeholderMap) -> None:
    stored = json.loads(json.dumps(m.to_data()))
    STORED.validate(stored)
    SNAPSHOT.validate(json.loads(json.dumps(m.to_dict())))
    for record in m.history:
        RECORD.validate(json.loads(json.dumps(record_to_data(record))))


def test_the_schemas_refuse_what_the_loaders_refuse() -> None:
    assert not STORED.is_valid({"format": "commissioning.stakeholder-map", "format_version": 2})
    bad = {
        "format": "commissioning.stakeholders",
        "format_version": 1,
        "stakeholders": [{"id": "a", "name": "A", "kind": "resident", "power": 11}],
        "relationships": [],
    }
    assert not SNAPSHOT.is_valid(bad)
    names = {json_schema(n)["title"] for n in ("stakeholder-map", "stakeholders")}
    assert names == {"commissioning.stakeholder-map", "commissioning.stakeholders"}
