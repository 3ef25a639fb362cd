"""What the history keeps of one scored assessment: a `Snapshot`, and a `Record` of it.

A snapshot is the stored projection of a `Result` (built by `Snapshot.from_result`): its
figures and, per question, the distribution of levels given and the question's weights.
Keeping levels (not only means) lets a later bank version rescale old answers exactly;
keeping weights lets like-for-like comparisons run without the old bank at hand.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.base.framework import Role
from assess.scoring.results import DimensionFigure, QuestionTally, Result, RoundFacts

if TYPE_CHECKING:
    # Type hints only: a snapshot unpickled in another process must not pull in pydantic.
    from assess.bank.model import Bank


@dataclass(frozen=True, slots=True)
class QuestionFigure(QuestionTally):
    """One question as recorded: levels given, marks, and how it is weighted."""

    levels: tuple[tuple[int, int], ...]
    """(level, how many respondents gave it), lowest level first."""
    top: int
    """The top level of the question's scale."""
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
class Snapshot(RoundFacts):
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
    now: tuple[str, ...] = ()
    """The roadmap's Now phase, by question id; empty for records made before schema 3."""

    @classmethod
    def from_result(
        cls, result: Result, bank: Bank, period: str, assessed_on: datetime.date
    ) -> Snapshot:
        """The snapshot of a result scored with ``bank``, filed under ``period``."""
        questions = []
        for q in result.questions:
            asked = bank.question(q.id)
            counts = Counter(level for _, level in q.levels)
            questions.append(
                QuestionFigure(
                    id=q.id,
                    na=q.na,
                    unknown=q.unknown,
                    unanswered=q.unanswered,
                    levels=tuple(sorted(counts.items())),
                    top=bank.scales[asked.scale].max_level,
                    pillars=tuple(asked.pillars.items()),
                    benefits=tuple(asked.benefits.items()),
                )
            )
        return cls(
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
            pillars=tuple(p.figure() for p in result.pillars),
            benefits=tuple(b.figure() for b in result.benefits),
            questions=tuple(questions),
            now=tuple(item.question for item in result.roadmap if item.phase == "now"),
        )

    @property
    def label(self) -> str:
        """``subject@period``: how users name a record."""
        return f"{self.subject}@{self.period}"

    def pillar_scores(self) -> tuple[float | None, ...]:
        """Pillar scores in framework order."""
        return tuple(p.score for p in self.pillars)


@dataclass(frozen=True, slots=True)
class Record:
    """A stored snapshot with its id and when it was recorded."""

    id: int
    recorded_at: str
    """UTC timestamp, ISO 8601."""
    tool_version: str
    snapshot: Snapshot

    @property
    def label(self) -> str:
        """``subject@period``: how users name a record."""
        return self.snapshot.label
