"""Follow a bank's declared changes from one version to a later one.

Each bank version may say, in its ``changes`` block, what changed since the version
before: questions added, removed, renamed and rescaled. Chained from version to version,
these give a `QuestionMap`: where each question of the old version went and how its
levels translate. Answer migration, comparisons and trends across versions all use it.
Where a version declares nothing (or names another predecessor), questions are matched
by id and the map says it is not fully declared.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.bank.model import Bank, Question
from assess.bank.registry import Registry
from assess.base.errors import BankError, BankNotFoundError, UsageError
from assess.base.parse import semver_key


@dataclass(frozen=True, slots=True)
class QuestionMap:
    """How the questions of one bank version carry over to a later version."""

    source: str
    """``id@version`` mapped from."""
    target: str
    """``id@version`` mapped to."""
    ids: Mapping[str, str]
    """Old question id -> new question id, for every question carried over."""
    levels: Mapping[str, Mapping[int, int]]
    """Old question id -> old level -> new level, for questions that were rescaled."""
    removed: tuple[str, ...]
    """Old ids with no counterpart in the new version."""
    added: tuple[str, ...]
    """New ids with no predecessor in the old version."""
    reworded: tuple[str, ...]
    """New ids whose wording changed on the way."""
    declared: bool
    """False when some step was matched by id because it declared no changes."""

    @property
    def renamed(self) -> tuple[tuple[str, str], ...]:
        """(old id, new id) of the questions whose id changed."""
        return tuple((old, new) for old, new in self.ids.items() if old != new)

    def level(self, old_id: str, level: int) -> int:
        """The new level for ``level`` given to the old question ``old_id``."""
        return self.levels.get(old_id, {}).get(level, level)


def identity(bank: Bank) -> QuestionMap:
    """The map of a bank version onto itself."""
    return QuestionMap(
        bank.ref, bank.ref, {q.id: q.id for q in bank.questions}, {}, (), (), (), True
    )


def by_id(source: str, target: str, old_ids: Sequence[str], new_ids: Sequence[str]) -> QuestionMap:
    """Match two question lists by id alone (no declared changes known)."""
    kept = {q: q for q in old_ids if q in set(new_ids)}
    return QuestionMap(
        source,
        target,
        kept,
        {},
        tuple(q for q in old_ids if q not in kept),
        tuple(q for q in new_ids if q not in kept.values()),
        (),
        source == target,
    )


def question_map(registry: Registry, old: Bank, new: Bank) -> QuestionMap:
    """Chain the changes of every version after ``old`` up to ``new``.

    Raises:
        UsageError: the banks differ in id, or ``new`` is older than ``old``.
    """
    if old.id != new.id:
        raise UsageError(f"{old.ref} and {new.ref} are different banks; versions cannot be mapped")
    if semver_key(new.version) < semver_key(old.version):
        raise UsageError(f"{new.ref} is older than {old.ref}; give the older version first")
    if old.version == new.version:
        return identity(new)
    versions = [
        e.version
        for e in registry.entries()
        if e.id == old.id
        and semver_key(old.version) < semver_key(e.version) < semver_key(new.version)
    ]
    steps = [*(registry.load(f"{old.id}@{v}").bank for v in versions), new]
    ids = {q.id: q.id for q in old.questions}
    levels: dict[str, dict[int, int]] = {}
    removed: list[str] = []
    reworded: set[str] = set()
    declared = True
    previous = old
    for bank in steps:
        present = {q.id for q in bank.questions}
        changes = bank.changes
        if changes is None or changes.since != previous.version:
            declared = False
        for old_id, current in list(ids.items()):
            if changes is not None and changes.since == previous.version:
                if current in changes.removed:
                    current = ""
                current = changes.renamed.get(current, current)
                if current in changes.rescaled:
                    step = changes.rescaled[current]
                    before = levels.get(old_id, {v: v for v in _values(old, old_id)})
                    levels[old_id] = {lv: step.get(mid, mid) for lv, mid in before.items()}
                if current in changes.reworded:
                    reworded.add(old_id)
            if current not in present:
                removed.append(old_id)
                del ids[old_id]
                levels.pop(old_id, None)
            else:
                ids[old_id] = current
        previous = bank
    carried = set(ids.values())
    reworded_now = {ids[o] for o in reworded if o in ids}
    return QuestionMap(
        old.ref,
        new.ref,
        ids,
        levels,
        tuple(removed),
        tuple(q.id for q in new.questions if q.id not in carried),
        tuple(q.id for q in new.questions if q.id in reworded_now),
        declared,
    )


def map_between(registry: Registry, old_ref: str, new_ref: str) -> QuestionMap | None:
    """The map from ``old_ref`` to the later ``new_ref``; None when a version is not at hand.

    Made once per registry and pair: a portfolio compares hundreds of subjects across the
    same two versions.
    """
    known = _MAPS.setdefault(registry, {})
    if (old_ref, new_ref) not in known:
        try:
            old, new = registry.load(old_ref).bank, registry.load(new_ref).bank
            known[old_ref, new_ref] = question_map(registry, old, new)
        except (BankNotFoundError, BankError):
            known[old_ref, new_ref] = None
    return known[old_ref, new_ref]


_MAPS: weakref.WeakKeyDictionary[Registry, dict[tuple[str, str], QuestionMap | None]] = (
    weakref.WeakKeyDictionary()
)


def _values(bank: Bank, question_id: str) -> tuple[int, ...]:
    return bank.scales[bank.question(question_id).scale].values


@dataclass(frozen=True, slots=True)
class BankDiff:
    """What differs between two versions of a bank, declared and observed."""

    map: QuestionMap
    rescaled: tuple[tuple[str, Mapping[int, int]], ...]
    """(new id, old level -> new level)."""
    wording: tuple[str, ...]
    """New ids whose rated wording (title, text, levels or evidence) differs from the old
    question's, declared or not."""
    undeclared_wording: tuple[str, ...]
    """Of those, the ones no ``reworded`` entry mentions."""
    reweighted: tuple[str, ...]
    """New ids whose pillar or benefit weights changed."""

    def lines(self) -> list[str]:
        """The diff as plain text lines, one change a line."""
        m = self.map
        out = [f"{m.source} -> {m.target}"]
        if not m.declared:
            out.append(
                "  note: some versions declare no changes; their questions are matched by id"
            )
        out += [f"  added      {q}" for q in m.added]
        out += [f"  removed    {q}" for q in m.removed]
        out += [f"  renamed    {old} -> {new}" for old, new in m.renamed]
        for qid, levels in self.rescaled:
            steps = ", ".join(f"{a}->{b}" for a, b in sorted(levels.items()))
            out.append(f"  rescaled   {qid} ({steps})")
        for qid in self.wording:
            flag = "  (not declared as reworded)" if qid in self.undeclared_wording else ""
            out.append(f"  reworded   {qid}{flag}")
        out += [f"  reweighted {q}" for q in self.reweighted]
        if len(out) == 1:
            out.append("  no changes")
        return out


def diff(registry: Registry, old: Bank, new: Bank) -> BankDiff:
    """Compare two versions of one bank (``old`` first)."""
    m = question_map(registry, old, new)
    wording, reweighted = [], []
    for old_id, new_id in m.ids.items():
        before, after = old.question(old_id), new.question(new_id)
        if _rated_wording(before) != _rated_wording(after):
            wording.append(new_id)
        if before.pillars != after.pillars or before.benefits != after.benefits:
            reweighted.append(new_id)
    return BankDiff(
        m,
        tuple((m.ids[old_id], levels) for old_id, levels in m.levels.items()),
        tuple(wording),
        tuple(q for q in wording if q not in m.reworded),
        tuple(reweighted),
    )


def _rated_wording(q: Question) -> tuple[object, ...]:
    """What a respondent reads to choose a level: a change here may move the answers."""
    return (q.title, q.text, dict(q.levels), dict(q.evidence))


def diff_versions(registry: Registry, old: str, new: str) -> BankDiff:
    """`diff` of two bank versions named by reference (or path), ``old`` first."""
    return diff(registry, registry.load(old).bank, registry.load(new).bank)
