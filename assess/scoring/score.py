"""Score an assessment: questions, pillars, benefits, roles, gaps and the roadmap.

The rules (DESIGN.md, "Scoring"):

- a level is normalised to v = level / top level of its scale;
- 'na' leaves a question out of every denominator; 'unknown' gives no value but is
  counted; an absent answer is unanswered;
- a question's value is the mean over the respondents who gave a level;
- a pillar or benefit scores 4 × Σ(w·v) / Σ(w) over its questions that have a value;
- a benefit fed by outcome questions as well scores the mean of its practice score and
  its outcome score (each the rule above over that kind of question alone): practices
  claimed and results observed count alike, and their difference is its claim gap;
- a question whose ``applies_if`` is not met by a respondent's own answer (a lower level,
  or 'na') counts as 'na' for that respondent, whatever they answered;
- coverage is the weight with a value over the weight of the applicable questions;
- the overall score and target are the means over the pillars that have a score, and
  overall coverage weighs each question by its total pillar weight;
- a question is divergent when its answers spread over half its scale or more.

`score` is a pure function: the same inputs give the same `Result`, whatever the order
of the answer files (sums use `math.fsum`, which does not depend on order).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from assess.answers.model import AnswerSet, Assessment, Response, applies
from assess.bank.model import Bank, Question
from assess.base.framework import BENEFITS, PILLARS, ROLES, Role
from assess.base.words import shown_gap
from assess.scoring.results import (
    LOW_CONFIDENCE_BELOW,
    Comment,
    Contribution,
    DimensionScore,
    Observation,
    Overall,
    PerceptionGap,
    QuestionScore,
    Result,
    Risk,
    overall_target,
)
from assess.scoring.roadmap import plan_roadmap
from assess.scoring.targets import Targets

DIVERGENT_SHARE = 0.5
"""A question whose answers spread over this share of its scale or more is divergent."""


def score(assessment: Assessment, targets: Targets) -> Result:
    """Score ``assessment`` against ``targets``; see the module docstring for the rules."""
    bank = assessment.bank
    sets = sorted(assessment.answer_sets, key=_respondent_key)
    observed = sorted(assessment.observed, key=_respondent_key)
    questions = tuple(
        replace(
            _score_question(bank, q, sets, targets),
            observed=_observation(bank, q, observed, targets),
        )
        for q in bank.questions
    )
    by_id = {q.id: q for q in questions}
    roles = sorted({s.header.role for s in sets if s.header.role is not None}, key=ROLES.index)
    role_values = {
        role: _role_values(bank, [s for s in sets if s.header.role == role]) for role in roles
    }

    def dimension(
        dim_id: str, name: str, target: float, weights: Callable[[Question], Mapping[Any, float]]
    ) -> DimensionScore:
        mapped = [(q, weights(q)[dim_id]) for q in bank.questions if dim_id in weights(q)]
        applicable = [(q, w) for q, w in mapped if by_id[q.id].applicable]
        _, coverage, _ = _aggregate([(q.id, w, by_id[q.id].value) for q, w in applicable])
        value, kinds, contributions = combined(
            [(q.kind, q.id, w, by_id[q.id].value) for q, w in applicable]
        )
        by_role = tuple(
            (
                role,
                combined([(q.kind, q.id, w, role_values[role].get(q.id)) for q, w in applicable])[
                    0
                ],
            )
            for role in roles
        )
        claimed, seen = _claimed_and_observed(
            [(by_id[q.id], w, bank.scales[q.scale].max_level) for q, w in applicable]
        )
        return DimensionScore(
            practice=kinds.get("practice"),
            outcome=kinds.get("outcome"),
            claimed=claimed,
            observed=seen,
            id=dim_id,
            name=name,
            score=value,
            target=target,
            gap=None if value is None else max(0.0, target - value),
            coverage=coverage,
            low_confidence=coverage < LOW_CONFIDENCE_BELOW,
            questions=len(applicable),
            by_role=by_role,
            contributions=contributions,
        )

    pillars = tuple(
        dimension(p.id, p.name, targets.pillars[p.id], lambda q: q.pillars) for p in PILLARS
    )
    benefits = tuple(
        dimension(b.id, b.name, targets.benefits[b.id], lambda q: q.benefits) for b in BENEFITS
    )
    weight = {q.id: math.fsum(q.pillars.values()) for q in bank.questions}
    _, coverage, _ = _aggregate((q.id, weight[q.id], q.value) for q in questions if q.applicable)
    overall = Overall(
        score=overall_score(p.score for p in pillars),
        target=overall_target((p.score, p.target) for p in pillars),
        coverage=coverage,
    )
    respondents = Counter(s.header.role for s in sets if s.header.role is not None)
    return Result(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_title=bank.title,
        bank_digest=assessment.bank_digest,
        subject=assessment.subject,
        period=assessment.period,
        profile=assessment.profile,
        targets_from=targets.source,
        respondents=tuple((role, respondents[role]) for role in ROLES if respondents[role]),
        overall=overall,
        pillars=pillars,
        benefits=benefits,
        questions=questions,
        perception_gaps=_perception_gaps(pillars),
        roadmap=plan_roadmap(bank, questions, pillars),
    )


def overall_score(pillar_scores: Iterable[float | None]) -> float | None:
    """The overall score: the mean of the pillar scores that have a value."""
    valued = [v for v in pillar_scores if v is not None]
    return math.fsum(valued) / len(valued) if valued else None


def _respondent_key(answer_set: AnswerSet) -> tuple[str, str, str]:
    return (answer_set.header.role or "", answer_set.header.name or "", answer_set.file)


def _score_question(
    bank: Bank, q: Question, sets: Sequence[AnswerSet], targets: Targets
) -> QuestionScore:
    top = bank.scales[q.scale].max_level
    levels: list[tuple[Role, int]] = []
    na = unknown = unanswered = 0
    unknown_roles: set[Role] = set()
    comments: list[Comment] = []
    for s in sets:
        response = effective_response(q, s)
        role: Role = s.header.role or "other"
        if response is None:
            unanswered += 1
            continue
        if response.note or response.evidence:
            comments.append(Comment(s.respondent, role, response.note, response.evidence))
        if response.kind == "na":
            na += 1
        elif response.kind == "unknown":
            unknown += 1
            unknown_roles.add(role)
        elif response.level is not None:
            levels.append((role, response.level))
    values = [level for _, level in levels]
    mean_level = math.fsum(values) / len(values) if values else None
    value = None if mean_level is None else mean_level / top
    target = targets.for_question(q)
    gap = None if value is None else max(0.0, target - 4 * value)
    spread = max(values) - min(values) if values else None
    return QuestionScore(
        id=q.id,
        levels=tuple(sorted(levels, key=lambda rl: (ROLES.index(rl[0]), rl[1]))),
        mean_level=mean_level,
        value=value,
        spread=spread,
        na=na,
        unknown=unknown,
        unanswered=unanswered,
        applicable=not (na and not values and not unknown),
        target=target,
        gap=gap,
        risk=_risk(None if value is None else 4 * value, target),
        divergent=spread is not None and spread / top >= DIVERGENT_SHARE,
        unknown_roles=tuple(sorted(unknown_roles, key=ROLES.index)),
        comments=tuple(comments),
        title=q.title,
        kind=q.kind,
    )


def _observation(
    bank: Bank, q: Question, observed: Sequence[AnswerSet], targets: Targets
) -> Observation | None:
    """What the observed files say of ``q``; of several tools, the lowest level counts."""
    found = [(s, r) for s in observed if (r := s.responses.get(q.id)) is not None]
    found = [(s, r) for s, r in found if r.kind != "na"]
    if not found:
        return None
    levels = [r.level for _, r in found if r.level is not None]
    level = min(levels) if levels else None
    target = targets.for_question(q)
    score = None if level is None else 4 * level / bank.scales[q.scale].max_level
    notes = [r.note for _, r in found if r.note]
    return Observation(
        source=", ".join(dict.fromkeys(s.respondent for s, _ in found)),
        level=level,
        note="\n".join(notes) if notes else None,
        evidence=tuple(e for _, r in found for e in r.evidence),
        gap=None if score is None else max(0.0, target - score),
        risk=_risk(score, target),
    )


def _claimed_and_observed(
    rows: Sequence[tuple[QuestionScore, float, int]],
) -> tuple[float | None, float | None]:
    """People's score and the observed score over the questions that have both (0–4)."""
    both = [
        (q.value, w, q.observed.level / top)
        for q, w, top in rows
        if q.value is not None and q.observed is not None and q.observed.level is not None
    ]
    weight = math.fsum(w for _, w, _ in both)
    if not weight:
        return None, None
    return (
        4 * math.fsum(w * v for v, w, _ in both) / weight,
        4 * math.fsum(w * o for _, w, o in both) / weight,
    )


