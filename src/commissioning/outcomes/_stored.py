"""Stored forms of the outcomes values a user keeps: measures, frameworks, logic models, contract KPIs.

Each value's ``to_data()`` writes a JSON-compatible ``dict`` with ``format`` and
``format_version`` first; ``from_data`` reads it back through
`commissioning._reader.Reader`, so anything that is not the format
raises [`InvalidInput`][commissioning.InvalidInput] naming its path
(``measures[2].targets[0].due``). Numbers are exact decimal strings, days
ISO 8601 (``YYYY-MM-DD``), enums their values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._aggregate import check_format
from .._placing import placed
from .._reader import Reader, check_json

if TYPE_CHECKING:
    from ._framework import Outcome, OutcomeFramework
    from ._judgements import RatingBands
    from ._kpis import ContractKpi, ContractKpis
    from ._logic_model import LogicModel
    from ._measures import Baseline, Measure, Point, Target, Tolerance

__all__ = [
    "FORMATS",
    "bands_from",
    "bands_to_data",
    "load",
    "measure_from",
    "measure_to_data",
    "stored",
]


#: Each value's stored-form name; every one is at format version 1.
FORMATS = {
    "Measure": "commissioning.outcome-measure",
    "OutcomeFramework": "commissioning.outcome-framework",
    "LogicModel": "commissioning.logic-model",
    "ContractKpis": "commissioning.contract-kpis",
}
_VERSION = 1


def stored(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` under the ``format`` and ``format_version`` of ``kind`` (a class name in `FORMATS`)."""
    return {"format": FORMATS[kind], "format_version": _VERSION, **body}


def load(kind: str, data: Any, read: Any) -> Any:
    """Check ``data`` (JSON-compatible, within limits, the right format) and ``read`` its body."""
    check_json(data)
    check_format(data, format_name=FORMATS[kind], versions=(_VERSION,))
    reader = Reader(data)
    return placed(reader, lambda: read(reader))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _optional(reader: Reader, name: str, read: Any) -> Any:
    found = reader.get(name)
    return None if found is None else read(found)


# -- measures ---------------------------------------------------------------------------------


def _point_to_data(p: Point) -> dict[str, Any]:
    return {"on": p.on.isoformat(), "value": str(p.value)}


def _point_from(r: Reader) -> Point:
    from ._measures import Point  # noqa: PLC0415 - the value modules import this one

    r.only_keys({"on", "value"})
    return placed(r, lambda: Point(r.key("on").day(), r.key("value").decimal()))


def _baseline_to_data(b: Baseline) -> dict[str, Any]:
    return {
        "value": str(b.value),
        "on": b.on.isoformat(),
        "history": [_point_to_data(p) for p in b.history],
        "forecast": [_point_to_data(p) for p in b.forecast],
        "source": b.source,
    }


def _baseline_from(r: Reader) -> Baseline:
    from ._measures import Baseline  # noqa: PLC0415 - as above

    r.only_keys({"value", "on", "history", "forecast", "source"})
    return placed(
        r,
        lambda: Baseline(
            r.key("value").decimal(),
            r.key("on").day(),
            tuple(_point_from(p) for p in r.key("history").each()),
            tuple(_point_from(p) for p in r.key("forecast").each()),
            r.key("source").text(),
        ),
    )


def _target_to_data(t: Target) -> dict[str, Any]:
    return {"value": str(t.value), "due": t.due.isoformat(), "label": t.label}


def _target_from(r: Reader) -> Target:
    from ._measures import Target  # noqa: PLC0415 - as above

    r.only_keys({"value", "due", "label"})
    return placed(
        r, lambda: Target(r.key("value").decimal(), r.key("due").day(), r.key("label").text())
    )


def _tolerance_to_data(t: Tolerance) -> dict[str, Any]:
    return {"amber": str(t.amber), "relative": t.relative}


def _tolerance_from(r: Reader) -> Tolerance:
    from ._measures import Tolerance  # noqa: PLC0415 - as above

    r.only_keys({"amber", "relative"})
    return placed(r, lambda: Tolerance(r.key("amber").decimal(), r.key("relative").boolean()))


