"""`assess evidence …`: observed evidence from tools, written as an answer file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.base.words import printable
from assess.cli.options import BanksDir, ForceOpt, OutputOpt, emit, registry, say

app = typer.Typer(
    help="Observed evidence: answer files that tools write from what they measured.",
    no_args_is_help=True,
)


@app.command("scorecard")
def evidence_scorecard(
    results: Annotated[
        list[Path],
        typer.Argument(help="OpenSSF Scorecard JSON results (--format json), one per repository."),
    ],
    round_file: Annotated[
        Path, typer.Option("--round", help="The round file the evidence belongs to.")
    ],
    out: OutputOpt = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="Mapping of checks to questions; default: the one beside the round's bank.",
        ),
    ] = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Turn Scorecard results into an answer file of role 'observed' for the round.

    Score it with the people's answer files: scores stay theirs, and `score` and the
    report show what they claim beside what was observed.
    """
    from assess.rounds.evidence import scorecard_answers

    observed = scorecard_answers(results, round_file, registry(banks_dir), mapping)
    emit(observed.text, out, [*results, round_file, *([mapping] if mapping else [])], force)
    say(f"{observed.questions} questions answered from {len(results)} Scorecard results")
    for warning in observed.warnings:
        typer.echo(printable(f"warning: {warning}"), err=True)