def effective_response(q: Question, answer_set: AnswerSet) -> Response | None:
    """The answer that counts: 'na' when the question does not apply (`applies`)."""
    response = answer_set.responses.get(q.id)
    if response is None or applies(q, answer_set.responses):
        return response
    return Response("na", None, response.note, response.evidence)


def _risk(score: float | None, target: float) -> Risk:
    """High from a gap of 2.0, medium from 1.0, as the gap reads off the figures printed.

    Tables print the score and the target to one decimal, so the gap a reader works out is
    their difference: 0.65 against 3.04 prints as 0.7 against 3.0, a gap of 2.3. The label
    follows that figure, never one the reader cannot see.
    """
    if score is None or target - score <= 0:
        return "none"
    shown = shown_gap(target, score) or 0.0
    if shown >= 2:
        return "high"
    return "medium" if shown >= 1 else "low"


def _role_values(bank: Bank, sets: Sequence[AnswerSet]) -> dict[str, float]:
    """Question id -> normalised mean level over just these respondents."""
    out: dict[str, float] = {}
    for q in bank.questions:
        levels = [
            r.level
            for s in sets
            if (r := effective_response(q, s)) is not None and r.level is not None
        ]
        if levels:
            out[q.id] = math.fsum(levels) / len(levels) / bank.scales[q.scale].max_level
    return out


