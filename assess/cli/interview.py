"""`assess interview`: answer a bank in a guided terminal interview."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assess.base.errors import UsageError
from assess.base.words import count
from assess.cli.options import (
    BanksDir,
    PillarFilter,
    PreviousOpt,
    RoleChoice,
    registry,
    role_of,
    say,
    values,
)

if TYPE_CHECKING:
    from assess.interview.flow import Asker


def interview(
    bank: Annotated[
        str | None,
        typer.Argument(
            help="Bank id, id@version, path to a bank file, or a round file; default rampac-core."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Answer file to write (saved after every answer)."),
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="What is assessed.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name (optional).")] = None,
    role: Annotated[
        RoleChoice | None, typer.Option("--role", help="Your role.", case_sensitive=False)
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile", help="Target profile of the bank, kept in the answer file for scoring."
        ),
    ] = None,
    pillar: PillarFilter = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Continue an answer file at its first unanswered question."),
    ] = None,
    review: Annotated[
        Path | None,
        typer.Option("--review", help="Walk through every answer of a file, to change any."),
    ] = None,
    previous: PreviousOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Answer a bank in a guided terminal interview; every answer is saved at once."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if bank is not None:
            from assess.rounds.load import open_bank

            # A misspelt bank is said first: the advice below would copy it forward.
            open_bank(registry(banks_dir), bank)
        raise UsageError(
            "the interview needs a terminal; for batch use, write a blank answer file with "
            f"`assess template {bank or 'rampac-core'} -o answers.yaml`, fill it in, then "
            "`assess score answers.yaml`"
        )
    from assess.answers.model import Header
    from assess.interview.session import Request, resume_command, run_interview
    from assess.output import terminal

    if resume is not None and review is not None:
        raise UsageError("give --resume or --review, not both")
    request = Request(
        bank,
        Header(subject, None, name, role_of(role), profile),
        out,
        resume or review,
        values(pillar),
        review=review is not None,
        previous=previous,
    )
    finished = run_interview(_asker(), registry(banks_dir), request)
    if finished.already_complete:
        say(f"All {finished.questions} questions are answered in {finished.file}.")
    terminal.print_pillar_summary(finished.result)
    say(
        f"\n{'Stopped: ' if finished.stopped else ''}"
        f"{count(finished.answers, 'answer')} saved in {finished.file}."
    )
    if finished.unanswered:
        terminal.print_unanswered(finished.unanswered)
        say(f"Continue with: {resume_command(finished.file, values(pillar))}")
    say(
        f"Next: `assess report {finished.file} -o report.pdf` for the leadership report; add "
        "the other respondents' answer files to report on everyone together."
    )


def _asker() -> Asker:
    """Full-screen prompts, or plain lines where the terminal cannot move its cursor."""
    if os.environ.get("TERM", "dumb") in ("dumb", "unknown", ""):
        from assess.interview.plain import PlainAsker

        return PlainAsker()
    from assess.interview.terminal import QuestionaryAsker

    return QuestionaryAsker()
