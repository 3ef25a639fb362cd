"""Answers in long form: one row per respondent and question, for people's own analysis.

The long CSV of `assess answers export` and the answers sheet of the Excel workbook are
both these rows. A respondent gets a row for every question they answered, and for every
question of their role they left unanswered (so what is missing shows); questions meant
for other roles that they skipped get none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assess.answers.load import read_answer_files
from assess.answers.model import MARK_WORDS, AnswerSet, ResponseKind, named_respondents
from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.base.errors import AnswersError, UsageError

Status = ResponseKind | Literal["unanswered"]
_SHOWN: dict[str, str] = {**MARK_WORDS, "unanswered": ""}


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One respondent's answer to one question (or its absence)."""

    subject: str
    period: str
    bank_ref: str
    respondent: str
    """Their name or file; under ``--anonymous`` their role and a number."""
    role: str
    question: str
    title: str
    section: str
    status: Status
    level: int | None
    confidence: str | None
    note: str | None
    evidence: tuple[str, ...]

    @property
    def answer(self) -> str:
        """The answer as people read it: the level, ``don't know``, ``n/a`` or nothing."""
        return str(self.level) if self.status == "level" else _SHOWN[self.status]


def answer_rows(
    bank: Bank, answer_sets: Sequence[AnswerSet], anonymous: bool
) -> tuple[AnswerRow, ...]:
    """Every answer of ``answer_sets`` (one round of ``bank``), question by question.

    Within a question, respondents come in the order of `named_respondents`.
    """
    labelled = named_respondents(answer_sets, anonymous)
    sections = {s.id: s.title for s in bank.sections}
    rows = []
    for q in bank.questions:
        for answer_set, label in labelled:
            header = answer_set.header
            response = answer_set.responses.get(q.id)
            if response is None and (header.role is None or header.role not in q.roles):
                continue
            rows.append(
                AnswerRow(
                    subject=header.subject or "",
                    period=header.period or "",
                    bank_ref=answer_set.bank_ref,
                    respondent=label,
                    role=header.role or ("observed" if answer_set.observed else ""),
                    question=q.id,
                    title=q.title or "",
                    section=sections.get(q.section, q.section),
                    status="unanswered" if response is None else response.kind,
                    level=None if response is None else response.level,
                    confidence=None if response is None else response.confidence,
                    note=None if response is None else response.note,
                    evidence=() if response is None else response.evidence,
                )
            )
    return tuple(rows)


def read_answer_rows(
    paths: Sequence[Path],
    registry: Registry,
    anonymous: bool,
    progress: Callable[[int], None] | None = None,
) -> tuple[AnswerRow, ...]:
    """The rows of answer files from any rounds and banks, round by round.

    Files are grouped by subject, period and bank version, in the order first given;
    respondents are numbered within their round under ``anonymous``.

    Raises:
        AnswersError: every problem in every file.
        UsageError: no files were given.
    """
    if not paths:
        raise UsageError("no answer files given")
    read, problems = read_answer_files(paths, registry, progress)
    rounds: dict[tuple[str, str, str], list[AnswerSet]] = defaultdict(list)
    banks: dict[str, Bank] = {}
    for _, answer_set, loaded in read:
        header = answer_set.header
        rounds[header.subject or "", header.period or "", answer_set.bank_ref].append(answer_set)
        banks[answer_set.bank_ref] = loaded.bank
    if problems:
        raise AnswersError(list(dict.fromkeys(problems)))
    return tuple(
        row
        for (_, _, bank_ref), sets in rounds.items()
        for row in answer_rows(banks[bank_ref], sets, anonymous)
    )
