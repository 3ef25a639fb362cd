"""Compare two recorded assessments, also across bank versions.

The raw delta of a pillar or benefit is simply the later score minus the earlier one.
When the question set changed between them (another bank version, or questions that
got a value in only one round), the raw delta mixes two things. So each delta is also
split into a like-for-like part, computed on the questions both rounds valued (the old
answers translated along the bank's declared changes, both rounds weighted as in the
later bank), and the remainder: the effect of questions added or removed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from assess.bank.registry import Registry
from assess.bank.versions import QuestionMap, by_id, map_between
from assess.base.errors import UsageError
from assess.base.framework import benefit, pillar
from assess.base.parse import semver_key
from assess.history.snapshot import QuestionFigure, Snapshot, value_of

if TYPE_CHECKING:
    # Type hints only: comparing snapshots needs no database.
    from assess.history.store import HistoryStore

Status = Literal["improved", "regressed", "unchanged", "new", "removed", "not comparable"]
STATUSES: tuple[Status, ...] = (
    "improved",
    "regressed",
    "unchanged",
    "new",
    "removed",
    "not comparable",
)
SAME_WITHIN = 0.005
"""Mean levels closer than this count as unchanged (rounding noise)."""


@dataclass(frozen=True, slots=True)
class DimensionDelta:
    """One pillar or benefit, before and after."""

    id: str
    name: str
    before: float | None
    after: float | None
    like_for_like: float | None
    """The delta over the questions valued in both rounds; None when none are."""

    @property
    def delta(self) -> float | None:
        """After minus before; None when either has no score."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def question_set_effect(self) -> float | None:
        """The part of the delta due to questions valued in only one round."""
        if self.delta is None or self.like_for_like is None:
            return None
        return self.delta - self.like_for_like


@dataclass(frozen=True, slots=True)
class QuestionDelta:
    """One question, before and after (mean levels on the later bank's scale)."""

    id: str
    """The id in the later bank (the earlier id for removed questions)."""
    previous_id: str | None
    """The id in the earlier bank when it differs, else None."""
    before: float | None
    after: float | None
    status: Status


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two snapshots compared: ``before`` is the first named, ``after`` the second."""

    before: Snapshot
    after: Snapshot
    map: QuestionMap
    overall: DimensionDelta
    pillars: tuple[DimensionDelta, ...]
    benefits: tuple[DimensionDelta, ...]
    questions: tuple[QuestionDelta, ...]
    """Empty when either record was made before the history kept questions."""

    @property
    def same_questions(self) -> bool:
        """True when both rounds answered the same bank version."""
        return self.before.bank_ref == self.after.bank_ref

    def by_status(self, status: Status) -> tuple[QuestionDelta, ...]:
        """The question deltas with one status."""
        return tuple(q for q in self.questions if q.status == status)


def compare(before: Snapshot, after: Snapshot, qmap: QuestionMap | None = None) -> Comparison:
    """Compare two snapshots of any bank versions of the same bank.

    Args:
        before: the snapshot shown first; it may use the newer bank version.
        after: the snapshot shown second.
        qmap: how the older snapshot's questions map onto the newer one's, from
            `assess.bank.versions.question_map`; when None, questions are matched by id.
    """
    m = _Matched.of(before, after, qmap)
    pillars = m.pillars()
    benefits = tuple(
        m.delta(
            "benefit",
            d.id,
            benefit(d.id).name,
            {x.id: x.score for x in before.benefits}.get(d.id),
            d.score,
        )
        for d in after.benefits
    )
    return Comparison(
        before,
        after,
        m.qmap,
        m.overall(pillars),
        pillars,
        benefits,
        _question_deltas(m.old, m.new, m.qmap, m.old_values, m.swap)
        if m.old.questions and m.new.questions
        else (),
    )


def overall_change(
    before: Snapshot, after: Snapshot, qmap: QuestionMap | None = None
) -> float | None:
    """`compare`'s overall like-for-like change alone, for the many pairs of a portfolio."""
    m = _Matched.of(before, after, qmap)
    return m.overall(m.pillars()).like_for_like


