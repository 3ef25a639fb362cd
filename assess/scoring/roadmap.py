"""Turn question gaps into a phased roadmap: Now (0–3 months), Next (3–6), Later (6–12).

Each question with a gap gives one item: the bank's next step from its current level.
A practice people rate a level or more above what a tool observed (`QuestionScore.
unsupported`) gets one too, from the observed level, even when people see no gap.

- Priority = gap × (1 + Σ over the question's pillars of weight × that pillar's gap)
  / effort cost (S 1, M 2, L 3): it rises with the gap and with the weight the question
  carries into pillars below target, and falls with effort.
- Items are ranked by priority. Now takes the first third, at most 8; Next the first
  half of the rest, at most 12; Later the remainder. A short Now list is one a team can
  actually start on.
- A prerequisite (``requires``, followed transitively) that is itself on the roadmap is
  pulled into the phase of anything that depends on it, and listed before it.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence

from assess.bank.model import Bank
from assess.scoring.results import (
    PHASES,
    DimensionScore,
    Phase,
    QuestionScore,
    Risk,
    RoadmapItem,
)

EFFORT_COST = {"S": 1.0, "M": 2.0, "L": 3.0}


def plan_roadmap(
    bank: Bank, questions: Sequence[QuestionScore], pillars: Iterable[DimensionScore]
) -> tuple[RoadmapItem, ...]:
    """The roadmap for these scored questions; see the module docstring for the rules."""
    pillar_gaps = {p.id: p.gap or 0.0 for p in pillars}
    # question id -> (score, mean level, gap), for questions with a value and a gap
    # Outcomes are results, not steps: the roadmap improves them through practices.
    candidates = {
        q.id: _worked_from(q)
        for q in questions
        if q.mean_level is not None
        and bank.question(q.id).kind == "practice"
        and (q.gap or (q.unsupported and q.observed and q.observed.gap))
    }
    priority: dict[str, float] = {}
    for qid, (_, _, gap, _) in candidates.items():
        q = bank.question(qid)
        pull = math.fsum(w * pillar_gaps[p] for p, w in q.pillars.items())
        priority[qid] = gap * (1 + pull) / EFFORT_COST[q.effort]
    ranked = sorted(candidates, key=lambda qid: (-priority[qid], qid))
    phase = _split(ranked)
    prerequisites = {qid: _prerequisites(bank, qid) & candidates.keys() for qid in candidates}
    _pull_forward(phase, prerequisites)
    items = []
    for qid in _order(ranked, phase, prerequisites):
        q = bank.question(qid)
        scored, level, gap, risk = candidates[qid]
        from_level = min(math.floor(level), bank.scales[q.scale].max_level - 1)
        items.append(
            RoadmapItem(
                question=qid,
                practice=q.text,
                phase=phase[qid],
                priority=priority[qid],
                gap=gap,
                risk=risk,
                from_level=from_level,
                next_step=q.recommendations[from_level],
                effort=q.effort,
                owners=q.roles,
                pillar=q.main_dimension,
                requires=tuple(sorted(prerequisites[qid])),
                title=q.title,
                unsupported=scored.unsupported,
            )
        )
    return tuple(items)


def _worked_from(q: QuestionScore) -> tuple[QuestionScore, float, float, Risk]:
    """The level a step starts from, its gap and its risk.

    People's, unless the observed evidence does not support their claim; then the
    evidence's (the larger gap).
    """
    assert q.mean_level is not None  # noqa: S101 - candidates have a level
    observed = q.observed
    if q.unsupported and observed is not None and observed.level is not None:
        gap = max(q.gap or 0.0, observed.gap or 0.0)
        return q, min(q.mean_level, observed.level), gap, q.risk_by_evidence
    return q, q.mean_level, q.gap or 0.0, q.risk


NOW_MAX = 8
NEXT_MAX = 12


def _split(ranked: Sequence[str]) -> dict[str, Phase]:
    """Phase by rank: see the module docstring."""
    now = min(math.ceil(len(ranked) / 3), NOW_MAX)
    following = min(math.ceil((len(ranked) - now) / 2), NEXT_MAX)
    return {
        qid: PHASES[0] if i < now else PHASES[1] if i < now + following else PHASES[2]
        for i, qid in enumerate(ranked)
    }


def _prerequisites(bank: Bank, qid: str) -> set[str]:
    """Every question ``qid`` requires, directly or through other questions."""
    found: set[str] = set()
    stack = list(bank.question(qid).requires)
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(bank.question(current).requires)
    return found


def _pull_forward(phase: dict[str, Phase], prerequisites: Mapping[str, set[str]]) -> None:
    """Move each prerequisite into the earliest phase of anything that needs it."""
    for qid, needed in prerequisites.items():
        for pre in needed:
            if PHASES.index(phase[pre]) > PHASES.index(phase[qid]):
                phase[pre] = phase[qid]
    # One pass suffices: prerequisite sets are transitive, so every chain is covered.


def _order(
    ranked: Sequence[str], phase: Mapping[str, Phase], prerequisites: Mapping[str, set[str]]
) -> list[str]:
    """Phase by phase, by rank, but never before a prerequisite (Kahn's algorithm)."""
    rank = {qid: i for i, qid in enumerate(ranked)}
    waiting = {qid: len(pre) for qid, pre in prerequisites.items()}
    needed_by: dict[str, list[str]] = {qid: [] for qid in prerequisites}
    for qid, pre in prerequisites.items():
        for p in pre:
            needed_by[p].append(qid)

    def key(qid: str) -> tuple[int, int, str]:
        return PHASES.index(phase[qid]), rank[qid], qid

    ready = [key(qid) for qid, count in waiting.items() if not count]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, _, nxt = heapq.heappop(ready)
        order.append(nxt)
        for later in needed_by[nxt]:
            waiting[later] -= 1
            if not waiting[later]:
                heapq.heappush(ready, key(later))
    return order
