"""Commands on the history: record a round, list records, a subject's trend, compare two."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, assert_never

import typer

from assess.base.errors import UsageError
from assess.base.words import count
from assess.cli.options import (
    BanksDir,
    DateOpt,
    DbOpt,
    Files,
    ForceOpt,
    PillarFilter,
    ProfileOpt,
    TargetsOpt,
    day,
    emit,
    registry,
    say,
    values,
)
from assess.output.choice import CompareFormat, HistoryFormat, TrendFormat


def record(
    files: Files,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Round label, like 2026-Q4; default: the files' period."),
    ] = None,
    date: DateOpt = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the subject's record for this period.")
    ] = False,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    group: Annotated[
        str | None,
        typer.Option("--group", help="The group a new subject joins, like Retail/Claims."),
    ] = None,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Score answer files as one assessment and keep it in the history, for trends."""
    from assess.history.record import record_files

    saved = record_files(
        files,
        banks_dir or (),
        db,
        period=period,
        day=day(date),
        replace=replace,
        profile=profile,
        targets=targets,
        group=group,
    )
    s = saved.record.snapshot
    overall = "–" if s.overall is None else f"{s.overall:.2f}"
    say(
        f"recorded {saved.record.label} as #{saved.record.id}: "
        f"{count(s.respondent_count, 'respondent')}, {s.bank_ref}, "
        f"overall {overall} (in {saved.where})"
    )
    if saved.targets_from:
        say(f"scored against the targets its group sets: {saved.targets_from}")


def history(
    subject: Annotated[
        str | None, typer.Option("--subject", help="Only this subject's records.")
    ] = None,
    fmt: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.table,
    db: DbOpt = None,
) -> None:
    """List recorded assessments: id, subject, period, date, bank, respondents, scores."""
    from assess.history.store import open_store
    from assess.output import machine

    with open_store(db, create=False) as store:
        records = store.records() if subject is None else store.records_of(subject)
    match fmt:
        case HistoryFormat.table:
            from assess.output import terminal

            terminal.print_history(records)
        case HistoryFormat.json:
            emit(machine.render_records_json(records), None)
        case HistoryFormat.csv:
            emit(machine.render_records_csv(records), None)
        case _:
            assert_never(fmt)


def trend(
    subject: Annotated[str, typer.Argument(help="The subject, as recorded.")],
    pillar: PillarFilter = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write a chart (.png, .svg) or a table (.csv)."),
    ] = None,
    fmt: Annotated[
        TrendFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from -o, else table."),
    ] = None,
    db: DbOpt = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """A subject's scores across recorded rounds, noting where the bank version changed."""
    chosen = TrendFormat.choose(fmt, out, TrendFormat.table)
    if chosen is not TrendFormat.table and out is None:
        raise UsageError(f"--format {chosen} writes a file: give -o FILE")
    from assess.history.store import open_store
    from assess.history.trend import subject_trend

    with open_store(db, create=False) as store:
        found = subject_trend(store, subject, registry(banks_dir), values(pillar))
    periods = [str(p) for p in found.frame.index]
    inputs = [Path(store.file)] if store.file is not None else []
    match chosen:
        case TrendFormat.table:
            from assess.output import terminal

            terminal.print_trend(found)
        case TrendFormat.csv:
            from assess.output import machine

            emit(machine.render_trend_csv(found), out, inputs, force)
        case TrendFormat.png:
            from assess.report import charts

            emit(charts.trend_png(periods, found.series), out, inputs, force)
        case TrendFormat.svg:
            from assess.report import charts

            emit(charts.trend(periods, found.series), out, inputs, force)
        case _:
            assert_never(chosen)


def compare(
    before: Annotated[str, typer.Argument(help="Earlier record: id, or SUBJECT@PERIOD.")],
    after: Annotated[str, typer.Argument(help="Later record: id, or SUBJECT@PERIOD.")],
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.table,
    db: DbOpt = None,
    banks_dir: BanksDir = None,
) -> None:
    """Compare two records: each pillar and benefit, and every question that moved."""
    from assess.history.compare import compare_records
    from assess.history.store import open_store

    with open_store(db, create=False) as store:
        result = compare_records(store, before, after, registry(banks_dir))
    match fmt:
        case CompareFormat.table:
            from assess.output import terminal

            terminal.print_comparison(result)
        case CompareFormat.json:
            from assess.output import machine

            emit(machine.render_comparison_json(result), None)
        case _:
            assert_never(fmt)
