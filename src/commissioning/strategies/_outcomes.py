"""Hypothesis strategies for the outcomes area (``commissioning.outcomes``).

Each public value type is registered with ``st.register_type_strategy`` when
this module is imported, so ``st.from_type(T)`` works for reporting periods,
measures, observation logs, rating bands, frameworks, outcomes contracts and
INDIGO projects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from commissioning.outcomes import (
    Assumption,
    Baseline,
    ContractForm,
    ContractKpi,
    ContractKpis,
    Direction,
    Frequency,
    IndigoOutcomeMetric,
    IndigoOutcomePayment,
    IndigoOutcomePricing,
    IndigoPaymentCommitment,
    IndigoProject,
    IndigoResult,
    LogicElement,
    LogicModel,
    LogicStage,
    Measure,
    Observation,
    ObservationLog,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    PaymentKind,
    PublicationStatus,
    Published,
    RatingBands,
    ReportingPeriod,
    Target,
    Tolerance,
)

__all__ = [
    "contract_kpis",
    "indigo_projects",
    "logic_models",
    "measured_values",
    "observation_logs",
    "outcome_frameworks",
    "outcome_measures",
    "outcomes_contracts",
    "rating_bands",
    "reporting_periods",
]

_START = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def measured_values(
    *, min_value: int = -(10**6), max_value: int = 10**6, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Exact measured values with at most ``places`` decimal places.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(measured_values(min_value=0, max_value=1))
        ... def test_in_range(v):
        ...     assert 0 <= v <= 1
        >>> test_in_range()
    """
    scale = 10**places
    return st.integers(min_value * scale, max_value * scale).map(
        lambda n: Decimal(n).scaleb(-places)
    )


def reporting_periods(
    *,
    frequencies: st.SearchStrategy[Frequency] | None = None,
    min_year: int = 1990,
    max_year: int = 2100,
) -> st.SearchStrategy[ReportingPeriod]:
    """Reporting periods of any frequency (or those drawn from ``frequencies``).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(reporting_periods())
        ... def test_contains_its_ends(p):
        ...     assert p.contains(p.start) and p.contains(p.end)
        >>> test_contains_its_ends()
    """
    kinds = st.sampled_from(Frequency) if frequencies is None else frequencies
    days = st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))
    return st.builds(ReportingPeriod.containing, kinds, days)


@st.composite
def _targets(draw: st.DrawFn, values: st.SearchStrategy[Decimal]) -> tuple[Target, ...]:
    dues = draw(
        st.lists(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), max_size=3, unique=True)
    )
    return tuple(Target(draw(values), pendulum.Date(d.year, d.month, d.day)) for d in sorted(dues))


def outcome_measures(
    *,
    ids: st.SearchStrategy[str] | None = None,
    directions: st.SearchStrategy[Direction] | None = None,
    frequencies: st.SearchStrategy[Frequency] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
) -> st.SearchStrategy[Measure]:
    """Measures with up to three targets (no baseline), in either direction.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(outcome_measures())
        ... def test_targets_in_order(m):
        ...     assert [t.due for t in m.targets] == sorted(t.due for t in m.targets)
        >>> test_targets_in_order()
    """
    values_ = measured_values(min_value=0, max_value=1000) if values is None else values
    return st.builds(
        Measure,
        id=st.from_regex(r"[A-Z][0-9A-Z]{0,3}", fullmatch=True) if ids is None else ids,
        name=st.just("a measure"),
        unit=st.sampled_from(["%", "count", "per 100,000"]),
        direction=st.sampled_from(Direction) if directions is None else directions,
        frequency=st.sampled_from(Frequency) if frequencies is None else frequencies,
        targets=_targets(values_),
    )


@st.composite
def _logs(
    draw: st.DrawFn,
    measure_ids: st.SearchStrategy[str],
    periods: st.SearchStrategy[ReportingPeriod],
    values: st.SearchStrategy[Decimal],
    max_events: int,
    log_ids: st.SearchStrategy[str],
) -> ObservationLog:
    at = _START
    actors = st.sampled_from(["analyst", "data team"])
    log, _ = ObservationLog.create(draw(log_ids), at=at, actor=draw(actors))
    for _ in range(draw(st.integers(0, max_events))):
        measure_id, period = draw(measure_ids), draw(periods)
        at = at + dt.timedelta(hours=draw(st.integers(0, 24 * 40)))
        who = draw(actors)
        if log.value(measure_id, period) is None:
            log, _ = log.record(
                measure_id, period, draw(values), at=at, actor=who, source="strategy"
            )
        elif draw(st.booleans()):
            log, _ = log.revise(
                measure_id, period, draw(values), at=at, actor=who, source="strategy"
            )
        else:
            log, _ = log.withdraw(measure_id, period, at=at, actor=who, source="strategy")
    return log


