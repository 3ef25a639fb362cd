"""Excel workbooks: a round (`assess score -f xlsx`) and the portfolio (`-f xlsx`).

Each sheet is a table built with pandas and written with openpyxl, then made easy to
work with: a frozen, bold header row, a filter on every column, widths that fit the
content (long text wraps), numbers as numbers with a fixed number of decimals, shares
as percentages, dates as dates. No cell is a formula: text that starts like one (``=``,
``+``, ``-``, ``@``) is stored as text and marked quote-prefixed, so Excel keeps it text
even when someone edits the cell.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from assess.answers.table import answer_rows
from assess.base.framework import (
    BENEFIT_IDS,
    PILLAR_IDS,
    benefit,
    dimension,
    pillar,
    role_name,
)
from assess.base.words import printable
from assess.output.escape import looks_like_formula
from assess.scoring.results import PHASE_TITLES

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    from assess.portfolio.model import Move, Portfolio, Standing
    from assess.scoring.files import Scored

_WIDEST = 60  # characters; longer text wraps
_SCORE = "0.00"
_SHARE = "0%"
_DATE = "yyyy-mm-dd"


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: its name, its table, and the number format of some columns."""

    name: str
    frame: pd.DataFrame
    formats: dict[str, str]
    wrap: tuple[str, ...] = ()
    """Columns whose long text wraps instead of widening the column."""


