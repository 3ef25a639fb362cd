"""Make the leadership report from answer files: score, gather earlier rounds, render.

Earlier rounds come from the history (the subject's records before this round) and from
``--previous`` folders of answer files. For HTML and PDF a forked helper imports
matplotlib and jinja2 while this process scores, then draws the charts and writes the
HTML while this one imports WeasyPrint (measured: about a third of a second saved on
two cores; see benchmarks/).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import assert_never

from assess.bank.registry import Registry
from assess.base import background
from assess.base.errors import UsageError
from assess.base.paths import has_history, yaml_files
from assess.output.choice import ReportFormat
from assess.report.content import (
    Presentation,
    Report,
    TrendPoint,
    build_report,
    snapshot_point,
    trend_point,
)
from assess.scoring.files import score_files
from assess.scoring.results import Result


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to report on and how."""

    files: Sequence[Path]
    format: ReportFormat
    profile: str | None = None
    targets: Path | None = None
    previous: Sequence[Path] = ()
    """Folders (or files) of earlier rounds' answer files."""
    template_dir: Path | None = None
    db: str | None = None
    """The history database; None: the default one, when it exists."""
    presentation: Presentation = field(default_factory=Presentation)
    """Title, date, anonymity and markings; the date defaults to the round's recorded date."""


def make_report(request: ReportRequest, registry: Registry) -> str | bytes:
    """The report as a document: Markdown or HTML text, or PDF bytes.

    Raises:
        AnswersError, BankError, UsageError: the answer files or options are wrong.
        RenderError: a custom template is broken or asks for what it may not have.
        StoreError: the history cannot be read.
    """
    from assess.report import render  # jinja2 and WeasyPrint load only when called

    fmt = request.format
    match fmt:
        case ReportFormat.md:
            return render.render_markdown(report_content(request, registry), request.template_dir)
        case ReportFormat.html | ReportFormat.pdf:
            with background.Helper(render.load_drawing) as helper:
                drafting = helper.run(
                    render.render_html, report_content(request, registry), request.template_dir
                )
                if fmt is ReportFormat.html:
                    return drafting()
                render.load_typesetter()
                html = drafting()
            return render.html_to_pdf(html, request.template_dir)
        case _:
            assert_never(fmt)


def report_content(request: ReportRequest, registry: Registry) -> Report:
    """Score the files and gather what the report says, with earlier rounds for trends."""
    scored = score_files(request.files, registry, request.profile, request.targets)
    result = scored.result
    rounds = [
        score_files(yaml_files(p), registry, request.profile, request.targets).result
        for p in request.previous
    ]
    shown = request.presentation
    recorded, recorded_on = _recorded_before(result, shown.date, request.db)
    _check_earlier(result, rounds, [p.period for p in recorded])
    earlier = [*recorded, *(trend_point(r) for r in sorted(rounds, key=lambda r: r.period or ""))]
    return build_report(
        result,
        scored.assessment.bank,
        scored.assessment.answer_sets,
        earlier,
        # The report is dated as the round was recorded, unless --date says otherwise.
        replace(shown, date=shown.date or recorded_on),
    )


def _recorded_before(
    result: Result, day: datetime.date | None, db: str | None
) -> tuple[list[TrendPoint], datetime.date | None]:
    """Earlier recorded rounds of the subject, and the date this round was recorded on.

    No rounds and no date when there is no history yet, or this round is not in it.
    """
    if not has_history(db):
        return [], None
    from assess.history.store import earlier_records, open_store

    with open_store(db, create=False) as store:
        records = store.records(result.subject)
    chosen = earlier_records(records, result.period, day or datetime.date.today())
    this = [r.snapshot.assessed_on for r in records if r.snapshot.period == result.period]
    return [snapshot_point(r.snapshot) for r in chosen], (this[0] if this else None)


def _check_earlier(result: Result, earlier: Sequence[Result], recorded: Sequence[str]) -> None:
    periods = [result.period, *recorded]
    for r in earlier:
        if r.subject != result.subject:
            raise UsageError(f"--previous: subject {r.subject!r} is not {result.subject!r}")
        if r.period in periods:
            raise UsageError(
                f"--previous: period {r.period!r} appears twice (or is in the history); "
                "each round needs its own period"
            )
        periods.append(r.period)