def observation_logs(
    *,
    measure_ids: st.SearchStrategy[str] | None = None,
    periods: st.SearchStrategy[ReportingPeriod] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    max_events: int = 12,
) -> st.SearchStrategy[ObservationLog]:
    """Valid logs created, then built by recording, revising and withdrawing in time order.

    Each log's history is its records (``create`` first), so it replays and
    round-trips through its stored form.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(observation_logs())
        ... def test_fold_has_at_most_one_value_per_key(log):
        ...     assert len(log.current()) <= len(log.observations) == log.version - 1
        >>> test_fold_has_at_most_one_value_per_key()
    """
    return _logs(
        st.sampled_from(["A", "B"]) if measure_ids is None else measure_ids,
        reporting_periods(frequencies=st.just(Frequency.MONTHLY), min_year=2024, max_year=2025)
        if periods is None
        else periods,
        measured_values(min_value=0, max_value=100) if values is None else values,
        max_events,
        st.sampled_from(["asc-returns", "kpi-returns"]),
    )


def rating_bands(
    *, relative: st.SearchStrategy[bool] | None = None
) -> st.SearchStrategy[RatingBands]:
    """Valid KPI rating bands (the Approaching band no wider than Requires improvement).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(rating_bands())
        ... def test_ordered(b):
        ...     assert b.approaching <= b.requires_improvement
        >>> test_ordered()
    """
    pair = st.tuples(
        measured_values(min_value=0, max_value=50), measured_values(min_value=0, max_value=50)
    )
    return st.builds(
        lambda ab, rel: RatingBands(min(ab), max(ab), rel),
        pair,
        st.booleans() if relative is None else relative,
    )


@st.composite
def _frameworks(draw: st.DrawFn, max_outcomes: int) -> OutcomeFramework:
    measures = draw(st.lists(outcome_measures(), max_size=4, unique_by=lambda m: m.id))
    count = draw(st.integers(0, max_outcomes))
    outcomes = []
    for i in range(count):
        parent = draw(st.none() | st.integers(0, i - 1).map(lambda j: f"o{j}")) if i else None
        chosen = (
            draw(st.lists(st.sampled_from([m.id for m in measures]), unique=True))
            if measures
            else []
        )
        outcomes.append(Outcome(f"o{i}", f"outcome {i}", parent=parent, measure_ids=tuple(chosen)))
    return OutcomeFramework("framework", tuple(outcomes), tuple(measures))


def outcome_frameworks(*, max_outcomes: int = 5) -> st.SearchStrategy[OutcomeFramework]:
    """Valid frameworks: a forest of outcomes over a few measures.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(outcome_frameworks())
        ... def test_roots_have_no_parent(fw):
        ...     assert all(o.parent is None for o in fw.roots)
        >>> test_roots_have_no_parent()
    """
    return _frameworks(max_outcomes)


def _money(max_pence: int) -> st.SearchStrategy[Decimal]:
    return st.integers(0, max_pence).map(lambda p: Decimal(p).scaleb(-2))


@st.composite
def _contracts(draw: st.DrawFn, periods: st.SearchStrategy[ReportingPeriod]) -> OutcomesContract:
    count = draw(st.integers(0, 3))
    metrics = tuple(
        OutcomeMetric(
            f"M{i + 1}",
            f"outcome {i + 1}",
            draw(_money(500_000)),
            draw(st.none() | _money(5_000_000)),
        )
        for i in range(count)
    )
    form = draw(st.sampled_from(ContractForm))
    at = _START
    contract, _ = OutcomesContract(
        "contract",
        "an outcomes contract",
        form,
        metrics,
        draw(st.none() | _money(10_000_000)),
        payer="payer",
        provider="provider",
        investor="investor" if form.needs_investor else None,
    ).started(at=at, actor="commissioner")
    for _ in range(draw(st.integers(0, 4))):
        at = at + dt.timedelta(days=draw(st.integers(0, 100)))
        metric_id = draw(st.sampled_from([m.id for m in metrics])) if metrics else None
        period = draw(periods)
        planned = OutcomePayment(
            period, draw(_money(1_000_000)), PaymentKind.PLANNED, metric_id, "payer"
        )
        contract, _ = contract.record_payment(planned, at=at, actor="commissioner")
        limits = [Decimal(10_000)]
        if contract.max_outcome_payment is not None:
            limits.append(contract.max_outcome_payment - contract.paid())
        if metric_id is not None:
            cap = contract.metric(metric_id).cap
            if cap is not None:
                limits.append(cap - contract.paid(metric_id=metric_id))
        limit = max(min(limits), Decimal(0))
        actual = draw(_money(int(limit * 100)))
        contract, _ = contract.record_payment(
            OutcomePayment(period, actual, PaymentKind.ACTUAL, metric_id, "payer", "provider"),
            at=at,
            actor="finance",
        )
    return contract


