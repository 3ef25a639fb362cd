"""Write a blank answer file that a respondent can fill in with any text editor.

Each question appears as a commented block (section, question, the level descriptions,
why it matters) above its empty key. The blank file is valid as it stands: empty answers
are unanswered, and the metadata can be filled in later.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Collection

from assess.answermodel import ANSWERS_SCHEMA
from assess.bankmodel import Bank, Question
from assess.framework import ROLES, Role, pillar

SCHEMA_FILE = "assess-answers.schema.json"
_WIDTH = 88


def blank_answer_file(
    bank: Bank,
    subject: str | None = None,
    role: Role | None = None,
    pillars: Collection[str] = (),
) -> str:
    """The text of a blank answer file for ``bank``.

    Args:
        bank: the bank (and version) to answer.
        subject: pre-filled subject, if known.
        role: pre-filled respondent role; also keeps only questions this role can answer.
        pillars: keep only questions feeding one of these pillars (all when empty).
    """
    questions = [
        q
        for q in bank.questions
        if (role is None or role in q.roles) and (not pillars or set(pillars) & set(q.pillars))
    ]
    profiles = ", ".join(bank.profiles)
    out = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Answers to {bank.title} ({bank.ref}).",
        "# Answer each question with a level number, or 'na' (does not apply here) or",
        "# 'unknown' (you do not know). Leave an answer empty to skip it. For a note or",
        '# evidence, write:  {level: 2, note: "...", evidence: ["https://..."]}',
        f"# Editor completion: run `assess schema answers > {SCHEMA_FILE}` beside this file.",
        f"schema: {ANSWERS_SCHEMA}",
        f"bank: {bank.ref}",
        f"subject: {_scalar(subject)}"
        + ("" if subject else "   # what is assessed: organisation, team or product"),
        "period:      # optional label of the assessment round, for example 2026-Q4",
        "respondent:",
        "  name:      # optional",
        f"  role: {role or ''}" + ("" if role else f"     # one of: {', '.join(ROLES)}"),
        f"profile:     # optional target profile: {profiles}",
        "answers:",
    ]
    section_titles = {s.id: s.title for s in bank.sections}
    current = None
    for q in questions:
        if q.section != current:
            current = q.section
            out += ["", f"  # {'=' * 70}", f"  # {section_titles[q.section]}", f"  # {'=' * 70}"]
        out += ["", *_question_block(bank, q), f"  {q.id}:"]
    return "\n".join(out) + "\n"


def _question_block(bank: Bank, q: Question) -> list[str]:
    pillars = ", ".join(pillar(p).name for p in q.pillars)
    lines = [f"{q.id} · {pillars}", *textwrap.wrap(q.text, _WIDTH - 6)]
    scale = bank.scales[q.scale]
    for level in scale.levels:
        lines += textwrap.wrap(
            f"{level.value} {level.label}: {q.levels[level.value]}",
            _WIDTH - 6,
            subsequent_indent="    ",
        )
    lines += textwrap.wrap("Why: " + " ".join(q.help.split()), _WIDTH - 6)
    return [f"  # {line}" for line in lines]


def _scalar(value: str | None) -> str:
    """A YAML scalar for ``value``; JSON strings are valid YAML and always safe."""
    return "" if value is None else json.dumps(value, ensure_ascii=False)
