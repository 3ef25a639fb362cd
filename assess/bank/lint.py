"""The bank authoring rules a program can check (see question_banks/README.md).

Warnings, not errors: a bank that breaks them still loads and scores. Each is a
`Problem` at the file and line of what to fix:

- every question has a title;
- every level from 1 up names the evidence an assessor would see;
- levels 2 and 3 state a threshold ("about a quarter of teams", "more than half"),
  not "some" or "most" alone;
- every benefit is fed by outcome questions, so that it is measured, not restated;
- every minor weight (any pillar but the main one, any benefit but the largest) has a
  one-line rationale;
- every cited section is a heading of the document, when the document is at hand;
- every `see_also` names a question of another bank on the search path (its latest
  version), when the linter is given the search path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from assess.bank.load import MIN_OUTCOMES_PER_BENEFIT, LoadedBank, outcomes_per_benefit
from assess.bank.model import Bank, Question
from assess.bank.registry import Registry
from assess.base.errors import BankError, BankNotFoundError, CheckFailed, Problem, UsageError
from assess.base.parse import did_you_mean
from assess.base.safe_yaml import PathKey, YamlDocument, load_yaml_file
from assess.base.words import count

THRESHOLD_LEVELS = (2, 3)
_VAGUE = re.compile(r"\b(some|most|few|many|several|often|usually|sometimes)\b", re.IGNORECASE)
_THRESHOLD = re.compile(
    r"\d|%|\b(half|quarter|third|two|three|four|five|every|all|each|none|no)\b", re.IGNORECASE
)


def lint(
    loaded: LoadedBank, sources: Path | None = None, registry: Registry | None = None
) -> list[Problem]:
    """Every authoring-rule warning for a valid bank, in line order.

    Args:
        loaded: the bank, as loaded from its file.
        sources: a folder of the bank's source documents as ``<source id>.txt`` (or
            ``.md``), to check that citations name real headings; None skips that rule.
        registry: the banks `see_also` may point into; None skips that rule.
    """
    doc = load_yaml_file(loaded.path)
    bank = loaded.bank
    headings = _headings(sources, bank) if sources is not None else {}
    found: list[Problem] = []
    for index, q in enumerate(bank.questions):
        found += _question(bank, doc, ("questions", index), q, headings)
        if registry is not None:
            found += _see_also(bank, doc, ("questions", index), q, registry)
    found += _outcomes(bank, doc)
    return sorted(found, key=lambda p: p.line or 0)


def _question(
    bank: Bank, doc: YamlDocument, at: PathKey, q: Question, headings: Mapping[str, list[str]]
) -> Iterator[Problem]:
    if q.title is None:
        yield doc.problem(at, f"{q.id} has no title", "give it a name of at most five words")
    top = bank.scales[q.scale].max_level
    missing = [level for level in range(1, top + 1) if level not in q.evidence]
    if missing:
        yield doc.problem(
            (*at, "evidence") if q.evidence else at,
            f"{q.id} names no evidence for level{'s' if len(missing) > 1 else ''} "
            + ", ".join(map(str, missing)),
            "say what an assessor would see at each level from 1 up",
        )
    for level in THRESHOLD_LEVELS:
        text = q.levels.get(level, "")
        if level <= top and not _THRESHOLD.search(text):
            vague = _VAGUE.search(text)
            yield doc.problem(
                (*at, "levels", level),
                f"{q.id} level {level} states no threshold"
                + (f" ('{vague.group(0)}' alone)" if vague else ""),
                "say how much, like 'about a quarter of teams' or 'more than half'",
            )
    main_benefit = max(q.benefits, key=q.benefits.__getitem__)
    minor = [p for p in q.pillars if p != q.main_pillar] + [
        b for b in q.benefits if b != main_benefit
    ]
    for dim in minor:
        if dim not in q.rationale:
            kind = "pillars" if dim in q.pillars else "benefits"
            yield doc.problem(
                (*at, kind, dim),
                f"{q.id} weighs {dim!r} without a rationale",
                "say in one line where the seed links them, or drop the weight",
            )
    known = headings.get(q.source.document)
    if known is not None:
        for section in q.source.sections:
            if not _resolves(section, known):
                yield doc.problem(
                    (*at, "source", "section"),
                    f"{q.id} cites {section!r}, which is no heading of {q.source.document}",
                    "cite the headings as the document titles them, joined by ' › '",
                )


def _see_also(
    bank: Bank, doc: YamlDocument, at: PathKey, q: Question, registry: Registry
) -> Iterator[Problem]:
    for pos, target in enumerate(q.see_also):
        bank_id, _, question_id = target.partition(":")
        where = (*at, "see_also", pos)
        if bank_id == bank.id:
            yield doc.problem(
                where,
                f"{q.id} points to {target}, in its own bank",
                "see_also is for overlaps with other banks; within a bank, merge the questions",
            )
            continue
        try:
            other = registry.load(bank_id).bank
        except BankNotFoundError:
            yield doc.problem(
                where,
                f"{q.id} points to {target}, but there is no bank {bank_id!r} on the search path",
                "name a bank of `assess banks list`",
            )
            continue
        except BankError:
            continue  # that bank's own problems are reported when it is checked
        if question_id not in {o.id for o in other.questions}:
            yield doc.problem(
                where,
                f"{q.id} points to {target}, but {bank_id}@{other.version} has no question "
                f"{question_id!r}",
                did_you_mean(question_id, [o.id for o in other.questions])
                or f"name a question of {bank_id}@{other.version}",
            )


def _outcomes(bank: Bank, doc: YamlDocument) -> Iterator[Problem]:
    for benefit_id, n in outcomes_per_benefit(bank.questions).items():
        if n < MIN_OUTCOMES_PER_BENEFIT:
            yield doc.problem(
                ("questions",),
                f"benefit {benefit_id!r} is fed by {count(n, 'outcome question')}: its score "
                "only restates practices",
                f"add at least {MIN_OUTCOMES_PER_BENEFIT} outcome questions that observe it",
            )


def _headings(folder: Path, bank: Bank) -> dict[str, list[str]]:
    """Each available source's headings, as `_heading` reads them."""
    out: dict[str, list[str]] = {}
    for source_id in bank.sources:
        for suffix in (".txt", ".md"):
            path = folder / f"{source_id}{suffix}"
            if path.is_file():
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
                out[source_id] = [h for h in map(_heading, lines) if h]
                break
    return out


