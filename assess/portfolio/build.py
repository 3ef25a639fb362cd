"""Build a `Portfolio` from the history: each subject's latest round, then the figures.

Only recorded snapshots are read. pandas does the aggregation (spreads, roll-ups); it
is imported when a portfolio is built, not before.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from assess.bank.registry import Registry
from assess.base.errors import AssessError, UsageError
from assess.base.framework import BENEFIT_IDS, BENEFITS, PILLAR_IDS, PILLARS
from assess.base.parse import did_you_mean
from assess.history.compare import overall_change_between
from assess.history.snapshot import Record
from assess.portfolio.model import (
    Cell,
    Common,
    GroupSummary,
    Move,
    Portfolio,
    Ranked,
    Spread,
    Standing,
)
from assess.scoring.results import GroupTargets, inherited, overall_target
from assess.scoring.targets import Targets, of_group

if TYPE_CHECKING:
    import pandas as pd

    from assess.history.store import HistoryStore

DAYS_PER_MONTH = 30.44
RANKED = 3
"""Laggards and leaders named per pillar or benefit."""
COMMON = 10
"""Practices named as most often in the Now phase."""


def build_portfolio(
    store: HistoryStore,
    registry: Registry,
    *,
    group: str | None = None,
    period: str | None = None,
    as_of: datetime.date | None = None,
    stale_months: int = 12,
) -> Portfolio:
    """The portfolio of every subject (or one group's) as of a date or for one period.

    Raises:
        UsageError: nothing is recorded; no subject is in ``group``; no round has
            ``period`` (or none is on or before ``as_of``).
    """
    day = as_of or datetime.date.today()
    groups = store.groups()
    if not groups:
        raise UsageError(f"nothing is recorded in {store.shown}: record a round first")
    chosen = subjects_in(groups, group)
    # Headers first; then the figures of only the rounds the portfolio shows.
    records = [r for r in store.records(figures=False) if r.snapshot.subject in chosen]
    by_subject: dict[str, list[Record]] = {}
    for r in records:
        by_subject.setdefault(r.snapshot.subject, []).append(r)
    latest = _latest(by_subject, period, day, store.shown)
    heads = {
        subject: (rounds[rounds.index(last) - 1] if rounds.index(last) else None, last)
        for subject, rounds in by_subject.items()
        if (last := latest.get(subject)) is not None
    }
    full = {
        r.id: r
        for r in store.with_figures([r for pair in heads.values() for r in pair if r is not None])
    }
    pairs = {
        subject: (None if before is None else full[before.id], full[last.id])
        for subject, (before, last) in heads.items()
    }
    moves = _moves(store, registry, pairs, groups)
    limit = round(stale_months * DAYS_PER_MONTH)
    set_targets = store.group_targets()
    standings = sorted(
        (
            _standing(
                last,
                groups[subject],
                day,
                moves.get(subject),
                _group_targets(registry, last, inherited(set_targets, groups[subject])),
            )
            for subject, (_, last) in pairs.items()
        ),
        key=lambda s: (s.group, s.subject.casefold()),
    )
    current = tuple(s for s in standings if s.age_days <= limit)
    stale = tuple(s for s in standings if s.age_days > limit)
    frame = _frame(current)
    return Portfolio(
        as_of=day,
        group=group,
        period=period,
        stale_after_days=limit,
        current=current,
        stale=stale,
        pillars=_spreads(frame, "pillar", current),
        benefits=_spreads(frame, "benefit", current),
        groups=_groups(current, stale),
        improved=tuple(
            sorted(
                (s.move for s in current if s.move and (s.move.like_for_like or 0) >= 0.05),
                key=lambda m: -(m.like_for_like or 0),
            )
        ),
        regressed=tuple(
            sorted(
                (s.move for s in current if s.move and (s.move.like_for_like or 0) <= -0.05),
                key=lambda m: m.like_for_like or 0,
            )
        ),
        common_now=_common(registry, current),
        banks=tuple(Counter(s.bank_ref.split("@")[0] for s in current).most_common()),
    )


def subjects_in(groups: Mapping[str, str], group: str | None) -> set[str]:
    """The subjects in ``group`` or any group under it (every subject for None)."""
    if group is None:
        return set(groups)
    wanted = group.strip("/")
    chosen = {s for s, g in groups.items() if g == wanted or g.startswith(wanted + "/")}
    if not chosen:
        known = sorted({g for g in groups.values() if g})
        hint = did_you_mean(wanted, known) or (
            "groups: " + ", ".join(known) if known else "no subject is in a group yet"
        )
        raise UsageError(f"no subject is in group {wanted!r} ({hint})")
    return chosen


def _latest(
    by_subject: Mapping[str, Sequence[Record]],
    period: str | None,
    day: datetime.date,
    where: str,
) -> dict[str, Record]:
    """Each subject's round of ``period``, else its last on or before ``day``."""
    if period is not None:
        found = {
            s: r for s, rounds in by_subject.items() for r in rounds if r.snapshot.period == period
        }
        if not found:
            periods = sorted({r.snapshot.period for rs in by_subject.values() for r in rs})
            hint = did_you_mean(period, periods) or "periods recorded: " + ", ".join(periods[-8:])
            raise UsageError(f"no round has period {period!r} in {where} ({hint})")
        return found
    found = {}
    for subject, rounds in by_subject.items():
        before = [r for r in rounds if r.snapshot.assessed_on <= day]
        if before:
            found[subject] = before[-1]
    if not found:
        raise UsageError(f"no round in {where} was assessed on or before {day.isoformat()}")
    return found


def _moves(
    store: HistoryStore,
    registry: Registry,
    pairs: Mapping[str, tuple[Record | None, Record]],
    groups: Mapping[str, str],
) -> dict[str, Move]:
    """Each subject's change since its previous round, like for like across bank versions."""
    changed = [
        r
        for before, after in pairs.values()
        if before and before.snapshot.bank_ref != after.snapshot.bank_ref
        for r in (before, after)
    ]
    full = {r.id: r for r in store.with_questions(changed)} if changed else {}
    out = {}
    for subject, (before, after) in pairs.items():
        if before is None:
            continue
        b, a = before.snapshot, after.snapshot
        if b.bank_ref == a.bank_ref:
            like = None if a.overall is None or b.overall is None else a.overall - b.overall
        else:
            try:
                like = overall_change_between(
                    full[before.id].snapshot, full[after.id].snapshot, registry
                )
            except AssessError:  # different banks, or a version off the path
                like = None
        out[subject] = Move(
            subject, groups[subject], b.period, a.period, b.overall, a.overall, like,
            b.bank_ref != a.bank_ref,
        )  # fmt: skip
    return out


def _group_targets(
    registry: Registry, record: Record, group: GroupTargets | None
) -> Targets | None:
    """The group's targets for this round's bank; None without group targets."""
    if group is None:
        return None
    return of_group(registry.load(record.snapshot.bank_ref).bank, group)


def _standing(
    record: Record, group: str, day: datetime.date, move: Move | None, targets: Targets | None
) -> Standing:
    """A subject's latest round; with ``targets`` (its group's), measured against those."""
    s = record.snapshot
    if targets is not None:
        pillars = tuple(Cell(d.score, targets.pillars[d.id]) for d in s.pillars)
        overall = Cell(s.overall, overall_target((c.score, c.target) for c in pillars))
        benefits = tuple(Cell(d.score, targets.benefits[d.id]) for d in s.benefits)
    else:
        pillars = tuple(Cell(d.score, d.target) for d in s.pillars)
        overall = Cell(s.overall, s.overall_target)
        benefits = tuple(Cell(d.score, d.target) for d in s.benefits)
    return Standing(
        subject=s.subject,
        group=group,
        period=s.period,
        assessed_on=s.assessed_on,
        age_days=(day - s.assessed_on).days,
        bank_ref=s.bank_ref,
        respondents=s.respondent_count,
        overall=overall,
        pillars=pillars,
        benefits=benefits,
        now=s.now,
        move=move,
        targets_from=targets.source if targets is not None else f"profile {s.profile}",
        group_targets=targets is not None,
    )


def _frame(current: Sequence[Standing]) -> pd.DataFrame:
    """One row per subject and dimension: kind, id, score, target, gap."""
    import pandas as pd

    rows = [
        (s.subject, s.group, kind, dim_id, cell.score, cell.target, cell.gap)
        for s in current
        for kind, ids, cells in (
            ("pillar", PILLAR_IDS, s.pillars),
            ("benefit", BENEFIT_IDS, s.benefits),
        )
        for dim_id, cell in zip(ids, cells, strict=True)
    ]
    return pd.DataFrame(rows, columns=["subject", "group", "kind", "id", "score", "target", "gap"])


def _spreads(frame: pd.DataFrame, kind: str, current: Sequence[Standing]) -> tuple[Spread, ...]:
    names = {d.id: d.name for d in (PILLARS if kind == "pillar" else BENEFITS)}
    part = frame[(frame["kind"] == kind) & frame["score"].notna()]
    out = []
    for dim_id, name in names.items():
        rows = part[part["id"] == dim_id]
        if rows.empty:
            out.append(Spread(dim_id, name, 0, None, None, None, None, None, None, None, (), ()))
            continue
        low, q1, median, q3, high = (
            float(v) for v in rows["score"].quantile([0, 0.25, 0.5, 0.75, 1])
        )
        ranked = rows.sort_values(["gap", "subject"], ascending=[False, True])
        out.append(
            Spread(
                dim_id,
                name,
                len(rows),
                low,
                q1,
                median,
                q3,
                high,
                float(rows["score"].mean()),
                float((rows["gap"] <= 1e-9).mean()),
                _ranked(ranked.head(RANKED)),
                _ranked(ranked.iloc[::-1].head(RANKED)),
            )
        )
    return tuple(out)


def _ranked(rows: pd.DataFrame) -> tuple[Ranked, ...]:
    return tuple(
        Ranked(str(r.subject), str(r.group), float(r.score), float(r.gap))
        for r in rows.itertuples()
    )


def _groups(current: Sequence[Standing], stale: Sequence[Standing]) -> tuple[GroupSummary, ...]:
    import pandas as pd

    if not current:
        return ()
    frame = pd.DataFrame(
        [
            (s.group, s.respondents, s.overall.score, s.at_target, *(c.score for c in s.pillars))
            for s in current
        ],
        columns=["group", "respondents", "overall", "at_target", *(p.id for p in PILLARS)],
    )
    stale_counts = Counter(s.group for s in stale)
    summary = frame.groupby("group", sort=True).agg(
        subjects=("overall", "size"),
        respondents=("respondents", "sum"),
        overall=("overall", "mean"),
        at_target=("at_target", "mean"),
        **{p.id: (p.id, "mean") for p in PILLARS},
    )
    return tuple(
        GroupSummary(
            str(name),
            int(row["subjects"]),
            int(row["respondents"]),
            _number(row["overall"]),
            tuple(_number(row[p.id]) for p in PILLARS),
            float(row["at_target"]),
            stale_counts.get(str(name), 0),
        )
        for name, row in summary.iterrows()
    )


def _number(value: object) -> float | None:
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _common(registry: Registry, current: Sequence[Standing]) -> tuple[Common, ...]:
    """The practices most often in the Now phase, per bank, named by their titles."""
    kept = [s for s in current if s.now]
    per_bank = Counter(s.bank_ref.split("@")[0] for s in kept)
    counts = Counter((s.bank_ref.split("@")[0], q) for s in kept for q in s.now)
    titles: dict[tuple[str, str], str] = {}
    for s in kept:
        missing = [q for q in s.now if (s.bank_ref.split("@")[0], q) not in titles]
        if not missing:
            continue
        try:
            bank = registry.load(s.bank_ref).bank
        except AssessError:  # a bank no longer on the path: named by id
            continue
        for q in missing:
            if bank.has_question(q):
                question = bank.question(q)
                titles[(bank.id, q)] = question.title or question.text
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:COMMON]
    return tuple(
        Common(bank, q, titles.get((bank, q), q), n, n / per_bank[bank]) for (bank, q), n in ranked
    )