def round_workbook(scored: Scored, anonymous: bool, generated: datetime.date) -> bytes:
    """The workbook of a scored round.

    Sheets: summary, pillars, benefits, questions, answers, roadmap and knowledge gaps.

    Args:
        scored: the round and its result.
        anonymous: name respondents by role and number (see `named_respondents`).
        generated: the date the summary gives as the workbook's date.
    """
    result = scored.result
    people = answer_rows(scored.assessment.bank, scored.assessment.answer_sets, anonymous)
    # What tools observed follows what people answered, with the evidence behind it.
    rows = (*people, *answer_rows(scored.assessment.bank, scored.assessment.observed, False))
    phase_of = {i.question: PHASE_TITLES[i.phase] for i in result.roadmap}
    step_of = {i.question: i.next_step for i in result.roadmap}
    summary: list[tuple[str, Any, str | None]] = [
        ("Subject", result.subject, None),
        ("Period", result.period or "", None),
        ("Bank", result.bank_ref, None),
        ("Bank title", result.bank_title, None),
        ("Bank SHA-256", result.bank_digest, None),
        ("Targets", result.targets_from, None),
        ("Respondents", result.respondent_count, "0"),
        (
            "Respondents by role",
            ", ".join(f"{role_name(role)} {n}" for role, n in result.respondents),
            None,
        ),
        ("Overall score (0–4)", result.overall.score, _SCORE),
        ("Overall target (0–4)", result.overall.target, _SCORE),
        ("Coverage: question weight with a score", result.overall.coverage, _SHARE),
        ("Answers that are don't know", result.unknown_share, _SHARE),
        (
            "High-risk gaps, by people's answers",
            sum(q.risk == "high" for q in result.questions),
            "0",
        ),
        ("Questions a tool observed", len(result.observed), "0"),
        ("Claims not supported by the evidence", sum(q.unsupported for q in result.questions), "0"),
        (
            "High-risk gaps, by the evidence",
            sum(bool(q.observed and q.observed.risk == "high") for q in result.questions),
            "0",
        ),
        ("Roadmap steps", len(result.roadmap), "0"),
        ("Generated on", generated, _DATE),
    ]
    dims = [
        {
            "pillar": d.id,
            "name": d.name,
            "score": d.score,
            "target": d.target,
            "gap": d.gap,
            "coverage": d.coverage,
            "low confidence": d.low_confidence,
            "questions": d.questions,
            **(
                {"people, where observed": d.claimed, "observed": d.observed}
                if result.observed
                else {}
            ),
            **{f"score by {role_name(role)}": v for role, v in d.by_role},
        }
        for d in result.pillars
    ]
    benefits = [
        {
            "benefit": b.id,
            "name": b.name,
            "score": b.score,
            "practice score": b.practice,
            "outcome score": b.outcome,
            "claim gap": b.claim_gap,
            "target": b.target,
            "gap": b.gap,
            "coverage": b.coverage,
            "low confidence": b.low_confidence,
            "questions": b.questions,
        }
        for b in result.benefits
    ]
    bank = scored.assessment.bank
    sections = {sec.id: sec.title for sec in bank.sections}
    questions = [
        {
            "question": q.id,
            "title": q.title or "",
            "kind": q.kind,
            "main pillar or benefit": dimension(bank.question(q.id).main_dimension).name,
            "section": sections[bank.question(q.id).section],
            "score": q.score,
            "mean level": q.mean_level,
            "spread": q.spread,
            "target": q.target,
            "gap": q.gap,
            "risk": q.risk,
            "levels given": len(q.levels),
            "don't know": q.unknown,
            "n/a": q.na,
            "unanswered": q.unanswered,
            "divergent": q.divergent,
            "roadmap phase": phase_of.get(q.id, ""),
            "next step": step_of.get(q.id, ""),
            **(
                {
                    "observed level": q.observed.level if q.observed else None,
                    "observed gap": q.observed.gap if q.observed else None,
                    "observed risk": q.observed.risk if q.observed else "",
                    "observed by": q.observed.source if q.observed else "",
                    "claim not supported": q.unsupported,
                }
                if result.observed
                else {}
            ),
        }
        for q in result.questions
    ]
    answers = [
        {
            "respondent": r.respondent,
            "role": role_name(r.role) if r.role else "",
            "question": r.question,
            "title": r.title,
            "section": r.section,
            "answer": r.answer,
            "level": r.level,
            "confidence": r.confidence or "",
            "note": r.note or "",
            "evidence": "\n".join(r.evidence),
        }
        for r in rows
    ]
    roadmap = [
        {
            "phase": PHASE_TITLES[i.phase],
            "rank": n,
            "question": i.question,
            "title": i.title or "",
            "pillar": pillar(i.pillar).name,
            "from level": i.from_level,
            "to level": i.from_level + 1,
            "gap": i.gap,
            "risk": i.risk,
            "priority score": i.priority,
            "effort": i.effort,
            "owners": ", ".join(role_name(o) for o in i.owners),
            "next step": i.next_step,
            "requires": ", ".join(i.requires),
            **({"claim not supported": i.unsupported} if result.observed else {}),
        }
        for n, i in enumerate(result.roadmap, start=1)
    ]
    gaps = [
        {
            "question": q.id,
            "title": q.title or "",
            "don't know": q.unknown,
            "roles": ", ".join(role_name(r) for r in q.unknown_roles),
        }
        for q in result.knowledge_gaps
    ]
    scores = {"score", "target", "gap", "mean level", "practice score", "outcome score"}
    return _workbook(
        [
            _summary(summary),
            _sheet(
                "Pillars",
                dims,
                {
                    **dict.fromkeys([*scores, "people, where observed", "observed"], _SCORE),
                    "coverage": _SHARE,
                },
                by_role=True,
            ),
            _sheet(
                "Benefits",
                benefits,
                {**dict.fromkeys([*scores, "claim gap"], _SCORE), "coverage": _SHARE},
            ),
            _sheet(
                "Questions", questions, dict.fromkeys(scores, _SCORE), wrap=("title", "next step")
            ),
            _sheet("Answers", answers, {"level": "0"}, wrap=("note", "evidence", "title")),
            _sheet(
                "Roadmap",
                roadmap,
                {"gap": _SCORE, "priority score": _SCORE},
                wrap=("next step", "title"),
            ),
            _sheet("Knowledge gaps", gaps, {}),
        ],
        f"DevSecOps maturity: {result.subject}" + (f", {result.period}" if result.period else ""),
    )


