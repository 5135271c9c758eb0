"""Governance: approvals by named roles, above value thresholds, recorded with who, role and when.

The reference says decisions need approvals by named roles (a cabinet or
delegated officer decision above a value) but gives no amounts: schemes of
delegation are each council's own. [`key_decision_rules`][commissioning.cycle.key_decision_rules] builds the common
pattern (a delegated officer up to a key-decision threshold, the cabinet above
it) with a default threshold of £500,000, which is an illustration, not a rule
(UNCONFIRMED: the reference is silent; pass your council's own amount).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from .._errors import InvalidInput
from .._money import pounds
from .._time import as_utc
from .._validation import Checker
from ._data import Stored
from ._evidence import MakeOrBuy, Question
from ._requirements import Facts

__all__ = ["Approval", "ApprovalRule", "cycle_value", "key_decision_rules", "missing_approvals"]


def _text(check: Checker, field: str, value: Any) -> None:
    if check.type(field, value, str, "a non-empty str"):
        check.that(bool(value.strip()), field, "a non-empty str", value)


def _amount(check: Checker, field: str, value: Any) -> None:
    if value is None:
        return
    if check.type(field, value, Decimal, "pounds as a Decimal or None"):
        try:
            pounds(value, field=field)
        except InvalidInput as err:
            check.extend(err)


def money(value: Decimal) -> str:
    """Pounds as a council report writes them: ``£1,200,000.00``. Internal."""
    return f"£{value:,.2f}"


@attrs.frozen
class ApprovalRule:
    """Leaving ``step`` needs an approval by ``role`` when the cycle's value is in range.

    The rule applies when the value is above ``above`` (``None``: from zero) and
    at most ``up_to`` (``None``: no upper limit); with neither, it always applies.

    Examples:
        >>> from decimal import Decimal
        >>> rule = ApprovalRule("route", "cabinet", above=Decimal("500000"))
        >>> rule.applies(Decimal("1200000")), rule.applies(Decimal("90000"))
        (True, False)
        >>> rule.describe()
        "approval by 'cabinet' (value above £500,000.00)"
    """

    step: str
    role: str
    above: Decimal | None = attrs.field(default=None, kw_only=True)
    up_to: Decimal | None = attrs.field(default=None, kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "step", self.step)
        _text(check, "role", self.role)
        _amount(check, "above", self.above)
        _amount(check, "up_to", self.up_to)
        if isinstance(self.above, Decimal) and isinstance(self.up_to, Decimal):
            check.that(
                self.up_to > self.above, "up_to", f"more than above ({self.above})", self.up_to
            )
        check.type("description", self.description, str, "a str")
        check.done()

    @property
    def thresholded(self) -> bool:
        """Whether the rule depends on the value at all."""
        return self.above is not None or self.up_to is not None

    def applies(self, value: Decimal | None) -> bool | None:
        """Whether the rule applies to ``value``; ``None`` when it depends on an unknown value."""
        if not self.thresholded:
            return True
        if value is None:
            return None
        if self.above is not None and value <= self.above:
            return False
        return not (self.up_to is not None and value > self.up_to)

    def describe(self) -> str:
        """The rule in words."""
        if self.description:
            return self.description
        parts = []
        if self.above is not None:
            parts.append(f"above {money(self.above)}")
        if self.up_to is not None:
            parts.append(f"up to {money(self.up_to)}")
        when = f" (value {' and '.join(parts)})" if parts else ""
        return f"approval by {self.role!r}{when}"

    def to_data(self) -> dict[str, Any]:
        """This rule as JSON-compatible data (amounts as strings)."""
        data: dict[str, Any] = {"step": self.step, "role": self.role}
        if self.above is not None:
            data["above"] = str(self.above)
        if self.up_to is not None:
            data["up_to"] = str(self.up_to)
        if self.description:
            data["description"] = self.description
        return data

    @classmethod
    def from_data(cls, data: Any) -> ApprovalRule:
        """Read a rule written by [`to_data`][commissioning.cycle.ApprovalRule.to_data], through the checked reader.

        Examples:
            >>> ApprovalRule.from_data({"step": "route", "role": "cabinet", "above": "500000"}).above
            Decimal('500000.00')
        """
        from ._framework_data import approval_rule_from_data  # noqa: PLC0415 - the reader lives with the framework's stored form

        return approval_rule_from_data(data)


@attrs.frozen
class Approval(Stored):
    """An approval given: for which step, by whom, in which role, when, and the decision's reference.

    Examples:
        >>> import datetime as dt
        >>> a = Approval("route", "cabinet", "Cllr Patel", dt.datetime(2026, 5, 14, 18, tzinfo=dt.UTC),
        ...              reference="Cabinet minute 45")
        >>> a.by, a.role
        ('Cllr Patel', 'cabinet')
    """

    step: str
    role: str
    by: str
    at: dt.datetime
    reference: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "step", self.step)
        _text(check, "role", self.role)
        _text(check, "by", self.by)
        try:
            utc = as_utc(self.at)
        except InvalidInput as err:
            check.extend(err)
        else:
            check.that(utc is self.at, "at", "an aware datetime in UTC (use Approval.of)", self.at)
        check.type("reference", self.reference, str, "a str")
        check.done()

    @classmethod
    def of(cls, step: str, role: str, by: str, *, at: dt.datetime, reference: str = "") -> Approval:
        """Build an approval, converting ``at`` (any aware datetime) to UTC.

        Examples:
            >>> import pendulum
            >>> Approval.of("route", "cabinet", "Cllr Patel",
            ...             at=pendulum.datetime(2026, 5, 14, 19, tz="Europe/London")).at.hour
            18
        """
        return cls(step, role, by, as_utc(at), reference=reference)


def key_decision_rules(
    step: str,
    *,
    threshold: Decimal = Decimal(500000),
    officer: str = "delegated officer",
    cabinet: str = "cabinet",
) -> tuple[ApprovalRule, ApprovalRule]:
    """The common scheme of delegation for ``step``: an officer up to ``threshold``, the cabinet above.

    The £500,000 default is an illustration (UNCONFIRMED; each council sets its own
    key-decision threshold in its constitution).

    Examples:
        >>> [r.describe() for r in key_decision_rules("route")]
        ["approval by 'delegated officer' (value up to £500,000.00)", "approval by 'cabinet' (value above £500,000.00)"]
    """
    amount = pounds(threshold, field="threshold")
    return (
        ApprovalRule(step, officer, up_to=amount),
        ApprovalRule(step, cabinet, above=amount),
    )


def cycle_value(facts: Facts) -> Decimal | None:
    """The value approvals are judged on: the latest make-or-buy decision's, else the question's estimate."""
    decision: MakeOrBuy | None = facts.latest(MakeOrBuy)
    if decision is not None and decision.value is not None:
        return decision.value
    question: Question | None = facts.latest(Question)
    return None if question is None else question.estimated_value


def missing_approvals(
    step: str, rules: Iterable[ApprovalRule], facts: Facts, *, evidence_kinds: Iterable[type]
) -> tuple[str, ...]:
    """Sentences naming each approval ``step`` still needs.

    An approval counts when it is for the step and the role and was given no
    earlier than the latest evidence the step relies on (``evidence_kinds``), so
    that a decision changed after approval must be approved again.
    """
    value = cycle_value(facts)
    kinds = tuple(evidence_kinds)
    latest_evidence = max(
        (e.recorded_at for e in facts.entries if isinstance(e.evidence, kinds)), default=None
    )
    out: list[str] = []
    for rule in rules:
        if rule.step != step:
            continue
        applies = rule.applies(value)
        if applies is None:
            out.append(
                f"needs {rule.describe()} if the value is in range, but the value is not known: "
                "record a make-or-buy decision with a value (or the question's estimated value)"
            )
            continue
        if not applies:
            continue
        given = [a for a in facts.approvals if a.step == step and a.role == rule.role]
        valid = [a for a in given if latest_evidence is None or a.at >= latest_evidence]
        if valid:
            continue
        worth = "" if value is None or not rule.thresholded else f"; the value is {money(value)}"
        if given:
            last = max(given, key=lambda a: a.at)
            out.append(
                f"needs {rule.describe()}{worth}; the approval by {last.by} on "
                f"{last.at.date()} predates evidence recorded on "
                f"{latest_evidence.date() if latest_evidence else '?'}"
            )
        else:
            out.append(f"needs {rule.describe()}{worth}; none is recorded")
    return tuple(out)
