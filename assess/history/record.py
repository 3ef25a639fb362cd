"""Record a round: score answer files as one assessment and keep its snapshot."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.answers.model import check_options
from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.history.snapshot import Record, Snapshot
from assess.history.store import open_store
from assess.scoring.files import score_files


@dataclass(frozen=True, slots=True)
class Recorded:
    """A record just made, and where it was kept (as shown to people)."""

    record: Record
    where: str


def record_files(
    files: Sequence[Path],
    registry: Registry,
    db: str | None,
    *,
    period: str | None = None,
    day: datetime.date | None = None,
    replace: bool = False,
    profile: str | None = None,
    targets: Path | None = None,
) -> Recorded:
    """Score ``files`` and store the snapshot under ``period`` (default: the files').

    Raises:
        UsageError: neither the files nor ``period`` name a period.
        DuplicateRecordError: the round is recorded already and not ``replace``.
        StoreError, StoreUnavailableError: the history cannot be used.
    """
    check_options(period=period)
    scored = score_files(files, registry, profile, targets)
    chosen = period or scored.result.period
    if not chosen:
        raise UsageError("the answer files name no period: give one, like --period 2026-Q4")
    snapshot = Snapshot.from_result(
        scored.result, scored.assessment.bank, chosen, day or datetime.date.today()
    )
    with open_store(db) as store:
        return Recorded(store.record(snapshot, replace), store.shown)
