"""Options shared by several commands, the choices typer checks, and small output helpers.

Roles, pillars and benefits are enums here so that typer refuses an unknown value, lists
the valid ones in ``--help`` and accepts any case (``Product`` as well as ``product``);
a test checks each enum against the framework's tuple.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from assess.base.errors import UsageError
from assess.base.words import fitted, printable

if TYPE_CHECKING:
    from assess.bank.registry import Registry
    from assess.base.framework import Role


class RoleChoice(StrEnum):
    """The respondent roles (`assess.base.framework.ROLES`)."""

    leadership = "leadership"
    security = "security"
    development = "development"
    operations = "operations"
    qa = "qa"
    product = "product"
    compliance = "compliance"
    other = "other"


class PillarChoice(StrEnum):
    """The six RAMPAC pillars (`assess.base.framework.PILLAR_IDS`)."""

    responsible = "responsible"
    automate = "automate"
    measure = "measure"
    pragmatic = "pragmatic"
    align = "align"
    collaborate = "collaborate"


class BenefitChoice(StrEnum):
    """The six HEARTY benefits (`assess.base.framework.BENEFIT_IDS`)."""

    human_centric = "human-centric"
    elastic = "elastic"
    apt_holistic = "apt-holistic"
    resilient = "resilient"
    tailored = "tailored"
    dynamic = "dynamic"


BankArg = Annotated[
    str,
    typer.Argument(
        help="Bank id, id@version, path to a bank file, or a round file; default rampac-core."
    ),
]
PreviousOpt = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        help="Your answer file from the last round: each earlier answer is shown, not given.",
    ),
]
PillarFilter = Annotated[
    list[PillarChoice] | None,
    typer.Option(
        "--pillar",
        help="Keep only questions feeding this pillar; repeatable.",
        case_sensitive=False,
    ),
]
BanksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--banks-dir",
        help="Extra folder of banks (<id>/<version>.yaml); repeatable. Also ASSESS_BANKS_PATH.",
        show_default=False,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Date of the assessment (YYYY-MM-DD); default today."),
]
ReportDateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date of the report (YYYY-MM-DD); default the date the round was recorded on, "
        "else today.",
    ),
]
AnonymousOpt = Annotated[
    bool,
    typer.Option("--anonymous", help="Name respondents by role and number, never by name or file."),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="History database: a file or a SQLAlchemy URL. Default: ASSESS_DB, else "
        "history.db in your user data folder.",
        show_default=False,
    ),
]
Files = Annotated[
    list[Path], typer.Argument(help="Answer files, one per respondent, of one assessment.")
]
ProfileOpt = Annotated[
    str | None, typer.Option("--profile", help="Target profile of the bank (overrides the files).")
]
TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", help="YAML file of targets, instead of a profile.")
]
OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write here instead of stdout ('-': stdout).")
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an answer file that holds answers; other files are replaced anyway.",
    ),
]


def history_file(db: str | None) -> list[Path]:
    """The history's file when it is one, to count among a command's inputs."""
    from assess.base.paths import history_path

    path = history_path(db)
    return [] if path is None else [path]


def registry(banks_dir: list[Path] | None) -> Registry:
    """The banks on the search path, plus any ``--banks-dir`` folders."""
    from assess.bank.registry import Registry

    return Registry.default(banks_dir or ())


def day(date: str | None, option: str = "--date") -> datetime.date | None:
    """The date given to ``option``, parsed.

    Raises:
        UsageError: it is not YYYY-MM-DD, or no such day.
    """
    if date is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise UsageError(f"{option} {date!r}: expected YYYY-MM-DD, like 2026-11-21")
    try:
        return datetime.date.fromisoformat(date)
    except ValueError as err:
        # The shape is right, the day is not: say which part is wrong.
        raise UsageError(f"{option} {date!r}: no such day ({err})") from None


def values(choices: list[PillarChoice] | None) -> list[str]:
    """The plain ids of repeated enum options."""
    return [c.value for c in choices or ()]


def role_of(choice: RoleChoice | None) -> Role | None:
    """The framework's role for a ``--role`` option."""
    return cast("Role", choice.value) if choice is not None else None  # type: ignore[redundant-cast]


def say(line: str) -> None:
    """Print a line for people; data in it (names, paths, notes) has its controls escaped.

    On a terminal each paragraph wraps at a word to its width, never mid-word at the edge.
    """
    text = printable(line)
    typer.echo(fitted(text) if sys.stdout.isatty() else text)


def emit(
    document: str | bytes, out: Path | None, inputs: Sequence[Path] = (), force: bool = False
) -> None:
    """Write ``document`` to ``out`` atomically (and say so), or to stdout (None or ``-``).

    Raises:
        UsageError: ``out`` is one of ``inputs``, or an answer file with answers and not
            ``force`` (see `assess.answers.guard`).
    """
    if out is not None and str(out) == "-":
        out = None
    if out is None:
        if isinstance(document, bytes):
            raise UsageError("this format is binary: give -o FILE")
        # A document on a terminal is read, not saved: escape its control characters.
        typer.echo(printable(document) if sys.stdout.isatty() else document, nl=False)
        return
    from assess.answers.guard import check_output
    from assess.base.atomic import write_atomic

    check_output(out, inputs, force)
    write_atomic(out, document)
    typer.echo(printable(f"wrote {out}"), err=True)


@contextmanager
def progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr while many files load on a terminal; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading answer files", total=total)
        yield lambda n: bar.advance(task, n)
