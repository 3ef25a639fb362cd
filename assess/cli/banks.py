"""`assess banks …`: list, show, validate, lint and diff question banks."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, assert_never

import typer

from assess.cli.options import BanksDir, ForceOpt, emit, registry, say

app = typer.Typer(help="List, show, validate, lint and diff question banks.", no_args_is_help=True)


@app.command("list")
def banks_list(banks_dir: BanksDir = None) -> None:
    """List the banks on the search path: id, version, title, questions per pillar."""
    from assess.output import terminal

    terminal.print_bank_list(registry(banks_dir).load_all())


@app.command("show")
def banks_show(
    bank: Annotated[str, typer.Argument(help="Bank id, id@version, or path to a bank file.")],
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Show one question in full.")
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Show a bank: sections, questions and their pillar and benefit weights."""
    from assess.output import terminal

    loaded = registry(banks_dir).load(bank)
    if question is None:
        terminal.print_bank(loaded)
    else:
        terminal.print_question(loaded.bank, loaded.bank.find(question))


@app.command("validate")
def banks_validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Bank files, or folders to search for *.yaml files.")
    ],
) -> None:
    """Check bank files and report every problem; exit 0 when all are valid, 2 otherwise."""
    from assess.bank.registry import validate_bank_files
    from assess.base.safe_yaml import Limits

    for line in validate_bank_files(paths, Limits.from_env()):
        say(line)


@app.command("diff")
def banks_diff(
    old: Annotated[str, typer.Argument(help="Earlier version, like rampac-core@1.0.0.")],
    new: Annotated[str, typer.Argument(help="Later version, like rampac-core@1.1.0.")],
    banks_dir: BanksDir = None,
) -> None:
    """Show what changed between two versions of a bank: declared and observed."""
    from assess.bank.versions import diff_versions

    for line in diff_versions(registry(banks_dir), old, new).lines():
        say(line)


class ExportFormat(StrEnum):
    """What `assess banks export` writes a bank as."""

    aws_lens = "aws-lens"
    oscal_catalog = "oscal-catalog"


@app.command("export")
def banks_export(
    bank: Annotated[str, typer.Argument(help="Bank id, id@version, or path to a bank file.")],
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to", help="aws-lens: an AWS Well-Architected custom lens; oscal-catalog: OSCAL."
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSON file to write ('-': stdout).")
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Targets for the lens's risk rules; default: balanced."),
    ] = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Write a bank in another tool's format, to run or cite the same questions there.

    The lens's risk rules follow the targets of --profile (default: the bank's default).
    """
    loaded = registry(banks_dir).load(bank)
    match to:
        case ExportFormat.aws_lens:
            from assess.exchange.aws_lens import lens_json

            document = lens_json(loaded, profile)
        case ExportFormat.oscal_catalog:
            from assess.exchange.oscal import catalog_json

            if profile is not None:
                from assess.base.errors import UsageError

                raise UsageError("--profile applies to --to aws-lens only")
            document = catalog_json(loaded)
        case _:
            assert_never(to)
    emit(document, out, [Path(bank)], force)


@app.command("lint")
def banks_lint(
    banks: Annotated[
        list[str] | None,
        typer.Argument(help="Bank ids, id@version or bank files; default: every bank."),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            help="Folder of the source documents (<source id>.txt or .md), to check citations.",
        ),
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Check the authoring rules; exit 1 listing the warnings, 0 when there are none.

    Rules: titles, evidence, thresholds, outcomes per benefit, rationales, citations, see_also.
    """
    from assess.bank.lint import lint_banks

    lint_banks(registry(banks_dir), banks or (), sources)
    say("ok: no warnings")
