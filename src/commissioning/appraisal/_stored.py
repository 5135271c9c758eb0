"""The stored form of a policy model (and what it holds): JSON-compatible data, read back checked.

``PolicyModel.to_data()`` writes ``format`` (``"commissioning.policy-model"``)
and ``format_version`` (1) first, then its options, horizon, discount schedule
and shared inputs. Distributions are ``{"kind": ..., parameters}`` with floats
(JSON numbers round-trip floats exactly); optimism bias percentages and
discount rates are exact decimal strings. ``PolicyModel.from_data`` reads
through `commissioning._reader.Reader`: anything that is not the
format raises [`InvalidInput`][commissioning.InvalidInput] naming its path.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._aggregate import check_format
from .._errors import InvalidInput
from .._placing import placed
from .._reader import Reader, check_json

if TYPE_CHECKING:
    from ._discounting import DiscountSchedule
    from ._optimism_bias import OptimismBias
    from ._simulation import Distribution, OptionModel, PolicyModel

__all__ = [
    "POLICY_MODEL_FORMAT",
    "POLICY_MODEL_FORMAT_VERSION",
    "policy_model_from",
    "policy_model_to_data",
]


POLICY_MODEL_FORMAT = "commissioning.policy-model"
POLICY_MODEL_FORMAT_VERSION = 1

#: The option fields that hold an input (a distribution, or a shared input's name).
OPTION_INPUTS = (
    "setup_cost", "fixed_cost", "unit_cost", "payment_per_outcome", "volume",
    "volume_growth", "effect", "value_per_outcome",
)  # fmt: skip


def _float(reader: Reader) -> float:
    value = reader.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise reader.wrong_type("a number")
    if isinstance(value, int) and value.bit_length() > 1000:
        raise reader.fail("a number a float can hold", f"an int of {value.bit_length()} bits")
    number = float(value)
    if not math.isfinite(number):
        raise reader.fail("a finite number")
    return number


def distribution_to_data(d: Distribution) -> dict[str, Any]:
    """A distribution as ``{"kind": ..., parameters}``."""
    from ._simulation import Fixed, Normal, Pert, Triangular, Uniform  # noqa: PLC0415 - imports this

    if isinstance(d, Fixed):
        return {"kind": "fixed", "value": d.value}
    if isinstance(d, Uniform):
        return {"kind": "uniform", "low": d.low, "high": d.high}
    if isinstance(d, Pert):
        return {"kind": "pert", "low": d.low, "mode": d.mode, "high": d.high}
    if isinstance(d, Triangular):
        return {"kind": "triangular", "low": d.low, "mode": d.mode, "high": d.high}
    if isinstance(d, Normal):
        return {"kind": "normal", "mean": d.mean_value, "sd": d.sd}
    raise InvalidInput.of("distribution", "Fixed, Uniform, Triangular, Pert or Normal", d)


_PARAMETERS = {
    "fixed": ("value",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "pert": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
}


def distribution_from(r: Reader) -> Distribution:
    """The distribution `distribution_to_data` wrote."""
    from ._simulation import Fixed, Normal, Pert, Triangular, Uniform  # noqa: PLC0415 - as above

    kind = r.key("kind").text(choices=frozenset(_PARAMETERS))
    names = _PARAMETERS[kind]
    r.only_keys({"kind", *names})
    values = [_float(r.key(n)) for n in names]
    made: dict[str, Callable[..., Distribution]] = {
        "fixed": Fixed, "uniform": Uniform, "triangular": Triangular, "pert": Pert,
        "normal": Normal,
    }  # fmt: skip
    return placed(r, lambda: made[kind](*values))


def _input_to_data(value: Distribution | str) -> Any:
    return value if isinstance(value, str) else distribution_to_data(value)


def _input_from(r: Reader) -> Distribution | str:
    return r.text(non_empty=True) if isinstance(r.value, str) else distribution_from(r)


def bias_to_data(b: OptimismBias) -> dict[str, Any]:
    """An optimism bias as JSON-compatible data."""
    return {
        "project_type": b.project_type.value,
        "measure": b.measure.value,
        "upper": str(b.upper),
        "lower": str(b.lower),
        "mitigations": [
            {"factor": m.factor, "share": str(m.share), "evidence": m.evidence}
            for m in b.mitigations
        ],
    }


def bias_from(r: Reader) -> OptimismBias:
    """The optimism bias `bias_to_data` wrote."""
    from ._optimism_bias import BiasMeasure, Mitigation, OptimismBias, ProjectType  # noqa: PLC0415

    r.only_keys({"project_type", "measure", "upper", "lower", "mitigations"})

    def mitigation(m: Reader) -> Mitigation:
        m.only_keys({"factor", "share", "evidence"})
        return placed(
            m,
            lambda: Mitigation(
                m.key("factor").text(), m.key("share").decimal(), m.key("evidence").text()
            ),
        )

    return placed(
        r,
        lambda: OptimismBias(
            r.key("project_type").enum(ProjectType),
            r.key("measure").enum(BiasMeasure),
            r.key("upper").decimal(),
            r.key("lower").decimal(),
            tuple(mitigation(m) for m in r.key("mitigations").each()),
        ),
    )


def schedule_to_data(s: DiscountSchedule) -> dict[str, Any]:
    """A discount schedule as JSON-compatible data."""
    return {
        "name": s.name,
        "bands": [
            {
                "first_year": b.first_year,
                "last_year": b.last_year,
                "rate": str(b.rate),
                "confirmed": b.confirmed,
            }
            for b in s.bands
        ],
        "edition": s.edition.value,
    }


def schedule_from(r: Reader) -> DiscountSchedule:
    """The discount schedule `schedule_to_data` wrote."""
    from ._discounting import DiscountBand, DiscountSchedule, Edition  # noqa: PLC0415

    r.only_keys({"name", "bands", "edition"})

    def band(b: Reader) -> DiscountBand:
        b.only_keys({"first_year", "last_year", "rate", "confirmed"})
        last = b.get("last_year")
        return placed(
            b,
            lambda: DiscountBand(
                b.key("first_year").integer(minimum=0, maximum=10_000),
                None if last is None else last.integer(minimum=0, maximum=10_000),
                b.key("rate").decimal(),
                b.key("confirmed").boolean(),
            ),
        )

    return placed(
        r,
        lambda: DiscountSchedule(
            r.key("name").text(),
            tuple(band(b) for b in r.key("bands").each()),
            r.key("edition").enum(Edition),
        ),
    )


def option_to_data(o: OptionModel) -> dict[str, Any]:
    """An option model as JSON-compatible data."""
    return {
        "name": o.name,
        **{name: _input_to_data(getattr(o, name)) for name in OPTION_INPUTS},
        "optimism_bias": None if o.optimism_bias is None else bias_to_data(o.optimism_bias),
    }


def option_from(r: Reader) -> OptionModel:
    """The option model `option_to_data` wrote."""
    from ._simulation import OptionModel  # noqa: PLC0415 - as above

    r.only_keys({"name", "optimism_bias", *OPTION_INPUTS})
    bias = r.get("optimism_bias")
    return placed(
        r,
        lambda: OptionModel(
            r.key("name").text(non_empty=True),
            **{name: _input_from(r.key(name)) for name in OPTION_INPUTS},
            optimism_bias=None if bias is None else bias_from(bias),
        ),
    )


def policy_model_to_data(m: PolicyModel) -> dict[str, Any]:
    """A policy model's stored form."""
    return {
        "format": POLICY_MODEL_FORMAT,
        "format_version": POLICY_MODEL_FORMAT_VERSION,
        "options": [option_to_data(o) for o in m.options],
        "years": m.years,
        "schedule": schedule_to_data(m.schedule),
        "shared": {k: distribution_to_data(v) for k, v in m.shared.items()},
    }


def policy_model_from(data: Any) -> PolicyModel:
    """The policy model `policy_model_to_data` wrote, read through the checked reader."""
    from ._simulation import PolicyModel  # noqa: PLC0415 - as above

    check_json(data)
    check_format(data, format_name=POLICY_MODEL_FORMAT, versions=(POLICY_MODEL_FORMAT_VERSION,))
    r = Reader(data)
    r.only_keys({"format", "format_version", "options", "years", "schedule", "shared"})
    options = tuple(option_from(o) for o in r.key("options").each())
    years = r.key("years").integer(minimum=1, maximum=1_000)
    schedule = schedule_from(r.key("schedule"))
    shared = {k: distribution_from(v) for k, v in r.key("shared").members()}
    return PolicyModel(options, years, schedule, shared)
