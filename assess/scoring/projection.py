"""What the roadmap would achieve: pillar scores after each phase, if every step is done.

A step takes its practice one level up, from the level it starts at (`RoadmapItem.from_level`)
to the next; a practice scored 1.5 by its respondents reaches 2. After a phase, every step
of that phase and of the phases before it counts as done, and each pillar is scored again
by the same rule as the real scores (`assess.scoring.score.combined`) with the levels
reached in place of the answers. Nothing else changes: practices off the roadmap keep their
values, and nobody's "don't know" becomes a level.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.bank.model import Bank
from assess.scoring.results import PHASES, Result
from assess.scoring.score import combined, overall_score


@dataclass(frozen=True, slots=True)
class Projection:
    """A score today and after each roadmap phase (Now, Next, Later), on the 0–4 scale."""

    id: str
    """The pillar's id, or "overall"."""
    name: str
    today: float | None
    after: tuple[float | None, ...]
    """After Now, after Next, after Later: one per phase, in `PHASES` order."""
    target: float


@dataclass(frozen=True, slots=True)
class Projected:
    """The overall figure and each pillar's, as the roadmap would move them."""

    overall: Projection
    pillars: tuple[Projection, ...]


def project(result: Result, bank: Bank) -> Projected:
    """The scores after each phase of ``result``'s roadmap; see the module docstring."""
    reached: list[dict[str, float]] = []
    done: dict[str, float] = {}
    for phase in PHASES:
        for item in result.roadmap:
            if item.phase == phase:
                top = bank.scales[bank.question(item.question).scale].max_level
                done[item.question] = (item.from_level + 1) / top
        reached.append(dict(done))
    pillars = tuple(
        Projection(
            p.id,
            p.name,
            p.score,
            tuple(
                combined(
                    (
                        bank.question(c.question).kind,
                        c.question,
                        c.weight,
                        c.value if c.value is None else max(c.value, values.get(c.question, 0.0)),
                    )
                    for c in p.contributions
                )[0]
                for values in reached
            ),
            p.target,
        )
        for p in result.pillars
    )
    overall = Projection(
        "overall",
        "Overall",
        result.overall.score,
        tuple(overall_score(p.after[i] for p in pillars) for i in range(len(PHASES))),
        result.overall.target,
    )
    return Projected(overall, pillars)
