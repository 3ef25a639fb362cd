"""Subjects and their groups: listing them, moving one, and the next round of one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.bank.registry import Registry
from assess.base.errors import UsageError
from assess.portfolio.build import subjects_in
from assess.rounds.write import new_round

if TYPE_CHECKING:
    from assess.history.store import HistoryStore


@dataclass(frozen=True, slots=True)
class SubjectRow:
    """One recorded subject: its group, how many rounds, its last period."""

    subject: str
    group: str
    rounds: int
    last: str | None
    targets: str | None = None
    """The group targets it inherits (``profile regulated (group Retail)``), if any."""


def list_subjects(store: HistoryStore, group: str | None = None) -> list[SubjectRow]:
    """Every subject (or one group's, subgroups included), by group then name.

    Raises:
        UsageError: no subject is in ``group`` (naming the close groups).
    """
    groups = store.groups()
    chosen = subjects_in(groups, group) if groups else set()
    from assess.scoring.results import inherited

    counts: dict[str, list[str]] = {}
    for r in store.records(figures=False):
        counts.setdefault(r.snapshot.subject, []).append(r.snapshot.period)
    set_targets = store.group_targets()

    def targets(subject: str) -> str | None:
        found = inherited(set_targets, groups[subject])
        return None if found is None else found.label

    return sorted(
        (
            SubjectRow(
                s,
                groups[s],
                len(counts.get(s, [])),
                (counts.get(s) or [""])[-1] or None,
                targets(s),
            )
            for s in chosen
        ),
        key=lambda row: (row.group, row.subject.casefold()),
    )


def move_subject(store: HistoryStore, subject: str, group: str) -> tuple[str, str]:
    """Put ``subject`` in ``group`` ("" or "-" for none); return (old group, new group).

    Raises:
        UsageError: an unknown subject (did you mean) or a malformed group.
    """
    from assess.base.parse import group_path

    new = "" if group in ("", "-") else group_path(group)
    return store.set_group(subject, new), new


def set_group_targets(
    store: HistoryStore,
    registry: Registry,
    group: str,
    profile: str | None = None,
    targets: Path | None = None,
) -> tuple[str, int]:
    """Give ``group`` the targets of ``profile`` or of a targets file (neither: clear them).

    Its subjects, and those of its subgroups that set none of their own, inherit them in
    the portfolio and when their rounds are recorded without --profile or --targets.

    Returns:
        The group path and how many recorded subjects it holds.

    Raises:
        UsageError: both a profile and a file; a malformed group, or one no subject is in
            (naming the close groups); a profile a bank its subjects answer lacks.
        InputError: a bad targets file.
    """
    from assess.base.parse import group_path
    from assess.scoring.results import GroupTargets
    from assess.scoring.targets import read_targets_file

    if profile is not None and targets is not None:
        raise UsageError("give --profile or --targets, not both")
    path = group_path(group)
    members = subjects_in(store.groups(), path)
    chosen: GroupTargets | None = None
    if profile is not None:
        banks = {
            r.snapshot.bank_ref
            for r in store.records(figures=False)
            if r.snapshot.subject in members
        }
        lacking = sorted(b for b in banks if profile not in registry.load(b).bank.profiles)
        if lacking:
            raise UsageError(
                f"profile {profile!r} is not in {', '.join(lacking)}, which subjects of "
                f"{path!r} answer; choose a profile every one of their banks has"
            )
        chosen = GroupTargets(path, f"profile {profile}", profile=profile)
    elif targets is not None:
        model = read_targets_file(targets, registry.limits)
        chosen = GroupTargets(
            path,
            f"targets file {targets.name}",
            pillars={str(k): v for k, v in model.pillars.items()},
            benefits=None
            if model.benefits is None
            else {str(k): v for k, v in model.benefits.items()},
        )
    store.set_group_targets(chosen, path)
    return path, len(members)


def next_round(
    store: HistoryStore, registry: Registry, ref: str, period: str, latest: bool = False
) -> str:
    """The round file for ``period`` of the subject of record ``ref`` (``SUBJECT@PERIOD``).

    The same bank version, profile and roles as that record (the roles that answered
    it), or the latest version of its bank with ``latest``; and the subject's group.

    Raises:
        UsageError: no such record, or a bad period; BankNotFoundError: the bank is gone.
    """
    record = store.get(ref).snapshot
    if period == record.period:
        raise UsageError(f"{ref} is that round already; give the next round's --period")
    bank = record.bank_id if latest else record.bank_ref
    roles = tuple(role for role, _ in record.respondents)
    group = store.groups().get(record.subject) or None
    return new_round(registry, bank, record.subject, period, record.profile, roles, group)
