"""`assess report`: the leadership report as PDF, HTML or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.cli.options import (
    AnonymousOpt,
    BanksDir,
    DbOpt,
    Files,
    ForceOpt,
    ProfileOpt,
    ReportDateOpt,
    TargetsOpt,
    day,
    emit,
    history_file,
    registry,
)
from assess.output.choice import ReportFormat


def report(
    files: Files,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Where to write; default report.pdf (html/md: stdout)."
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="pdf, html or md; default: from the output's extension."
        ),
    ] = None,
    profile: ProfileOpt = None,
    targets: TargetsOpt = None,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous",
            help="Folder (or file) of an earlier round's answer files, for trends; repeatable.",
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="Folder of templates that override the bundled ones."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Report title.")] = None,
    date: ReportDateOpt = None,
    anonymous: AnonymousOpt = False,
    classification: Annotated[
        str | None,
        typer.Option("--classification", help='A marking for every page, like "Confidential".'),
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", help="Who prepared the report (on the cover).")
    ] = None,
    audience: Annotated[
        str | None, typer.Option("--audience", help="Whom it is prepared for (on the cover).")
    ] = None,
    summary_only: Annotated[
        bool,
        typer.Option("--summary-only", help="Write only the cover and the executive summary."),
    ] = False,
    owners: Annotated[
        Path | None,
        typer.Option(
            "--owners",
            help="YAML file naming who fills each role (schema assess/owners/v1), for the roadmap.",
        ),
    ] = None,
    db: DbOpt = None,
    force: ForceOpt = False,
    banks_dir: BanksDir = None,
) -> None:
    """Write the leadership report: summary, pillars, benefits, gaps, roadmap, trends, appendix.

    Trends come from the history (earlier records of the same subject) and --previous.
    """
    chosen = ReportFormat.choose(fmt, out, ReportFormat.pdf)
    if chosen is ReportFormat.pdf and out is None:
        out = Path("report.pdf")
    from assess.report.assemble import ReportRequest, make_report
    from assess.report.content import Presentation

    shown = Presentation(
        title, day(date), anonymous, classification, author, audience, summary_only
    )
    request = ReportRequest(
        files, chosen, profile, targets, previous or (), template_dir, db, shown, owners
    )
    named = [p for p in (targets, owners) if p is not None]
    inputs = [*files, *(previous or []), *named, *history_file(db)]
    emit(make_report(request, registry(banks_dir)), out, inputs, force)
