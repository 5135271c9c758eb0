"""Outcome frameworks, their evidence gaps, roll-ups and logic models."""

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given

from commissioning import InvalidInput
from commissioning.outcomes import (
    Assumption,
    Baseline,
    LogicElement,
    LogicModel,
    LogicStage,
    Measure,
    ObservationLog,
    Outcome,
    OutcomeFramework,
    OutcomeLevel,
    Rag,
    ReportingPeriod,
    RollupRule,
    rollup,
)
from commissioning.strategies import observation_logs, outcome_frameworks

FY = ReportingPeriod.financial_year(2025)
AT = pendulum.datetime(2026, 5, 1)
ON = pendulum.Date(2026, 6, 1)


def _ascof() -> OutcomeFramework:
    """A slice of ASCOF (reference: "National outcome frameworks")."""
    m1a = Measure.create(
        "1A",
        "Social care related quality of life",
        unit="score out of 24",
        direction="higher",
        frequency="financial-year",
        baseline=Baseline.from_values(
            "19.0", pendulum.Date(2025, 3, 31), forecast=[(pendulum.Date(2026, 3, 31), "18.8")]
        ),
        targets=[("19.2", FY.end)],
    )
    m2b = Measure.create(
        "2B",
        "At home 91 days after reablement",
        unit="%",
        direction="higher",
        frequency="financial-year",
        baseline=("82", pendulum.Date(2025, 3, 31)),
        targets=[(85, FY.end)],
    )
    m2c = Measure.create(
        "2C",
        "Permanent admissions to care homes, 65+",
        unit="per 100,000",
        direction="lower",
        frequency="financial-year",
        targets=[(560, FY.end)],
    )
    return OutcomeFramework(
        "ASCOF",
        (
            Outcome(
                "qol",
                "Quality of life",
                OutcomeLevel.POPULATION_RESULT,
                measure_ids=("1A",),
                priority=1,
            ),
            Outcome("independence", "Independence", OutcomeLevel.POPULATION_RESULT, priority=2),
            Outcome(
                "reablement",
                "Reablement keeps people at home",
                parent="independence",
                measure_ids=("2B",),
                priority=1,
            ),
            Outcome(
                "admissions",
                "Fewer care home admissions",
                parent="independence",
                measure_ids=("2C",),
                priority=2,
            ),
        ),
        (m1a, m2b, m2c),
    )


def test_define_the_outcome_evidence_lists_outcomes_without_a_baseline() -> None:
    fw = _ascof()
    assert [o.id for o in fw.outcomes_without_baseline()] == ["independence", "admissions"]
    assert [m.id for m in fw.measures_without_baseline()] == ["2C"]
    gaps = {(g.kind, g.subject) for g in fw.gaps()}
    # 2B has a baseline but no forecast; 2C has none at all; every outcome has a priority
    assert gaps == {("no-baseline-forecast", "2B"), ("no-baseline", "2C")}
    assert [m.id for m in fw.measures_for("independence")] == ["2B", "2C"]
    assert fw.outcomes_without_measures() == ()


def test_measuring_the_impact_evidence_lists_measures_not_yet_observed() -> None:
    fw = _ascof()
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("2B", FY, 84, at=AT, actor="analyst")[0]
    missing = {g.subject for g in fw.gaps(log, on=ON) if g.kind == "no-observations"}
    assert missing == {"1A", "2C"}
    with pytest.raises(InvalidInput):
        fw.gaps(log)


def test_a_framework_reports_every_structural_problem_at_once() -> None:
    m = Measure.create("m", "m", unit="n", direction="higher", frequency="monthly")
    with pytest.raises(InvalidInput) as err:
        OutcomeFramework(
            "bad",
            (Outcome("a", "A", parent="missing", measure_ids=("nope",)), Outcome("a", "again")),
            (m,),
        )
    fields = {p.field for p in err.value.problems}
    assert fields == {"outcomes[1].id", "outcomes[0].parent", "outcomes[0].measure_ids[0]"}


def test_a_cycle_of_parents_is_refused() -> None:
    with pytest.raises(InvalidInput):
        OutcomeFramework("loop", (Outcome("a", "A", parent="b"), Outcome("b", "B", parent="a")))


