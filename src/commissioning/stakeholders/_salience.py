"""Stakeholder salience (Mitchell, Agle and Wood, 1997): type and class from three attributes.

Source: the docs' Sources page, "Salience". A stakeholder *has* an
attribute when its 0-10 score is at least the threshold for it
([`Thresholds`][commissioning.stakeholders.Thresholds], 5 by default; the paper gives no numbers, so the cut-off
is this library's choice and yours to set).
"""

from __future__ import annotations

import enum

import attrs

from .._validation import Checker
from ._model import Stakeholder, Thresholds

__all__ = ["Salience", "SalienceClass", "SalienceType", "salience"]

_DEFAULT = Thresholds()


class SalienceClass(enum.StrEnum):
    """How many salience attributes a stakeholder has: none, one latent, two expectant, three definitive.

    ``NONE`` is the class of a non-stakeholder (no attribute): a member, never ``None``.

    Examples:
        >>> SalienceClass("expectant") is SalienceClass.EXPECTANT
        True
    """

    NONE = "none"
    LATENT = "latent"
    EXPECTANT = "expectant"
    DEFINITIVE = "definitive"


class SalienceType(enum.StrEnum):
    """Which salience attributes (power, legitimacy, urgency) a stakeholder has.

    Examples:
        >>> sorted(SalienceType.DANGEROUS.attributes)
        ['power', 'urgency']
        >>> SalienceType.DANGEROUS.salience_class
        <SalienceClass.EXPECTANT: 'expectant'>
        >>> SalienceType.NON_STAKEHOLDER.salience_class
        <SalienceClass.NONE: 'none'>
    """

    NON_STAKEHOLDER = "non-stakeholder"
    DORMANT = "dormant"
    DISCRETIONARY = "discretionary"
    DEMANDING = "demanding"
    DOMINANT = "dominant"
    DANGEROUS = "dangerous"
    DEPENDENT = "dependent"
    DEFINITIVE = "definitive"

    @property
    def attributes(self) -> frozenset[str]:
        """The attributes that give this type."""
        return _ATTRIBUTES[self]

    @property
    def salience_class(self) -> SalienceClass:
        """Latent, expectant or definitive; [`SalienceClass.NONE`][commissioning.stakeholders.SalienceClass] for a non-stakeholder."""
        return list(SalienceClass)[len(self.attributes)]


_ATTRIBUTES: dict[SalienceType, frozenset[str]] = {
    SalienceType.NON_STAKEHOLDER: frozenset(),
    SalienceType.DORMANT: frozenset({"power"}),
    SalienceType.DISCRETIONARY: frozenset({"legitimacy"}),
    SalienceType.DEMANDING: frozenset({"urgency"}),
    SalienceType.DOMINANT: frozenset({"power", "legitimacy"}),
    SalienceType.DANGEROUS: frozenset({"power", "urgency"}),
    SalienceType.DEPENDENT: frozenset({"legitimacy", "urgency"}),
    SalienceType.DEFINITIVE: frozenset({"power", "legitimacy", "urgency"}),
}
_BY_ATTRIBUTES = {attributes: kind for kind, attributes in _ATTRIBUTES.items()}


@attrs.frozen
class Salience:
    """A stakeholder's salience: the attributes it has, its type and its class.

    Attributes:
        attributes: which of power, legitimacy and urgency it has.
        type: the [`SalienceType`][commissioning.stakeholders.SalienceType] those attributes give.

    Examples:
        >>> Salience(frozenset({"legitimacy", "urgency"})).type
        <SalienceType.DEPENDENT: 'dependent'>
    """

    attributes: frozenset[str]

    def __attrs_post_init__(self) -> None:
        check = Checker()
        expected = "a frozenset of 'power', 'legitimacy' and 'urgency'"
        if check.type("attributes", self.attributes, frozenset, expected):
            check.that(self.attributes in _BY_ATTRIBUTES, "attributes", expected, self.attributes)
        check.done()

    @property
    def type(self) -> SalienceType:
        """The salience type (dormant, ..., definitive)."""
        return _BY_ATTRIBUTES[self.attributes]

    @property
    def salience_class(self) -> SalienceClass:
        """Latent, expectant or definitive; [`SalienceClass.NONE`][commissioning.stakeholders.SalienceClass] for a non-stakeholder."""
        return self.type.salience_class


def salience(stakeholder: Stakeholder, *, thresholds: Thresholds = _DEFAULT) -> Salience:
    """Classify a stakeholder by which of power, legitimacy and urgency it has.

    Examples:
        >>> from commissioning.stakeholders import Stakeholder
        >>> union = Stakeholder("unison", "UNISON branch", "trade union",
        ...                     power=6, interest=8, legitimacy=7, urgency=2)
        >>> s = salience(union)
        >>> s.type, s.salience_class
        (<SalienceType.DOMINANT: 'dominant'>, <SalienceClass.EXPECTANT: 'expectant'>)
        >>> salience(union, thresholds=Thresholds(urgency=2)).type
        <SalienceType.DEFINITIVE: 'definitive'>
    """
    has = frozenset(
        name
        for name in ("power", "legitimacy", "urgency")
        if getattr(stakeholder, name) >= getattr(thresholds, name)
    )
    return Salience(has)
