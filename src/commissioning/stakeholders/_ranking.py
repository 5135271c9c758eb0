"""A ranked sequence of stakeholders: what every ``*_rank`` function returns."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import attrs

from ._tables import frame, html_table

__all__ = ["RankedStakeholder", "Ranking"]

_COLUMNS = ("rank", "id", "score")


@attrs.frozen
class RankedStakeholder:
    """One place in a [`Ranking`][commissioning.stakeholders.Ranking].

    Attributes:
        rank: the place, 1 for the highest score.
        id: the stakeholder.
        score: its score.

    Examples:
        >>> RankedStakeholder(1, "cabinet", 0.4).id
        'cabinet'
    """

    rank: int
    id: str
    score: float


@attrs.frozen
class Ranking(Sequence[RankedStakeholder]):
    """Stakeholders in order of score, highest first (ties by id); a sequence, so ``ranking[:3]`` works.

    Places are numbered 1, 2, 3... in that order. [`scores`][commissioning.stakeholders.Ranking.scores] looks a
    score up by id; [`to_frame`][commissioning.stakeholders.Ranking.to_frame] gives the table.

    Attributes:
        places: the ranked stakeholders, highest first.
        measure: what the score measures (``"influence rank"``).

    Examples:
        >>> r = Ranking.of({"a": 0.2, "b": 0.5, "c": 0.3}, measure="influence rank")
        >>> [p.id for p in r[:2]], r[0].rank, r.scores["c"]
        (['b', 'c'], 1, 0.3)
    """

    places: tuple[RankedStakeholder, ...]
    measure: str = "score"

    @classmethod
    def of(cls, scores: Mapping[str, float], *, measure: str = "score") -> Ranking:
        """The ranking of ``scores`` (id to score)."""
        ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return cls(
            tuple(RankedStakeholder(i, sid, score) for i, (sid, score) in enumerate(ordered, 1)),
            measure,
        )

    @overload
    def __getitem__(self, index: int) -> RankedStakeholder: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[RankedStakeholder, ...]: ...

    def __getitem__(self, index: int | slice) -> RankedStakeholder | tuple[RankedStakeholder, ...]:
        return self.places[index]

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[RankedStakeholder]:
        return iter(self.places)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, highest first."""
        return tuple(p.id for p in self.places)

    @property
    def scores(self) -> Mapping[str, float]:
        """Each stakeholder's score by id (read-only)."""
        return MappingProxyType({p.id: p.score for p in self.places})

    def to_frame(self, *, exact: bool = False) -> Any:
        """The ranking as a table indexed by rank, columns ``id`` and ``score`` (``pandas`` extra).

        Examples:
            >>> Ranking.of({"a": 0.25, "b": 0.75}).to_frame().loc[1, "id"]
            'b'
        """
        return frame((attrs.asdict(p) for p in self.places), _COLUMNS, exact=exact, index="rank")

    def _repr_html_(self) -> str:
        return html_table(
            self.measure.capitalize(), (attrs.asdict(p) for p in self.places), _COLUMNS
        )
