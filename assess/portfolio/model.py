"""What a portfolio says: frozen figures, ready for the terminal, JSON, CSV and reports."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from assess.base.framework import BENEFITS, PILLARS
from assess.base.words import count


@dataclass(frozen=True, slots=True)
class Cell:
    """One subject's score on one pillar or benefit, against its own target."""

    score: float | None
    target: float

    @property
    def gap(self) -> float | None:
        """Target minus score (0 or less: at or above target); None without a score."""
        return None if self.score is None else self.target - self.score


@dataclass(frozen=True, slots=True)
class Move:
    """A subject's overall score since its previous round."""

    subject: str
    group: str
    before_period: str
    after_period: str
    before: float | None
    after: float | None
    like_for_like: float | None
    """The change over questions valued in both rounds; the plain change on one bank version."""
    bank_changed: bool


@dataclass(frozen=True, slots=True)
class Standing:
    """One subject's latest round as of the portfolio's date."""

    subject: str
    group: str
    period: str
    assessed_on: datetime.date
    age_days: int
    bank_ref: str
    respondents: int
    overall: Cell
    pillars: tuple[Cell, ...]
    """In the framework's order (`PILLARS`)."""
    benefits: tuple[Cell, ...]
    now: tuple[str, ...]
    """The Now phase of its roadmap, by question id (empty for older records)."""
    move: Move | None
    """The change since its previous round; None for a first round."""
    targets_from: str = ""
    """Where its targets come from: its round's own, or its group's."""
    group_targets: bool = False
    """Its targets are its group's (`targets_from` says which), not its round's own."""

    @property
    def at_target(self) -> bool:
        """Overall at or above its own target."""
        return self.overall.gap is not None and self.overall.gap <= 1e-9


@dataclass(frozen=True, slots=True)
class Ranked:
    """A subject named with its score and gap, for laggards and leaders."""

    subject: str
    group: str
    score: float
    gap: float


@dataclass(frozen=True, slots=True)
class Spread:
    """How one pillar or benefit is spread across the current subjects."""

    id: str
    name: str
    subjects: int
    """Subjects with a score on it."""
    minimum: float | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None
    maximum: float | None
    mean: float | None
    at_target: float | None
    """Share of those subjects at or above their own target."""
    laggards: tuple[Ranked, ...]
    """Furthest below their own targets first."""
    leaders: tuple[Ranked, ...]
    """Furthest above their own targets first."""


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """One group's current subjects, summarised."""

    group: str
    subjects: int
    respondents: int
    overall: float | None
    """Mean of its subjects' overall scores."""
    pillars: tuple[float | None, ...]
    """Mean score per pillar."""
    at_target: float
    """Share of its subjects at or above their overall target."""
    stale: int
    """Its subjects left out for an old last round."""


@dataclass(frozen=True, slots=True)
class Common:
    """A practice in the Now phase of many subjects: a candidate to fund centrally."""

    bank_id: str
    question: str
    title: str
    subjects: int
    share: float
    """Of the current subjects on that bank whose record keeps its Now phase."""


