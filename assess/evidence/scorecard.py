"""OpenSSF Scorecard results as observed evidence: an answer file of role ``observed``.

Scorecard (``scorecard --repo=… --format=json``) writes one JSON result per repository:
``date``, ``repo`` (``name``, ``commit``), ``scorecard`` (``version``, ``commit``), the
aggregate ``score`` and ``checks``, each with a ``name``, a ``score`` from 0 to 10 (-1
when the check could not tell, as on an internal error), a ``reason``, ``details`` and
``documentation``. Versions 4 and 5 write this format; others are refused.

For each question of the mapping (`assess.evidence.mapping`), a repository passes when
every check of the question scores at least the mapping's pass mark, and cannot be
judged when one of them is -1 or missing. The share of judged repositories that pass
gives the level by the mapping's thresholds; with none judged, the answer is
"don't know". The note says how the level was reached and the evidence lists each
repository's checks, worst first.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from assess.answers.model import ANSWERS_SCHEMA, EVIDENCE_ITEMS, EVIDENCE_MAX, NAME_MAX
from assess.answers.write import yaml_scalar
from assess.bank.load import LoadedBank
from assess.base.errors import InputError, Problem
from assess.base.parse import validate_document
from assess.base.safe_yaml import Limits, YamlDocument, read_text_file
from assess.base.words import listed, printable
from assess.evidence.mapping import Rule, ScorecardMapping, Threshold

SUPPORTED_MAJORS = (4, 5)
"""Scorecard major versions whose JSON (their format "v2") this reads."""
_VERSION = re.compile(r"^v?(\d+)(\.\d+){0,2}([-+].*)?$")


class _Lenient(BaseModel):
    # Scorecard adds fields in minor versions; the major version check guards meaning.
    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)


class _Check(_Lenient):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    score: Annotated[int, Field(ge=-1, le=10)]
    reason: str = ""
    details: list[str] | None = None


class _Repo(_Lenient):
    name: Annotated[str, Field(min_length=1, max_length=300)]
    commit: str = ""


class _Version(_Lenient):
    version: Annotated[str, Field(min_length=1, max_length=60)]
    commit: str = ""


class _Result(_Lenient):
    date: str
    repo: _Repo
    scorecard: _Version
    score: float
    checks: list[_Check]


@dataclass(frozen=True, slots=True)
class Score:
    """One check's result in one repository."""

    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class RepoResult:
    """One repository's Scorecard result."""

    file: str
    repo: str
    commit: str
    date: str
    version: str
    checks: Mapping[str, Score]


def read_results(paths: Sequence[Path], limits: Limits) -> tuple[RepoResult, ...]:
    """Read Scorecard JSON results, one repository each.

    Raises:
        InputError: every problem in every file: not JSON, not a Scorecard result, a
            version this does not read, a check twice, a repository in two files.
    """
    problems: list[Problem] = []
    results: list[RepoResult] = []
    first_file: dict[str, str] = {}
    for path in paths:
        try:
            result = _read_one(path, limits)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if result.repo in first_file:
            problems.append(
                Problem(
                    result.file,
                    None,
                    "repo.name",
                    f"{result.repo} is also in {first_file[result.repo]}",
                    "give one result per repository",
                )
            )
            continue
        first_file[result.repo] = result.file
        results.append(result)
    if problems:
        raise InputError(problems)
    return tuple(results)


