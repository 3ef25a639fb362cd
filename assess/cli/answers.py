"""Commands for answer files: a blank template, validation, migration, the JSON Schemas."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from assess.cli.options import (
    AnonymousOpt,
    BankArg,
    BanksDir,
    ForceOpt,
    OutputOpt,
    PillarFilter,
    PreviousOpt,
    RoleChoice,
    emit,
    progress,
    registry,
    role_of,
    say,
    values,
)
from assess.output.choice import AnswersFormat


def template(
    bank: BankArg = "rampac-core",
    out: OutputOpt = None,
    role: Annotated[
        RoleChoice | None,
        typer.Option(
            "--role", help="Pre-fill the role; keep only its questions.", case_sensitive=False
        ),
    ] = None,
    pillar: PillarFilter = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Pre-fill the subject.")] = None,
    previous: PreviousOpt = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Write a blank answer file to fill in with a text editor (valid as it stands)."""
    from assess.rounds.template import blank_template

    text = blank_template(
        registry(banks_dir), bank, subject, role_of(role), values(pillar), previous
    )
    emit(text, out, [Path(bank), *([previous] if previous else [])], force)


def form(
    bank: BankArg = "rampac-core",
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="HTML file to write ('-': stdout)."),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="Templates that override the bundled ones."),
    ] = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Write the web questionnaire: one HTML file to answer in any browser, offline."""
    from assess.questionnaire.render import questionnaire_html

    emit(questionnaire_html(registry(banks_dir), bank, template_dir), out, [Path(bank)], force)
    if out is not None and str(out) != "-":
        say(
            f"Send {out} to each respondent: it opens in any browser, keeps their progress "
            "there and downloads an answer file for `assess score`."
        )


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Answer files, round files or bank files.")],
    banks_dir: BanksDir = None,
) -> None:
    """Check answer files (and round and bank files) and report every problem; exit 0 or 2."""
    from assess.rounds.validate import validate_files

    for line in validate_files(paths, registry(banks_dir)):
        say(line)


def migrate(
    file: Annotated[Path, typer.Argument(help="Answer file to migrate.")],
    to: Annotated[
        str, typer.Option("--to", help="Bank version to migrate to, like rampac-core@1.1.0.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here; default: rewrite FILE in place."),
    ] = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Rewrite an answer file for a later bank version, following the bank's declared changes."""
    from assess.answers.migrate import migrate_file

    migrated = migrate_file(file, to, registry(banks_dir), in_place=out is None)
    if out is None:
        emit(migrated.text, file, force=True)  # rewriting FILE is what was asked
    else:
        emit(migrated.text, out, [file], force)
    for line in migrated.migration.lines():
        say(line)


class SchemaKind(StrEnum):
    """The file formats with a JSON Schema."""

    bank = "bank"
    answers = "answers"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of bank or answer files (for editor completion and checks)."""
    from assess.output.schemas import json_schema

    emit(json_schema(kind.value), None)


app = typer.Typer(help="Answer files in bulk: export every answer as one table.")


@app.command("export")
def answers_export(
    files: Annotated[list[Path], typer.Argument(help="Answer files, of one round or of many.")],
    fmt: Annotated[
        AnswersFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from -o, else csv."),
    ] = None,
    out: OutputOpt = None,
    anonymous: AnonymousOpt = False,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Every answer in long form: one row per respondent and question, for your own analysis.

    Columns: subject, period, bank, respondent, role, question, title, section, answer,
    level (a number, empty for don't know, n/a and unanswered), confidence, note, evidence.
    """
    from assess.answers.table import read_answer_rows
    from assess.output.machine import render_answers_csv

    AnswersFormat.choose(fmt, out, AnswersFormat.csv)
    with progress(len(files)) as advance:
        rows = read_answer_rows(files, registry(banks_dir), anonymous, advance)
    emit(render_answers_csv(rows), out, files, force)
