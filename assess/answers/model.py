"""The model of answer files: the file format (pydantic) and the frozen values read from it.

`AnswerFile` is the contract for the YAML file; `AnswerSet` is one validated file, with its
`Header` (who answered what, when) and its `Response`s; an `Assessment` is the answer sets
of one subject, bank version and period, ready to score. Answers refer to questions by id
and to levels by value, never by display text, so a reworded question never breaks an old
answer file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from assess.bank.model import Bank, Question, Seq, Slug, Strict
from assess.base.errors import UsageError
from assess.base.framework import ROLES, Role, role_name
from assess.base.parse import GROUP_MAX, GROUP_PATH, ONE_LINE, PINNED_BANK_REF

ANSWERS_SCHEMA = "assess/answers/v1"

Confidence = Literal["low", "medium", "high"]
# The same limits on every history backend (PostgreSQL's columns are this wide).
SUBJECT_MAX, PERIOD_MAX, NAME_MAX = 256, 64, 256
# Enough for any real note or link list; a report of far more would take minutes to set.
NOTE_MAX, EVIDENCE_MAX, EVIDENCE_ITEMS = 4000, 1000, 20
Subject = Annotated[str, Field(max_length=SUBJECT_MAX, pattern=ONE_LINE)]
Period = Annotated[str, Field(max_length=PERIOD_MAX, pattern=ONE_LINE)]
Name = Annotated[str, Field(max_length=NAME_MAX, pattern=ONE_LINE)]
GroupPath = Annotated[str, Field(max_length=GROUP_MAX, pattern=GROUP_PATH)]
Mark = Literal["na", "unknown"]
"""``na``: the practice does not apply here; ``unknown``: the respondent does not know."""


class Respondent(Strict):
    """Who answered."""

    name: Name | None = None
    """Optional; leave it out for anonymous answers."""
    role: Role | Literal["observed"] | None = None
    """The respondent's role, from the fixed vocabulary; required before scoring.
    ``observed`` marks a file a tool wrote from what it measured (`assess evidence`):
    scored apart from what people say."""


class Answer(Strict):
    """An answer with context."""

    level: Annotated[int, Field(ge=0)] | Mark
    """A level value of the question's scale, or 'na' / 'unknown'."""
    note: Annotated[str, Field(max_length=NOTE_MAX)] | None = None
    """Free text: why this level, or why not applicable (at most 4,000 characters)."""
    evidence: Annotated[
        Seq[Annotated[str, Field(max_length=EVIDENCE_MAX)]], Field(max_length=EVIDENCE_ITEMS)
    ] = ()
    """Links or references backing the answer, at most 20 of at most 1,000 characters;
    shown in reports, never fetched."""
    confidence: Confidence | None = None
    """How sure the respondent is."""


AnswerValue = Annotated[int, Field(ge=0)] | Mark | Answer | None
"""A bare level, a mark, a detailed answer, or nothing (unanswered)."""


class AnswerFile(Strict):
    """One respondent's answers to one bank version."""

    format: Literal["assess/answers/v1"] = Field(alias="schema")
    """The file format; always 'assess/answers/v1' for now."""
    bank: Annotated[str, Field(pattern=PINNED_BANK_REF)]
    """The bank and version answered, like 'rampac-core@1.0.0'."""
    subject: Subject | None = None
    """What is assessed: an organisation, a team or a product; required before scoring."""
    period: Period | None = None
    """A label for the assessment round, like '2026-Q4'."""
    group: GroupPath | None = None
    """The group the subject belongs to, like 'Retail/Claims'; its first record sets it."""
    respondent: Respondent
    profile: Slug | None = None
    """The target profile; the same for every file of one assessment."""
    answers: Mapping[str, AnswerValue] = Field(default_factory=dict)
    """Question id -> answer; unanswered questions may be left out or left empty."""


RATING_GUIDANCE = (
    "Rate what holds for most of the organisation in scope, not for its best team, and "
    "choose the highest level whose whole description holds. "
    "'Don't know' is a useful answer: it shows where knowledge is missing."
)
"""Said before anyone rates: in the blank template, the interview and the report's method."""

SECONDS_PER_QUESTION = 30
"""What a question takes to read and answer, for the time estimates respondents see."""


def minutes_for(questions: int) -> int:
    """About how many minutes answering ``questions`` questions takes (at least 1)."""
    return max(1, round(questions * SECONDS_PER_QUESTION / 60))


ResponseKind = Literal["level", "na", "unknown"]
MARKS: tuple[ResponseKind, ...] = ("na", "unknown")
MARK_WORDS: Mapping[str, str] = {"unknown": "don't know", "na": "n/a"}
"""The marks as listings of answers write them."""


