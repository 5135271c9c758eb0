"""Logic models (theory of change): inputs, activities, outputs, outcomes and impact, with assumptions.

Facts: the docs' Sources page, "Logic model / theory of change (HM
Treasury Magenta Book)": inputs, activities, outputs, outcomes, impact, with
assumptions and external factors. Elements link forward along that chain and
to the measures that evidence them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ._common import collect_id, require_tuple_of
from ._framework import OutcomeFramework
from ._repr import html_table

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Assumption", "LogicElement", "LogicModel", "LogicStage"]


class LogicStage(enum.Enum):
    """The Magenta Book's stages, in causal order.

    Examples:
        >>> LogicStage.OUTPUTS.order < LogicStage.IMPACT.order
        True
    """

    INPUTS = "inputs"
    ACTIVITIES = "activities"
    OUTPUTS = "outputs"
    OUTCOMES = "outcomes"
    IMPACT = "impact"

    @property
    def order(self) -> int:
        """0 for inputs up to 4 for impact."""
        return list(LogicStage).index(self)


@attrs.frozen
class LogicElement:
    """One box of a logic model.

    Attributes:
        id: unique within the model.
        stage: inputs, activities, outputs, outcomes or impact.
        description: the element in words.
        leads_to: ids of elements at a later stage that this one leads to.
        measure_ids: measures that evidence it (ids in an outcome framework).

    Examples:
        >>> LogicElement("a1", LogicStage.ACTIVITIES, "Reablement visits", leads_to=("o1",)).stage
        <LogicStage.ACTIVITIES: 'activities'>
    """

    id: str
    stage: LogicStage
    description: str
    leads_to: tuple[str, ...] = ()
    measure_ids: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        check = Checker()
        collect_id(check, self.id, field="id")
        check.type("stage", self.stage, LogicStage, "a LogicStage")
        check.type("description", self.description, str, "a str")
        for name in ("leads_to", "measure_ids"):
            value = getattr(self, name)
            if check.type(name, value, tuple, "a tuple of ids"):
                for i, x in enumerate(value):
                    collect_id(check, x, field=f"{name}[{i}]")
        check.done()


@attrs.frozen
class Assumption:
    """An assumption or external factor, attached to the elements or links it concerns.

    Attributes:
        id: unique within the model.
        text: the assumption in words.
        about: ids of the elements it concerns.
        external: whether it is an external factor rather than an assumption.

    Examples:
        >>> Assumption("x1", "Hospitals refer people promptly", about=("o1",), external=True).external
        True
    """

    id: str
    text: str
    about: tuple[str, ...] = ()
    external: bool = False

    def __attrs_post_init__(self) -> None:
        check = Checker()
        collect_id(check, self.id, field="id")
        check.type("text", self.text, str, "a str")
        check.type("about", self.about, tuple, "a tuple of element ids")
        check.type("external", self.external, bool, "a bool")
        check.done()


@attrs.frozen
class LogicModel:
    """A logic model: elements linked forward from inputs to impact, with assumptions.

    Validated on construction: unique ids, links only to known elements at a
    later stage, assumptions about known elements.

    Examples:
        >>> lm = LogicModel.from_items("Reablement", elements=[
        ...     LogicElement("staff", LogicStage.INPUTS, "Reablement workers", leads_to=("visits",)),
        ...     LogicElement("visits", LogicStage.ACTIVITIES, "Home visits", leads_to=("plans",)),
        ...     LogicElement("plans", LogicStage.OUTPUTS, "Completed plans", leads_to=("home",)),
        ...     LogicElement("home", LogicStage.OUTCOMES, "At home after 91 days",
        ...                  leads_to=("indep",), measure_ids=("2B",)),
        ...     LogicElement("indep", LogicStage.IMPACT, "Independence")],
        ...     assumptions=[Assumption("a1", "Referrals arrive within 48 hours", about=("visits",))])
        >>> [e.id for e in lm.unmeasured(LogicStage.OUTCOMES, LogicStage.IMPACT)]
        ['indep']
        >>> lm.chains_to_impact("staff")
        (('staff', 'visits', 'plans', 'home', 'indep'),)
    """

    name: str
    elements: tuple[LogicElement, ...] = ()
    assumptions: tuple[Assumption, ...] = ()

    def __attrs_post_init__(self) -> None:
        require_tuple_of(self.elements, LogicElement, "elements", "a tuple of LogicElements")
        require_tuple_of(self.assumptions, Assumption, "assumptions", "a tuple of Assumptions")
        check = Checker()
        check.type("name", self.name, str, "a str")
        stages: dict[str, LogicStage] = {}
        for i, e in enumerate(self.elements):
            check.that(e.id not in stages, f"elements[{i}].id", "an id not used before", e.id)
            stages[e.id] = e.stage
        for i, e in enumerate(self.elements):
            for j, target in enumerate(e.leads_to):
                if check.that(
                    target in stages, f"elements[{i}].leads_to[{j}]", "a known element id", target
                ):
                    check.that(
                        stages[target].order > e.stage.order,
                        f"elements[{i}].leads_to[{j}]",
                        f"an element at a stage after {e.stage.value}",
                        target,
                    )
        for i, a in enumerate(self.assumptions):
            for j, target in enumerate(a.about):
                check.that(
                    target in stages, f"assumptions[{i}].about[{j}]", "a known element id", target
                )
        check.done()

    @classmethod
    def from_items(
        cls, name: str, *, elements: Iterable[LogicElement], assumptions: Iterable[Assumption] = ()
    ) -> LogicModel:
        """Build a model from any iterables.

        Examples:
            >>> LogicModel.from_items("empty", elements=[]).elements
            ()
        """
        return cls(name, tuple(elements), tuple(assumptions))

    def element(self, element_id: str) -> LogicElement:
        """The element with this id."""
        for e in self.elements:
            if e.id == element_id:
                return e
        raise InvalidInput.of("element_id", "a known element id", element_id)

    def at(self, stage: LogicStage) -> tuple[LogicElement, ...]:
        """The elements at one stage."""
        return tuple(e for e in self.elements if e.stage is stage)

    def unmeasured(self, *stages: LogicStage) -> tuple[LogicElement, ...]:
        """Elements (at the given stages, default all) with no measure attached."""
        wanted = set(stages or LogicStage)
        return tuple(e for e in self.elements if e.stage in wanted and not e.measure_ids)

    def dead_ends(self) -> tuple[LogicElement, ...]:
        """Elements before impact that lead nowhere: a gap in the theory of change."""
        return tuple(
            e for e in self.elements if e.stage is not LogicStage.IMPACT and not e.leads_to
        )

    def assumptions_about(self, element_id: str) -> tuple[Assumption, ...]:
        """The assumptions and external factors attached to an element."""
        self.element(element_id)
        return tuple(a for a in self.assumptions if element_id in a.about)

    def chains_to_impact(self, element_id: str) -> tuple[tuple[str, ...], ...]:
        """Every path of ids from an element forward to an impact element."""
        start = self.element(element_id)
        if start.stage is LogicStage.IMPACT:
            return ((start.id,),)
        paths: list[tuple[str, ...]] = []
        for nxt in start.leads_to:
            paths.extend((start.id, *rest) for rest in self.chains_to_impact(nxt))
        return tuple(paths)

    def unknown_measures(self, framework: OutcomeFramework) -> tuple[str, ...]:
        """Measure ids used by the model that the framework does not define."""
        known = {m.id for m in framework.measures}
        return tuple(sorted({m for e in self.elements for m in e.measure_ids if m not in known}))

    def as_graph(self) -> nx.DiGraph[str]:
        """The model as a directed graph (nodes carry ``stage`` and ``description``)."""
        import networkx as nx  # noqa: PLC0415 - networkx is a runtime dependency, imported where used

        graph: nx.DiGraph[str] = nx.DiGraph()
        for e in self.elements:
            graph.add_node(e.id, stage=e.stage.value, description=e.description)
        for e in self.elements:
            for target in e.leads_to:
                graph.add_edge(e.id, target)
        return graph

    def to_records(self) -> list[dict[str, Any]]:
        """One record per element."""
        return [
            {
                "id": e.id,
                "stage": e.stage.value,
                "description": e.description,
                "leads_to": ", ".join(e.leads_to),
                "measure_ids": ", ".join(e.measure_ids),
                "assumptions": "; ".join(a.text for a in self.assumptions if e.id in a.about),
            }
            for e in sorted(self.elements, key=lambda e: e.stage.order)
        ]

    def _repr_html_(self) -> str:
        return html_table(
            f"Logic model: {self.name}",
            self.to_records(),
            ["stage", "id", "description", "leads_to", "measure_ids", "assumptions"],
        )

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format`` (``"commissioning.logic-model"``), ``format_version`` (1), then every attribute.

        Numbers are exact decimal strings, days ``YYYY-MM-DD``, enums their values;
        [`from_data`][commissioning.outcomes.LogicModel.from_data] reads it back into an equal value.

        Examples:
            >>> import json
            >>> lm = LogicModel("Reablement", elements=[LogicElement("a", LogicStage.ACTIVITIES,
            ...     "home visits")])
            >>> LogicModel.from_data(json.loads(json.dumps(lm.to_data()))) == lm
            True
        """
        from ._stored import logic_model_to_data  # noqa: PLC0415 - that module imports this one

        return logic_model_to_data(self)

    @classmethod
    def from_data(cls, data: Any, /) -> LogicModel:
        """Load what [`to_data`][commissioning.outcomes.LogicModel.to_data] wrote, through the checked reader.

        Anything that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        naming its path; an unknown ``format_version`` is refused.
        """
        from ._stored import load, logic_model_from  # noqa: PLC0415 - as above

        loaded: LogicModel = load("LogicModel", data, logic_model_from)
        return loaded
