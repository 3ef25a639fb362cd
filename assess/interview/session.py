"""One interview from start to finish: what to ask, where answers go, and the outcome.

Works through any `Asker` (the questionary adapter on a real terminal, a script in tests).
Every answer is written to the answer file at once; Ctrl-C ends the session with an
`Interrupted` error that says how many answers were kept and how to resume.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.answers.load import load_answer_file
from assess.answers.migrate import previous_answers
from assess.answers.model import Header, Response, check_options
from assess.answers.write import render_answer_file, select_questions
from assess.bank.model import Bank, Question
from assess.bank.registry import Registry
from assess.base.atomic import write_atomic
from assess.base.errors import BankNotFoundError, Interrupted, UsageError
from assess.base.framework import ROLES, Role
from assess.base.parse import semver_key
from assess.base.words import count
from assess.interview.flow import Asker, Interview, Stopped, ask_header, welcome
from assess.rounds.load import open_bank
from assess.scoring.files import score_files
from assess.scoring.results import Result


@dataclass(frozen=True, slots=True)
class Request:
    """What the person asked for on the command line."""

    bank: str | None
    """Bank reference, bank file or round file (default `DEFAULT_BANK`); not with
    ``resume``, whose file names its bank."""
    given: Header
    """Header fields already known; the interview asks for the rest."""
    output: Path | None = None
    """Answer file to write; default: named after subject, role and name."""
    resume: Path | None = None
    """An interrupted answer file to continue."""
    pillars: Sequence[str] = ()
    """Ask only the questions feeding these pillars (all when empty)."""
    review: bool = False
    """Walk ``resume`` from its first question, answered or not, to change any answer."""
    previous: Path | None = None
    """The respondent's answer file from the last round, shown beside each question."""


@dataclass(frozen=True, slots=True)
class Finished:
    """Where the answers are, and what they score."""

    file: Path
    result: Result
    questions: int
    """How many questions the interview covered."""
    already_complete: bool
    """Nothing was asked: every question was answered before."""
    unanswered: tuple[Question, ...] = ()
    """The questions that apply and still have no answer."""
    stopped: bool = False
    """The person chose to stop (q) before the end."""
    answers: int = 0
    """How many answers the file holds."""


DEFAULT_BANK = "rampac-core"


def run_interview(asker: Asker, registry: Registry, request: Request) -> Finished:
    """Ask, save after every answer, then score the saved file.

    Raises:
        UsageError: the output file exists (and this is not a resume), the answers could
            not be saved where asked, a profile is unknown, or a resume is given options
            its file already settles.
        Interrupted: Ctrl-C or end of input; the message says what was saved.
    """
    check_options(request.given.subject, request.given.period, request.given.name)
    _check_folder(request.resume or request.output)
    roles: Sequence[Role] = ROLES
    if request.resume is not None:
        _check_resume(request)
        answer_set, loaded = load_answer_file(request.resume, registry)
        header, responses = answer_set.header, dict(answer_set.responses)
        newer = _newer_version(registry, loaded.bank)
        if newer:
            asker.say(
                f"{loaded.bank.id} {newer} is out; this file answers {loaded.bank.version}. "
                f"Finish it, then carry the answers over with `assess migrate "
                f"{request.resume} --to {loaded.bank.id}@{newer}`."
            )
    else:
        opened = open_bank(registry, request.bank or DEFAULT_BANK)
        loaded, responses = opened.loaded, {}
        header = request.given
        if opened.round is not None:
            header = opened.round.header(request.given)
            roles = opened.round.roles or ROLES
        if request.output is not None and request.output.exists():
            raise UsageError(
                f"{request.output} exists; continue it with --resume {request.output}, "
                "or choose another -o"
            )
    bank = loaded.bank
    bank.check_profile(header.profile)
    session = _Session(bank, request.resume or request.output)
    if request.resume is not None:
        # The file is there already: nothing is rewritten until something changes in it.
        session.saved, session.last = request.resume, session.render(header, responses)
    questions = select_questions(bank, None, request.pillars)
    last = previous_answers(request.previous, registry, bank) if request.previous else {}
    where = session.file or "a file named after the subject, your role and your name"
    asker.say(welcome(bank, len(questions), str(where)))
    stopped = False
    try:
        header = ask_header(asker, bank, header, request.resume is None, roles)
        session.save(header, responses)
        interview = Interview(bank, questions, header, responses, session.save, last)
        start = 0 if request.review else interview.first_unanswered()
        if start < len(questions):
            interview.run(asker, start)
    except Stopped:
        stopped = True
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(_interrupted(session.saved, responses, request.pillars)) from None
    assert session.file is not None  # noqa: S101 - saved before any question
    result = score_files([session.file], registry).result
    return Finished(
        session.file,
        result,
        len(questions),
        start == len(questions),
        interview.unanswered(),
        stopped,
        len(responses),
    )


