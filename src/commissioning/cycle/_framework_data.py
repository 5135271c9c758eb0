"""A framework's stored form: written by ``Framework.to_data``, read through the checked reader.

The stored form names the framework's procedure machines by key
(``"procedures": ["pa-open"]``) and its custom requirement kinds by name
(``"checks": ["sign-off"]``): machines and check functions are code, not data.
Reading resolves each procedure key from the machines given (``procedures=``,
the same values [`cabinet_office`][commissioning.cycle.cabinet_office] accepts: a
[`Definition`][commissioning.machine.Definition] or anything with one as its
``definition``, such as ``commissioning.procurement.procedure("pa-open")``),
then from the procedures registered in
[`commissioning.procurement.PROCEDURES`][commissioning.procurement]; a key found in neither, or a
custom kind with no function given in ``checks=``, is refused with
[`InvalidInput`][commissioning.InvalidInput] naming exactly what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._errors import InvalidInput, Problem
from .._money import pounds
from .._reader import Reader, check_json
from .._validation import Checker
from ..machine import Definition, Period
from ._governance import ApprovalRule
from ._requirements import Requirement, RequirementCheck

if TYPE_CHECKING:
    from ._frameworks import Framework

__all__ = [
    "FRAMEWORK_FORMAT",
    "FRAMEWORK_FORMAT_VERSION",
    "approval_rule_from_data",
    "framework_from_data",
    "framework_to_data",
    "requirement_from_data",
]

T = TypeVar("T")

FRAMEWORK_FORMAT = "commissioning.framework"
FRAMEWORK_FORMAT_VERSION = 1
_PERIOD_KEYS = ("years", "months", "weeks", "days")


def _period(p: Period) -> dict[str, int]:
    return {k: v for k, v in attrs.asdict(p).items() if v}


def framework_to_data(fw: Framework) -> dict[str, Any]:
    """``fw`` as JSON-compatible data, procedure keys and custom kinds named (see the module)."""
    return {
        "format": FRAMEWORK_FORMAT,
        "format_version": FRAMEWORK_FORMAT_VERSION,
        "name": fw.name,
        "title": fw.title,
        "description": fw.description,
        "decision_step": fw.decision_step,
        "steps": [
            {
                "name": s.name,
                "title": s.title,
                "requires": [r.to_data() for r in s.requires],
                "lead_time": _period(s.lead_time),
                "description": s.description,
            }
            for s in fw.steps
        ],
        "loops": [{"source": loop.source, "target": loop.target} for loop in fw.loops],
        "approvals": [r.to_data() for r in fw.approvals],
        "decommissioning": {
            "from_steps": list(fw.decommissioning.from_steps),
            "notice": _period(fw.decommissioning.notice),
            "decide": [r.to_data() for r in fw.decommissioning.decide],
            "plan": [r.to_data() for r in fw.decommissioning.plan],
        },
        "procedures": [d.name for d in fw.procedures],
        "contract_states": sorted(fw.contract_states),
        "checks": sorted(kind for kind, _ in fw.checks),
    }


def _built(reader: Reader, build: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``build(*args, **kwargs)``; its constructor's problems are reported under ``reader``'s path."""
    try:
        return build(*args, **kwargs)
    except InvalidInput as err:
        check = Checker()
        check.extend(err, reader.path)
        check.done()
        raise  # pragma: no cover - done() raised


def _text(reader: Reader | None, default: str = "") -> str:
    return default if reader is None else reader.text()


def _requirement(r: Reader) -> Requirement:
    r.only_keys(frozenset({"kind", "at_least", "groups", "rung", "description"}))
    kind = r.key("kind").text()
    at_least = r.get("at_least")
    groups = r.get("groups")
    rung = r.get("rung")
    return _built(
        r,
        Requirement,
        kind,
        at_least=1 if at_least is None else at_least.integer(minimum=1, maximum=10_000),
        groups=() if groups is None else tuple(g.text() for g in groups.each()),
        rung=None if rung is None else rung.text(),
        description=_text(r.get("description")),
    )


def _requirements(
    r: Reader | None, default: tuple[Requirement, ...] = ()
) -> tuple[Requirement, ...]:
    return default if r is None else tuple(_requirement(x) for x in r.each())


def _period_from(r: Reader | None, default: Period) -> Period:
    if r is None:
        return default
    r.only_keys(frozenset(_PERIOD_KEYS))
    parts = {}
    for key in _PERIOD_KEYS:
        value = r.get(key)
        parts[key] = 0 if value is None else value.integer(minimum=0, maximum=1000)
    return _built(r, Period, **parts)


def _rule(r: Reader) -> ApprovalRule:
    r.only_keys(frozenset({"step", "role", "above", "up_to", "description"}))
    amounts = {}
    for key in ("above", "up_to"):
        value = r.get(key)
        amounts[key] = None if value is None else _built(value, pounds, value.decimal(), field="")
    return _built(
        r,
        ApprovalRule,
        r.key("step").text(),
        r.key("role").text(),
        above=amounts["above"],
        up_to=amounts["up_to"],
        description=_text(r.get("description")),
    )


