"""What scoring produces: a `Result` made of frozen records, ready for any output format.

All scores are on the 0–4 scale (4 × the weighted mean of normalised values); coverage
is a fraction in [0, 1]. None means "no value": nobody gave a level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from assess.base.framework import Role
from assess.base.words import shown_gap

Risk = Literal["high", "medium", "low", "none"]
RISKS: tuple[Risk, ...] = ("none", "low", "medium", "high")
"""Risks from least to most."""
Phase = Literal["now", "next", "later"]
PHASES: tuple[Phase, ...] = ("now", "next", "later")
PHASE_NAMES = {"now": "Now", "next": "Next", "later": "Later"}
PHASE_TITLES = {
    "now": "Now (0–3 months)",
    "next": "Next (3–6 months)",
    "later": "Later (6–12 months)",
}
LOW_CONFIDENCE_BELOW = 0.6
"""Coverage under this fraction flags a score as low confidence."""


@dataclass(frozen=True, slots=True)
class Comment:
    """A note or evidence a respondent attached to an answer."""

    respondent: str
    role: Role
    note: str | None
    evidence: tuple[str, ...]


UNSUPPORTED_BY = 1.0
"""People's mean level this far or more above the observed level is a claim the evidence
does not support."""


@dataclass(frozen=True, slots=True)
class Observation:
    """What a tool measured for one question (an observed answer file), apart from people."""

    source: str
    """Who measured: the observed file's respondent name, like ``OpenSSF Scorecard v5.0.0``."""
    level: int | None
    """None when the tool could not tell (its answer was "don't know")."""
    note: str | None
    evidence: tuple[str, ...]
    gap: float | None
    """The question's target minus the observed score (0–4), never below 0."""
    risk: Risk
    """The risk the gap to the observed level would carry (as `QuestionScore.risk`)."""


@dataclass(frozen=True, slots=True)
class QuestionTally:
    """What every view of a scored question shares: its id and the answers without a level."""

    id: str
    na: int
    unknown: int
    unanswered: int


@dataclass(frozen=True, slots=True)
class QuestionScore(QuestionTally):
    """One question, aggregated over respondents."""

    levels: tuple[tuple[Role, int], ...]
    """(role, level) of every respondent who gave a level, sorted."""
    mean_level: float | None
    value: float | None
    """Mean level / top level of the scale, in [0, 1]."""
    spread: int | None
    """Highest minus lowest level given, in levels."""
    applicable: bool
    """False when everyone who answered said 'na'."""
    target: float
    """Weighted target of the question's pillars, 0–4."""
    gap: float | None
    risk: Risk
    divergent: bool
    """The spread covers half the scale or more (two levels of a 0–4 scale)."""
    unknown_roles: tuple[Role, ...]
    comments: tuple[Comment, ...]
    title: str | None = None
    """The question's short name, when the bank gives one."""
    kind: Literal["practice", "outcome"] = "practice"
    observed: Observation | None = None
    """What a tool measured, when an observed file answers the question."""

    @property
    def score(self) -> float | None:
        """The value on the 0–4 scale."""
        return None if self.value is None else 4 * self.value

    @property
    def evidence_gap(self) -> float | None:
        """People's mean level minus the observed level; None unless both are known."""
        if self.mean_level is None or self.observed is None or self.observed.level is None:
            return None
        return self.mean_level - self.observed.level

    @property
    def unsupported(self) -> bool:
        """People rate it at least `UNSUPPORTED_BY` levels above what was observed."""
        return (self.evidence_gap or 0.0) >= UNSUPPORTED_BY

    @property
    def risk_by_evidence(self) -> Risk:
        """Its risk, or the observed one when the evidence contradicts people and is worse."""
        if not self.unsupported or self.observed is None:
            return self.risk
        return max(self.risk, self.observed.risk, key=RISKS.index)


@dataclass(frozen=True, slots=True)
class Contribution:
    """How one question feeds one pillar or benefit."""

    question: str
    weight: float
    value: float | None
    """Normalised value in [0, 1]; None when the question has no value."""
    points: float
    """weight × 4 × value / (total weight with a value): contributions sum to the score."""