def resume_command(file: Path, pillars: Sequence[str] = ()) -> str:
    """The command that continues ``file``."""
    return f"assess interview --resume {file}" + "".join(f" --pillar {p}" for p in pillars)


class _Session:
    """The answer file of one interview, chosen on the first save."""

    def __init__(self, bank: Bank, file: Path | None) -> None:
        self.bank, self.file = bank, file
        self.saved: Path | None = None
        """The file once written (or resumed): only then is there something to resume."""
        self.last: str | None = None
        """What the file holds as this session would write it."""

    def render(self, header: Header, responses: Mapping[str, Response]) -> str:
        """The answer file's text for this header and these answers."""
        return render_answer_file(self.bank, self.bank.questions, header, responses)

    def save(self, header: Header, responses: Mapping[str, Response]) -> None:
        """Write the file, unless it would hold exactly what it holds."""
        text = self.render(header, responses)
        if text == self.last:
            return
        file = self.file or default_output(header)
        write_atomic(file, text)
        self.file, self.saved, self.last = file, file, text


def default_output(header: Header) -> Path:
    """``<subject>-<period>-<role>-<name>.yaml`` in the current folder, as a slug.

    Raises:
        UsageError: that file exists already.
    """
    slug = "-".join(filter(None, [header.subject, header.period, header.role, header.name]))
    # Accents go (Zoë, zoe), other letters stay (李雷): two people never share a file name
    # because their names are not written in ASCII.
    plain = "".join(c for c in unicodedata.normalize("NFKD", slug) if not unicodedata.combining(c))
    slug = re.sub(r"[\W_]+", "-", plain.lower()).strip("-") or "answers"
    path = Path(f"{slug}.yaml")
    if path.exists():
        raise UsageError(f"{path} exists; continue it with --resume {path}, or choose -o")
    return path


def _check_folder(file: Path | None) -> None:
    """Refuse before the first question when the answers could not be saved there."""
    if file is not None and file.is_dir():
        raise UsageError(f"{file} is a folder; give -o a file name inside it")
    folder = file.parent if file is not None else Path()
    if not folder.is_dir():
        raise UsageError(f"cannot save the answers: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot save the answers: folder {folder} is not writable")


def _check_resume(request: Request) -> None:
    """A resumed file settles its bank, subject, name, role, profile and place."""
    given = request.given
    ignored = [
        name
        for name, value in (
            ("BANK", request.bank),
            ("--subject", given.subject),
            ("--name", given.name),
            ("--role", given.role),
            ("--profile", given.profile),
            ("-o", request.output),
        )
        if value is not None
    ]
    if ignored:
        raise UsageError(
            f"{'--review' if request.review else '--resume'} {request.resume} continues that "
            "file with the bank, subject, name, "
            f"role and profile it records, in place: leave out {', '.join(ignored)}"
        )


def _newer_version(registry: Registry, bank: Bank) -> str | None:
    """The latest version of ``bank`` on the registry's path, when newer than it."""
    try:
        latest = registry.find(bank.id).version
    except BankNotFoundError:  # a bank read from its own file, off the path
        return None
    return latest if semver_key(latest) > semver_key(bank.version) else None


def _interrupted(
    file: Path | None, responses: Mapping[str, Response], pillars: Sequence[str]
) -> str:
    if file is None:
        return "interrupted before the first answer; nothing was saved"
    return (
        f"interrupted: {count(len(responses), 'answer')} saved in {file}\n"
        f"resume with: {resume_command(file, pillars)}"
    )