def test_roll_up_worst_of_and_weighted_state_their_rule() -> None:
    fw = _ascof()
    # 1A 19.3 green (target 19.2); 2B 80 amber (short 5, allowance 10% of 85 = 8.5);
    # 2C 620 red (short 60, allowance 10% of 560 = 56)
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("1A", FY, "19.3", at=AT, actor="analyst")[0]
        .record("2B", FY, 80, at=AT, actor="analyst")[0]
        .record("2C", FY, 620, at=AT, actor="analyst")[0]
    )
    worst = rollup(fw, log, on=ON)
    assert worst.measures["2C"].rag.status is Rag.RED
    assert worst.outcomes["reablement"].status is Rag.AMBER
    assert worst.outcomes["independence"].status is Rag.RED
    assert worst.status is Rag.RED
    assert worst.rule.startswith("worst-of")
    # weighted: independence = (amber 1 * 3 + red 0 * 1) / 4 = 0.75 -> amber
    weighted = rollup(fw, log, on=ON, rule=RollupRule.weighted({"reablement": 3}))
    assert weighted.outcomes["independence"].score == Decimal("0.75")
    assert weighted.outcomes["independence"].status is Rag.AMBER
    # overall: qol green (2) and independence amber (1) -> 1.5 -> green
    assert weighted.status is Rag.GREEN


def test_roll_up_lists_contributors_without_a_status_as_missing() -> None:
    fw = _ascof()
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("2B", FY, 90, at=AT, actor="analyst")[0]
    result = rollup(fw, log, on=ON)
    assert result.outcomes["independence"].missing == ("admissions",)
    assert result.outcomes["independence"].status is Rag.GREEN
    assert result.outcomes["qol"].status is None
    assert result.to_records()[0]["outcome_id"] == "qol"


@given(outcome_frameworks(), observation_logs(measure_ids=None))
def test_worst_of_is_never_better_than_any_contributor(
    fw: OutcomeFramework, log: ObservationLog
) -> None:
    result = rollup(fw, log, on=pendulum.Date(2026, 12, 31))
    for r in result.outcomes.values():
        for status in r.contributors.values():
            assert r.status is not None
            assert r.status.score <= status.score


def _reablement_model() -> LogicModel:
    return LogicModel.from_items(
        "Reablement",
        elements=[
            LogicElement("staff", LogicStage.INPUTS, "Reablement workers", leads_to=("visits",)),
            LogicElement(
                "visits", LogicStage.ACTIVITIES, "Home visits", leads_to=("plans", "calls")
            ),
            LogicElement("plans", LogicStage.OUTPUTS, "Completed plans", leads_to=("home",)),
            LogicElement("calls", LogicStage.OUTPUTS, "Follow-up calls"),
            LogicElement(
                "home",
                LogicStage.OUTCOMES,
                "At home after 91 days",
                leads_to=("indep",),
                measure_ids=("2B", "9Z"),
            ),
            LogicElement("indep", LogicStage.IMPACT, "Independence"),
        ],
        assumptions=[
            Assumption("a1", "Hospitals refer promptly", about=("visits",), external=True),
        ],
    )


def test_a_logic_model_traces_inputs_to_impact_and_shows_its_gaps() -> None:
    lm = _reablement_model()
    assert lm.chains_to_impact("staff") == (("staff", "visits", "plans", "home", "indep"),)
    assert [e.id for e in lm.dead_ends()] == ["calls"]
    assert lm.unknown_measures(_ascof()) == ("9Z",)
    assert [a.id for a in lm.assumptions_about("visits")] == ["a1"]
    assert sorted(lm.as_graph().edges) == sorted(
        [
            ("staff", "visits"),
            ("visits", "plans"),
            ("visits", "calls"),
            ("plans", "home"),
            ("home", "indep"),
        ]
    )


def test_a_logic_model_only_links_forward() -> None:
    with pytest.raises(InvalidInput) as err:
        LogicModel.from_items(
            "backwards",
            elements=[
                LogicElement("o", LogicStage.OUTCOMES, "outcome", leads_to=("a",)),
                LogicElement("a", LogicStage.ACTIVITIES, "activity", leads_to=("ghost",)),
            ],
        )
    assert {p.field for p in err.value.problems} == {
        "elements[0].leads_to[0]",
        "elements[1].leads_to[0]",
    }


def test_observations_at_another_frequency_than_the_measure_are_a_gap() -> None:
    fw = _ascof()
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("2B", ReportingPeriod.quarter(2025, 2), 84, at=AT, actor="analyst")[0]
    mismatches = [g for g in fw.gaps(log, on=ON) if g.kind == "frequency-mismatch"]
    assert [(g.subject, g.message) for g in mismatches] == [
        ("2B", "measure '2B' is reported financial-year but observed quarterly")
    ]
