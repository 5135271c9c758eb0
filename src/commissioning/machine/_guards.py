"""Guards: named, pure checks of (context, event data) that return a verdict with reasons."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, overload

import attrs

from .._errors import InvalidInput, Problem, Reason
from .._validation import Checker

__all__ = ["Guard", "GuardRegistry", "Verdict", "guard"]


@attrs.frozen
class Verdict:
    """The answer of a guard: allowed or not, and the reasons why not.

    Build one with [`allow`][commissioning.machine.Verdict] or [`deny`][commissioning.machine.Verdict.deny]; ``bool(verdict)`` is whether it allows.
    Each reason is a [`Reason`][commissioning.machine.Reason] (the rule it rests on and the
    sentence); the engine fills an empty ``rule`` with the name of the guard that
    gave it.

    Examples:
        >>> Verdict.allow()
        Verdict(allowed=True, reasons=())
        >>> v = Verdict.deny("no budget approved", "no needs analysis")
        >>> bool(v), [str(r) for r in v.reasons]
        (False, ['no budget approved', 'no needs analysis'])
        >>> Verdict.deny("no award notice", rule="PA 2023 s.50(1)").reasons
        (Reason(rule='PA 2023 s.50(1)', text='no award notice'),)
    """

    allowed: bool
    reasons: tuple[Reason, ...] = ()

    #: The shared allowing verdict; ``return Verdict.ALLOW`` is the fastest way to allow.
    ALLOW: ClassVar[Verdict]
    #: ``Verdict.allow()`` returns the shared allowing verdict, [`ALLOW`][commissioning.machine.Verdict]. It is a
    #: C-level callable rather than a classmethod because guards call it on every
    #: transition of the fire loop, where a Python call costs about twice as much.
    allow: ClassVar[Callable[[], Verdict]]

    @classmethod
    def deny(cls, *reasons: str | Reason, rule: str = "") -> Verdict:
        """A refusal with at least one reason, each a sentence a user can act on.

        Strings become ``Reason(rule, text)``; a [`Reason`][commissioning.machine.Reason] with an
        empty rule takes ``rule`` too.
        """
        return cls(allowed=False, reasons=_reasons(reasons, rule))

    @classmethod
    def from_reasons(cls, reasons: Iterable[str | Reason], *, rule: str = "") -> Verdict:
        """Allow when ``reasons`` is empty, else deny with them: handy for checks that collect.

        Examples:
            >>> Verdict.from_reasons([]).allowed
            True
            >>> Verdict.from_reasons(["late"], rule="deadline").reasons
            (Reason(rule='deadline', text='late'),)
        """
        found = tuple(reasons)
        return cls.deny(*found, rule=rule) if found else ALLOW

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("allowed", self.allowed, bool, "True or False")
        if check.type("reasons", self.reasons, tuple, "a tuple of Reason values"):
            for i, r in enumerate(self.reasons):
                check.type(f"reasons[{i}]", r, Reason, "a Reason (rule, text)")
            if self.allowed is False:
                check.that(
                    bool(self.reasons), "reasons", "at least one reason for a refusal", self.reasons
                )
        check.done()

    def __bool__(self) -> bool:
        return self.allowed


def _reasons(given: Iterable[object], rule: str) -> tuple[Reason, ...]:
    """Strings and reasons as [`Reason`][commissioning.machine.Reason] values, an empty rule filled with ``rule``."""
    out = []
    check = Checker()
    for i, r in enumerate(given):
        if r.__class__ is Reason:
            assert isinstance(r, Reason)  # noqa: S101 - narrowed by the exact class test
            out.append(r if r.rule or not rule else Reason(rule, r.text))
        elif isinstance(r, str):
            if check.that(bool(r.strip()), f"reasons[{i}]", "a non-empty str or a Reason", r):
                out.append(Reason(rule, r))
        else:
            check.add(Problem(f"reasons[{i}]", "a non-empty str or a Reason", r, "type"))
    check.done()
    return tuple(out)


ALLOW = Verdict(allowed=True, reasons=())
Verdict.ALLOW = ALLOW
Verdict.allow = itertools.repeat(ALLOW).__next__

GuardCheck = Callable[[Any, Mapping[str, Any]], Verdict]


@attrs.frozen
class Guard:
    """A named guard: ``check(context, data)`` must be pure and return a [`Verdict`][commissioning.machine.Verdict].

    ``context`` is whatever the host passes when asking or firing (the subject's
    facts); ``data`` is the event's data (an empty mapping when none was given).
    Definitions loaded from data refer to guards by [`name`][commissioning.machine.Guard], so names must
    be unique within a definition.

    Examples:
        >>> g = Guard("has-budget", lambda ctx, data: Verdict.from_reasons(
        ...     [] if ctx["budget"] > 0 else ["no budget left"]))
        >>> [r.text for r in g.check({"budget": 0}, {}).reasons]
        ['no budget left']
    """

    name: str
    check: GuardCheck = attrs.field(repr=False)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("name", self.name, str, "a non-empty str")
        if isinstance(self.name, str):
            check.that(bool(self.name.strip()), "name", "a non-empty str", self.name)
        check.that(
            callable(self.check), "check", "a callable (context, data) -> Verdict", self.check
        )
        check.type("description", self.description, str, "a str")
        check.done()


@overload
def guard(name: str, check: GuardCheck, *, description: str = "") -> Guard: ...
@overload
def guard(name: str, *, description: str = "") -> Callable[[GuardCheck], Guard]: ...
def guard(
    name: str, check: GuardCheck | None = None, *, description: str = ""
) -> Guard | Callable[[GuardCheck], Guard]:
    """Make a [`Guard`][commissioning.machine.Guard], directly or as a decorator (the docstring becomes its description).

    Examples:
        >>> @guard("has-budget")
        ... def has_budget(context, data):
        ...     '''A budget must be left.'''
        ...     return Verdict.allow() if context["budget"] > 0 else Verdict.deny("no budget left")
        >>> has_budget.name, has_budget.description
        ('has-budget', 'A budget must be left.')
    """
    if check is not None:
        return Guard(name, check, description)

    def decorate(fn: GuardCheck) -> Guard:
        doc = description or (fn.__doc__ or "").strip()
        return Guard(name, fn, doc)

    return decorate


@attrs.frozen
class GuardRegistry(Mapping[str, Guard]):
    """An immutable name -> guard mapping, used to load definitions from data safely.

    Data names guards; only guards registered here can be referred to, and
    nothing in the data is ever executed.

    Examples:
        >>> reg = GuardRegistry.of(Guard("always", lambda c, d: Verdict.allow()))
        >>> "always" in reg, len(reg)
        (True, 1)
        >>> reg2 = reg.with_guards(Guard("never", lambda c, d: Verdict.deny("no")))
        >>> sorted(reg2), sorted(reg)
        (['always', 'never'], ['always'])
    """

    _guards: Mapping[str, Guard] = attrs.field(factory=dict, alias="guards")

    @classmethod
    def of(cls, *guards: object) -> GuardRegistry:
        """Register ``guards`` by their names; duplicate names are refused."""
        return cls().with_guards(*guards)

    def with_guards(self, *guards: object) -> GuardRegistry:
        """A new registry with ``guards`` added; a name already taken by another guard is refused."""
        merged = dict(self._guards)
        problems = []
        for i, g in enumerate(guards):
            if not isinstance(g, Guard):
                problems.append(Problem(f"guards[{i}]", "a Guard", g, "type"))
                continue
            if g.name in merged and merged[g.name] != g:
                problems.append(Problem(f"guards[{i}].name", "a name not yet registered", g.name))
            merged[g.name] = g
        if problems:
            raise InvalidInput.from_problems(problems)
        return GuardRegistry(guards=merged)

    def __getitem__(self, name: str) -> Guard:
        return self._guards[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._guards)

    def __len__(self) -> int:
        return len(self._guards)
