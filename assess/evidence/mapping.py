"""Mapping files: which checks of a tool feed which question, and at what level.

A Scorecard mapping (``schema: assess/mapping/scorecard/v1``) names its bank version,
and lists every Scorecard check either under ``questions`` (the checks a question is
judged on) or under ``unmapped`` (with the reason no question of the bank can use it),
so a check it does not know is an error, never silently dropped::

    questions:
      AU-01:
        checks: [SAST]
        passes_at: 7            # a repository passes when every listed check scores 7+
        levels:                 # the share of repositories that pass, as the levels say
          1: "> 0"              # "fewer than a quarter of active repositories"
          2: ">= 1/4"           # "at least a quarter"
          3: "> 3/4"            # "more than three quarters"
        cannot_see: whether a new high finding stops the merge (level 4)

A level's rule is ``>``, ``>=`` or ``=`` and a share (a decimal or a fraction); the
question reaches the highest level whose rule holds, else level 0.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from assess.bank.load import LoadedBank
from assess.bank.model import QuestionId, Seq, Strict
from assess.bank.registry import Registry
from assess.base.errors import AssessError, InputError, UsageError
from assess.base.parse import ONE_LINE, PINNED_BANK_REF, did_you_mean, validate_document
from assess.base.safe_yaml import Limits, YamlDocument, load_yaml_file

MAPPING_SCHEMA = "assess/mapping/scorecard/v1"
MAPPINGS_FOLDER = "mappings"
CheckName = Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$", max_length=60)]
Reason = Annotated[str, Field(min_length=1, max_length=300, pattern=ONE_LINE)]
_RULE = re.compile(r"^\s*(>=|>|=)\s*(\d+(?:\.\d+)?|\d+\s*/\s*\d+)\s*$")


class QuestionRule(Strict):
    """How Scorecard checks judge one question."""

    checks: Annotated[Seq[CheckName], Field(min_length=1)]
    passes_at: Annotated[int, Field(ge=0, le=10)]
    levels: Annotated[Mapping[int, str], Field(min_length=1)]
    cannot_see: Reason | None = None
    """What the levels above the highest mapped one ask that the checks cannot show."""


class MappingFile(Strict):
    """A Scorecard mapping file, as written."""

    format: Literal["assess/mapping/scorecard/v1"] = Field(alias="schema")
    bank: Annotated[str, Field(pattern=PINNED_BANK_REF)]
    questions: Annotated[Mapping[QuestionId, QuestionRule], Field(min_length=1)]
    unmapped: Mapping[CheckName, Reason] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Threshold:
    """A level and the share of passing repositories it needs."""

    level: int
    operator: Literal[">", ">=", "="]
    share: Fraction

    def holds(self, passing: int, total: int) -> bool:
        """Whether ``passing`` of ``total`` repositories meet it (total > 0)."""
        seen = Fraction(passing, total)
        if self.operator == ">":
            return seen > self.share
        return seen >= self.share if self.operator == ">=" else seen == self.share


@dataclass(frozen=True, slots=True)
class Rule:
    """One question's checks, pass mark and thresholds (lowest level first)."""

    question: str
    checks: tuple[str, ...]
    passes_at: int
    thresholds: tuple[Threshold, ...]
    cannot_see: str | None

    def level(self, passing: int, total: int) -> int:
        """The highest level whose threshold holds, else 0."""
        return max((t.level for t in self.thresholds if t.holds(passing, total)), default=0)


@dataclass(frozen=True, slots=True)
class ScorecardMapping:
    """A valid mapping, checked against its bank."""

    file: str
    bank_ref: str
    rules: tuple[Rule, ...]
    unmapped: Mapping[str, str]

    @property
    def known_checks(self) -> frozenset[str]:
        """Every check the mapping speaks of, mapped or not."""
        return frozenset(c for r in self.rules for c in r.checks) | frozenset(self.unmapped)


def mapping_path(loaded: LoadedBank) -> Path:
    """Where a bank version's Scorecard mapping lives: beside the bank, in ``mappings/``."""
    return loaded.path.parent / MAPPINGS_FOLDER / f"scorecard-{loaded.bank.version}.yaml"