@dataclass(frozen=True, slots=True)
class _Matched:
    """Two snapshots' question values matched onto the newer bank version's questions."""

    before: Snapshot
    after: Snapshot
    swap: bool
    """``before`` answered the newer version."""
    old: Snapshot
    new: Snapshot
    qmap: QuestionMap
    old_values: Mapping[str, float | None]
    before_values: Mapping[str, float | None]
    after_values: Mapping[str, float | None]

    @classmethod
    def of(cls, before: Snapshot, after: Snapshot, qmap: QuestionMap | None) -> _Matched:
        swap = semver_key(after.bank_version) < semver_key(before.bank_version)
        old, new = (after, before) if swap else (before, after)
        if qmap is None:
            qmap = by_id(
                old.bank_ref,
                new.bank_ref,
                [q.id for q in old.questions],
                [q.id for q in new.questions],
            )
        old_values = _translated(old.questions, qmap, {q.id: q.top for q in new.questions})
        new_values = {q.id: q.value for q in new.questions}
        b, a = (new_values, old_values) if swap else (old_values, new_values)
        return cls(before, after, swap, old, new, qmap, old_values, b, a)

    def delta(
        self, kind: str, dim_id: str, name: str, b: float | None, a: float | None
    ) -> DimensionDelta:
        """One pillar's or benefit's change, and its like-for-like part."""
        weights = {
            q.id: dict(q.pillars if kind == "pillar" else q.benefits).get(dim_id, 0.0)
            for q in self.new.questions
        }
        return DimensionDelta(
            dim_id, name, b, a, _like_for_like(weights, self.before_values, self.after_values)
        )

    def pillars(self) -> tuple[DimensionDelta, ...]:
        """Every pillar's change."""
        earlier = {d.id: d.score for d in self.before.pillars}
        return tuple(
            self.delta("pillar", d.id, pillar(d.id).name, earlier.get(d.id), d.score)
            for d in self.after.pillars
        )

    def overall(self, pillars: Sequence[DimensionDelta]) -> DimensionDelta:
        """The overall change: like for like, the mean of the pillars' like-for-like parts."""
        parts = [p.like_for_like for p in pillars if p.like_for_like is not None]
        return DimensionDelta(
            "overall",
            "Overall",
            self.before.overall,
            self.after.overall,
            math.fsum(parts) / len(parts) if parts else None,
        )


def _translated(
    figures: Sequence[QuestionFigure], qmap: QuestionMap, new_tops: Mapping[str, int]
) -> dict[str, float | None]:
    """Old questions' values keyed by their new id, levels translated to the new scale."""
    out: dict[str, float | None] = {}
    for q in figures:
        new_id = qmap.ids.get(q.id)
        if new_id is None:
            continue
        levels: dict[int, int] = {}
        for level, n in q.levels:
            moved = qmap.level(q.id, level)
            levels[moved] = levels.get(moved, 0) + n
        out[new_id] = value_of(levels, new_tops.get(new_id, q.top))
    return out


def _like_for_like(
    weights: Mapping[str, float],
    before: Mapping[str, float | None],
    after: Mapping[str, float | None],
) -> float | None:
    both = [
        (w, before[q], after[q])
        for q, w in weights.items()
        if w and before.get(q) is not None and after.get(q) is not None
    ]
    total = math.fsum(w for w, _, _ in both)
    if not total:
        return None
    return 4 * math.fsum(w * (a - b) for w, b, a in both) / total  # type: ignore[operator]


def _question_deltas(
    old: Snapshot,
    new: Snapshot,
    qmap: QuestionMap,
    old_values: Mapping[str, float | None],
    swap: bool,
) -> tuple[QuestionDelta, ...]:
    previous = {new_id: old_id for old_id, new_id in qmap.ids.items() if old_id != new_id}
    # Questions only the newer bank has are "new" read forwards, "removed" read backwards.
    only_new: Status = "removed" if swap else "new"
    only_old: Status = "new" if swap else "removed"
    carried = set(qmap.ids.values())
    rows = []
    for q in new.questions:
        was = old_values.get(q.id)
        levels = (
            None if was is None else was * q.top,
            None if q.value is None else q.value * q.top,
        )
        before, after = levels[::-1] if swap else levels
        status: Status
        if q.id not in carried:
            status = only_new
        elif before is None or after is None:
            status = "not comparable"
        elif abs(after - before) < SAME_WITHIN:
            status = "unchanged"
        else:
            status = "improved" if after > before else "regressed"
        rows.append(QuestionDelta(q.id, previous.get(q.id), before, after, status))
    old_figures = {f.id: f for f in old.questions}
    for old_id in qmap.removed:
        fig = old_figures[old_id]
        level = None if fig.value is None else fig.value * fig.top
        before, after = (None, level) if swap else (level, None)
        rows.append(QuestionDelta(old_id, None, before, after, only_old))
    return tuple(rows)


def compare_records(store: HistoryStore, before: str, after: str, registry: Registry) -> Comparison:
    """Compare two records named by id or ``SUBJECT@PERIOD``, across bank versions too.

    Raises:
        UsageError: a record does not exist, or the two answered different banks.
    """
    a, b = store.get(before).snapshot, store.get(after).snapshot
    if a.bank_id != b.bank_id:
        raise UsageError(
            f"{before} and {after} answered different banks ({a.bank_id}, {b.bank_id})"
        )
    return compare_versions(a, b, registry)


def compare_versions(before: Snapshot, after: Snapshot, registry: Registry) -> Comparison:
    """`compare` of two snapshots of one bank, whichever answered the newer version.

    Questions are matched along the bank's declared changes when both versions are on the
    registry's path, by id otherwise.
    """
    return compare(before, after, _map(before, after, registry))


def overall_change_between(before: Snapshot, after: Snapshot, registry: Registry) -> float | None:
    """`compare_versions`'s overall like-for-like change alone (see `overall_change`)."""
    return overall_change(before, after, _map(before, after, registry))


def _map(before: Snapshot, after: Snapshot, registry: Registry) -> QuestionMap | None:
    old, new = sorted((before, after), key=lambda s: semver_key(s.bank_version))
    return map_between(registry, old.bank_ref, new.bank_ref)