def measure_to_data(m: Measure) -> dict[str, Any]:
    """A measure's body (no ``format``): every attribute, JSON-compatible."""
    return {
        "id": m.id,
        "name": m.name,
        "unit": m.unit,
        "direction": m.direction.value,
        "frequency": m.frequency.value,
        "definition": m.definition,
        "data_source": m.data_source,
        "kind": m.kind.value,
        "rba": None if m.rba is None else m.rba.value,
        "baseline": None if m.baseline is None else _baseline_to_data(m.baseline),
        "targets": [_target_to_data(t) for t in m.targets],
        "tolerance": None if m.tolerance is None else _tolerance_to_data(m.tolerance),
    }


_MEASURE_KEYS = frozenset(
    {
        "id", "name", "unit", "direction", "frequency", "definition", "data_source", "kind",
        "rba", "baseline", "targets", "tolerance",
    }
)  # fmt: skip


def measure_from(r: Reader) -> Measure:
    """The measure whose body `measure_to_data` wrote, read at ``r``'s path."""
    from ._measures import Direction, Measure, MeasureKind, RbaCategory  # noqa: PLC0415 - as above
    from ._periods import Frequency  # noqa: PLC0415 - as above

    r.only_keys(_MEASURE_KEYS | {"format", "format_version"})
    return placed(
        r,
        lambda: Measure(
            r.key("id").text(non_empty=True),
            r.key("name").text(),
            r.key("unit").text(),
            r.key("direction").enum(Direction),
            r.key("frequency").enum(Frequency),
            r.key("definition").text(),
            r.key("data_source").text(),
            r.key("kind").enum(MeasureKind),
            _optional(r, "rba", lambda x: x.enum(RbaCategory)),
            _optional(r, "baseline", _baseline_from),
            tuple(_target_from(t) for t in r.key("targets").each()),
            _optional(r, "tolerance", _tolerance_from),
        ),
    )


# -- frameworks --------------------------------------------------------------------------------


def _outcome_to_data(o: Outcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "name": o.name,
        "level": o.level.value,
        "parent": o.parent,
        "measure_ids": list(o.measure_ids),
        "priority": o.priority,
        "description": o.description,
    }


def _outcome_from(r: Reader) -> Outcome:
    from ._framework import Outcome, OutcomeLevel  # noqa: PLC0415 - as above

    r.only_keys({"id", "name", "level", "parent", "measure_ids", "priority", "description"})
    return placed(
        r,
        lambda: Outcome(
            r.key("id").text(non_empty=True),
            r.key("name").text(),
            r.key("level").enum(OutcomeLevel),
            _optional(r, "parent", lambda x: x.text()),
            tuple(m.text() for m in r.key("measure_ids").each()),
            _optional(r, "priority", lambda x: x.integer()),
            r.key("description").text(),
        ),
    )


def framework_to_data(f: OutcomeFramework) -> dict[str, Any]:
    """An outcome framework's stored form."""
    return stored(
        "OutcomeFramework",
        {
            "name": f.name,
            "outcomes": [_outcome_to_data(o) for o in f.outcomes],
            "measures": [measure_to_data(m) for m in f.measures],
        },
    )


def framework_from(r: Reader) -> OutcomeFramework:
    """The framework `framework_to_data` wrote."""
    from ._framework import OutcomeFramework  # noqa: PLC0415 - as above

    r.only_keys({"format", "format_version", "name", "outcomes", "measures"})
    return OutcomeFramework(
        r.key("name").text(),
        tuple(_outcome_from(o) for o in r.key("outcomes").each()),
        tuple(measure_from(m) for m in r.key("measures").each()),
    )


# -- logic models ------------------------------------------------------------------------------


def logic_model_to_data(model: LogicModel) -> dict[str, Any]:
    """A logic model's stored form."""
    return stored(
        "LogicModel",
        {
            "name": model.name,
            "elements": [
                {
                    "id": e.id,
                    "stage": e.stage.value,
                    "description": e.description,
                    "leads_to": list(e.leads_to),
                    "measure_ids": list(e.measure_ids),
                }
                for e in model.elements
            ],
            "assumptions": [
                {"id": a.id, "text": a.text, "about": list(a.about), "external": a.external}
                for a in model.assumptions
            ],
        },
    )


