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
from assess.base.words import shown_difference, shown_split
from assess.history.compare import compare_versions
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
    bank = scored.assessment.bank
    history = _recorded_before(result, bank.ref, shown.date, request.db)
    recorded, recorded_on = history.earlier, history.on
    _check_earlier(result, rounds, [p.period for p in recorded])
    earlier = [*recorded, *(trend_point(r) for r in sorted(rounds, key=lambda r: r.period or ""))]
    return build_report(
        result,
        scored.assessment.bank,
        scored.assessment.answer_sets,
        earlier,
        # The report is dated as the round was recorded, unless --date says otherwise.
        replace(shown, date=shown.date or recorded_on),
        # Only when the round before in the history is the round before in the report.
        _bank_change(history.previous, result, bank, registry) if not rounds else None,
    )


@dataclass(frozen=True, slots=True)
class _Recorded:
    """What the history holds of the subject, as the report needs it."""

    earlier: list[TrendPoint]
    """The earlier rounds, oldest first."""
    on: datetime.date | None
    """The date this round was recorded on, if it was."""
    previous: Snapshot | None
    """The round before, with its questions, when it answered another bank version."""


def _recorded_before(
    result: Result, bank_ref: str, day: datetime.date | None, db: str | None
) -> _Recorded:
    """The subject's earlier recorded rounds; nothing when there is no history yet."""
    if not has_history(db):
        return _Recorded([], None, None)
    from assess.history.store import earlier_records, open_store

    with open_store(db, create=False) as store:
        records = store.records(result.subject)
        chosen = earlier_records(records, result.period, day or datetime.date.today())
        last = chosen[-1] if chosen else None
        # Its questions are read only when the bank changed: to split the change in two.
        previous = (
            store.get(str(last.id)).snapshot
            if last is not None and last.snapshot.bank_ref != bank_ref
            else None
        )
    this = [r.snapshot.assessed_on for r in records if r.snapshot.period == result.period]
    return _Recorded(
        [snapshot_point(r.snapshot) for r in chosen], this[0] if this else None, previous
    )


def _bank_change(
    previous: Snapshot | None, result: Result, bank: Bank, registry: Registry
) -> str | None:
    """The overall change across a bank upgrade, split into like for like and the rest."""
    if previous is None or previous.bank_id != bank.id:
        return None
    now = Snapshot.from_result(result, bank, result.period or "", datetime.date.today())
    d = compare_versions(previous, now, registry).overall
    change = shown_difference(d.after, d.before)
    like, rest = shown_split(change, d.like_for_like, 1)
    if change is None or like is None or rest is None:
        return None
    return (
        f"The question bank changed between the rounds ({previous.bank_ref} → "
        f"{now.bank_ref}). Of the overall change of {change:+.1f}, {like:+.1f} is like for "
        f"like, on the questions both rounds answered, and {rest:+.1f} comes from the "
        "questions the new version added or changed."
    )


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