def is_mapping_file(data: object) -> bool:
    """True when parsed YAML declares itself a mapping (``schema: assess/mapping/...``)."""
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and schema.startswith("assess/mapping/")


def load_mapping(path: Path, registry: Registry, limits: Limits | None = None) -> ScorecardMapping:
    """Read a mapping file and check it against the bank version it names.

    Raises:
        InputError: every problem in the file.
    """
    return read_mapping(load_yaml_file(path, limits or registry.limits), registry)


def read_mapping(doc: YamlDocument, registry: Registry) -> ScorecardMapping:
    """Check a parsed mapping file; see `load_mapping`."""
    model, problems = validate_document(MappingFile, doc)
    if model is None:
        raise InputError(problems)
    try:
        bank = registry.load(model.bank).bank
    except AssessError as err:
        if isinstance(err, InputError):
            raise
        raise InputError([doc.problem(("bank",), str(err))]) from None
    ids = [q.id for q in bank.questions]
    rules = []
    seen: dict[str, str] = {}
    for qid, raw in model.questions.items():
        at = ("questions", qid)
        if qid not in ids:
            problems.append(
                doc.problem(at, f"{model.bank} has no question {qid!r}", did_you_mean(qid, ids))
            )
            continue
        question = bank.question(qid)
        levels = [lv.value for lv in bank.scales[question.scale].levels]
        thresholds = []
        for level, text in sorted(raw.levels.items()):
            where = (*at, "levels", level)
            parsed = _RULE.match(text)
            share = _share(parsed.group(2)) if parsed else None
            if parsed is None or share is None or share > 1:
                problems.append(
                    doc.problem(
                        where,
                        f"{text!r} is not a rule",
                        'write ">", ">=" or "=" and a share from 0 to 1, like "> 3/4" or ">= 0.25"',
                    )
                )
                continue
            if level not in levels or level == 0:
                problems.append(
                    doc.problem(
                        where,
                        f"level {level} is not a level above 0 of {qid}'s scale",
                        f"use {', '.join(str(v) for v in levels if v)}",
                    )
                )
                continue
            thresholds.append(Threshold(level, parsed.group(1), share))  # type: ignore[arg-type]
        if any(b.share < a.share for a, b in itertools.pairwise(thresholds)):
            problems.append(
                doc.problem(
                    (*at, "levels"),
                    "a higher level asks for a smaller share of repositories than a lower one",
                    "make the shares grow with the level",
                )
            )
        for check in raw.checks:
            seen.setdefault(check, qid)
        rules.append(Rule(qid, tuple(raw.checks), raw.passes_at, tuple(thresholds), raw.cannot_see))
    for check in model.unmapped:
        if check in seen:
            problems.append(
                doc.problem(
                    ("unmapped", check),
                    f"{check} feeds {seen[check]} and is listed as unmapped too",
                    "keep it in one place",
                )
            )
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return ScorecardMapping(doc.name, model.bank, tuple(rules), dict(model.unmapped))


def find_mapping(
    loaded: LoadedBank, registry: Registry, given: Path | None = None
) -> ScorecardMapping:
    """The mapping ``given``, else the one beside ``loaded``'s bank file.

    Raises:
        UsageError: none is given and the bank has none; or the mapping is for another bank.
        InputError: the mapping file has problems.
    """
    path = given or mapping_path(loaded)
    if given is None and not path.is_file():
        raise UsageError(
            f"{loaded.bank.ref} has no Scorecard mapping (looked for {path}); "
            "give one with --mapping FILE"
        )
    found = load_mapping(path, registry)
    if found.bank_ref != loaded.bank.ref:
        raise UsageError(
            f"{path} maps {found.bank_ref}, but the round is on {loaded.bank.ref}; "
            "give the mapping for the round's bank version"
        )
    return found


def _share(text: str) -> Fraction | None:
    try:
        return Fraction(text.replace(" ", ""))
    except (ValueError, ZeroDivisionError):
        return None
