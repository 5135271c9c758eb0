"""Lots: one procurement, several contracts, each awarded and entered into on its own.

The Procurement Act 2023 has a contracting authority consider, before the
tender notice, whether what it buys could reasonably be supplied under more
than one contract awarded by reference to lots (s.18); a competitive tendering
procedure may limit the lots one supplier may tender for (s.20(7)) and the
award criteria the lots one supplier may be awarded (s.23(4)(a)). Each lot is
awarded, notified, held in standstill and contracted on its own, and each
contract then has its own life (KPIs, notices, payments, changes, end).

Valuation (Sch 3 para 4): where the goods, services or works of two or more
contracts could reasonably be supplied under a single contract, the estimated
value of each contract includes the value of all of them, unless the authority
has good reasons not to do so. So a lot's contract is judged for the Act
(threshold, the s.52 KPI duty and the rest) at the value of the whole
procurement, unless [`Lot.valued_alone`][commissioning.procurement.Lot] gives those good reasons, when the
lot's own value is used. UNCONFIRMED: that the s.52(1) "estimated value of more
than £5 million" of a lot's contract is its Sch 3 para 4 aggregated value.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._validation import Checker

__all__ = ["Lot"]

#: Most lots one procurement may have (a bound for hostile input; real tenders have at most hundreds).
MAX_LOTS = 1000
_MAX_ID = 200


def exact_values(value: Any, check: Checker) -> None:
    """Make ``value_including_vat`` (non-negative) and ``value_excluding_vat`` exact pounds on a frozen value."""
    setter = object.__setattr__
    try:
        gross = pounds(value.value_including_vat, field="value_including_vat")
        setter(value, "value_including_vat", gross)
        check.that(gross >= 0, "value_including_vat", "a non-negative amount", gross)
    except InvalidInput as err:
        check.extend(err)
    if value.value_excluding_vat is not None:
        try:
            setter(
                value,
                "value_excluding_vat",
                pounds(value.value_excluding_vat, field="value_excluding_vat"),
            )
        except InvalidInput as err:
            check.extend(err)


def net_within_gross(value: Any) -> None:
    """Refuse a ``value_excluding_vat`` above ``value_including_vat``."""
    net = value.value_excluding_vat
    if isinstance(net, Decimal) and net > value.value_including_vat:
        raise InvalidInput.of(
            "value_excluding_vat",
            f"at most the value including VAT ({value.value_including_vat})",
            net,
        )


def _as_given(value: Any) -> Any:
    """Money as given (a str, int or Decimal); it is checked and made exact pounds after construction."""
    return value


@attrs.frozen
class Lot:
    """One lot of a procurement: a contract to be awarded on its own (PA 2023 s.18).

    Attributes:
        id: the lot's identifier, as the tender notice gives it (``"1"``, ``"LOT-0002"``).
        title: what the lot is for.
        value_including_vat: the lot's own estimated value, VAT included (exact pounds).
        value_excluding_vat: the same without VAT, when known.
        valued_alone: the authority's good reasons to value this lot's contract on its
            own rather than as the whole procurement (Sch 3 para 4(2)); ``None`` (the
            default) values it as the whole.
        description: a description of the lot.

    Examples:
        >>> lot = Lot("2", "Frozen meals", "250000")
        >>> lot.value_including_vat, Lot.from_data(lot.to_data()) == lot
        (Decimal('250000.00'), True)
        >>> Lot("", "Frozen meals", "-1")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: id: expected a non-empty str of at most 200 characters, received ''; value_including_vat: expected a non-negative amount, received Decimal('-1.00')
    """

    id: str
    title: str
    value_including_vat: Decimal = attrs.field(converter=_as_given)
    value_excluding_vat: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_as_given
    )
    valued_alone: str | None = attrs.field(default=None, kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("id", self.id, str, f"a non-empty str of at most {_MAX_ID} characters"):
            check.that(
                bool(self.id.strip()) and len(self.id) <= _MAX_ID,
                "id",
                f"a non-empty str of at most {_MAX_ID} characters",
                self.id,
            )
        if check.type("title", self.title, str, "a non-empty str"):
            check.that(bool(self.title.strip()), "title", "a non-empty str", self.title)
        exact_values(self, check)
        if self.valued_alone is not None and check.type(
            "valued_alone", self.valued_alone, str, "the good reasons (str) or None"
        ):
            check.that(
                bool(self.valued_alone.strip()),
                "valued_alone",
                "non-empty good reasons or None",
                self.valued_alone,
            )
        check.type("description", self.description, str, "a str")
        check.done()
        net_within_gross(self)

    def to_data(self) -> dict[str, Any]:
        """The lot as JSON-compatible data (money as exact strings); defaults are left out."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "value_including_vat": str(self.value_including_vat),
        }
        if self.value_excluding_vat is not None:
            out["value_excluding_vat"] = str(self.value_excluding_vat)
        if self.valued_alone is not None:
            out["valued_alone"] = self.valued_alone
        if self.description:
            out["description"] = self.description
        return out

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, field: str = "lot") -> Lot:
        """Rebuild a lot from [`to_data`][commissioning.procurement.Lot.to_data] output; problems are named under ``field``."""
        if not isinstance(data, Mapping):
            raise InvalidInputType([Problem(field, "a mapping (a lot)", data, "type")])
        known = {
            "id",
            "title",
            "value_including_vat",
            "value_excluding_vat",
            "valued_alone",
            "description",
        }
        check = Checker()
        for key in data:
            check.that(
                key in known, f"{field}.{key}", f"a known field ({', '.join(sorted(known))})", key
            )
        for key in ("id", "title", "value_including_vat"):
            check.that(key in data, f"{field}.{key}", "present", data.get(key))
        check.done()
        try:
            return cls(
                data["id"],
                data["title"],
                data["value_including_vat"],
                value_excluding_vat=data.get("value_excluding_vat"),
                valued_alone=data.get("valued_alone"),
                description=data.get("description", ""),
            )
        except InvalidInput as err:
            raise type(err)(
                [attrs.evolve(p, field=f"{field}.{p.field}") for p in err.problems]
            ) from None
