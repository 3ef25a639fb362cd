"""Load a question bank file and check it as a whole.

`load_bank` is the only way a bank enters the program: it parses the YAML safely, checks
the structure against `assess.bank.model`, then checks how the parts relate (ids, scales,
weights, prerequisites, profiles, sources). Every problem found is reported in one
`BankError`, each at its file, line and path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, cast

from pydantic import TypeAdapter, ValidationError

from assess.bank.model import Bank, Changes, Profile, Question, Scale, Section, Source
from assess.base.errors import BankError, InputError, Problem
from assess.base.framework import BENEFIT_IDS, PILLAR_IDS
from assess.base.parse import did_you_mean, semver_key, validate_document
from assess.base.safe_yaml import DEFAULT_LIMITS, Limits, PathKey, YamlDocument, load_yaml_file
from assess.base.words import count, listed

MIN_QUESTIONS_PER_DIMENSION = 3
"""Every pillar and every benefit must be fed by at least this many questions."""


@dataclass(frozen=True, slots=True)
class LoadedBank:
    """A valid bank together with the file it came from and that file's SHA-256."""

    bank: Bank
    path: Path
    digest: str


@dataclass(frozen=True, slots=True)
class _Parts:
    """The parts of a bank that validated, for cross-checks even when others did not.

    A part is None when it failed structural validation: checks that depend on it are
    skipped rather than reporting a cascade of follow-on errors. ``questions`` keeps each
    valid question's index in the file; ``all_questions`` says whether none was dropped.
    """

    scales: Mapping[str, Scale] | None
    sections: tuple[Section, ...] | None
    sources: Mapping[str, Source] | None
    profiles: Mapping[str, Profile] | None
    questions: tuple[tuple[int, Question], ...]
    all_questions: bool
    version: str | None = None
    changes: Changes | None = None
    out_of_scope: tuple[str, ...] = ()

    @classmethod
    def of(cls, bank: Bank) -> _Parts:
        return cls(
            bank.scales,
            bank.sections,
            bank.sources,
            bank.profiles,
            tuple(enumerate(bank.questions)),
            True,
            bank.version,
            bank.changes,
            bank.out_of_scope,
        )

    @classmethod
    def salvage(cls, data: object) -> _Parts:
        raw = data if isinstance(data, dict) else {}
        fields = Bank.model_fields

        def part(name: str) -> Any:
            info = fields[name]
            shape = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            adapter: TypeAdapter[Any] = TypeAdapter(cast(Any, shape))
            try:
                return adapter.validate_python(raw.get(info.alias or name))
            except ValidationError:
                return None

        items = raw.get("questions")
        questions: list[tuple[int, Question]] = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            with suppress(ValidationError):
                questions.append((index, Question.model_validate(item)))
        complete = isinstance(items, list) and len(questions) == len(items)
        return cls(
            part("scales"),
            part("sections"),
            part("sources"),
            part("profiles"),
            tuple(questions),
            complete,
            part("version"),
            part("changes"),
            part("out_of_scope") or (),
        )


def load_bank(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
    stored_as: tuple[str, str] | None = None,
) -> LoadedBank:
    """Load and fully validate the bank at ``path``.

    Structural problems and cross-reference problems are reported together: when part of
    the file is malformed, the parts that are well formed are still cross-checked.

    Args:
        path: the bank file.
        limits: size limits for the file.
        name: how to call the file in messages (defaults to the path).
        stored_as: the (id, version) its location says it holds, checked when given.

    Raises:
        BankError: listing every problem found in the file, in line order.
    """
    try:
        doc = load_yaml_file(path, limits, name)
    except InputError as err:
        raise BankError(err.problems) from None
    bank, problems = validate_document(Bank, doc)
    problems += check_parts(_Parts.of(bank) if bank else _Parts.salvage(doc.data), doc)
    if bank is not None and stored_as is not None and (bank.id, bank.version) != stored_as:
        problems.append(
            doc.problem(
                ("id",),
                f"file declares {bank.ref} but is stored as {stored_as[0]}@{stored_as[1]}",
                "name the folder after the bank id and the file after its version",
            )
        )
    if problems:
        raise BankError(sorted(problems, key=lambda p: p.line or 0))
    assert bank is not None  # noqa: S101 - no problems means the model validated
    return LoadedBank(bank, path, doc.digest)


def check_parts(parts: _Parts, doc: YamlDocument) -> list[Problem]:
    """Every cross-reference problem among the parts of a bank that are well formed."""
    return [
        *_check_scales(parts, doc),
        *_check_sections(parts, doc),
        *_check_questions(parts, doc),
        *_check_requires(parts, doc),
        *_check_kinds(parts, doc),
        *_check_conditions(parts, doc),
        *_check_coverage(parts, doc),
        *_check_profiles(parts, doc),
        *_check_changes(parts, doc),
    ]