def _read_one(path: Path, limits: Limits) -> RepoResult:
    shown = str(path)
    text, _ = read_text_file(path, limits, shown, "JSON")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            [
                Problem(
                    shown,
                    err.lineno,
                    "",
                    f"not valid JSON: {err.msg} (column {err.colno})",
                    "give the file `scorecard --format json` wrote",
                )
            ]
        ) from None
    except RecursionError:
        raise InputError([Problem(shown, None, "", "JSON nested too deeply")]) from None
    if not isinstance(data, dict) or not {"scorecard", "checks"} <= data.keys():
        raise InputError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    "not an OpenSSF Scorecard result (no 'scorecard' and 'checks' fields)",
                    "give the JSON that `scorecard --repo=… --format json` writes",
                )
            ]
        )
    # JSON carries no lines: problems name the field's path instead.
    model, problems = validate_document(_Result, YamlDocument(shown, data, {}))
    if model is None:
        raise InputError([replace(p, line=None) for p in problems])
    major = _VERSION.match(model.scorecard.version.strip())
    if major is None or int(major.group(1)) not in SUPPORTED_MAJORS:
        raise InputError(
            [
                Problem(
                    shown,
                    None,
                    "scorecard.version",
                    f"Scorecard {printable(model.scorecard.version)!s} is not a version this "
                    "reads (4.x or 5.x)",
                    "run Scorecard 4 or 5, or an assess that knows the newer format",
                )
            ]
        )
    checks: dict[str, Score] = {}
    for n, check in enumerate(model.checks):
        if check.name in checks:
            problems.append(
                Problem(shown, None, f"checks[{n}].name", f"check {check.name!r} comes twice")
            )
        checks[check.name] = Score(check.score, check.reason)
    if problems:
        raise InputError(problems)
    return RepoResult(
        shown,
        model.repo.name,
        model.repo.commit,
        model.date,
        model.scorecard.version.strip(),
        checks,
    )


STALE_AFTER_DAYS = 90
"""Results older than this may no longer say how the repository stands."""


def stale_results(
    results: Sequence[RepoResult], today: datetime.date, days: int = STALE_AFTER_DAYS
) -> list[RepoResult]:
    """The results dated more than ``days`` before ``today`` (or with no readable date)."""
    limit = today - datetime.timedelta(days=days)

    def day(r: RepoResult) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(r.date[:10])
        except ValueError:
            return None

    return sorted((r for r in results if (d := day(r)) is None or d < limit), key=lambda r: r.date)


def check_known(results: Sequence[RepoResult], mapping: ScorecardMapping) -> None:
    """Refuse results with a check the mapping does not list (mapped or unmapped).

    Raises:
        InputError: one problem per unknown check, at the first file that has it.
    """
    known = mapping.known_checks
    first: dict[str, RepoResult] = {}
    for result in results:
        for name in result.checks:
            if name not in known:
                first.setdefault(name, result)
    if first:
        raise InputError(
            [
                Problem(
                    r.file,
                    None,
                    "checks",
                    f"check {printable(name)!r} is not in the mapping {mapping.file}",
                    "add it there under questions, or under unmapped with the reason",
                )
                for name, r in first.items()
            ]
        )


@dataclass(frozen=True, slots=True)
class Observed:
    """What the results say of one question."""

    question: str
    level: int | None
    """None when no repository could be judged."""
    note: str
    evidence: tuple[str, ...]


def observe(results: Sequence[RepoResult], mapping: ScorecardMapping) -> tuple[Observed, ...]:
    """Each mapped question's level, note and evidence from ``results`` (see the module)."""
    return tuple(_observe(rule, results) for rule in mapping.rules)


def _observe(rule: Rule, results: Sequence[RepoResult]) -> Observed:
    checks = listed(rule.checks)
    judged = [r for r in results if all(_conclusive(r, c) for c in rule.checks)]
    passing = [r for r in judged if all(r.checks[c].score >= rule.passes_at for c in rule.checks)]
    unjudged = len(results) - len(judged)
    parts = [
        f"OpenSSF Scorecard on {_count(len(results), 'repository', 'repositories')}: "
        f"{len(passing)} of {len(judged)} judged pass {checks} at {rule.passes_at} or more"
        + (f" ({len(passing) / len(judged):.0%})" if judged else "")
        + (f"; {unjudged} could not be judged (score -1 or not run)" if unjudged else "")
        + "."
    ]
    level = rule.level(len(passing), len(judged)) if judged else None
    if level is not None:
        higher = [t for t in rule.thresholds if t.level > level]
        parts.append(
            f"That is level {level} by the mapping"
            + (f"; level {higher[0].level} needs {_words(higher[0])} to pass." if higher else ".")
        )
    if rule.cannot_see:
        parts.append(f"Scorecard cannot show {rule.cannot_see}.")
    ordered = sorted(results, key=lambda r: (_worst(r, rule.checks), r.repo))
    return Observed(rule.question, level, " ".join(parts), _evidence(ordered, rule.checks))