@dataclass(frozen=True, slots=True)
class Portfolio:
    """Many subjects' latest rounds as one picture."""

    as_of: datetime.date
    group: str | None
    """The group looked at (its subgroups included); None for every subject."""
    period: str | None
    """Only rounds of this period, when given."""
    stale_after_days: int
    current: tuple[Standing, ...]
    """Subjects whose last round is recent enough, by group then subject."""
    stale: tuple[Standing, ...]
    """Subjects whose last round is older than ``stale_after_days``: listed, not averaged."""
    pillars: tuple[Spread, ...]
    benefits: tuple[Spread, ...]
    groups: tuple[GroupSummary, ...]
    improved: tuple[Move, ...]
    regressed: tuple[Move, ...]
    common_now: tuple[Common, ...]
    banks: tuple[tuple[str, int], ...]
    """(bank id, current subjects on it), most subjects first."""

    @property
    def respondents(self) -> int:
        """Respondents behind the current subjects' rounds."""
        return sum(s.respondents for s in self.current)

    @property
    def summary(self) -> tuple[str, ...]:
        """The leadership summary in sentences; each depends on the figures."""
        if not self.current:
            return ("No subject has a recent enough round: nothing to summarise.",)
        n = len(self.current)
        overall = sorted(s.overall.score for s in self.current if s.overall.score is not None)
        targets = sorted(s.overall.target for s in self.current)
        at_target = sum(s.at_target for s in self.current)
        groups = len({s.group for s in self.current})
        first = (
            f"{n} subject{'s' if n != 1 else ''} in {groups} group{'s' if groups != 1 else ''}"
            f" ({self.respondents} respondents), each at its latest round as of "
            f"{self.as_of.isoformat()}: median overall {_median(overall):.1f} against a median "
            f"target of {_median(targets):.1f}; {at_target} of {n} at or above target."
        )
        out = [first]
        scored = [p for p in self.pillars if p.median is not None and p.at_target is not None]
        if scored:
            worst = min(scored, key=lambda p: (p.at_target or 0, p.median or 0))
            best = max(scored, key=lambda p: (p.at_target or 0, p.median or 0))
            out.append(
                f"{worst.name} is furthest behind (median {worst.median:.1f}, "
                f"{worst.at_target:.0%} of subjects at target"
                + (
                    f"; furthest below: {', '.join(r.subject for r in worst.laggards)}"
                    if worst.laggards
                    else ""
                )
                + f"); {best.name} is strongest (median {best.median:.1f}, "
                f"{best.at_target:.0%} at target)."
            )
        moved = [s for s in self.current if s.move is not None]
        if moved:
            text = f"Since their previous round, {len(self.improved)} of {len(moved)} improved"
            if self.improved:
                top = self.improved[0]
                text += f" (most: {top.subject}, {top.like_for_like:+.1f})"
            text += f" and {len(self.regressed)} regressed"
            if self.regressed:
                text += (" (most: " if len(self.regressed) > 3 else ": ") + ", ".join(
                    f"{m.subject} {m.like_for_like:+.1f}" for m in self.regressed[:3]
                )
                text += ")" if len(self.regressed) > 3 else ""
            out.append(text + " (like for like across bank versions).")
        if self.common_now and self.common_now[0].subjects > 1:
            c = self.common_now[0]
            out.append(
                f"{c.title} is in the Now phase of {c.subjects} subjects ({c.share:.0%}): fund "
                "it centrally rather than team by team."
            )
        if self.stale:
            out.append(
                f"{count(len(self.stale), 'subject')} "
                f"{'has' if len(self.stale) == 1 else 'have'} no round in the last "
                f"{self.stale_after_days} days and are left out: "
                + ", ".join(s.subject for s in self.stale[:5])
                + ("…" if len(self.stale) > 5 else "")
                + "."
            )
        return tuple(out)

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader must know to read the figures right."""
        out = []
        if len(self.banks) > 1:
            out.append(
                "Subjects answer different banks ("
                + ", ".join(f"{bank}: {n}" for bank, n in self.banks)
                + "): their pillar and benefit scores compare; practices compare only within"
                " a bank."
            )
        by_group = Counter(s.targets_from for s in (*self.current, *self.stale) if s.group_targets)
        if by_group:
            out.append(
                "Targets set for a group apply to its subjects: "
                + "; ".join(
                    f"{source}, {n} subject{'s' * (n != 1)}" for source, n in by_group.items()
                )
                + "."
            )
        return tuple(out)


def _median(values: list[float]) -> float:
    """The median of sorted ``values`` (0 for none)."""
    if not values:
        return 0.0
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


PILLAR_NAMES = tuple(p.name for p in PILLARS)
BENEFIT_NAMES = tuple(b.name for b in BENEFITS)
