"""Write answer files: blank ones to fill in by hand, and filled ones from the interview.

Both use one layout: a header of metadata, then each question's answer under a comment
naming the question. A blank file carries the full level descriptions in its comments
and is valid as it stands (empty answers are unanswered; metadata can be filled later).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Collection, Mapping, Sequence

from assess.answers.model import (
    ANSWERS_SCHEMA,
    RATING_GUIDANCE,
    Header,
    Response,
)
from assess.bank.model import Bank, Question
from assess.base.framework import ROLES, Role, benefit, pillar
from assess.base.words import escape_unsafe, printable

SCHEMA_FILE = "assess-answers.schema.json"
_WIDTH = 88


def select_questions(
    bank: Bank, role: Role | None = None, pillars: Collection[str] = ()
) -> list[Question]:
    """The bank's questions a role can answer (all when None) that feed any of ``pillars``."""
    return [
        q
        for q in bank.questions
        if (role is None or role in q.roles) and (not pillars or set(pillars) & set(q.pillars))
    ]


def blank_answer_file(
    bank: Bank,
    questions: Sequence[Question],
    header: Header,
    previous: Mapping[str, Response] | None = None,
) -> str:
    """A file to fill in by hand: each question commented with its levels and its help.

    ``previous`` answers (the respondent's last round) are shown as comments, not given.
    """
    return render_answer_file(bank, questions, header, {}, detailed=True, previous=previous)


def render_answer_file(
    bank: Bank,
    questions: Sequence[Question],
    header: Header,
    responses: Mapping[str, Response],
    detailed: bool = False,
    previous: Mapping[str, Response] | None = None,
) -> str:
    """The text of an answer file holding ``responses`` for ``questions``.

    With ``detailed``, each question's comment also lists its levels and why it matters;
    a question with a ``previous`` answer gets a ``# last time:`` comment above its own.
    """
    profiles = ", ".join(bank.profiles)
    out = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Answers to {bank.title} ({bank.ref}).",
        *(f"# {line}" for line in textwrap.wrap(RATING_GUIDANCE, _WIDTH - 2)),
        "# Answer each question with a level number, or 'na' (does not apply here) or",
        "# 'unknown' (you do not know). Leave an answer empty to skip it. For a note or",
        '# evidence, write:  {level: 2, note: "...", evidence: ["https://..."]}',
        f"# Editor completion: run `assess schema answers > {SCHEMA_FILE}` beside this file.",
        f"schema: {ANSWERS_SCHEMA}",
        f"bank: {bank.ref}",
        _field("subject", header.subject, "what is assessed: organisation, team or product"),
        _field("period", header.period, "optional label of the assessment round, e.g. 2026-Q4"),
        *([f"group: {yaml_scalar(header.group)}"] if header.group else []),
        "respondent:",
        "  " + _field("name", header.name, "optional"),
        "  " + _field("role", header.role, "one of: " + ", ".join(ROLES)),
        _field("profile", header.profile, f"optional target profile: {profiles}"),
        "answers:",
    ]
    section_titles = {s.id: s.title for s in bank.sections}
    current = None
    for q in questions:
        if detailed and q.section != current:
            current = q.section
            out += ["", f"  # {'=' * 70}", f"  # {section_titles[q.section]}", f"  # {'=' * 70}"]
        if detailed:
            out += ["", *_question_block(bank, q)]
        else:
            out += [f"  # {line}" for line in textwrap.wrap(f"{q.id} · {q.text}", _WIDTH - 4)]
        last = (previous or {}).get(q.id)
        if last is not None:
            out.append(f"  # {LAST_TIME} {answer_label(bank, q, last)}")
        out.append(f"  {q.id}:{_answer(responses.get(q.id))}")
    # Bank texts in the comments are data: a control character there would make the
    # file unreadable (YAML refuses them) and act on a terminal that shows it.
    return printable("\n".join(out)) + "\n"


LAST_TIME = "last time:"
"""How an answer from the respondent's previous round is introduced."""


def answer_label(bank: Bank, question: Question, response: Response) -> str:
    """An answer as people read it: ``2 Repeatable``, ``not applicable``, ``don't know``."""
    if response.kind == "level" and response.level is not None:
        label = bank.scales[question.scale].label(response.level)
        return f"{response.level} {label}"
    return "not applicable" if response.kind == "na" else "don't know"


def _field(key: str, value: str | None, comment: str) -> str:
    return f"{key}: {yaml_scalar(value)}" if value else f"{key}:   # {comment}"


def _answer(response: Response | None) -> str:
    if response is None:
        return ""
    value = response.level if response.kind == "level" else response.kind
    if not (response.note or response.evidence or response.confidence):
        return f" {value}"
    parts = [f"level: {value}"]
    if response.note:
        parts.append(f"note: {yaml_scalar(response.note)}")
    if response.evidence:
        parts.append("evidence: [" + ", ".join(yaml_scalar(e) for e in response.evidence) + "]")
    if response.confidence:
        parts.append(f"confidence: {response.confidence}")
    return " {" + ", ".join(parts) + "}"


def _question_block(bank: Bank, q: Question) -> list[str]:
    feeds = ", ".join(pillar(p).name for p in q.pillars) or "outcome: " + ", ".join(
        benefit(b).name for b in q.benefits
    )
    name = f"{q.id} · {q.title}" if q.title else q.id
    lines = [f"{name} · {feeds}", *textwrap.wrap(q.text, _WIDTH - 6)]
    for level in bank.scales[q.scale].levels:
        evidence = q.evidence.get(level.value)
        lines += textwrap.wrap(
            f"{level.value} {level.label}: {q.levels[level.value]}"
            + (f" Evidence: {evidence}" if evidence else ""),
            _WIDTH - 6,
            subsequent_indent="    ",
        )
    lines += textwrap.wrap("Why: " + " ".join(q.help.split()), _WIDTH - 6)
    if q.applies_if is not None:
        lines += textwrap.wrap(
            f"Only when {q.applies_if.question} is at level {q.applies_if.at_least} or above;"
            " otherwise leave it empty: it counts as not applicable.",
            _WIDTH - 6,
        )
    return [f"  # {line}" for line in lines]


def yaml_scalar(value: str) -> str:
    """A YAML scalar for ``value``: a JSON string, valid YAML, with every control escaped."""
    return escape_unsafe(json.dumps(value, ensure_ascii=False))
