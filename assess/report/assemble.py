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

from assess.bank.model import Bank
from assess.bank.registry import Registry
from assess.base import background
from assess.base.errors import UsageError
from assess.base.paths import has_history, yaml_files
from assess.history.compare import Comparison, compare_versions
from assess.history.snapshot import Snapshot
from assess.output.choice import ReportFormat
from assess.report.content import (
    Presentation,
    Report,
    TrendPoint,
    build_report,
    snapshot_point,
    trend_point,
)
from assess.report.owners import load_owners
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
    owners: Path | None = None
    """A file naming who fills each role, for the roadmap (see `assess.report.owners`)."""


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
    rounds = sorted(
        (
            score_files(yaml_files(p), registry, request.profile, request.targets)
            for p in request.previous
        ),
        key=lambda r: r.result.period or "",
    )
    shown = request.presentation
    bank = scored.assessment.bank
    history = _recorded_before(result, shown.date, request.db)
    _check_earlier(result, [r.result for r in rounds], [p.period for p in history.earlier])
    # The round before this one: the last --previous folder, else the last record.
    before = (
        Snapshot.from_result(
            rounds[-1].result, rounds[-1].assessment.bank, rounds[-1].result.period or "", _DAY
        )
        if rounds
        else history.previous
    )
    owners = load_owners(request.owners) if request.owners else ()
    return build_report(
        result,
        bank,
        # Appendix D lists what tools observed after what people answered.
        [*scored.assessment.answer_sets, *scored.assessment.observed],
        [*history.earlier, *(trend_point(r.result) for r in rounds)],
        # The report is dated as the round was recorded, unless --date says otherwise.
        replace(shown, date=shown.date or history.on, owners=owners),
        _compared(before, result, bank, registry),
    )


_DAY = datetime.date(1970, 1, 1)
"""A date for snapshots made only to be compared: comparing never reads it."""


@dataclass(frozen=True, slots=True)
class _Recorded:
    """What the history holds of the subject, as the report needs it."""

    earlier: list[TrendPoint]
    """The earlier rounds, oldest first."""
    on: datetime.date | None
    """The date this round was recorded on, if it was."""
    previous: Snapshot | None
    """The round before, with its questions."""


def _recorded_before(result: Result, day: datetime.date | None, db: str | None) -> _Recorded:
    """The subject's earlier recorded rounds; nothing when there is no history yet."""
    if not has_history(db):
        return _Recorded([], None, None)
    from assess.history.store import earlier_records, open_store

    with open_store(db, create=False) as store:
        records = store.records(result.subject)
        chosen = earlier_records(records, result.period, day or datetime.date.today())
        # The round before is read whole, with its questions, for the movers.
        previous = store.get(str(chosen[-1].id)).snapshot if chosen else None
    this = [r.snapshot.assessed_on for r in records if r.snapshot.period == result.period]
    return _Recorded(
        [snapshot_point(r.snapshot) for r in chosen], this[0] if this else None, previous
    )


def _compared(
    before: Snapshot | None, result: Result, bank: Bank, registry: Registry
) -> Comparison | None:
    """This round against the one before, when both answered the same bank."""
    if before is None or before.bank_id != bank.id:
        return None
    return compare_versions(before, Snapshot.from_result(result, bank, "", _DAY), registry)


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