def _conclusive(result: RepoResult, check: str) -> bool:
    found = result.checks.get(check)
    return found is not None and found.score >= 0


def _worst(result: RepoResult, checks: Sequence[str]) -> int:
    return min((result.checks[c].score for c in checks if c in result.checks), default=-1)


def _evidence(results: Sequence[RepoResult], checks: Sequence[str]) -> tuple[str, ...]:
    lines = [_line(r, checks) for r in results]
    if len(lines) > EVIDENCE_ITEMS:
        rest = len(lines) - (EVIDENCE_ITEMS - 1)
        lines = [
            *lines[: EVIDENCE_ITEMS - 1],
            f"and {rest} more repositories, in the results given",
        ]
    return tuple(lines)


def _line(result: RepoResult, checks: Sequence[str]) -> str:
    scores = "; ".join(
        f"{c} {s.score}/10: {s.reason}" if (s := result.checks.get(c)) else f"{c} not run"
        for c in checks
    )
    where = f"{result.repo}@{result.commit[:7]}" if result.commit else result.repo
    text = printable(f"{where} ({result.date[:10]}): {scores}")
    return text if len(text) <= EVIDENCE_MAX else text[: EVIDENCE_MAX - 1] + "…"


def _words(t: Threshold) -> str:
    if t.operator == "=" and t.share == 1:
        return "every repository"
    if t.operator == ">" and t.share == 0:
        return "at least one of them"
    share = f"{float(t.share):.0%}"
    said = {">": "more than", ">=": "at least", "=": "exactly"}[t.operator]
    return f"{said} {share} of them"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def observed_answer_file(
    results: Sequence[RepoResult],
    mapping: ScorecardMapping,
    loaded: LoadedBank,
    subject: str,
    period: str,
    profile: str | None,
) -> str:
    """The answer file of role ``observed`` for the round, from ``results``.

    Raises:
        InputError: a result has a check the mapping does not list (`check_known`).
    """
    check_known(results, mapping)
    versions = sorted({r.version for r in results})
    name = f"OpenSSF Scorecard {', '.join(versions)}"[:NAME_MAX]
    bank = loaded.bank
    out = [
        f"# Observed evidence: OpenSSF Scorecard results of {len(results)} repositories,",
        "# turned into levels by the mapping named below. Written by `assess evidence",
        "# scorecard`; score it with the people's answer files of the round, and the",
        "# report shows what people claim beside what was observed.",
        f"# Mapping: {Path(mapping.file).name}, for {mapping.bank_ref}.",
        f"schema: {ANSWERS_SCHEMA}",
        f"bank: {bank.ref}",
        f"subject: {yaml_scalar(subject)}",
        f"period: {yaml_scalar(period)}",
        "respondent:",
        f"  name: {yaml_scalar(name)}",
        "  role: observed",
        *([f"profile: {profile}"] if profile else []),
        "answers:",
    ]
    for seen in observe(results, mapping):
        q = bank.question(seen.question)
        out += [
            f"  # {seen.question} {q.title or ''}".rstrip(),
            f"  {seen.question}:",
            f"    level: {'unknown' if seen.level is None else seen.level}",
            f"    note: {yaml_scalar(seen.note)}",
            "    evidence:",
            *(f"      - {yaml_scalar(e)}" for e in seen.evidence),
        ]
    return printable("\n".join(out)) + "\n"
