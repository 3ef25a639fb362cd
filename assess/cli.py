"""The `assess` command line: options in, one core call, output and an exit code out.

This is the only module that turns errors into messages and exit codes (see `_guarded`):
0 ok, 1 a check failed, 2 invalid input or usage, 130 interrupted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from assess import __version__
from assess.errors import AssessError, ExitCode, InputError, Problem, UsageError

if TYPE_CHECKING:
    from assess.registry import Registry

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="assess",
    help=(
        "Measure DevSecOps maturity against the CSA Reflexive Security framework "
        "(six RAMPAC pillars, six HEARTY benefits).\n\n"
        "Exit codes: 0 ok, 1 check failed, 2 invalid input or usage, 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
banks_app = typer.Typer(help="List, show and validate question banks.", no_args_is_help=True)
app.add_typer(banks_app, name="banks")

BanksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--banks-dir",
        help="Extra folder of banks (<id>/<version>.yaml); repeatable. Also ASSESS_BANKS_PATH.",
        show_default=False,
    ),
]


def _guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning `AssessError` and Ctrl-C into a message and an exit code."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except InputError as err:
            for problem in err.problems:
                typer.echo(str(problem), err=True)
            files = len({p.file for p in err.problems})
            typer.echo(
                f"error: {_count(len(err.problems), 'problem')} in {_count(files, 'file')}",
                err=True,
            )
            raise typer.Exit(int(err.exit_code)) from None
        except AssessError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    return run


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Measure DevSecOps maturity against the CSA Reflexive Security framework."""


def _registry(banks_dir: list[Path] | None) -> Registry:
    from assess.registry import Registry
    from assess.yamldoc import Limits

    return Registry.default(banks_dir or (), limits=Limits.from_env())


@banks_app.command("list")
@_guarded
def banks_list(banks_dir: BanksDir = None) -> None:
    """List the banks on the search path: id, version, title, questions per pillar."""
    from assess import views

    registry = _registry(banks_dir)
    loaded = [registry.load(str(entry.path)) for entry in registry.entries()]
    views.print_bank_list(loaded)


@banks_app.command("show")
@_guarded
def banks_show(
    bank: Annotated[str, typer.Argument(help="Bank id, id@version, or path to a bank file.")],
    question: Annotated[
        str | None, typer.Option("--question", "-q", help="Show one question in full.")
    ] = None,
    banks_dir: BanksDir = None,
) -> None:
    """Show a bank: sections, questions and their pillar and benefit weights."""
    from assess import views

    loaded = _registry(banks_dir).load(bank)
    if question is None:
        views.print_bank(loaded)
        return
    try:
        q = loaded.bank.question(question)
    except KeyError:
        from assess.validation import did_you_mean

        hint = did_you_mean(question, [q.id for q in loaded.bank.questions])
        raise UsageError(
            f"{loaded.bank.ref} has no question {question!r}" + (f" ({hint})" if hint else "")
        ) from None
    views.print_question(loaded.bank, q)


@banks_app.command("validate")
@_guarded
def banks_validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Bank files, or folders to search for *.yaml files.")
    ],
) -> None:
    """Check bank files and report every problem; exit 0 when all are valid, 2 otherwise."""
    from assess.registry import load_bank_file
    from assess.yamldoc import Limits

    limits = Limits.from_env()
    files = _expand(paths)
    problems: list[Problem] = []
    for file in files:
        try:
            loaded = load_bank_file(file, limits)
        except InputError as err:
            problems.extend(err.problems)
        else:
            typer.echo(
                f"ok: {file} ({loaded.bank.ref}, {_count(len(loaded.bank.questions), 'question')})"
            )
    if problems:
        raise InputError(problems)


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders replaced by the *.yaml/*.yml files below them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")])
            if not found:
                raise UsageError(f"no .yaml files under {path}")
            files.extend(found)
        else:
            files.append(path)
    return files


@app.command("schema")
@_guarded
def schema(
    kind: Annotated[str, typer.Argument(help="Which file format: 'bank' or 'answers'.")],
) -> None:
    """Print the JSON Schema of bank or answer files (for editor completion and checks)."""
    from assess.schemas import json_schema

    if kind not in ("bank", "answers"):
        raise UsageError(f"unknown schema {kind!r}: choose 'bank' or 'answers'")
    typer.echo(json_schema("bank" if kind == "bank" else "answers"), nl=False)


def main() -> None:
    """Console-script entry point."""
    app()
