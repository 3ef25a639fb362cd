"""Record a round: score answer files as one assessment and keep its snapshot.

Scoring (pydantic) and the store (SQLAlchemy) are both slow to import and do not depend
on each other. So, on Linux, a forked helper loads the banks and scores while this
process imports the store: this module imports neither at start, and the helper is
handed paths, not loaded objects (measured on two cores: about a sixth off the wall time
of `assess record`; see benchmarks/).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.base import background
from assess.base.errors import UsageError

if TYPE_CHECKING:
    from assess.history.snapshot import Record, Snapshot
    from assess.scoring.results import GroupTargets


@dataclass(frozen=True, slots=True)
class Recorded:
    """A record just made, and where it was kept (as shown to people)."""

    record: Record
    where: str
    targets_from: str | None = None
    """The group targets the round was scored against, when it inherited some."""


def record_files(
    files: Sequence[Path],
    banks_dir: Sequence[Path],
    db: str | None,
    *,
    period: str | None = None,
    day: datetime.date | None = None,
    replace: bool = False,
    profile: str | None = None,
    targets: Path | None = None,
    group: str | None = None,
) -> Recorded:
    """Score ``files`` and store the snapshot under ``period`` (default: the files').

    Args:
        files: the answer files of one assessment.
        banks_dir: extra folders of banks, beside the bundled ones and ASSESS_BANKS_PATH.
        db: the history; None for the default one.
        period: the round's label; default: the files'.
        day: when the round was assessed; default: today.
        replace: overwrite the subject's record for this period.
        profile: the bank profile to score against.
        targets: a targets file to score against instead.
        group: the group a new subject joins (``Retail/Claims``); default: the one the
            files name (from their round file), if any.

    Raises:
        UsageError: neither the files nor ``period`` name a period; a malformed group,
            one that differs from the files', or one the subject is not in.
        DuplicateRecordError: the round is recorded already and not ``replace``.
        StoreError, StoreUnavailableError: the history cannot be used.
    """
    with background.Helper() as helper:
        pending = helper.run(
            snapshot_of_files,
            files,
            banks_dir,
            period,
            day or datetime.date.today(),
            profile,
            targets,
        )
        from assess.base.parse import group_path  # while the helper scores
        from assess.history.store import open_store

        given = group_path(group) if group is not None else None
        snapshot, named = pending()
    if given is not None and named is not None and given != named:
        raise UsageError(
            f"--group {given!r} differs from the group the answer files name, {named!r}; "
            "leave out --group, or correct the files' round"
        )
    joins = given or named
    with open_store(db) as store:
        inherits = None
        if profile is None and targets is None:
            from assess.scoring.results import inherited

            group_now = joins if joins is not None else store.groups().get(snapshot.subject)
            inherits = inherited(store.group_targets(), group_now or "")
        if inherits is not None:
            # Scored again, in this process, against the group's targets: rare, and cheap
            # beside the import it would have cost every other record.
            snapshot, _ = snapshot_of_files(
                files, banks_dir, period, day or datetime.date.today(), None, None, inherits
            )
        shown = inherits.label if inherits else None
        return Recorded(store.record(snapshot, replace, joins), store.shown, shown)


def snapshot_of_files(
    files: Sequence[Path],
    banks_dir: Sequence[Path],
    period: str | None,
    day: datetime.date,
    profile: str | None,
    targets: Path | None,
    group_targets: GroupTargets | None = None,
) -> tuple[Snapshot, str | None]:
    """The snapshot `record_files` keeps, and the group the files name (or None).

    The snapshot is the files scored (against ``group_targets`` when given), filed
    under ``period``.

    Raises:
        UsageError: neither the files nor ``period`` name a period, or ``period`` is
            not plain text of at most 64 characters; ``group_targets`` name a profile the
            files' bank lacks.
    """
    from assess.answers.model import check_options
    from assess.bank.registry import Registry
    from assess.history.snapshot import Snapshot
    from assess.scoring.files import score_files

    check_options(period=period)
    registry = Registry.default(banks_dir)
    scored = score_files(files, registry, profile, targets, group_targets=group_targets)
    chosen = period or scored.result.period
    if not chosen:
        raise UsageError("the answer files name no period: give one, like --period 2026-Q4")
    snapshot = Snapshot.from_result(scored.result, scored.assessment.bank, chosen, day)
    return snapshot, scored.assessment.group