@dataclass(frozen=True, slots=True)
class DimensionFigure:
    """A pillar's or a benefit's score, target and coverage: what the history keeps of it."""

    id: str
    score: float | None
    target: float
    coverage: float

    def figure(self) -> DimensionFigure:
        """Just these figures (a full `DimensionScore` drops its detail)."""
        return DimensionFigure(self.id, self.score, self.target, self.coverage)


@dataclass(frozen=True, slots=True)
class DimensionScore(DimensionFigure):
    """A pillar's or a benefit's score, target, gap and coverage, with how it was made."""

    name: str
    gap: float | None
    low_confidence: bool
    questions: int
    """Applicable questions mapped to it."""
    by_role: tuple[tuple[Role, float | None], ...]
    contributions: tuple[Contribution, ...]
    practice: float | None = None
    """The score over practice questions alone (0–4)."""
    outcome: float | None = None
    """The score over outcome questions alone (0–4); None when none feeds it."""
    claimed: float | None = None
    """People's score over the questions that also have an observed level (0–4)."""
    observed: float | None = None
    """The observed score over those same questions (0–4); None when none has one."""

    @property
    def assessed(self) -> bool:
        """False when the bank declares it out of its scope (no question feeds it)."""
        return bool(self.contributions)

    @property
    def shown_gap(self) -> float | None:
        """The gap as the printed score and target show it (see `shown_gap`)."""
        return shown_gap(self.target, self.score)

    @property
    def claim_gap(self) -> float | None:
        """Practices claimed minus results observed; None unless both are known."""
        if self.practice is None or self.outcome is None:
            return None
        return self.practice - self.outcome

    @property
    def evidence_gap(self) -> float | None:
        """Claimed minus observed over the same questions; None unless both are known."""
        if self.claimed is None or self.observed is None:
            return None
        return self.claimed - self.observed

    @property
    def percent(self) -> float | None:
        """The score as a percentage of the top of the scale."""
        return None if self.score is None else self.score * 25


@dataclass(frozen=True, slots=True)
class PerceptionGap:
    """The spread between the roles that rate a pillar highest and lowest."""

    pillar: str
    high_role: Role
    high: float
    low_role: Role
    low: float

    @property
    def gap(self) -> float:
        """High minus low, 0–4."""
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    """The next step for one question with a gap."""

    question: str
    practice: str
    """The question's text: what the step improves."""
    phase: Phase
    priority: float
    gap: float
    risk: Risk
    from_level: int
    next_step: str
    effort: str
    owners: tuple[Role, ...]
    pillar: str
    requires: tuple[str, ...]
    """Prerequisite questions that are also on the roadmap (always placed earlier)."""
    title: str | None = None
    """The question's short name, when the bank gives one."""
    unsupported: bool = False
    """People rate the practice higher than the observed evidence supports; the step
    starts from the observed level."""


@dataclass(frozen=True, slots=True)
class Overall:
    """The assessment in one figure."""

    score: float | None
    """Mean of the pillar scores that have a value."""
    target: float
    """Mean of the targets of the same pillars (of all six when none has a score)."""
    coverage: float
    """Pillar weight with a value over the pillar weight of the applicable questions."""

    @property
    def percent(self) -> float | None:
        """The score as a percentage of the top of the scale."""
        return None if self.score is None else self.score * 25


class RoundFacts:
    """What a scored round and its stored snapshot both say about who answered which bank."""

    __slots__ = ()
    bank_id: str
    bank_version: str
    respondents: tuple[tuple[Role, int], ...]

    @property
    def bank_ref(self) -> str:
        """``id@version`` of the bank answered."""
        return f"{self.bank_id}@{self.bank_version}"

    @property
    def respondent_count(self) -> int:
        """How many answer files were scored."""
        return sum(n for _, n in self.respondents)