def portfolio_workbook(p: Portfolio) -> bytes:
    """The workbook of a portfolio.

    Sheets: summary, subjects (current and stale), groups, pillar and benefit
    distributions, movers and the practices most often in the Now phase.
    """
    summary: list[tuple[str, Any, str | None]] = [
        ("As of", p.as_of, _DATE),
        ("Group", p.group or "all", None),
        ("Period", p.period or "latest", None),
        ("Subjects", len(p.current), "0"),
        ("Stale subjects", len(p.stale), "0"),
        ("Stale after (days, from --stale-months)", p.stale_after_days, "0"),
        ("Respondents", p.respondents, "0"),
        ("Banks", ", ".join(f"{ref} ({n})" for ref, n in p.banks), None),
        *(("Summary", line, None) for line in p.summary),
        *(("Note", note, None) for note in p.notes),
    ]
    subjects = [
        _standing(s, stale) for stale, group in ((False, p.current), (True, p.stale)) for s in group
    ]
    groups = [
        {
            "group": g.group,
            "subjects": g.subjects,
            "respondents": g.respondents,
            "overall": g.overall,
            **{pillar(pid).name: v for pid, v in zip(PILLAR_IDS, g.pillars, strict=True)},
            "at or above target": g.at_target,
            "stale": g.stale,
        }
        for g in p.groups
    ]
    spreads = [
        {
            "kind": kind,
            "name": s.name,
            "subjects": s.subjects,
            "min": s.minimum,
            "lower quartile": s.lower_quartile,
            "median": s.median,
            "upper quartile": s.upper_quartile,
            "max": s.maximum,
            "mean": s.mean,
            "at or above target": s.at_target,
            "laggards": ", ".join(r.subject for r in s.laggards),
            "leaders": ", ".join(r.subject for r in s.leaders),
        }
        for kind, dims in (("pillar", p.pillars), ("benefit", p.benefits))
        for s in dims
    ]
    movers = [
        _move(m, direction)
        for direction, moves in (("improved", p.improved), ("regressed", p.regressed))
        for m in moves
    ]
    common = [
        {
            "bank": c.bank_id,
            "question": c.question,
            "title": c.title,
            "subjects": c.subjects,
            "share of subjects": c.share,
        }
        for c in p.common_now
    ]
    figures = {pillar(pid).name for pid in PILLAR_IDS} | {"overall", "overall target"}
    return _workbook(
        [
            _summary(summary),
            _sheet(
                "Subjects",
                subjects,
                {
                    **dict.fromkeys(figures, _SCORE),
                    **{f"{pillar(pid).name} gap": _SCORE for pid in PILLAR_IDS},
                    **{benefit(bid).name: _SCORE for bid in BENEFIT_IDS},
                    **{f"{benefit(bid).name} gap": _SCORE for bid in BENEFIT_IDS},
                    "change (like for like)": _SCORE,
                    "assessed on": _DATE,
                },
            ),
            _sheet(
                "Groups",
                groups,
                {**dict.fromkeys(figures, _SCORE), "at or above target": _SHARE},
            ),
            _sheet(
                "Distributions",
                spreads,
                {
                    **dict.fromkeys(
                        ["min", "lower quartile", "median", "upper quartile", "max", "mean"],
                        _SCORE,
                    ),
                    "at or above target": _SHARE,
                },
                wrap=("laggards", "leaders"),
            ),
            _sheet(
                "Movers",
                movers,
                dict.fromkeys(["before", "after", "change (like for like)"], _SCORE),
            ),
            _sheet("Common Now steps", common, {"share of subjects": _SHARE}),
        ],
        f"DevSecOps maturity portfolio, as of {p.as_of.isoformat()}",
    )


def _standing(s: Standing, stale: bool) -> dict[str, Any]:
    return {
        "subject": s.subject,
        "group": s.group,
        "stale": stale,
        "period": s.period,
        "assessed on": s.assessed_on,
        "age (days)": s.age_days,
        "bank": s.bank_ref,
        "respondents": s.respondents,
        "overall": s.overall.score,
        "overall target": s.overall.target,
        "change (like for like)": s.move.like_for_like if s.move else None,
        **{pillar(pid).name: c.score for pid, c in zip(PILLAR_IDS, s.pillars, strict=True)},
        **{f"{pillar(pid).name} gap": c.gap for pid, c in zip(PILLAR_IDS, s.pillars, strict=True)},
        **{benefit(bid).name: c.score for bid, c in zip(BENEFIT_IDS, s.benefits, strict=True)},
        **{
            f"{benefit(bid).name} gap": c.gap
            for bid, c in zip(BENEFIT_IDS, s.benefits, strict=True)
        },
        "targets from": s.targets_from,
        "Now steps": ", ".join(s.now),
    }