def outcomes_contracts(
    *, periods: st.SearchStrategy[ReportingPeriod] | None = None
) -> st.SearchStrategy[OutcomesContract]:
    """Valid outcomes contracts, started, with planned and actual payments that respect every cap.

    Each contract's history is its ``start`` record and one ``record_payment``
    record per payment, in time order, so it replays and round-trips.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(outcomes_contracts())
        ... def test_within_overall_cap(c):
        ...     assert c.max_outcome_payment is None or c.paid() <= c.max_outcome_payment
        >>> test_within_overall_cap()
    """
    return _contracts(
        reporting_periods(frequencies=st.just(Frequency.QUARTERLY), min_year=2024, max_year=2026)
        if periods is None
        else periods
    )


_STATUS = st.none() | st.sampled_from(
    [PublicationStatus.PUBLIC, PublicationStatus.PRIVATE, PublicationStatus.DISPUTED]
)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_NUMBER = st.integers(-(10**9), 10**9).map(lambda n: Decimal(n).scaleb(-2))
_DATE_TEXT = st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)


def _pub(values: st.SearchStrategy[object]) -> st.SearchStrategy[Published[object] | None]:
    return st.none() | st.builds(Published, st.none() | values, _STATUS)


_ITEM_STATUS = st.none() | st.sampled_from(PublicationStatus)


def indigo_projects() -> st.SearchStrategy[IndigoProject]:
    """INDIGO projects with any subset of the modelled fields, statuses, list items and unmodelled keys.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(indigo_projects())
        ... def test_round_trip(p):
        ...     assert IndigoProject.from_indigo(p.to_indigo()) == p
        >>> test_round_trip()
    """
    period = {"period_start": _pub(_DATE_TEXT), "period_end": _pub(_DATE_TEXT)}
    metric = st.builds(
        IndigoOutcomeMetric,
        id=st.none() | _TEXT,
        definition=_pub(_TEXT),
        targeted_number=_pub(_NUMBER),
        target=_pub(_TEXT),
        validation_method=_pub(_TEXT),
        status=_ITEM_STATUS,
    )
    pricing = st.builds(
        IndigoOutcomePricing,
        outcome_metric_id=_pub(_TEXT),
        currency=_pub(st.just("GBP")),
        price_per_unit=_pub(_NUMBER),
        maximum_price=_pub(_TEXT),
        status=_ITEM_STATUS,
    )
    commitment = st.builds(
        IndigoPaymentCommitment,
        organisation_id=_pub(_TEXT),
        maximum_potential_outcome_payment=_pub(_NUMBER),
        result_type=_pub(st.sampled_from(["Interim", "Overall"])),
        total_outcome_payments=_pub(_NUMBER),
        status=_ITEM_STATUS,
        **period,
    )
    payment = st.builds(
        IndigoOutcomePayment,
        outcome_metric_id=_pub(_TEXT),
        payer_organisation_id=_pub(_TEXT),
        type=_pub(st.sampled_from(["Planned", "Actual"])),
        currency=_pub(st.just("GBP")),
        amount=_pub(_NUMBER),
        status=_ITEM_STATUS,
        **period,
    )
    result = st.builds(
        IndigoResult,
        outcome_metric_id=_pub(_TEXT),
        result_type=_pub(st.sampled_from(["Interim", "Final"])),
        outcomes_achieved=_pub(_TEXT),
        number_engaged=_pub(_NUMBER),
        number_with_positive_outcomes=_pub(_NUMBER),
        status=_ITEM_STATUS,
        **period,
    )

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-1000, 1000) | _TEXT,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
        max_leaves=6,
    )
    extras = st.dictionaries(
        st.sampled_from(["id", "notes", "investments", "sources", "documents"]),
        json_values,
        max_size=3,
    )

    def items(s: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...] | None]:
        return st.none() | st.lists(s, max_size=2).map(tuple)

    return st.builds(
        IndigoProject,
        name=_pub(_TEXT),
        stage=_pub(
            st.sampled_from(
                ["Contracted", "Implementation", "Service delivery complete", "Complete"]
            )
        ),
        outcomes_contract_signed=_pub(_DATE_TEXT),
        start_date_of_service_provision=_pub(_DATE_TEXT),
        policy_sector=_pub(st.sampled_from(["Health", "Homelessness", "Employment and training"])),
        targeted_service_users=_pub(st.integers(0, 10**6).map(Decimal)),
        actual_service_users=_pub(st.integers(0, 10**6).map(Decimal)),
        max_outcome_payment_currency=_pub(st.just("GBP")),
        max_outcome_payment=_pub(_NUMBER),
        total_outcome_payments_made=_pub(_NUMBER),
        outcome_metrics=items(metric),
        outcome_pricings=items(pricing),
        outcome_payment_commitments=items(commitment),
        outcome_payments=items(payment),
        results=items(result),
        status=st.none()
        | st.sampled_from(
            [PublicationStatus.PUBLIC, PublicationStatus.PRIVATE, PublicationStatus.DISPUTED]
        ),
        extra=extras,
    )


