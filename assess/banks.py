"""Load a question bank file and check it as a whole.

`load_bank` is the only way a bank enters the program: it parses the YAML safely, checks
the structure against `assess.bankmodel`, then checks how the parts relate (ids, scales,
weights, prerequisites, profiles, sources). Every problem found is reported in one
`BankError`, each at its file, line and path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from assess.bankmodel import Bank, Question
from assess.errors import BankError, InputError, Problem
from assess.framework import BENEFIT_IDS, PILLAR_IDS
from assess.validation import did_you_mean, validate_document
from assess.yamldoc import Limits, PathKey, YamlDocument, load_yaml_file

MIN_QUESTIONS_PER_DIMENSION = 3
"""Every pillar and every benefit must be fed by at least this many questions."""


@dataclass(frozen=True, slots=True)
class LoadedBank:
    """A valid bank together with the file it came from and that file's SHA-256."""

    bank: Bank
    path: Path
    digest: str


def load_bank(
    path: Path,
    limits: Limits = Limits(),
    name: str | None = None,
    stored_as: tuple[str, str] | None = None,
) -> LoadedBank:
    """Load and fully validate the bank at ``path``.

    Args:
        path: the bank file.
        limits: size limits for the file.
        name: how to call the file in messages (defaults to the path).
        stored_as: the (id, version) its location says it holds, checked when given.

    Raises:
        BankError: listing every problem found in the file.
    """
    try:
        doc = load_yaml_file(path, limits, name)
    except InputError as err:
        raise BankError(err.problems) from None
    bank, problems = validate_document(Bank, doc)
    if bank is None:
        raise BankError(problems)
    problems = list(check_bank(bank, doc))
    if stored_as is not None and (bank.id, bank.version) != stored_as:
        problems.insert(
            0,
            doc.problem(
                ("id",),
                f"file declares {bank.ref} but is stored as {stored_as[0]}@{stored_as[1]}",
                "name the folder after the bank id and the file after its version",
            ),
        )
    if problems:
        raise BankError(problems)
    return LoadedBank(bank, path, doc.digest)


