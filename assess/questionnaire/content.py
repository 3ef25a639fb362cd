"""What the web questionnaire shows, built from a bank or a round."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assess.answers.model import (
    ANSWERS_SCHEMA,
    EVIDENCE_ITEMS,
    EVIDENCE_MAX,
    NAME_MAX,
    NOTE_MAX,
    PERIOD_MAX,
    RATING_GUIDANCE,
    SUBJECT_MAX,
    minutes_for,
)
from assess.bank.model import Bank, Question
from assess.base.framework import ROLES, Role, benefit, pillar, role_name
from assess.rounds.load import Opened


@dataclass(frozen=True, slots=True)
class Choice:
    """One level of a question: its value, label, what it means here, evidence expected."""

    value: int
    label: str
    text: str
    evidence: str | None


@dataclass(frozen=True, slots=True)
class FormQuestion:
    """One question as the page shows it."""

    id: str
    title: str | None
    text: str
    feeds: str
    """The pillars (or, for an outcome, the benefits) it feeds, by name."""
    choices: tuple[Choice, ...]
    help: str
    source: str
    roles: tuple[Role, ...]
    who: str
    """The roles that usually answer it, by name."""
    condition: str | None
    """Why it may not apply: "Only when AU-04 (…) is at level 2 or above"."""


@dataclass(frozen=True, slots=True)
class FormSection:
    """A section of the bank and its questions."""

    id: str
    title: str
    questions: tuple[FormQuestion, ...]


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """Everything the page shows, and the facts its script needs."""

    title: str
    bank_ref: str
    subject: str | None
    """Fixed by a round; None lets the respondent type it."""
    period: str | None
    profile: str | None
    profile_title: str | None
    group: str | None
    """The subject's group, when the round names one: carried into the answer file."""
    roles: tuple[tuple[Role, str], ...]
    """(role, name) the respondent may choose from."""
    sections: tuple[FormSection, ...]
    questions: int
    minutes: int
    guidance: str
    conditions: Mapping[str, tuple[str, int]]
    """Question id -> (the question deciding it, the level it must reach)."""

    @property
    def fixed(self) -> bool:
        """A round fixed the subject, period and profile."""
        return self.profile is not None

    @property
    def script_facts(self) -> dict[str, object]:
        """What the page's script needs, as JSON-ready data (the page escapes it)."""
        return {
            "schema": ANSWERS_SCHEMA,
            "bank": self.bank_ref,
            "title": self.title,
            "subject": self.subject,
            "period": self.period,
            "profile": self.profile,
            "group": self.group,
            "storageKey": "assess-questionnaire:"
            + "|".join([self.bank_ref, self.subject or "", self.period or ""]),
            "limits": {
                "note": NOTE_MAX,
                "evidence": EVIDENCE_MAX,
                "evidenceItems": EVIDENCE_ITEMS,
                "name": NAME_MAX,
                "subject": SUBJECT_MAX,
                "period": PERIOD_MAX,
            },
            "questions": {
                q.id: {"roles": list(q.roles), "if": self.conditions.get(q.id)}
                for s in self.sections
                for q in s.questions
            },
        }


def build_questionnaire(opened: Opened) -> Questionnaire:
    """The questionnaire of a bank (everything open) or of a round (its fields fixed)."""
    bank = opened.loaded.bank
    found = opened.round
    roles = found.roles if found is not None and found.roles else ROLES
    sections = tuple(
        FormSection(
            s.id,
            s.title,
            tuple(_question(bank, q) for q in bank.questions if q.section == s.id),
        )
        for s in bank.sections
    )
    profile = bank.profiles[found.profile] if found is not None else None
    return Questionnaire(
        bank.title,
        bank.ref,
        found.subject if found else None,
        found.period if found else None,
        found.profile if found else None,
        profile.title if profile else None,
        found.group if found else None,
        tuple((r, role_name(r)) for r in roles),
        tuple(s for s in sections if s.questions),
        len(bank.questions),
        minutes_for(len(bank.questions)),
        RATING_GUIDANCE,
        {
            q.id: (q.applies_if.question, q.applies_if.at_least)
            for q in bank.questions
            if q.applies_if is not None
        },
    )


def _question(bank: Bank, q: Question) -> FormQuestion:
    source = bank.sources[q.source.document]
    feeds = ", ".join(pillar(p).name for p in q.pillars) or "Outcome: " + ", ".join(
        benefit(b).name for b in q.benefits
    )
    condition = None
    if q.applies_if is not None:
        decider = bank.question(q.applies_if.question)
        condition = (
            f"Only when {decider.id} ({decider.title or _brief(decider.text)}) is at level "
            f"{q.applies_if.at_least} or above."
        )
    return FormQuestion(
        q.id,
        q.title,
        q.text,
        feeds,
        tuple(
            Choice(level.value, level.label, q.levels[level.value], q.evidence.get(level.value))
            for level in bank.scales[q.scale].levels
        ),
        " ".join(q.help.split()),
        f"{source.title} ({source.year})"
        + (f", {'; '.join(q.source.sections)}" if q.source.sections else ""),
        q.roles,
        ", ".join(role_name(r) for r in q.roles),
        condition,
    )


def _brief(text: str, most: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= most else text[: most - 1].rsplit(" ", 1)[0] + "…"