def contract_kpis(
    *, values: st.SearchStrategy[Decimal] | None = None, max_kpis: int = 5
) -> st.SearchStrategy[ContractKpis]:
    """Contracts' KPIs: up to ``max_kpis`` measures with distinct ids and materiality ranks.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(contract_kpis())
        ... def test_most_material_first(k):
        ...     assert [x.materiality for x in k.kpis] == sorted(x.materiality for x in k.kpis)
        >>> test_most_material_first()
    """
    money = _money(10**10) if values is None else values

    @st.composite
    def build(draw: st.DrawFn) -> ContractKpis:
        measures = draw(st.lists(outcome_measures(), max_size=max_kpis, unique_by=lambda m: m.id))
        ranks = draw(st.permutations(range(1, len(measures) + 1)))
        kpis = tuple(ContractKpi(m, r) for m, r in zip(measures, ranks, strict=True))
        return ContractKpis("contract", draw(money), kpis)

    return build()


_STAGES = list(LogicStage)


def logic_models(*, max_elements: int = 6) -> st.SearchStrategy[LogicModel]:
    """Valid logic models: elements linked only forward along the Magenta Book chain.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(logic_models())
        ... def test_impact_elements_are_their_own_chain(lm):
        ...     for e in lm.at(LogicStage.IMPACT):
        ...         assert lm.chains_to_impact(e.id) == ((e.id,),)
        >>> test_impact_elements_are_their_own_chain()
    """

    @st.composite
    def build(draw: st.DrawFn) -> LogicModel:
        stages = sorted(
            draw(st.lists(st.sampled_from(_STAGES), max_size=max_elements)), key=lambda x: x.order
        )
        elements: list[LogicElement] = []
        for i in reversed(range(len(stages))):
            later = [e.id for e in elements if e.stage.order > stages[i].order]
            links = draw(st.lists(st.sampled_from(later), unique=True, max_size=2)) if later else []
            elements.append(LogicElement(f"e{i}", stages[i], f"element {i}", tuple(links)))
        ids = [e.id for e in elements]
        assumptions = tuple(
            Assumption(
                f"a{j}", "an assumption", tuple(draw(st.lists(st.sampled_from(ids), max_size=2)))
            )
            for j in range(draw(st.integers(0, 2) if ids else st.just(0)))
        )
        return LogicModel("logic model", tuple(reversed(elements)), assumptions)

    return build()


_DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)
st.register_type_strategy(Target, st.builds(Target, measured_values(), _DAYS))
st.register_type_strategy(
    Tolerance, st.builds(Tolerance, measured_values(min_value=0, max_value=100), st.booleans())
)
st.register_type_strategy(
    Baseline,
    st.builds(Baseline.from_values, measured_values(), _DAYS),
)
st.register_type_strategy(
    Observation,
    st.builds(
        Observation,
        st.sampled_from(["A", "B"]),
        reporting_periods(),
        measured_values(),
        st.datetimes(
            dt.datetime(2020, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds plus timezones=
            dt.datetime(2035, 1, 1),  # noqa: DTZ001 - as above
            timezones=st.just(dt.UTC),
        ),
    ),
)
st.register_type_strategy(
    Outcome,
    st.builds(Outcome, st.from_regex(r"o[0-9]{1,3}", fullmatch=True), st.just("an outcome")),
)
st.register_type_strategy(
    OutcomeMetric,
    st.builds(
        OutcomeMetric,
        st.from_regex(r"M[0-9]{1,2}", fullmatch=True),
        st.just("an outcome"),
        _money(500_000),
        st.none() | _money(5_000_000),
    ),
)
st.register_type_strategy(
    OutcomePayment,
    st.builds(OutcomePayment, reporting_periods(), _money(1_000_000), st.sampled_from(PaymentKind)),
)
st.register_type_strategy(ContractKpis, contract_kpis())
st.register_type_strategy(LogicModel, logic_models())
st.register_type_strategy(ReportingPeriod, reporting_periods())
st.register_type_strategy(Measure, outcome_measures())
st.register_type_strategy(ObservationLog, observation_logs())
st.register_type_strategy(RatingBands, rating_bands())
st.register_type_strategy(OutcomeFramework, outcome_frameworks())
st.register_type_strategy(OutcomesContract, outcomes_contracts())
st.register_type_strategy(IndigoProject, indigo_projects())
