"""A subject's scores over time, as a pandas frame, with notes where the bank changed.

pandas is imported only when a frame is built: `assess trend` needs it, nothing else does.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.bank.registry import Registry
from assess.bank.versions import map_between
from assess.base.framework import PILLARS
from assess.base.words import shown_difference, shown_split
from assess.history.compare import compare
from assess.history.snapshot import Record

if TYPE_CHECKING:
    import pandas as pd

    from assess.history.store import HistoryStore

Series = list[tuple[str, list[float | None]]]


@dataclass(frozen=True, slots=True)
class Trend:
    """A subject's rounds: the table, its series for charts, and notes on bank changes."""

    subject: str
    frame: pd.DataFrame
    series: Series
    notes: tuple[str, ...]


def subject_trend(
    store: HistoryStore, subject: str, registry: Registry, pillars: Sequence[str] = ()
) -> Trend:
    """The trend of ``subject`` from its records.

    One query reads the records; one more reads the questions of the rounds on either
    side of a bank change, when there is one (the notes compare those rounds).

    Raises:
        UsageError: the subject has no record.
    """
    records = store.records_of(subject)
    frame = trend_frame(records, pillars)
    changed: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(records)):
        if a.snapshot.bank_ref != b.snapshot.bank_ref:
            changed |= {i, i + 1}
    if changed:
        full = store.with_questions([records[i] for i in sorted(changed)])
        by_id = {r.id: r for r in full}
        records = [by_id.get(r.id, r) for r in records]
    return Trend(subject, frame, series(frame), tuple(bank_changes(records, registry)))


def trend_frame(records: Sequence[Record], pillars: Sequence[str] = ()) -> pd.DataFrame:
    """One row per record (oldest first): period, date, bank, overall and pillar scores.

    Args:
        records: one subject's records, oldest first.
        pillars: pillar ids to keep (all six when empty).
    """
    import pandas as pd

    chosen = [p for p in PILLARS if not pillars or p.id in pillars]
    rows = []
    for record in records:
        s = record.snapshot
        scores = {d.id: d.score for d in s.pillars}
        rows.append(
            {
                "period": s.period,
                "assessed_on": s.assessed_on.isoformat(),
                "bank": s.bank_ref,
                "respondents": s.respondent_count,
                "overall": s.overall,
                **{p.name: scores.get(p.id) for p in chosen},
            }
        )
    columns = ["period", "assessed_on", "bank", "respondents", "overall", *(p.name for p in chosen)]
    return pd.DataFrame(rows, columns=columns).set_index("period")


def bank_changes(records: Sequence[Record], registry: Registry) -> list[str]:
    """A line per bank-version change between consecutive records (read with questions).

    Each line gives the like-for-like change of the overall score and the effect of the
    questions added or removed, so a trend is not misread across a new bank version.
    """
    lines = []
    for earlier, later in itertools.pairwise(records):
        if earlier.snapshot.bank_ref == later.snapshot.bank_ref:
            continue
        a, b = earlier.snapshot, later.snapshot
        found = map_between(registry, a.bank_ref, b.bank_ref) if a.bank_id == b.bank_id else None
        delta = compare(a, b, found).overall
        line = f"{b.period}: bank {a.bank_ref} -> {b.bank_ref}"
        if delta.like_for_like is None or delta.question_set_effect is None:
            lines.append(line + "; no questions in common, so the change is not like for like")
            continue
        change = shown_difference(delta.after, delta.before, 2)
        like, rest = shown_split(change, delta.like_for_like)
        lines.append(
            f"{line}; overall change {change:+.2f} = like for like {like:+.2f} "
            f"+ question changes {rest:+.2f}"
            + ("" if found is not None and found.declared else " (matched by question id)")
        )
    return lines


def series(frame: pd.DataFrame) -> Series:
    """(name, values) of the overall score and each pillar in a `trend_frame`; gaps are None."""
    return [
        (str(name), [None if math.isnan(v) else float(v) for v in frame[name].astype(float)])
        for name in ("overall", *frame.columns[4:])
    ]
