"""Subjects and their groups: listing them, moving one, and the next round of one."""

from __future__ import annotations

from dataclasses import dataclass
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


def list_subjects(store: HistoryStore, group: str | None = None) -> list[SubjectRow]:
    """Every subject (or one group's, subgroups included), by group then name.

    Raises:
        UsageError: no subject is in ``group`` (naming the close groups).
    """
    groups = store.groups()
    chosen = subjects_in(groups, group) if groups else set()
    counts: dict[str, list[str]] = {}
    for r in store.records():
        counts.setdefault(r.snapshot.subject, []).append(r.snapshot.period)
    return sorted(
        (
            SubjectRow(s, groups[s], len(counts.get(s, [])), (counts.get(s) or [""])[-1] or None)
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