def _check_scales(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    for scale_id, scale in (parts.scales or {}).items():
        expected = tuple(range(len(scale.levels)))
        if scale.values != expected:
            yield doc.problem(
                ("scales", scale_id, "levels"),
                f"level values must run 0, 1, 2, … in order, got {list(scale.values)}",
            )


def _check_sections(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, section in enumerate(parts.sections or ()):
        if section.id in seen:
            line = doc.line_of(("sections", seen[section.id]))
            yield doc.problem(
                ("sections", index, "id"),
                f"duplicate section id {section.id!r} (first used at line {line})",
            )
        seen.setdefault(section.id, index)


def _check_questions(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, q in parts.questions:
        at: PathKey = ("questions", index)
        if q.id in first_index:
            line = doc.line_of(("questions", first_index[q.id]))
            yield doc.problem(
                (*at, "id"), f"duplicate question id {q.id!r} (first used at line {line})"
            )
        first_index.setdefault(q.id, index)
        section_ids = [s.id for s in parts.sections] if parts.sections is not None else None
        if section_ids is not None and q.section not in section_ids:
            yield doc.problem(
                (*at, "section"),
                f"unknown section {q.section!r}",
                did_you_mean(q.section, section_ids),
            )
        if parts.sources is not None and q.source.document not in parts.sources:
            yield doc.problem(
                (*at, "source", "document"),
                f"unknown source {q.source.document!r}",
                did_you_mean(q.source.document, parts.sources)
                or "declare it under 'sources' at the top of the bank",
            )
        if parts.scales is not None:
            yield from _check_levels(parts.scales, q, at, doc)


def _check_levels(
    scales: Mapping[str, Scale], q: Question, at: PathKey, doc: YamlDocument
) -> Iterator[Problem]:
    scale = scales.get(q.scale)
    if scale is None:
        yield doc.problem(
            (*at, "scale"), f"unknown scale {q.scale!r}", did_you_mean(q.scale, scales)
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


def _check_requires(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    if not parts.all_questions:
        return  # an unreadable question may be the one that is required
    ids = [q.id for _, q in parts.questions]
    graph: dict[str, tuple[str, ...]] = {}
    for index, q in parts.questions:
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


MIN_OUTCOMES_PER_BENEFIT = 2
"""In a bank with outcome questions, every benefit must be fed by at least this many."""
MAX_TITLE_WORDS = 5


def _check_kinds(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    """Practices weigh pillars and outcomes do not; titles, evidence and rationales fit."""
    for index, q in parts.questions:
        at: PathKey = ("questions", index)
        if q.kind == "practice" and not q.pillars:
            yield doc.problem(
                (*at, "pillars"),
                "a practice question needs at least one pillar weight",
                "weigh the pillar it puts into practice, or make it kind: outcome",
            )
        if q.kind == "outcome" and q.pillars:
            yield doc.problem(
                (*at, "pillars"),
                "an outcome question feeds benefits only",
                "remove its pillar weights",
            )
        for pillar_id in q.pillars:
            if pillar_id in parts.out_of_scope:
                yield doc.problem(
                    (*at, "pillars", pillar_id),
                    f"pillar {pillar_id!r} is declared out of this bank's scope",
                )
        if q.title is not None and not q.title.strip():
            yield doc.problem((*at, "title"), "a title must not be blank")
        if q.title is not None and len(q.title.split()) > MAX_TITLE_WORDS:
            yield doc.problem(
                (*at, "title"),
                f"a title has at most {MAX_TITLE_WORDS} words, this one has {len(q.title.split())}",
            )
        values = parts.scales[q.scale].values if parts.scales and q.scale in parts.scales else ()
        for level in q.evidence:
            if level == 0 or (values and level not in values):
                yield doc.problem(
                    (*at, "evidence", level),
                    f"evidence is given for the levels from 1 up of the question's scale, "
                    f"not for {level}",
                )
        weighed = {*q.pillars, *q.benefits}
        for dim in q.rationale:
            if dim not in weighed:
                yield doc.problem(
                    (*at, "rationale", dim),
                    f"a rationale for {dim!r}, which the question does not weigh",
                )


def _check_conditions(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    """``applies_if`` names another question of the bank, unconditional, at one of its levels."""
    if not parts.all_questions:
        return
    by_id = {q.id: q for _, q in parts.questions}
    for index, q in parts.questions:
        if q.applies_if is None:
            continue
        at: PathKey = ("questions", index, "applies_if", "question")
        other = by_id.get(q.applies_if.question)
        if other is None:
            yield doc.problem(
                at,
                f"applies_if names unknown question {q.applies_if.question!r}",
                did_you_mean(q.applies_if.question, by_id),
            )
        elif other.id == q.id:
            yield doc.problem(at, "a question cannot depend on its own answer")
        elif other.applies_if is not None:
            yield doc.problem(
                at,
                f"applies_if names {other.id!r}, which is itself conditional",
                "make the condition depend on an unconditional question",
            )
        elif parts.scales and other.scale in parts.scales:
            values = parts.scales[other.scale].values
            if q.applies_if.at_least not in values:
                yield doc.problem(
                    ("questions", index, "applies_if", "at_least"),
                    f"level {q.applies_if.at_least} is not on the scale of {other.id!r} "
                    f"({values[0]}–{values[-1]})",
                )


def outcomes_per_benefit(questions: Iterable[Question]) -> dict[str, int]:
    """How many outcome questions feed each benefit, in framework order."""
    fed = Counter(b for q in questions if q.kind == "outcome" for b in q.benefits)
    return {b: fed[b] for b in BENEFIT_IDS}


def _check_coverage(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    if not parts.all_questions:
        return  # counts would be short by the questions that did not validate
    fed: dict[str, Counter[str]] = {
        "pillar": Counter(p for _, q in parts.questions for p in q.pillars),
        "benefit": Counter(b for _, q in parts.questions for b in q.benefits),
    }
    outcomes = outcomes_per_benefit(q for _, q in parts.questions)
    if any(outcomes.values()):
        for benefit_id, n in outcomes.items():
            if n < MIN_OUTCOMES_PER_BENEFIT:
                yield doc.problem(
                    ("questions",),
                    f"benefit {benefit_id!r} is fed by {count(n, 'outcome question')}; in a "
                    f"bank with outcome questions every benefit needs at least "
                    f"{MIN_OUTCOMES_PER_BENEFIT}",
                    "add outcome questions that observe the benefit's result",
                )
    expected: dict[str, tuple[str, ...]] = {
        "pillar": tuple(p for p in PILLAR_IDS if p not in parts.out_of_scope),
        "benefit": BENEFIT_IDS,
    }
    for kind, counts in fed.items():
        for dim in expected[kind]:
            if counts[dim] < MIN_QUESTIONS_PER_DIMENSION:
                yield doc.problem(
                    ("questions",),
                    f"{kind} {dim!r} is fed by {counts[dim]} question"
                    f"{'' if counts[dim] == 1 else 's'}; "
                    f"every {kind} needs at least {MIN_QUESTIONS_PER_DIMENSION}",
                    f"map more questions to {dim!r} in their '{kind}s' weights",
                )


def _check_profiles(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    for profile_id, profile in (parts.profiles or {}).items():
        checks: tuple[tuple[str, Mapping[Any, float] | None, tuple[str, ...], str], ...] = (
            (
                "pillar",
                profile.pillars,
                PILLAR_IDS,
                "give a target from 0 to 4 for all six pillars",
            ),
            (
                "benefit",
                profile.benefits,
                BENEFIT_IDS,
                "give all six benefit targets, or leave 'benefits' out",
            ),
        )
        for kind, targets, ids, hint in checks:
            missing = [d for d in ids if targets is not None and d not in targets]
            if missing:
                yield doc.problem(
                    ("profiles", profile_id, f"{kind}s"),
                    f"no target for {kind}{'s' if len(missing) > 1 else ''} {_join(missing)}",
                    hint,
                )


def _join(items: Sequence[object]) -> str:
    return listed([repr(i) if isinstance(i, str) else str(i) for i in items])


def _check_changes(parts: _Parts, doc: YamlDocument) -> Iterator[Problem]:
    """The changes block must agree with the questions this version has."""
    changes = parts.changes
    if changes is None:
        return
    if parts.version is not None and semver_key(changes.since) >= semver_key(parts.version):
        yield doc.problem(
            ("changes", "from"),
            f"changes are counted from {changes.since}, which is not before {parts.version}",
        )
    if not parts.all_questions:
        return
    present = {q.id: q for _, q in parts.questions}
    ids = list(present)
    must_exist: list[tuple[str, str | int, str]] = [
        *(("added", i, qid) for i, qid in enumerate(changes.added)),
        *(("reworded", i, qid) for i, qid in enumerate(changes.reworded)),
        *(("renamed", old, new) for old, new in changes.renamed.items()),
    ]
    for field, key, qid in must_exist:
        if qid not in present:
            yield doc.problem(
                ("changes", field, key),
                f"{qid!r} is not a question of this version",
                did_you_mean(qid, ids),
            )
    gone: list[tuple[str, str | int, str]] = [
        *(("removed", i, qid) for i, qid in enumerate(changes.removed)),
        *(("renamed", old, old) for old in changes.renamed),
    ]
    for field, key, qid in gone:
        if qid in present:
            yield doc.problem(
                ("changes", field, key),
                f"{qid!r} is still a question of this version, so it cannot be {field}",
            )
    for qid, levels in changes.rescaled.items():
        if qid not in present:
            yield doc.problem(
                ("changes", "rescaled", qid),
                f"{qid!r} is not a question of this version",
                did_you_mean(qid, ids),
            )
        elif parts.scales is not None and present[qid].scale in parts.scales:
            allowed = parts.scales[present[qid].scale].values
            for old, new in levels.items():
                if new not in allowed:
                    yield doc.problem(
                        ("changes", "rescaled", qid, old),
                        f"level {new} is not on the question's scale",
                        "use one of " + ", ".join(map(str, allowed)),
                    )
