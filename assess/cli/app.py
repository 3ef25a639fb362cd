"""The typer app: the root options and every command, in the order `--help` lists them."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup, TyperOption

from assess import __version__
from assess.base.words import printable
from assess.cli import (
    answers,
    banks,
    evidence,
    history,
    interview,
    portfolio,
    report,
    rounds,
    scoring,
)
from assess.cli.main import boundary, debugging


def _flag_type_unshown(option: TyperOption, ctx: _click.Context) -> str | None:
    # typer would show a flag's type as "<bool>", as if it took a value: show none.
    return None if option.is_flag else _typed(option, ctx)


_typed = TyperOption.display_type_rich
TyperOption.display_type_rich = _flag_type_unshown  # type: ignore[method-assign,assignment]


_LONGEST_CHOICES = 24
"""Choices longer than this, joined, are named in the help text instead of the type column."""


def _tidied(command: _click.Command) -> None:
    """The help of ``command`` and its subcommands made to wrap at words.

    Each paragraph goes on one line: the help comes from docstrings wrapped at 88 columns,
    and typer keeps the line breaks of every paragraph after the first, which broke lines
    mid-sentence at any width. A long list of choices moves from the narrow type column,
    where typer cut it mid-word (``devel`` / ``opment``), into the option's help.
    """
    if command.help:
        paragraphs = inspect.cleandoc(command.help).split("\n\n")
        command.help = "\n\n".join(
            p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs
        )
    for param in command.params:
        if not isinstance(param, TyperOption) or param.metavar is not None:
            continue
        choices = param.type_descriptor.choices if param.type_descriptor.is_choice else None
        if choices:
            named = [str(getattr(c, "value", c)) for c in choices]
            if len("|".join(named)) > _LONGEST_CHOICES:
                long = next((o for o in param.opts if o.startswith("--")), f"--{param.name}")
                param.metavar = f"<{long[2:]}>"
                param.help = f"{param.help or ''} One of: {', '.join(named)}.".strip()
    for sub in getattr(command, "commands", {}).values():
        _tidied(sub)


class Guarded(TyperGroup):
    """The root command group: runs every command inside `boundary`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As typer's group, with every command's help tidied (see `_tidied`)."""
        super().__init__(*args, **kwargs)
        _tidied(self)

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; errors leave as a message and an exit code."""
        with boundary(debugging(bool(ctx.params.get("debug")))):
            return super().invoke(ctx)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """As typer's, but a usage error is one plain ``error:`` line like every other."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _click.exceptions.ClickException as err:
            # typer draws these in a box, and its enum check words them for Python.
            message = err.format_message().replace("Value error, ", "")
            context = getattr(err, "ctx", None)
            hint = f" (see `{context.command_path} --help`)" if context is not None else ""
            print(f"error: {printable(message)}{hint}", file=sys.stderr)
            sys.exit(err.exit_code)
        except typer.Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="assess",
    cls=Guarded,
    help=(
        "Measure DevSecOps maturity against the CSA Reflexive Security framework "
        "(six RAMPAC pillars, six HEARTY benefits).\n\n"
        "Exit codes: 0 ok, 1 check failed, 2 invalid input or usage, 3 environment failure "
        "(disk full, database unreachable or locked, a helper process died) or internal "
        "error, 130 interrupted, 143 terminated (SIGTERM), 129 hung up (SIGHUP)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the traceback of an internal error (also ASSESS_DEBUG=1)."
        ),
    ] = False,
) -> None:
    """Measure DevSecOps maturity against the CSA Reflexive Security framework."""


app.add_typer(rounds.app, name="round")
app.command("interview")(interview.interview)
app.command("template")(answers.template)
app.command("form")(answers.form)
app.command("validate")(answers.validate)
app.add_typer(evidence.app, name="evidence")
app.command("score")(scoring.score)
app.command("explain")(scoring.explain)
app.command("check")(scoring.check)
app.command("report")(report.report)
app.command("record")(history.record)
app.command("history")(history.history)
app.command("trend")(history.trend)
app.command("compare")(history.compare)
app.command("portfolio")(portfolio.portfolio)
app.add_typer(portfolio.app, name="subjects")
app.add_typer(answers.app, name="answers")
app.command("migrate")(answers.migrate)
app.command("schema")(answers.schema)
app.add_typer(banks.app, name="banks")