def logic_model_from(r: Reader) -> LogicModel:
    """The logic model `logic_model_to_data` wrote."""
    from ._logic_model import Assumption, LogicElement, LogicModel, LogicStage  # noqa: PLC0415

    r.only_keys({"format", "format_version", "name", "elements", "assumptions"})

    def element(e: Reader) -> LogicElement:
        e.only_keys({"id", "stage", "description", "leads_to", "measure_ids"})
        return placed(
            e,
            lambda: LogicElement(
                e.key("id").text(non_empty=True),
                e.key("stage").enum(LogicStage),
                e.key("description").text(),
                tuple(x.text() for x in e.key("leads_to").each()),
                tuple(x.text() for x in e.key("measure_ids").each()),
            ),
        )

    def assumption(a: Reader) -> Assumption:
        a.only_keys({"id", "text", "about", "external"})
        return placed(
            a,
            lambda: Assumption(
                a.key("id").text(non_empty=True),
                a.key("text").text(),
                tuple(x.text() for x in a.key("about").each()),
                a.key("external").boolean(),
            ),
        )

    return LogicModel(
        r.key("name").text(),
        tuple(element(e) for e in r.key("elements").each()),
        tuple(assumption(a) for a in r.key("assumptions").each()),
    )


# -- contract KPIs -----------------------------------------------------------------------------


def bands_to_data(b: RatingBands) -> dict[str, Any]:
    """Rating bands as JSON-compatible data."""
    return {
        "approaching": str(b.approaching),
        "requires_improvement": str(b.requires_improvement),
        "relative": b.relative,
    }


def bands_from(r: Reader) -> RatingBands:
    """The rating bands `bands_to_data` wrote."""
    from ._judgements import RatingBands  # noqa: PLC0415 - as above

    r.only_keys({"approaching", "requires_improvement", "relative"})
    return placed(
        r,
        lambda: RatingBands(
            r.key("approaching").decimal(),
            r.key("requires_improvement").decimal(),
            r.key("relative").boolean(),
        ),
    )


def _kpi_to_data(k: ContractKpi) -> dict[str, Any]:
    return {
        "measure": measure_to_data(k.measure),
        "materiality": k.materiality,
        "bands": None if k.bands is None else bands_to_data(k.bands),
        "description": k.description,
    }


def _kpi_from(r: Reader) -> ContractKpi:
    from ._kpis import ContractKpi  # noqa: PLC0415 - as above

    r.only_keys({"measure", "materiality", "bands", "description"})
    return placed(
        r,
        lambda: ContractKpi(
            measure_from(r.key("measure")),
            r.key("materiality").integer(),
            _optional(r, "bands", bands_from),
            r.key("description").text(),
        ),
    )


def contract_kpis_to_data(c: ContractKpis) -> dict[str, Any]:
    """A contract's KPIs' stored form."""
    return stored(
        "ContractKpis",
        {
            "contract_id": c.contract_id,
            "value": str(c.value),
            "kpis": [_kpi_to_data(k) for k in c.kpis],
            "exemption": None if c.exemption is None else c.exemption.value,
            "rationale": c.rationale,
            "threshold": str(c.threshold),
        },
    )


def contract_kpis_from(r: Reader) -> ContractKpis:
    """The contract KPIs `contract_kpis_to_data` wrote."""
    from ._kpis import ContractKpis, KpiExemption  # noqa: PLC0415 - as above

    r.only_keys(
        {"format", "format_version", "contract_id", "value", "kpis", "exemption", "rationale",
         "threshold"}
    )  # fmt: skip
    return ContractKpis(
        r.key("contract_id").text(non_empty=True),
        r.key("value").decimal(),
        tuple(_kpi_from(k) for k in r.key("kpis").each()),
        _optional(r, "exemption", lambda x: x.enum(KpiExemption)),
        r.key("rationale").text(),
        r.key("threshold").decimal(),
    )


def _measure_stored(m: Measure) -> dict[str, Any]:
    """A measure's stored form (its body under ``format``)."""
    return stored("Measure", measure_to_data(m))


_measure_loaded = measure_from