@dataclass(frozen=True, slots=True)
class Result(RoundFacts):
    """Everything one assessment's scoring produces; a pure function of its inputs."""

    bank_id: str
    bank_version: str
    bank_title: str
    bank_digest: str
    subject: str
    period: str | None
    profile: str
    targets_from: str
    respondents: tuple[tuple[Role, int], ...]
    """Respondents per role, in the framework's role order."""
    overall: Overall
    pillars: tuple[DimensionScore, ...]
    benefits: tuple[DimensionScore, ...]
    questions: tuple[QuestionScore, ...]
    perception_gaps: tuple[PerceptionGap, ...]
    roadmap: tuple[RoadmapItem, ...]

    @property
    def divergent(self) -> tuple[QuestionScore, ...]:
        """Questions whose answers spread over two levels or more."""
        return tuple(q for q in self.questions if q.divergent)

    @property
    def observed(self) -> tuple[QuestionScore, ...]:
        """Questions a tool observed, the claims furthest above the evidence first."""
        seen = [q for q in self.questions if q.observed is not None]
        return tuple(sorted(seen, key=lambda q: (-(q.evidence_gap or -4.0), q.id)))

    @property
    def answers_given(self) -> int:
        """People's answers in the files: levels, "don't know" and "not applicable"."""
        return sum(len(q.levels) + q.unknown + q.na for q in self.questions)

    @property
    def unknown_share(self) -> float | None:
        """The share of people's answers that are "don't know"; None with no answers.

        Shown beside the share of questions with a level: every question can have a level
        from someone while many answers are "don't know".
        """
        given = self.answers_given
        return sum(q.unknown for q in self.questions) / given if given else None

    @property
    def knowledge_gaps(self) -> tuple[QuestionScore, ...]:
        """Questions someone answered 'unknown', most unknowns first."""
        return tuple(
            sorted((q for q in self.questions if q.unknown), key=lambda q: (-q.unknown, q.id))
        )

    def question(self, question_id: str) -> QuestionScore:
        """The score of one question (KeyError when there is none)."""
        return _find(self.questions, question_id)

    def pillar(self, pillar_id: str) -> DimensionScore:
        """The score of one pillar (KeyError when there is none)."""
        return _find(self.pillars, pillar_id)

    def benefit(self, benefit_id: str) -> DimensionScore:
        """The score of one benefit (KeyError when there is none)."""
        return _find(self.benefits, benefit_id)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def _find(items: Iterable[T], item_id: str) -> T:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


@dataclass(frozen=True, slots=True)
class GroupTargets:
    """Targets set for a group of subjects: a profile's name, or values from a targets file.

    A profile is looked up in each subject's own bank; values apply to every bank (the
    benefits' targets, when the file gives none, follow each bank's questions).
    """

    group: str
    source: str
    """How people read it: ``profile regulated`` or ``targets file retail.yaml``."""
    profile: str | None = None
    pillars: Mapping[str, float] | None = None
    benefits: Mapping[str, float] | None = None

    @property
    def label(self) -> str:
        """Where a subject's targets come from: ``profile regulated (group Retail)``."""
        return f"{self.source} (group {self.group})"


def overall_target(figures: Iterable[tuple[float | None, float]]) -> float:
    """The overall target: the mean target of the pillars with a score (of all, if none).

    ``figures`` are each pillar's (score, target). Score and target are then over the same
    pillars, so the overall gap compares like with like.
    """
    pairs = list(figures)
    counted = [t for s, t in pairs if s is not None] or [t for _, t in pairs]
    return math.fsum(counted) / len(counted)


def inherited(targets: Mapping[str, GroupTargets], group: str) -> GroupTargets | None:
    """The targets a subject of ``group`` inherits; None when no group around it has any.

    Its own group's, else the nearest enclosing group's (``Retail`` for ``Retail/Claims``).
    """
    parts = group.split("/") if group else []
    for end in range(len(parts), 0, -1):
        found = targets.get("/".join(parts[:end]))
        if found is not None:
            return found
    return None