def _move(m: Move, direction: str) -> dict[str, Any]:
    return {
        "direction": direction,
        "subject": m.subject,
        "group": m.group,
        "from": m.before_period,
        "to": m.after_period,
        "before": m.before,
        "after": m.after,
        "change (like for like)": m.like_for_like,
        "bank changed": m.bank_changed,
    }


def _summary(items: Sequence[tuple[str, Any, str | None]]) -> Sheet:
    frame = pd.DataFrame(
        {"item": [i for i, _, _ in items], "value": [v for _, v, _ in items]}, dtype=object
    )
    # One column of mixed figures: each row carries its own format (see _write).
    formats = {f"value@{n}": f for n, (_, _, f) in enumerate(items) if f is not None}
    return Sheet("Summary", frame, formats)


def _sheet(
    name: str,
    records: Sequence[dict[str, Any]],
    formats: dict[str, str],
    wrap: tuple[str, ...] = (),
    by_role: bool = False,
) -> Sheet:
    columns: list[str] = list(dict.fromkeys(k for r in records for k in r))
    if by_role:
        # Roles answer unevenly across pillars: keep every role's column, in order.
        columns = [c for c in columns if not c.startswith("score by ")] + sorted(
            c for c in columns if c.startswith("score by ")
        )
        formats = {**formats, **{c: _SCORE for c in columns if c.startswith("score by ")}}
    frame = pd.DataFrame.from_records(list(records), columns=columns or None)
    return Sheet(name, frame, formats, wrap)


def _workbook(sheets: Sequence[Sheet], title: str) -> bytes:
    from openpyxl.styles import Alignment, Font

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        writer.book.properties.creator = "assess"
        writer.book.properties.title = title
        for sheet in sheets:
            # openpyxl refuses control characters; show them as escapes, as everywhere.
            frame = sheet.frame.map(_cell_value)
            frame.to_excel(writer, sheet_name=sheet.name, index=False)
            _write(writer.sheets[sheet.name], sheet, Font(bold=True), Alignment(wrap_text=True))
    return buffer.getvalue()


def _write(ws: Worksheet, sheet: Sheet, bold: Font, wrapped: Alignment) -> None:
    from openpyxl.utils import get_column_letter

    columns = list(sheet.frame.columns)
    for index, name in enumerate(columns, start=1):
        values = sheet.frame[name]
        # Only the columns that need it are walked: most hold plain figures or words.
        risky = any(isinstance(v, str) and looks_like_formula(v) for v in values)
        per_row = any(key.startswith(f"{name}@") for key in sheet.formats)
        if not (risky or per_row or name in sheet.formats or name in sheet.wrap):
            continue
        for n, (cell,) in enumerate(ws.iter_rows(min_row=2, min_col=index, max_col=index)):
            if risky:
                _make_inert(cell)
            number_format = sheet.formats.get(f"{name}@{n}") or sheet.formats.get(name)
            if number_format is not None and cell.value is not None:
                cell.number_format = number_format
            if name in sheet.wrap:
                cell.alignment = wrapped
    for cell in ws[1]:
        cell.font = bold
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = ws.dimensions
    for index, name in enumerate(columns, start=1):
        longest = max(
            [len(str(name)), *(len(line) for v in sheet.frame[name] for line in _lines(v))]
        )
        ws.column_dimensions[get_column_letter(index)].width = min(longest, _WIDEST) + 2


def _lines(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):  # an empty cell
        return [""]
    if isinstance(value, float):
        return [f"{value:.2f}"]
    if isinstance(value, datetime.date):
        return [value.isoformat()]
    return str(value).splitlines() or [""]


def _cell_value(value: object) -> object:
    """A value as its cell holds it.

    Text with its control characters shown as escapes (openpyxl refuses them); figures
    to the four decimals of every machine format.
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def _make_inert(cell: Any) -> None:
    """Keep text from files text: never a formula, and not one after an edit either."""
    value = cell.value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"  # openpyxl took a leading '=' for a formula
        cell.quotePrefix = True