def _heading(line: str) -> str:
    """The line lower-cased if it reads as a heading, else ''.

    A heading is a ``#`` title, a contents entry, a list item, or a short line that does
    not end like a sentence.
    """
    text = line.split("\t")[0].strip().lstrip("#-*· ").strip()
    if not text or len(text.split()) > 12 or text.endswith((".", ",", ";", ":")):
        return ""
    return _plain(text)


def _resolves(section: str, headings: list[str]) -> bool:
    """Every part of ``A › B`` begins a heading; "Appendix I, question N" names Appendix I."""
    parts = [_plain(p) for p in re.split(r"\s*›\s*", section.split(", question ")[0])]
    return all(any(h.startswith(part) for h in headings) for part in parts)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def lint_banks(
    registry: Registry, specs: Sequence[str] = (), sources: Path | None = None
) -> list[Problem]:
    """The warnings of the banks named (references or files), else of every bank on the path.

    Raises:
        CheckFailed: listing every warning, when there is any.
        BankError, BankNotFoundError, UsageError: a named bank cannot be loaded, or
            ``sources`` is not a folder.
    """
    if sources is not None and not sources.is_dir():
        raise UsageError(f"--sources {sources}: no such folder of source documents")
    banks = [registry.load(s) for s in specs] if specs else registry.load_all()
    found = [w for loaded in banks for w in lint(loaded, sources, registry)]
    if found:
        lines = [str(w) for w in found]
        files = len({w.file for w in found})
        lines.append(f"{count(len(found), 'warning')} in {count(files, 'bank')}")
        raise CheckFailed("\n".join(lines))
    return found