def _machines(given: Iterable[Any]) -> dict[str, Definition]:
    out: dict[str, Definition] = {}
    for i, p in enumerate(given):
        machine = getattr(p, "definition", p)
        if not isinstance(machine, Definition):
            raise InvalidInput(
                [
                    Problem(
                        f"procedures[{i}]",
                        "a procedure machine Definition (or a Procedure)",
                        p,
                        "type",
                    )
                ]
            )
        out[machine.name] = machine
    return out


def _resolve(keys: list[tuple[Reader, str]], given: Iterable[Any]) -> tuple[Definition, ...]:
    from ..procurement import PROCEDURES  # noqa: PLC0415 - procurement builds on the engine, not on the cycle

    machines = _machines(given)
    out: list[Definition] = []
    missing: list[str] = []
    for _, key in keys:
        if key in machines:
            out.append(machines[key])
        elif key in PROCEDURES:
            out.append(PROCEDURES[key].definition)
        else:
            missing.append(key)
    if missing:
        raise InvalidInput.of(
            "procedures",
            "a procedure machine for every key the framework names, registered in "
            "commissioning.procurement.PROCEDURES or passed as procedures=[...]; these have none",
            missing,
        )
    return tuple(out)


def framework_from_data(
    data: Any,
    *,
    procedures: Iterable[Any] = (),
    checks: Mapping[str, RequirementCheck] | None = None,
) -> Framework:
    """Read a framework written by ``Framework.to_data`` (or by hand); see the module."""
    from ._frameworks import DEFAULT_CONTRACT_STATES, DecommissioningPath, Framework, Loop, Step  # noqa: PLC0415 - the framework module delegates here

    check_json(data, field="framework")
    r = Reader(data, "framework")
    r.mapping("a framework as an object (a mapping of names to values)")
    r.only_keys(
        frozenset(
            {
                "format",
                "format_version",
                "name",
                "title",
                "description",
                "decision_step",
                "steps",
                "loops",
                "approvals",
                "decommissioning",
                "procedures",
                "contract_states",
                "checks",
            }
        )
    )
    if r.has("format"):
        r.key("format").text(choices=frozenset({FRAMEWORK_FORMAT}))
    if r.has("format_version"):
        r.key("format_version").integer(minimum=1, maximum=FRAMEWORK_FORMAT_VERSION)
    steps = []
    for s in r.key("steps").each():
        s.only_keys(frozenset({"name", "title", "requires", "lead_time", "description"}))
        name, title = s.key("name").text(), s.key("title").text()
        requires = _requirements(s.get("requires"))
        lead = _period_from(s.get("lead_time"), Period(months=1))
        description = _text(s.get("description"))
        steps.append(
            _built(
                s,
                Step,
                name,
                title,
                requires=requires,
                lead_time=lead,
                description=description,
            )
        )
    loops = []
    loops_r = r.get("loops")
    for x in () if loops_r is None else loops_r.each():
        x.only_keys(frozenset({"source", "target"}))
        source, target = x.key("source").text(), x.key("target").text()
        loops.append(_built(x, Loop, source, target))
    approvals_r = r.get("approvals")
    rules = () if approvals_r is None else tuple(_rule(x) for x in approvals_r.each())
    dec = r.get("decommissioning")
    default_path = DecommissioningPath()
    if dec is None:
        path = default_path
    else:
        dec.only_keys(frozenset({"from_steps", "notice", "decide", "plan"}))
        from_r = dec.get("from_steps")
        from_steps = () if from_r is None else tuple(x.text() for x in from_r.each())
        notice = _period_from(dec.get("notice"), Period(months=3))
        decide = _requirements(dec.get("decide"), default_path.decide)
        plan = _requirements(dec.get("plan"), default_path.plan)
        path = _built(
            dec,
            DecommissioningPath,
            from_steps=from_steps,
            notice=notice,
            decide=decide,
            plan=plan,
        )
    keys_r = r.get("procedures")
    keys = [] if keys_r is None else [(x, x.text(non_empty=True)) for x in keys_r.each()]
    machines = _resolve(keys, procedures)
    states_r = r.get("contract_states")
    states = (
        DEFAULT_CONTRACT_STATES
        if states_r is None
        else frozenset(x.text(non_empty=True) for x in states_r.each())
    )
    given_checks = dict(checks or {})
    kinds_r = r.get("checks")
    kinds = [] if kinds_r is None else [x.text(non_empty=True) for x in kinds_r.each()]
    absent = [k for k in kinds if k not in given_checks]
    if absent:
        raise InvalidInput.of(
            "checks",
            "a check function for every custom requirement kind the framework names "
            "(pass checks={...}); these have none",
            absent,
        )
    name, title = r.key("name").text(), r.key("title").text()
    decision_step = r.key("decision_step").text()
    description = _text(r.get("description"))
    return _built(
        r,
        Framework,
        name,
        title,
        steps=tuple(steps),
        decision_step=decision_step,
        loops=tuple(loops),
        approvals=rules,
        decommissioning=path,
        procedures=machines,
        contract_states=states,
        checks=given_checks,
        description=description,
    )


def requirement_from_data(data: Any) -> Requirement:
    """Read one requirement written by ``Requirement.to_data`` through the checked reader."""
    check_json(data, field="requirement")
    return _requirement(Reader(data, "requirement"))


def approval_rule_from_data(data: Any) -> ApprovalRule:
    """Read one approval rule written by ``ApprovalRule.to_data`` through the checked reader."""
    check_json(data, field="rule")
    return _rule(Reader(data, "rule"))
