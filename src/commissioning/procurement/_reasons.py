"""One way to refuse with a statutory rule, for the contract-life, modification, framework and PSR checks.

Every refusal these modules make goes through `refuse` or `verdict_of`:
each reason is a [`Reason`][commissioning.machine.Reason] whose ``rule`` is the citation the
refusal rests on (``"Procurement Act 2023 s.74(3)(a)"``) and whose ``text`` is the
sentence, so ``str(reason)`` is ``"[Procurement Act 2023 s.74(3)(a)] ..."``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._errors import Reason
from ..machine import Verdict

__all__ = ["refuse", "verdict_of"]


def refuse(rule: str, text: str) -> Verdict:
    """A refusal resting on ``rule`` (a citation), saying ``text``.

    Examples:
        >>> print(refuse("Procurement Act 2023 s.47(1)", "the term is too long").reasons[0])
        [Procurement Act 2023 s.47(1)] the term is too long
    """
    return Verdict.deny(Reason(rule, text))


def verdict_of(found: Iterable[tuple[str, str]]) -> Verdict:
    """Allow when ``found`` (pairs of rule and text) is empty; else refuse with every one.

    Examples:
        >>> verdict_of([]).allowed
        True
        >>> [str(r) for r in verdict_of([("s.1", "a"), ("s.2", "b")]).reasons]
        ['[s.1] a', '[s.2] b']
    """
    reasons = tuple(Reason(rule, text) for rule, text in found)
    return Verdict.deny(*reasons) if reasons else Verdict.ALLOW