@dataclass(frozen=True, slots=True)
class Response:
    """One respondent's answer to one question: a level, not applicable, or don't know."""

    kind: ResponseKind
    level: int | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    confidence: Confidence | None = None


def applies(question: Question, responses: Mapping[str, Response]) -> bool:
    """Whether ``question`` applies given one respondent's answers (see ``applies_if``).

    It applies unless the deciding question was answered 'na' or below the threshold;
    not knowing, or not answering it, keeps the question in.
    """
    condition = question.applies_if
    if condition is None:
        return True
    decider = responses.get(condition.question)
    if decider is None or decider.kind == "unknown":
        return True
    return decider.kind == "level" and (decider.level or 0) >= condition.at_least


@dataclass(frozen=True, slots=True)
class Header:
    """The metadata of an answer file; None leaves a field empty to fill in later."""

    subject: str | None = None
    period: str | None = None
    name: str | None = None
    role: Role | None = None
    profile: str | None = None
    group: str | None = None
    """The group the subject belongs to, like ``Retail/Claims`` (from the round)."""


@dataclass(frozen=True, slots=True)
class AnswerSet:
    """A validated answer file. Unanswered questions are absent from ``responses``."""

    file: str
    bank_ref: str
    header: Header
    responses: Mapping[str, Response]
    lines: Mapping[str, int]
    """Line of each metadata key (``subject``, ``role``, …), for later messages."""
    digest: str = ""
    """SHA-256 of the file's bytes: two files with one digest are one respondent's."""
    observed: bool = False
    """Written by a tool from what it measured (role ``observed``), not by a person; its
    ``header.role`` is None."""

    @property
    def respondent(self) -> str:
        """How the report names the respondent: their name, else their file."""
        return self.header.name or self.file


@dataclass(frozen=True, slots=True)
class Assessment:
    """Answer sets of one subject, bank version and period, ready to score."""

    bank: Bank
    bank_digest: str
    """SHA-256 of the bank file: which content of the version was answered."""
    subject: str
    period: str | None
    profile: str
    answer_sets: tuple[AnswerSet, ...]
    """What people answered, one set per respondent."""
    observed: tuple[AnswerSet, ...] = ()
    """What tools measured (`AnswerSet.observed`), kept apart from people's answers."""
    group: str | None = None
    """The subject's group, when the files name one."""


def named_respondents(
    answer_sets: Sequence[AnswerSet], anonymous: bool
) -> tuple[tuple[AnswerSet, str], ...]:
    """Answer sets in the order every listing of answers shows them, each with its label.

    Ordered by role as the framework lists roles, then by name. A label is the
    respondent's name (else file); under ``anonymous``, their role and a number
    ("Development 2", or "Security" when the role has one respondent), never a name or
    a file.
    """
    ordered = sorted(
        answer_sets,
        key=lambda s: (
            ROLES.index(s.header.role) if s.header.role else len(ROLES) + s.observed,
            # Anonymous numbers follow no name: alphabetical order would hint at who is who.
            hashlib.sha256(s.file.encode()).hexdigest() if anonymous else s.header.name or "",
            s.file,
        ),
    )
    if not anonymous:
        return tuple((s, s.respondent) for s in ordered)
    # A file name would give the person away as surely as their name. A tool that
    # measured (an observed file) is no person: it keeps its name.
    roles = [s.header.role or "other" for s in ordered]
    seen: dict[str, int] = {}
    labelled = []
    for s, role in zip(ordered, roles, strict=True):
        if s.observed:
            labelled.append((s, s.header.name or "Observed"))
            continue
        seen[role] = seen.get(role, 0) + 1
        alone = roles.count(role) == 1
        labelled.append((s, role_name(role) if alone else f"{role_name(role)} {seen[role]}"))
    return tuple(labelled)


def check_options(
    subject: str | None = None, period: str | None = None, name: str | None = None
) -> None:
    """Hold ``--subject``, ``--period`` and ``--name`` to the rules of the file fields.

    Raises:
        UsageError: a value has a control character or is too long.
    """
    for option, value, most in (
        ("--subject", subject, SUBJECT_MAX),
        ("--period", period, PERIOD_MAX),
        ("--name", name, NAME_MAX),
    ):
        if value is None:
            continue
        if not re.match(ONE_LINE, value):
            raise UsageError(
                f"{option} {value!r}: use plain text on one line (no control or invisible "
                "characters)"
            )
        if len(value) > most:
            raise UsageError(f"{option}: at most {most} characters, got {len(value)}")
