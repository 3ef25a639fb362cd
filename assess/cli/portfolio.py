"""`assess portfolio` and `assess subjects …`: many subjects, their groups, one picture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from assess.base.words import escape_unsafe, printable
from assess.cli.options import BanksDir, DbOpt, ForceOpt, emit, history_file, registry, say
from assess.output.choice import PortfolioFormat, SubjectsFormat

if TYPE_CHECKING:
    from assess.portfolio.model import Portfolio


def portfolio(
    group: Annotated[
        str | None, typer.Option("--group", help="Only this group (and its subgroups).")
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="Each subject's round of this period.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Latest rounds on or before this date (YYYY-MM-DD)."),
    ] = None,
    stale_months: Annotated[
        int,
        typer.Option(
            "--stale-months", min=1, max=120, help="A last round older than this is stale."
        ),
    ] = 12,
    fmt: Annotated[
        PortfolioFormat | None,
        typer.Option("--format", "-f", help="Output format; default from -o, else table."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    title: Annotated[
        str, typer.Option("--title", help="Title of the portfolio report.")
    ] = "DevSecOps maturity portfolio",
    classification: Annotated[
        str | None, typer.Option("--classification", help="Marking on the report's pages.")
    ] = None,
    force: ForceOpt = False,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Every subject's latest round as one picture: groups, spreads, movers, what to fund."""
    from assess.cli.options import day
    from assess.history.store import open_store
    from assess.portfolio.build import build_portfolio

    if period is not None and as_of is not None:
        from assess.base.errors import UsageError

        raise UsageError("give --period or --as-of, not both")
    chosen = PortfolioFormat.choose(fmt, out, PortfolioFormat.table)
    on = day(as_of, "--as-of")

    def build() -> Portfolio:
        with open_store(db, create=False) as store:
            return build_portfolio(
                store,
                registry(banks_dir),
                group=group,
                period=period,
                as_of=on,
                stale_months=stale_months,
            )

    match chosen:
        case PortfolioFormat.html | PortfolioFormat.md | PortfolioFormat.pdf:
            from assess.report.portfolio import portfolio_document

            built, rendered = portfolio_document(build, chosen.value, title, classification)
            emit(rendered, out, history_file(db), force)
        case PortfolioFormat.table:
            from assess.output import terminal

            built = build()
            terminal.print_portfolio(built)
        case PortfolioFormat.json | PortfolioFormat.csv:
            from assess.output import portfolio as machine

            built = build()
            render = (
                machine.render_portfolio_json
                if chosen is PortfolioFormat.json
                else machine.render_portfolio_csv
            )
            emit(render(built), out, history_file(db), force)
        case PortfolioFormat.xlsx:
            from assess.output.workbook import portfolio_workbook

            built = build()
            emit(portfolio_workbook(built), out, history_file(db), force)
        case _:
            assert_never(chosen)
    for note in built.notes if chosen is not PortfolioFormat.table else ():
        # On stderr: the document itself may be going to stdout.
        typer.echo(printable(f"note: {note}"), err=True)


app = typer.Typer(
    help="Recorded subjects and their groups.", invoke_without_command=True, no_args_is_help=False
)


@app.callback()
def subjects(
    ctx: typer.Context,
    group: Annotated[
        str | None, typer.Option("--group", help="Only this group (and its subgroups).")
    ] = None,
    fmt: Annotated[
        SubjectsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SubjectsFormat.table,
    db: DbOpt = None,
) -> None:
    """List the recorded subjects: group, rounds, last period."""
    if ctx.invoked_subcommand is not None:
        return
    from assess.history.store import open_store
    from assess.portfolio.subjects import list_subjects

    with open_store(db, create=False) as store:
        rows = list_subjects(store, group)
    match fmt:
        case SubjectsFormat.table:
            from assess.output import terminal

            terminal.print_subjects(
                [(r.subject, r.group, r.rounds, r.last, r.targets) for r in rows]
            )
        case SubjectsFormat.json:
            data = [
                {
                    "subject": r.subject,
                    "group": r.group,
                    "rounds": r.rounds,
                    "last": r.last,
                    "group_targets": r.targets,
                }
                for r in rows
            ]
            emit(escape_unsafe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n", None)
        case _:
            assert_never(fmt)


@app.command("set-group")
def set_group(
    subject: Annotated[str, typer.Argument(help="The subject, as recorded.")],
    group: Annotated[
        str, typer.Argument(help="Its group path, like Retail/Claims; '-' for no group.")
    ],
    db: DbOpt = None,
) -> None:
    """Move a subject to another group (its past rounds move with it)."""
    from assess.history.store import open_store
    from assess.portfolio.subjects import move_subject

    with open_store(db, create=True) as store:
        before, after = move_subject(store, subject, group)
    say(f"{subject}: {before or '(no group)'} -> {after or '(no group)'}")


@app.command("set-targets")
def set_targets(
    group: Annotated[str, typer.Argument(help="The group path, like Retail/Claims.")],
    profile: Annotated[
        str | None, typer.Option("--profile", help="A bank profile, looked up in each bank.")
    ] = None,
    targets: Annotated[
        Path | None, typer.Option("--targets", help="A targets file (assess/targets/v1).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the group's targets.")] = False,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Set the targets a group's subjects inherit (its subgroups too, unless they set their own).

    The portfolio measures them against these, and `record` scores their rounds against
    them when given neither --profile nor --targets.
    """
    from assess.base.errors import UsageError
    from assess.history.store import open_store
    from assess.portfolio.subjects import set_group_targets

    if (profile is not None) + (targets is not None) + clear != 1:
        raise UsageError("give one of --profile, --targets or --clear")
    with open_store(db) as store:
        path, count = set_group_targets(store, registry(banks_dir), group, profile, targets)
    what = (
        "no targets of its own"
        if clear
        else f"profile {profile}"
        if profile is not None
        else f"the targets in {targets}"
    )
    say(f"{path}: {what}, for {count} subject{'s' * (count != 1)}")
