"""Commissioning frameworks as data, each compiled to a validated machine definition.

UNCONFIRMED: the attribution of the six steps to the Cabinet Office
Commissioning Academy rests on a 2019 secondary review, and the RCGP cycle's
attribution to the Royal College of GPs could not be confirmed from a primary
source (statute review O5).

Facts: the docs' Sources page: "Framework 1: the UK Cabinet Office six steps",
"Framework 2: the Institute of Public Care cycle", "Other cycles users will ask
for" (NHS joint commissioning; Royal College of GPs) and "Decommissioning" (NAO
stages decide, plan, carry out; at least three months' notice to providers).

A [`Framework`][commissioning.cycle.Framework] is plain data: its steps in order, what evidence each step
requires ([`Requirement`][commissioning.cycle.Requirement]), which loops back are
allowed, which step takes the make-or-buy decision (and hosts the procurement
procedure as a child machine), which approvals are needed, and its
decommissioning path. From it the framework builds one
[`Definition`][commissioning.machine.Definition] (validated by the engine), so every
framework, built in or the user's own, gets the same validation, events,
replay and diagrams.

The machine for steps ``s1 .. sn`` with decision step ``sd``:

* ``advance``: ``s(i) -> s(i+1)``, guarded by the step's evidence and approvals;
  from ``sd`` only for routes that need no contract (in-house, grant,
  partnership), or, for external procurement when no procedure machines are
  configured, once a contract is recorded;
* ``procure`` (when procedure machines are configured): ``sd -> procuring``, which
  hosts the chosen procedure (``data={"child": name}``); ``advance`` from
  ``procuring`` needs the child in a contract state and the contract recorded;
* ``revisit:<step>``: the allowed loops; ``conclude``: ``sn -> concluded`` (final),
  after which the next cycle of the lineage starts;
* ``decommission`` (decision is to decommission) -> ``decommission-decide`` ->
  ``plan-decommissioning`` -> ``decommission-plan`` -> ``carry-out-decommissioning``
  -> ``decommission-carry-out`` -> ``complete-decommissioning`` -> ``decommissioned`` (final).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ..machine import Deadline, Definition, Guard, Period, State, Transition
from ._framework_guards import (
    ADVANCE,
    CARRY_OUT,
    CARRY_OUT_DECOMMISSIONING,
    COMPLETE_DECOMMISSIONING,
    CONCLUDE,
    CONCLUDED,
    DECIDE,
    DECOMMISSION,
    DECOMMISSIONED,
    DEFAULT_CONTRACT_STATES,
    PLAN,
    PLAN_DECOMMISSIONING,
    PROCURE,
    PROCURING,
    RECONSIDER,
    RESERVED_STATES,
    STAGE_LABELS,
    STAGE_TITLES,
    _ApprovalCheck,
    _ContractCheck,
    _EvidenceCheck,
    _kinds_for,
    _RouteCheck,
    _ServiceEndedCheck,
)
from ._governance import ApprovalRule
from ._requirements import (
    Requirement,
    RequirementCheck,
    known_kinds,
)

__all__ = [
    "ADVANCE",
    "CARRY_OUT",
    "CARRY_OUT_DECOMMISSIONING",
    "COMPLETE_DECOMMISSIONING",
    "CONCLUDE",
    "CONCLUDED",
    "DECIDE",
    "DECOMMISSION",
    "DECOMMISSIONED",
    "DEFAULT_CONTRACT_STATES",
    "PLAN",
    "PLAN_DECOMMISSIONING",
    "PROCURE",
    "PROCURING",
    "DecommissioningPath",
    "Framework",
    "Loop",
    "Step",
]


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def _frozenset(value: Any) -> Any:
    return frozenset(value) if isinstance(value, list | tuple | set) else value


def _checks(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, Mapping) else _tuple(value)


def _name(check: Checker, field: str, value: Any) -> bool:
    if check.type(field, value, str, "a non-empty str"):
        return check.that(bool(value.strip()), field, "a non-empty str", value)
    return False


@attrs.frozen
class Step:
    """One step of a framework: its machine state name, its title, and the evidence it requires.

    Attributes:
        name: the state name (short, stable: it appears in every event record).
        title: the step as people say it ("What's the question?").
        requires: the evidence needed before the cycle may leave the step forwards.
        lead_time: how long the step typically takes (due dates and recommissioning plans).
        description: more detail.

    Examples:
        >>> from commissioning.cycle import Requirement
        >>> Step("question", "What's the question?", requires=[Requirement("question")]).requires
        (Requirement(kind='question', at_least=1, groups=(), rung=None, description=''),)
    """

    name: str
    title: str
    requires: tuple[Requirement, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    lead_time: Period = attrs.field(default=Period(months=1), kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _name(check, "name", self.name)
        _name(check, "title", self.title)
        if check.type("requires", self.requires, tuple, "a tuple of Requirements"):
            for i, r in enumerate(self.requires):
                check.type(f"requires[{i}]", r, Requirement, "a Requirement")
        check.type("lead_time", self.lead_time, Period, "a Period")
        check.type("description", self.description, str, "a str")
        check.done()


@attrs.frozen
class Loop:
    """An allowed loop back: from step ``source`` the cycle may return to ``target`` (``revisit:<target>``).

    Examples:
        >>> Loop("model", "customers").event
        'revisit:customers'
    """

    source: str
    target: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _name(check, "source", self.source)
        _name(check, "target", self.target)
        check.done()

    @property
    def event(self) -> str:
        """The event that takes the loop."""
        return f"revisit:{self.target}"


@attrs.frozen
class DecommissioningPath:
    """The decommissioning path: where it may start, the notice period, and each stage's evidence.

    Stages follow the NAO decommissioning toolkit: decide, plan, carry out.
    ``from_steps`` (empty: the decision step and the last step) are where the
    decision to decommission may be taken. ``notice`` is the minimum notice to
    providers (NAO: at least three months).

    Examples:
        >>> DecommissioningPath().notice
        Period(years=0, months=3, weeks=0, days=0)
    """

    from_steps: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    notice: Period = attrs.field(default=Period(months=3))
    decide: tuple[Requirement, ...] = attrs.field(
        default=(Requirement("decommissioning-case"),), converter=_tuple
    )
    plan: tuple[Requirement, ...] = attrs.field(
        default=(
            Requirement("impact-assessment"),
            Requirement("provider-notices"),
            Requirement("replacement"),
        ),
        converter=_tuple,
    )

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("from_steps", self.from_steps, tuple, "a tuple of step names"):
            for i, s in enumerate(self.from_steps):
                _name(check, f"from_steps[{i}]", s)
        check.type("notice", self.notice, Period, "a Period")
        for field in ("decide", "plan"):
            value = getattr(self, field)
            if check.type(field, value, tuple, "a tuple of Requirements"):
                for i, r in enumerate(value):
                    check.type(f"{field}[{i}]", r, Requirement, "a Requirement")
        check.done()


# ----------------------------------------------------------------------------- framework


@attrs.frozen
class Framework:
    """A commissioning framework as data, compiled to a validated machine [`definition`][commissioning.cycle.Framework].

    Attributes:
        name: a short id (``"cabinet-office"``).
        title: the framework as people name it.
        steps: the steps in order (at least two).
        decision_step: the step that takes the make-or-buy decision and hosts the procurement.
        loops: the allowed loops back (``revisit:<step>``).
        approvals: approval rules by step (or decommissioning stage).
        decommissioning: the decommissioning path.
        procedures: procurement procedure machines that may run as the cycle's child
            (``procure`` with ``data={"child": name}``); none: external procurement is
            run elsewhere and the contract recorded as evidence.
        contract_states: the procedure states that mean the contract is entered into.
        checks: custom requirement kinds (name -> check), for the user's own evidence rules.
        description: more detail.

    Examples:
        >>> from commissioning.cycle import cabinet_office
        >>> fw = cabinet_office()
        >>> [s.title for s in fw.steps][:2]
        ["What's the question?", 'Get to know and work with your customers']
        >>> fw.definition.initial, sorted(fw.definition.final_states)
        ('question', ['concluded', 'decommissioned'])
    """

    name: str
    title: str
    steps: tuple[Step, ...] = attrs.field(kw_only=True, converter=_tuple)
    decision_step: str = attrs.field(kw_only=True)
    loops: tuple[Loop, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    approvals: tuple[ApprovalRule, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    decommissioning: DecommissioningPath = attrs.field(default=DecommissioningPath(), kw_only=True)
    procedures: tuple[Definition, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    contract_states: frozenset[str] = attrs.field(
        default=DEFAULT_CONTRACT_STATES,
        kw_only=True,
        converter=_frozenset,
    )
    checks: tuple[tuple[str, RequirementCheck], ...] = attrs.field(
        default=(),
        kw_only=True,
        converter=_checks,
    )
    description: str = attrs.field(default="", kw_only=True)
    definition: Definition = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _name(check, "name", self.name)
        _name(check, "title", self.title)
        names: list[str] = []
        if check.type("steps", self.steps, tuple, "a tuple of Steps"):
            for i, s in enumerate(self.steps):
                if check.type(f"steps[{i}]", s, Step, "a Step"):
                    names.append(s.name)
                    check.that(
                        s.name not in RESERVED_STATES,
                        f"steps[{i}].name",
                        f"a name other than the reserved {sorted(RESERVED_STATES)}",
                        s.name,
                    )
            check.that(len(self.steps) >= 2, "steps", "at least two steps", len(self.steps))
            check.that(len(names) == len(set(names)), "steps", "distinct step names", names)
        if _name(check, "decision_step", self.decision_step):
            check.that(
                self.decision_step in names[:-1],
                "decision_step",
                f"a step before the last ({', '.join(names[:-1])})",
                self.decision_step,
            )
        if check.type("loops", self.loops, tuple, "a tuple of Loops"):
            for i, loop in enumerate(self.loops):
                if check.type(f"loops[{i}]", loop, Loop, "a Loop"):
                    for end in ("source", "target"):
                        check.that(
                            getattr(loop, end) in names,
                            f"loops[{i}].{end}",
                            "a step of the framework",
                            getattr(loop, end),
                        )
        stages = [*names, DECIDE, PLAN]
        if check.type("approvals", self.approvals, tuple, "a tuple of ApprovalRules"):
            for i, rule in enumerate(self.approvals):
                if check.type(f"approvals[{i}]", rule, ApprovalRule, "an ApprovalRule"):
                    check.that(
                        rule.step in stages,
                        f"approvals[{i}].step",
                        f"a step or decommissioning stage ({', '.join(stages)})",
                        rule.step,
                    )
        if check.type(
            "decommissioning", self.decommissioning, DecommissioningPath, "a DecommissioningPath"
        ):
            for i, start in enumerate(self.decommissioning.from_steps):
                check.that(
                    start in names,
                    f"decommissioning.from_steps[{i}]",
                    "a step of the framework",
                    start,
                )
        if check.type("procedures", self.procedures, tuple, "a tuple of Definitions"):
            for i, p in enumerate(self.procedures):
                check.type(f"procedures[{i}]", p, Definition, "a procedure machine Definition")
        if check.type("contract_states", self.contract_states, frozenset, "a set of state names"):
            check.that(bool(self.contract_states), "contract_states", "at least one state name", ())
        custom: set[str] = set()
        if check.type("checks", self.checks, tuple, "a mapping of kind to check function"):
            for kind, fn in self.checks:
                _name(check, "checks", kind)
                check.that(callable(fn), f"checks[{kind!r}]", "a callable (facts, requirement)", fn)
                custom.add(kind)
        known = known_kinds() | custom
        for where, reqs in self._requirement_lists():
            for j, r in enumerate(reqs):
                if isinstance(r, Requirement):
                    check.that(
                        r.kind in known,
                        f"{where}[{j}].kind",
                        f"a built-in kind ({', '.join(sorted(known_kinds()))}) or one in checks",
                        r.kind,
                    )
        check.type("description", self.description, str, "a str")
        check.done()
        object.__setattr__(self, "definition", self._build())

    def _requirement_lists(self) -> list[tuple[str, tuple[Requirement, ...]]]:
        out = [
            (f"steps[{i}].requires", s.requires)
            for i, s in enumerate(self.steps)
            if isinstance(s, Step)
        ]
        if isinstance(self.decommissioning, DecommissioningPath):
            out.append(("decommissioning.decide", self.decommissioning.decide))
            out.append(("decommissioning.plan", self.decommissioning.plan))
        return out

    # ----------------------------------------------------------------- queries
    def step(self, name: str) -> Step:
        """The step called ``name`` (``InvalidInput`` if unknown).

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> cabinet_office().step("model").title
            'What will it look like?'
        """
        for s in self.steps:
            if s.name == name:
                return s
        raise InvalidInput.of("name", f"a step of {self.name!r}", name)

    def has_step(self, name: str) -> bool:
        """Whether ``name`` is one of the framework's steps.

        Examples:
            >>> from commissioning.cycle import cabinet_office, ipc
            >>> cabinet_office().has_step("procuring"), ipc().has_step("do")
            (False, True)
        """
        return any(s.name == name for s in self.steps)

    def number(self, name: str) -> int:
        """The step's number, 1 for the first.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> cabinet_office().number("route")
            5
        """
        return [s.name for s in self.steps].index(self.step(name).name) + 1

    def requirements(self, stage: str) -> tuple[Requirement, ...]:
        """The evidence needed to leave ``stage`` (a step or a decommissioning stage) forwards.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> [r.kind for r in cabinet_office().requirements("decommission-plan")]
            ['impact-assessment', 'provider-notices', 'replacement']
        """
        if stage == DECIDE:
            return self.decommissioning.decide
        if stage == PLAN:
            return self.decommissioning.plan
        return self.step(stage).requires

    def label(self, stage: str) -> str:
        """How guards name ``stage`` in their reasons: ``step 3 'Define the outcome and priorities'``.

        Examples:
            >>> from commissioning.cycle import ipc
            >>> ipc().label("plan"), ipc().label("decommission-decide")
            ("step 2 'Plan'", "decommissioning stage 'decide'")
        """
        if stage in STAGE_LABELS:
            return STAGE_LABELS[stage]
        return f"step {self.number(stage)} {self.step(stage).title!r}"

    @property
    def decommission_from(self) -> tuple[str, ...]:
        """The steps from which the decision to decommission may be taken.

        Examples:
            >>> from commissioning.cycle import rcgp
            >>> rcgp().decommission_from
            ('specify-and-procure', 'deliver-and-improve')
        """
        return self.decommissioning.from_steps or (self.decision_step, self.steps[-1].name)

    @property
    def check_functions(self) -> Mapping[str, RequirementCheck]:
        """The custom requirement kinds, as a read-only mapping.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> dict(cabinet_office().check_functions)
            {}
        """
        return MappingProxyType(dict(self.checks))

    # ----------------------------------------------------------------- changes
    def with_procedures(
        self, *procedures: Any, contract_states: Iterable[str] | None = None
    ) -> Framework:
        """The same framework running ``procedures`` as the decision step's child machines.

        Each is a [`Definition`][commissioning.machine.Definition] or anything with one as
        its ``definition`` (a ``commissioning.procurement.Procedure``).

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> from commissioning.machine import Definition, State, Transition
            >>> open_ = Definition("open", states=[State("tender", initial=True),
            ...     State("contract-entered-into", final=True)],
            ...     transitions=[Transition("tender", "enter-contract", "contract-entered-into")])
            >>> "procuring" in cabinet_office().with_procedures(open_).definition.state_names
            True
        """
        states = self.contract_states if contract_states is None else frozenset(contract_states)
        machines = tuple(getattr(p, "definition", p) for p in procedures)
        return attrs.evolve(self, procedures=machines, contract_states=states)

    def with_approvals(self, *rules: ApprovalRule) -> Framework:
        """The same framework with these approval rules instead of its own.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> from commissioning.cycle import ApprovalRule
            >>> cabinet_office().with_approvals(ApprovalRule("route", "chief executive")).approvals
            (ApprovalRule(step='route', role='chief executive', above=None, up_to=None, description=''),)
        """
        return attrs.evolve(self, approvals=rules)

    def with_requirements(self, step: str, *requires: Requirement) -> Framework:
        """The same framework with ``step`` requiring exactly ``requires``.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> from commissioning.cycle import Requirement
            >>> fw = cabinet_office().with_requirements("model", Requirement("options", at_least=3))
            >>> fw.step("model").requires[0].at_least
            3
        """
        target = self.step(step)
        steps = tuple(attrs.evolve(s, requires=requires) if s is target else s for s in self.steps)
        return attrs.evolve(self, steps=steps)

    # ----------------------------------------------------------------- the machine
    def _evidence_guard(self, stage: str) -> Guard:
        return Guard(
            f"evidence:{stage}",
            _EvidenceCheck(stage, self.label(stage), self.requirements(stage), self.checks),
            f"the evidence {self.label(stage)} requires",
        )

    def _approval_guard(self, stage: str) -> Guard:
        return Guard(
            f"approvals:{stage}",
            _ApprovalCheck(
                self.label(stage),
                stage,
                tuple(r for r in self.approvals if r.step == stage),
                _kinds_for(self.requirements(stage)),
            ),
            f"the approvals {self.label(stage)} requires",
        )

    def _build(self) -> Definition:
        names = [s.name for s in self.steps]
        decision = self.decision_step
        has_procedures = bool(self.procedures)
        states = [
            State(
                s.name,
                initial=i == 0,
                deadlines=(
                    Deadline(
                        f"typical lead time of {s.title!r}",
                        after=s.lead_time,
                        warn_before=Period(weeks=2),
                    ),
                ),
                description=s.title,
            )
            for i, s in enumerate(self.steps)
        ]
        if has_procedures:
            states.append(
                State(
                    PROCURING,
                    children=self.procedures,
                    description="the procurement procedure runs as a child machine",
                )
            )
        states += [
            State(CONCLUDED, final=True, description="the cycle ended; the next one starts"),
            State(DECIDE, description=STAGE_TITLES[DECIDE]),
            State(PLAN, description=STAGE_TITLES[PLAN]),
            State(CARRY_OUT, description=STAGE_TITLES[CARRY_OUT]),
            State(DECOMMISSIONED, final=True, description="the service is decommissioned"),
        ]
        evidence = {n: self._evidence_guard(n) for n in [*names, DECIDE, PLAN]}
        approvals = {n: self._approval_guard(n) for n in [*names, DECIDE, PLAN]}
        deliver = Guard(
            "route:deliver",
            _RouteCheck("deliver", self.label(decision), has_procedures),
            "the make-or-buy decision lets the cycle reach delivery",
        )
        transitions: list[Transition] = []
        for i, s in enumerate(self.steps[:-1]):
            guards = [evidence[s.name], approvals[s.name]]
            if s.name == decision:
                guards.append(deliver)
            transitions.append(
                Transition(s.name, ADVANCE, names[i + 1], guards=guards, description=s.title)
            )
        last = names[-1]
        transitions.append(
            Transition(last, CONCLUDE, CONCLUDED, guards=[evidence[last], approvals[last]])
        )
        after_decision = names[names.index(decision) + 1]
        if has_procedures:
            transitions += [
                Transition(
                    decision,
                    PROCURE,
                    PROCURING,
                    guards=[
                        evidence[decision],
                        approvals[decision],
                        Guard(
                            "route:procure",
                            _RouteCheck("procure", self.label(decision), has_procedures),
                            "the make-or-buy decision is external procurement",
                        ),
                    ],
                ),
                Transition(
                    PROCURING,
                    ADVANCE,
                    after_decision,
                    guards=[Guard("contract-entered-into", _ContractCheck(self.contract_states))],
                ),
                Transition(PROCURING, f"revisit:{decision}", decision),
            ]
        transitions += [Transition(loop.source, loop.event, loop.target) for loop in self.loops]
        to_decommission = Guard(
            "route:decommission",
            _RouteCheck("decommission", self.label(decision), has_procedures),
            "the decision is to decommission",
        )
        transitions += [
            Transition(self.decommission_from, DECOMMISSION, DECIDE, guards=[to_decommission]),
            Transition(
                DECIDE,
                PLAN_DECOMMISSIONING,
                PLAN,
                guards=[evidence[DECIDE], approvals[DECIDE]],
            ),
            Transition(
                PLAN, CARRY_OUT_DECOMMISSIONING, CARRY_OUT, guards=[evidence[PLAN], approvals[PLAN]]
            ),
            Transition(
                CARRY_OUT,
                COMPLETE_DECOMMISSIONING,
                DECOMMISSIONED,
                guards=[Guard("service-ended", _ServiceEndedCheck())],
            ),
            Transition((DECIDE, PLAN), RECONSIDER, decision),
        ]
        return Definition(self.name, states=states, transitions=transitions, description=self.title)

    # ----------------------------------------------------------------- data
    def to_data(self) -> dict[str, Any]:
        """The framework as JSON-compatible data, naming its procedure keys and custom kinds.

        Procedure machines and custom check functions are code: the stored form
        names them (``procedures``, ``checks``) and [`from_data`][commissioning.cycle.Framework.from_data] resolves them.

        Examples:
            >>> from commissioning.cycle import cabinet_office
            >>> from commissioning.procurement import procedure
            >>> data = cabinet_office(procedures=[procedure("pa-open")]).to_data()
            >>> data["format"], data["decision_step"], data["procedures"]
            ('commissioning.framework', 'route', ['pa-open'])
            >>> Framework.from_data(data) == cabinet_office(procedures=[procedure("pa-open")])
            True
        """
        from ._framework_data import framework_to_data  # noqa: PLC0415 - the stored form lives beside, reading this class

        return framework_to_data(self)

    @classmethod
    def from_data(
        cls,
        data: Any,
        *,
        procedures: Iterable[Any] = (),
        checks: Mapping[str, RequirementCheck] | None = None,
    ) -> Framework:
        """Read a framework written by [`to_data`][commissioning.cycle.Framework.to_data] (or by hand), through the checked reader.

        Procedure keys resolve by themselves when registered in
        [`commissioning.procurement.PROCEDURES`][commissioning.procurement]; machines of your own go in
        ``procedures`` (the values [`cabinet_office`][commissioning.cycle.cabinet_office] accepts: a
        [`Definition`][commissioning.machine.Definition] or a ``Procedure``); custom
        requirement kinds need their functions in ``checks``. A missing one is
        refused, naming it; any malformed input raises
        [`InvalidInput`][commissioning.InvalidInput] naming the path.

        Examples:
            >>> fw = Framework.from_data({"name": "ours", "title": "Our cycle", "decision_step": "plan",
            ...     "steps": [{"name": "plan", "title": "Plan", "requires": [{"kind": "make-or-buy"}]},
            ...               {"name": "review", "title": "Review"}]})
            >>> fw.definition.events_from("plan")
            ('advance', 'decommission')
            >>> data = {**fw.to_data(), "procedures": ["our-tender"]}
            >>> Framework.from_data(data)
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: procedures: expected a procedure machine for every key the framework names, registered in commissioning.procurement.PROCEDURES or passed as procedures=[...]; these have none, received ['our-tender']
        """
        from ._framework_data import framework_from_data  # noqa: PLC0415 - the stored form lives beside, reading this class

        return framework_from_data(data, procedures=procedures, checks=checks)