def combined(
    items: Iterable[tuple[str, str, float, float | None]],
) -> tuple[float | None, dict[str, float], tuple[Contribution, ...]]:
    """Score, score per kind of question, and contributions of (kind, question, weight, value).

    The one rule by which questions make a pillar's or a benefit's score (see the module
    docstring); `assess.scoring.projection` applies it to the values a roadmap would reach.

    Each kind is aggregated alone; the score is the mean of the kinds that have a value,
    and each contribution's points are scaled so that they still add up to the score.
    """
    rows = list(items)
    present = sorted({kind for kind, *_ in rows})
    per_kind: dict[str, float] = {}
    parts: list[tuple[str, tuple[Contribution, ...]]] = []
    for kind in present:
        value, _, contributions = _aggregate([(q, w, v) for k, q, w, v in rows if k == kind])
        if value is not None:
            per_kind[kind] = value
        parts.append((kind, contributions))
    if not per_kind:
        return None, {}, tuple(c for _, cs in parts for c in cs)
    share = 1 / len(per_kind)
    scaled = tuple(
        replace(c, points=c.points * share if kind in per_kind else 0.0)
        for kind, cs in parts
        for c in cs
    )
    return math.fsum(per_kind.values()) * share, per_kind, scaled


def _aggregate(
    items: Iterable[tuple[str, float, float | None]],
) -> tuple[float | None, float, tuple[Contribution, ...]]:
    """Score (0–4), coverage and contributions of (question, weight, value) items."""
    rows = list(items)
    total = math.fsum(w for _, w, _ in rows)
    valued = math.fsum(w for _, w, v in rows if v is not None)
    if not valued:
        return None, 0.0, tuple(Contribution(q, w, v, 0.0) for q, w, v in rows)
    score = 4 * math.fsum(w * v for _, w, v in rows if v is not None) / valued
    contributions = tuple(
        Contribution(q, w, v, 0.0 if v is None else 4 * w * v / valued) for q, w, v in rows
    )
    return score, valued / total, contributions


def _perception_gaps(pillars: Iterable[DimensionScore]) -> tuple[PerceptionGap, ...]:
    gaps = []
    for p in pillars:
        rated = [(role, value) for role, value in p.by_role if value is not None]
        if len(rated) < 2:
            continue
        high = max(rated, key=lambda rv: (rv[1], -ROLES.index(rv[0])))
        low = min(rated, key=lambda rv: (rv[1], ROLES.index(rv[0])))
        gaps.append(PerceptionGap(p.id, high[0], high[1], low[0], low[1]))
    return tuple(sorted(gaps, key=lambda g: (-g.gap, g.pillar)))
