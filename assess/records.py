"""What the history keeps of one scored assessment: a `Snapshot`, independent of storage.

A snapshot holds the figures of a `Result` and, per question, the distribution of levels
given and the question's weights. Keeping levels (not only means) lets a later bank
version rescale old answers exactly; keeping weights lets like-for-like comparisons run
without the old bank on the search path.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.framework import Role

if TYPE_CHECKING:
    # Type hints only: a snapshot unpickled in another process must not pull in pydantic.
    from assess.bankmodel import Bank
    from assess.results import DimensionScore, Result


@dataclass(frozen=True, slots=True)
class DimensionFigure:
    """A pillar's or a benefit's score as recorded."""

    id: str
    score: float | None
    target: float
    coverage: float


@dataclass(frozen=True, slots=True)
class QuestionFigure:
    """One question as recorded: levels given, marks, and how it is weighted."""

    id: str
    levels: tuple[tuple[int, int], ...]
    """(level, how many respondents gave it), lowest level first."""
    top: int
    """The top level of the question's scale."""
    na: int
    unknown: int
    unanswered: int
    pillars: tuple[tuple[str, float], ...]
    benefits: tuple[tuple[str, float], ...]

    @property
    def value(self) -> float | None:
        """Mean level / top level, in [0, 1]; None when nobody gave a level."""
        return value_of(dict(self.levels), self.top)


def value_of(levels: Mapping[int, int], top: int) -> float | None:
    """Mean of a level distribution over the top level; None for an empty distribution."""
    given = sum(levels.values())
    if not given:
        return None
    return math.fsum(level * n for level, n in levels.items()) / given / top


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One assessment of a subject in one period, as the history keeps it."""

    subject: str
    period: str
    assessed_on: datetime.date
    bank_id: str
    bank_version: str
    bank_digest: str
    profile: str
    respondents: tuple[tuple[Role, int], ...]
    overall: float | None
    overall_target: float
    coverage: float
    pillars: tuple[DimensionFigure, ...]
    benefits: tuple[DimensionFigure, ...]
    questions: tuple[QuestionFigure, ...]
    """Empty for records made before the history kept questions (schema 1)."""

    @property
    def bank_ref(self) -> str:
        """``id@version`` of the bank answered."""
        return f"{self.bank_id}@{self.bank_version}"

    @property
    def respondent_count(self) -> int:
        """How many answer files were scored."""
        return sum(n for _, n in self.respondents)

    def pillar_scores(self) -> tuple[float | None, ...]:
        """Pillar scores in framework order."""
        return tuple(p.score for p in self.pillars)


def snapshot_of(result: Result, bank: Bank, period: str, assessed_on: datetime.date) -> Snapshot:
    """The snapshot of a result scored with ``bank``, filed under ``period``."""

    def figure(d: DimensionScore) -> DimensionFigure:
        return DimensionFigure(d.id, d.score, d.target, d.coverage)

    questions = []
    for q in result.questions:
        asked = bank.question(q.id)
        counts = Counter(level for _, level in q.levels)
        questions.append(
            QuestionFigure(
                q.id,
                tuple(sorted(counts.items())),
                bank.scales[asked.scale].max_level,
                q.na,
                q.unknown,
                q.unanswered,
                tuple(asked.pillars.items()),
                tuple(asked.benefits.items()),
            )
        )
    return Snapshot(
        subject=result.subject,
        period=period,
        assessed_on=assessed_on,
        bank_id=result.bank_id,
        bank_version=result.bank_version,
        bank_digest=result.bank_digest,
        profile=result.profile,
        respondents=result.respondents,
        overall=result.overall.score,
        overall_target=result.overall.target,
        coverage=result.overall.coverage,
        pillars=tuple(figure(p) for p in result.pillars),
        benefits=tuple(figure(b) for b in result.benefits),
        questions=tuple(questions),
    )
