"""Every cycle loader answers hostile input with a typed error or a value that round-trips (issue 17).

Loaders: ``CommissioningCycle.from_data``, ``Framework.from_data``,
``evidence_from_data`` and each evidence class's ``from_data``,
``Approval.from_data``, ``LineageLink.from_data``. Inputs: garbage JSON from
``st.recursive``, and random edits (replace, delete, add, retype) of the
library's own ``to_data()`` output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commissioning import CommissioningError
from commissioning.cycle import (
    Approval,
    ApprovalRule,
    CommissioningCycle,
    Framework,
    ImpactMeasurement,
    LineageLink,
    Requirement,
    cabinet_office,
    evidence_from_data,
    example_lineage,
)
from commissioning.procurement import procedure
from commissioning.strategies import (
    cycle_documents,
    cycle_evidence,
    hostile_edits,
    simple_procedure_machine,
)

OWN = [simple_procedure_machine()]

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**80), max_value=10**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "",
            "2026-13-01",
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:30:00-01:00",
            "2026-01-05T09:00:00",
            "2026-01-05",
            "1e999999",
            "sNaN",
            "question",
            "record",
            "start",
            "procuring",
        ]
    )
)
JSON = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _typed_or_round_trips(load: Callable[[Any], Any], dump: Callable[[Any], Any], doc: Any) -> None:
    try:
        value = load(doc)
    except CommissioningError:
        return
    again = dump(value)
    json.dumps(again, allow_nan=False)  # what was accepted is strict JSON again
    assert load(json.loads(json.dumps(again))) == value


def _load_cycle(doc: Any) -> CommissioningCycle:
    return CommissioningCycle.from_data(doc, procedures=OWN)


def _load_framework(doc: Any) -> Framework:
    return Framework.from_data(doc, procedures=OWN)


FIRST, SECOND = example_lineage()
# Small documents keep each example cheap: the first cycle's first records, the second cycle whole.
SHORT = CommissioningCycle.replay(FIRST.history[:9])
CYCLE_DOCS = [SHORT.to_data(), SECOND.to_data()]
FRAMEWORK_DOCS = [
    cabinet_office(procedures=[procedure("pa-open")]).to_data(),
    cabinet_office(procedures=OWN).to_data(),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
@example(None)
@example([[[[]]]])
@example({"format": "commissioning.cycle", "format_version": 1, "id": "x", "records": None})
@example({"format": "commissioning.cycle", "format_version": True, "id": "x", "records": []})
def test_garbage_is_refused_with_a_typed_error(doc: Any) -> None:
    for load, dump in (
        (_load_cycle, CommissioningCycle.to_data),
        (_load_framework, Framework.to_data),
        (evidence_from_data, lambda e: e.to_data()),
        (Approval.from_data, Approval.to_data),
        (LineageLink.from_data, LineageLink.to_data),
        (Requirement.from_data, Requirement.to_data),
        (ApprovalRule.from_data, ApprovalRule.to_data),
    ):
        _typed_or_round_trips(load, dump, doc)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_edits(st.sampled_from(CYCLE_DOCS)))
def test_edited_cycles_are_refused_or_round_trip(doc: Any) -> None:
    _typed_or_round_trips(_load_cycle, CommissioningCycle.to_data, doc)


@settings(max_examples=80, deadline=None)
@given(hostile_edits(st.sampled_from(FRAMEWORK_DOCS)))
def test_edited_frameworks_are_refused_or_round_trip(doc: Any) -> None:
    _typed_or_round_trips(_load_framework, Framework.to_data, doc)


@settings(max_examples=80, deadline=None)
@given(hostile_edits(cycle_evidence().map(lambda e: e.to_data())))
def test_edited_evidence_is_refused_or_round_trips(doc: Any) -> None:
    _typed_or_round_trips(evidence_from_data, lambda e: e.to_data(), doc)


@settings(max_examples=60, deadline=None)
@given(hostile_edits(st.sampled_from([SECOND.lineage.to_data(), FIRST.approvals[0].to_data()])))  # type: ignore[union-attr]
def test_edited_links_and_approvals_are_refused_or_round_trip(doc: Any) -> None:
    _typed_or_round_trips(LineageLink.from_data, LineageLink.to_data, doc)
    _typed_or_round_trips(Approval.from_data, Approval.to_data, doc)


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        (
            {
                "kind": "impact",
                "summary": "x",
                "on": "2026-01-05",
                "observations": [{"outcome": "o"}],
            },
            "evidence.observations[0].measure",
        ),
        ({"kind": "question", "question": "Q", "scope": "S", "on": "0001-01-01"}, "evidence.on"),
        (
            {
                "kind": "question",
                "question": "Q",
                "scope": "S",
                "on": "2026-01-05",
                "estimated_value": 10**5000,
            },
            "evidence.estimated_value",
        ),
        (
            {"kind": "question", "question": "Q", "scope": "S", "on": "2026-01-05", "extra": 1},
            "evidence.extra",
        ),
    ],
)
def test_the_error_names_the_path(doc: Any, path: str) -> None:
    with pytest.raises(CommissioningError) as info:
        evidence_from_data(doc)
    assert path in str(info.value)


def test_the_escape_reported_in_issue_17_is_a_typed_error() -> None:
    # Before: ImpactObservation.__init__() missing 1 required positional argument.
    doc = ImpactMeasurement("m", FIRST.started_at.date()).to_data()
    doc["observations"] = [{"outcome": "fed", "measure": "m", "value": "3"}]
    with pytest.raises(CommissioningError, match=r"observations\[0\]\.period_end"):
        evidence_from_data(doc)


def test_a_deep_document_is_a_typed_error_not_a_recursion_error() -> None:
    deep: Any = {"kind": "question"}
    for _ in range(5000):
        deep = {"question": deep}
    with pytest.raises(CommissioningError, match="levels of nesting"):
        evidence_from_data(deep)
    with pytest.raises(CommissioningError, match="levels of nesting"):
        Framework.from_data(deep)


@settings(max_examples=60, deadline=None)
@given(
    hostile_edits(
        st.sampled_from(
            [
                Requirement("engagement", at_least=2, groups=("carers",), rung="co-design").to_data(),
                ApprovalRule("route", "cabinet", above=Decimal(500000)).to_data(),
            ]
        )
    )
)
def test_edited_requirements_and_rules_are_refused_or_round_trip(doc: Any) -> None:
    _typed_or_round_trips(Requirement.from_data, Requirement.to_data, doc)
    _typed_or_round_trips(ApprovalRule.from_data, ApprovalRule.to_data, doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cycle_documents(hostile=True))
def test_the_public_hostile_cycle_documents_are_refused_or_round_trip(doc: Any) -> None:
    _typed_or_round_trips(_load_cycle, CommissioningCycle.to_data, doc)


@settings(max_examples=15, deadline=None)
@given(cycle_documents())
def test_the_public_cycle_documents_load(doc: Any) -> None:
    assert _load_cycle(doc).to_data() == doc
