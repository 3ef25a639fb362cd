"""The interview's flow, independent of any terminal library.

The flow talks to the person through an `Asker` (the questionary adapter in
`assess.interview.terminal`, or a scripted one in tests) and hands every change to a ``save``
callback at once, so an answer given is never lost, whatever happens next.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from assess.answers.model import (
    EVIDENCE_ITEMS,
    EVIDENCE_MAX,
    RATING_GUIDANCE,
    Header,
    Response,
    applies,
    minutes_for,
)
from assess.answers.write import LAST_TIME, answer_label
from assess.bank.model import Bank, Question
from assess.base.framework import ROLES, Role, dimension, role_name

Save = Callable[[Header, Mapping[str, Response]], None]


@dataclass(frozen=True, slots=True)
class Option:
    """One choice at a prompt: what is shown, what is returned, and its key."""

    value: str
    title: str
    key: str | None = None
    short: str | None = None
    """How the choice is echoed once made (defaults to the title)."""


class Asker(Protocol):
    """What the interview needs from a terminal."""

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        context: str = "",
    ) -> str:
        """Let the person pick one option; return its value.

        ``context`` (where they are, the current answer) is shown above the question and
        kept in view with it, however small the terminal.
        """

    def text(self, message: str, default: str = "") -> str:
        """Ask for a line of text (may be empty)."""

    def confirm(self, message: str, default: bool = True) -> bool:
        """Ask a yes/no question."""

    def say(self, text: str) -> None:
        """Show text."""


NA, UNKNOWN, SKIP, BACK, HELP, STOP, CLEAR, EVIDENCE = (
    "na",
    "unknown",
    "skip",
    "back",
    "help",
    "stop",
    "clear",
    "evidence",
)


class Stopped(Exception):
    """The person chose to stop; every answer given so far is saved."""


def welcome(bank: Bank, questions: int, saved_in: str) -> str:
    """The first screen: what this is, how long it takes, where answers go, how to stop."""
    minutes = minutes_for(questions)
    return (
        f"{bank.title} ({bank.ref}): {questions} questions, about {minutes} minutes.\n"
        f"Every answer is saved at once in {saved_in}; nothing leaves this machine.\n"
        "Stop at any time with q (or Ctrl-C); --resume continues where you stopped.\n"
        f"{RATING_GUIDANCE}"
    )


def ask_header(
    asker: Asker,
    bank: Bank,
    given: Header,
    ask_name: bool = True,
    roles: Sequence[Role] = ROLES,
) -> Header:
    """Ask for whatever the options did not give: subject, name (optional), role, profile.

    ``ask_name`` is False on resume: an empty name there was a choice already made.
    ``roles`` are the ones to choose from (a round may ask only some).
    """
    header = given
    while not header.subject:
        header = replace(
            header,
            subject=asker.text("What is being assessed (team, product or organisation)?").strip()
            or None,
        )
    if ask_name and header.name is None:
        header = replace(
            header, name=asker.text("Your name (optional, Enter to skip):").strip() or None
        )
    if header.role is None:
        role = asker.choose("Your role:", [Option(r, role_name(r)) for r in roles])
        header = replace(header, role=role)  # type: ignore[arg-type]
    if header.profile is None:
        options = [
            Option(pid, f"{p.title}: {p.rationale}", short=p.title)
            for pid, p in bank.profiles.items()
        ]
        default = "balanced" if "balanced" in bank.profiles else None
        header = replace(
            header, profile=asker.choose("Target profile (risk appetite):", options, default)
        )
    return header


HELP_READ = "Enter goes back to the question"


def progress_line(bank: Bank, q: Question, position: int, total: int, role: Role | None) -> str:
    """Where the respondent is and what the question is called, and who usually answers it.

    ``9/80 · AU-03 Secret scanning · Automate · Secure coding and the delivery pipeline``,
    with a second line when the respondent's role is not one the question names.
    """
    section = next(s.title for s in bank.sections if s.id == q.section)
    name = f"{q.id} {q.title}" if q.title else q.id
    line = f"{position}/{total} · {name} · {dimension(q.main_dimension).name} · {section}"
    if role is not None and role not in q.roles:
        line += f"\n(usually answered by {', '.join(q.roles)}; 'Don't know' is a fine answer)"
    return line


def question_options(
    bank: Bank, q: Question, position: int, answered: bool = False
) -> list[Option]:
    """The question's own levels, then the marks and the navigation choices.

    An ``answered`` question can also have its answer cleared.
    """
    options = [
        Option(
            str(level.value),
            f"{level.label}: {q.levels[level.value]}",
            str(level.value),
            f"{level.value} {level.label}",
        )
        for level in bank.scales[q.scale].levels
    ]
    options += [
        Option(NA, "Not applicable here", "n"),
        Option(UNKNOWN, "Don't know", "d"),
        Option(SKIP, "Skip for now", "s", "(skipped for now)"),
    ]
    # The navigation choices are echoed in brackets: after the question they must not
    # read as its answer.
    options.append(
        Option(EVIDENCE, "Add evidence: a link or a document's name", "e", "(adding evidence)")
    )
    if answered:
        options.append(
            Option(CLEAR, "Clear this answer (leave it unanswered)", "x", "(answer cleared)")
        )
    if position > 0:
        options.append(Option(BACK, "Back to the previous question", "b", "(back)"))
    options.append(Option(HELP, "Help: why this matters, and its source", "h", "(help)"))
    options.append(Option(STOP, "Stop here (every answer so far is saved)", "q", "(stopping)"))
    return options


@dataclass(slots=True)
class Interview:
    """The state of one interview: which questions, and the answers so far."""

    bank: Bank
    questions: Sequence[Question]
    header: Header
    responses: dict[str, Response]
    save: Save
    previous: Mapping[str, Response] = field(default_factory=dict)
    """The respondent's answers from the last round, shown beside each question."""

    def unanswered(self) -> tuple[Question, ...]:
        """The questions that apply and have no answer yet."""
        return tuple(
            q for q in self.questions if q.id not in self.responses and applies(q, self.responses)
        )

    def first_unanswered(self) -> int:
        """Index of the first question without an answer (len when all are answered)."""
        return next(
            (i for i, q in enumerate(self.questions) if q.id not in self.responses),
            len(self.questions),
        )

    def run(self, asker: Asker, start: int = 0) -> None:
        """Ask from ``start`` to the end, then offer to revisit skipped questions."""
        self._walk(asker, list(range(len(self.questions))), start)
        skipped = [
            i
            for i, q in enumerate(self.questions)
            if q.id not in self.responses and applies(q, self.responses)
        ]
        if skipped and asker.confirm(
            f"{len(skipped)} question{'s' if len(skipped) > 1 else ''} unanswered. Revisit now?"
        ):
            self._walk(asker, skipped, 0)

    def _walk(self, asker: Asker, order: Sequence[int], start: int) -> None:
        step, moved = start, 1
        while step < len(order):
            q = self.questions[order[step]]
            if applies(q, self.responses):
                moved = self._ask(asker, order[step], step)
            elif step == 0:
                moved = 1  # nothing before it to go back to
            # A question that does not apply is passed over, in the direction of travel.
            step = max(0, step + moved)

    def _ask(self, asker: Asker, index: int, step: int) -> int:
        """Ask one question; return +1 to go on or -1 to go back."""
        q = self.questions[index]
        context = [progress_line(self.bank, q, index + 1, len(self.questions), self.header.role)]
        current = self.responses.get(q.id)
        # An unanswered question points at "Skip for now": a stray Enter records nothing.
        default = (
            SKIP
            if current is None
            else str(current.level)
            if current.kind == "level"
            else current.kind
        )
        options = question_options(self.bank, q, step, current is not None)
        last = self.previous.get(q.id)
        known = [f"{LAST_TIME} {answer_label(self.bank, q, last)}"] if last is not None else []
        if current is not None:
            shown = next(o.short or o.title for o in options if o.value == default)
            known.append(f"current: {shown} (Enter keeps it)")
        if known:
            context.append(" · ".join(known))
        if current is not None and (current.note or current.evidence):
            # Reviewing: what was written with the answer, so it is neither lost nor retyped.
            kept = [f"note: {' '.join(current.note.split())}"] if current.note else []
            kept += [f"evidence: {'; '.join(current.evidence)}"] if current.evidence else []
            context.append(" · ".join(kept))
        evidence = current.evidence if current else ()
        while True:
            choice = asker.choose(q.text, options, default, "\n".join(context))
            if choice == EVIDENCE:
                evidence = self._add_evidence(asker, q, evidence)
                continue
            if choice == HELP:
                source = self.bank.sources[q.source.document]
                expected = "".join(
                    f"\nEvidence at {level}: {text}" for level, text in sorted(q.evidence.items())
                )
                # One line per paragraph: the terminal wraps it to its own width.
                asker.say(
                    " ".join(q.help.split())
                    + expected
                    + f"\nSource: {source.title} ({source.year}), {'; '.join(q.source.sections)}"
                )
                # Redrawn at once, a question taller than the screen would scroll the help
                # off it before it is read.
                asker.text(HELP_READ)
                continue
            break
        held = current is None and evidence
        if held and choice in (STOP, BACK, SKIP):
            asker.say("The evidence was not kept: evidence is saved with an answer.")
        if choice == STOP:
            raise Stopped
        if choice == CLEAR:
            self.responses.pop(q.id, None)
            self.save(self.header, self.responses)
            return 1
        if choice == BACK:
            return -1
        if choice == SKIP:
            return 1
        previous_note = current.note if current else None
        if choice == UNKNOWN:
            response = Response("unknown", None, previous_note, evidence)
        elif choice == NA:
            response = Response("na", None, previous_note, evidence)
        else:
            confidence = current.confidence if current else None
            response = Response("level", int(choice), previous_note, evidence, confidence)
        # Saved the moment it is chosen: Ctrl-C or Ctrl-D at the note prompt keeps it.
        self.responses[q.id] = response
        self.save(self.header, self.responses)
        if choice != UNKNOWN:
            prompt = (
                "Why does it not apply? (optional, Enter skips)"
                if choice == NA
                else "Note (optional, Enter skips):"
            )
            note = asker.text(prompt, previous_note or "").strip() or None
            if note != previous_note:
                self.responses[q.id] = replace(response, note=note)
                self.save(self.header, self.responses)
        return 1

    def _add_evidence(
        self, asker: Asker, q: Question, evidence: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Ask for one evidence item; an answered question keeps it (saved) at once."""
        if len(evidence) >= EVIDENCE_ITEMS:
            asker.say(f"This answer has {EVIDENCE_ITEMS} evidence items, the most it can hold.")
            return evidence
        item = asker.text("Evidence (a link or a document's name; Enter adds nothing):").strip()
        if not item:
            return evidence
        if len(item) > EVIDENCE_MAX:
            asker.say(f"Not added: evidence is at most {EVIDENCE_MAX} characters.")
            return evidence
        evidence = (*evidence, item)
        current = self.responses.get(q.id)
        if current is not None:
            self.responses[q.id] = replace(current, evidence=evidence)
            self.save(self.header, self.responses)
            asker.say(f"Evidence saved ({len(evidence)} for this answer).")
        else:
            asker.say(
                "Evidence noted: it is saved with the answer you choose now "
                "(skipping the question drops it)."
            )
        return evidence