def check_bank(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    """Yield every cross-reference problem in a structurally valid bank."""
    yield from _check_scales(bank, doc)
    yield from _check_sections(bank, doc)
    yield from _check_questions(bank, doc)
    yield from _check_requires(bank, doc)
    yield from _check_coverage(bank, doc)
    yield from _check_profiles(bank, doc)


def _check_scales(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    for scale_id, scale in bank.scales.items():
        expected = tuple(range(len(scale.levels)))
        if scale.values != expected:
            yield doc.problem(
                ("scales", scale_id, "levels"),
                f"level values must run 0, 1, 2, … in order, got {list(scale.values)}",
            )


def _check_sections(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, section in enumerate(bank.sections):
        if section.id in seen:
            line = doc.line_of(("sections", seen[section.id]))
            yield doc.problem(
                ("sections", index, "id"),
                f"duplicate section id {section.id!r} (first used at line {line})",
            )
        seen.setdefault(section.id, index)


def _check_questions(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    section_ids = [s.id for s in bank.sections]
    first_index: dict[str, int] = {}
    for index, q in enumerate(bank.questions):
        at: PathKey = ("questions", index)
        if q.id in first_index:
            line = doc.line_of(("questions", first_index[q.id]))
            yield doc.problem(
                (*at, "id"), f"duplicate question id {q.id!r} (first used at line {line})"
            )
        first_index.setdefault(q.id, index)
        if q.section not in section_ids:
            yield doc.problem(
                (*at, "section"),
                f"unknown section {q.section!r}",
                did_you_mean(q.section, section_ids),
            )
        if q.source.document not in bank.sources:
            yield doc.problem(
                (*at, "source", "document"),
                f"unknown source {q.source.document!r}",
                did_you_mean(q.source.document, bank.sources)
                or "declare it under 'sources' at the top of the bank",
            )
        yield from _check_levels(bank, q, at, doc)


def _check_levels(bank: Bank, q: Question, at: PathKey, doc: YamlDocument) -> Iterator[Problem]:
    scale = bank.scales.get(q.scale)
    if scale is None:
        yield doc.problem(
            (*at, "scale"), f"unknown scale {q.scale!r}", did_you_mean(q.scale, bank.scales)
        )
        return
    values = scale.values
    shown = f"{values[0]}–{values[-1]}"
    for level in q.levels:
        if level not in values:
            yield doc.problem(
                (*at, "levels", level), f"level {level} is not on scale {q.scale!r} ({shown})"
            )
    missing = [v for v in values if v not in q.levels]
    if missing:
        yield doc.problem(
            (*at, "levels"),
            f"no description for level{'s' if len(missing) > 1 else ''} "
            f"{_join(missing)} of scale {q.scale!r}",
            "describe what every level looks like for this question",
        )
    for level in q.recommendations:
        if level == scale.max_level:
            yield doc.problem(
                (*at, "recommendations", level),
                f"level {level} is the top of scale {q.scale!r} and takes no recommendation",
            )
        elif level not in values:
            yield doc.problem(
                (*at, "recommendations", level),
                f"level {level} is not on scale {q.scale!r} ({shown})",
            )
    missing = [v for v in values[:-1] if v not in q.recommendations]
    if missing:
        yield doc.problem(
            (*at, "recommendations"),
            f"no recommendation for level{'s' if len(missing) > 1 else ''} {_join(missing)}",
            "give the next step from every level below the top",
        )


def _check_requires(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    ids = [q.id for q in bank.questions]
    graph: dict[str, tuple[str, ...]] = {}
    for index, q in enumerate(bank.questions):
        for pos, needed in enumerate(q.requires):
            at: PathKey = ("questions", index, "requires", pos)
            if needed == q.id:
                yield doc.problem(at, f"question {q.id!r} requires itself")
            elif needed not in ids:
                yield doc.problem(
                    at, f"requires unknown question {needed!r}", did_you_mean(needed, ids)
                )
        graph.setdefault(q.id, tuple(r for r in q.requires if r in ids and r != q.id))
    cycle = _find_cycle(graph)
    if cycle:
        index = ids.index(cycle[0])
        yield doc.problem(
            ("questions", index, "requires"),
            "prerequisites form a cycle: " + " -> ".join(cycle),
            "remove one of these 'requires' entries",
        )


def _find_cycle(graph: Mapping[str, tuple[str, ...]]) -> list[str] | None:
    """Return one cycle as [a, b, …, a] if the graph has any (iterative DFS)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        iters = [iter(graph[start])]
        state[start] = 1
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(graph.get(nxt, ())))
    return None


def _check_coverage(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    pillars = Counter(p for q in bank.questions for p in q.pillars)
    benefits = Counter(b for q in bank.questions for b in q.benefits)
    for kind, ids, counts in (("pillar", PILLAR_IDS, pillars), ("benefit", BENEFIT_IDS, benefits)):
        for dim in ids:
            if counts[dim] < MIN_QUESTIONS_PER_DIMENSION:
                yield doc.problem(
                    ("questions",),
                    f"{kind} {dim!r} is fed by {counts[dim]} question"
                    f"{'' if counts[dim] == 1 else 's'}; "
                    f"every {kind} needs at least {MIN_QUESTIONS_PER_DIMENSION}",
                    f"map more questions to {dim!r} in their '{kind}s' weights",
                )


def _check_profiles(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    for profile_id, profile in bank.profiles.items():
        missing = [p for p in PILLAR_IDS if p not in profile.pillars]
        if missing:
            yield doc.problem(
                ("profiles", profile_id, "pillars"),
                f"no target for pillar{'s' if len(missing) > 1 else ''} {_join(missing)}",
                "give a target from 0 to 4 for all six pillars",
            )
        if profile.benefits is not None:
            missing = [b for b in BENEFIT_IDS if b not in profile.benefits]
            if missing:
                yield doc.problem(
                    ("profiles", profile_id, "benefits"),
                    f"no target for benefit{'s' if len(missing) > 1 else ''} {_join(missing)}",
                    "give all six benefit targets, or leave 'benefits' out",
                )


def _join(items: list[int] | list[str]) -> str:
    shown = [repr(i) if isinstance(i, str) else str(i) for i in items]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
