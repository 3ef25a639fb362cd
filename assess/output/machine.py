"""Text output formats of a `Result` (JSON, CSV, Markdown) and of history records.

The terminal table lives with the other rich views (`assess.output.terminal`); the CLI picks a
format from `OutputFormat`. JSON is the stable machine format, ``assess/result/v1``:
deterministic byte for byte, floats rounded to four decimals, keys in a fixed order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assess.base.framework import BENEFITS, PILLARS, pillar
from assess.base.words import escape_unsafe
from assess.output import escape
from assess.scoring.results import PHASE_TITLES, PHASES, DimensionScore, QuestionScore, Result

if TYPE_CHECKING:
    from assess.answers.table import AnswerRow

    # Type hints only: history listings must not pay for the comparison's bank imports.
    from assess.history.compare import Comparison, DimensionDelta
    from assess.history.snapshot import Record
    from assess.history.trend import Trend

RESULT_SCHEMA = "assess/result/v1"


def rounded(value: float | None) -> float | None:
    """A figure as machine formats write it: four decimals, None kept."""
    return None if value is None else round(value, 4)


def _dimension(d: DimensionScore) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "score": rounded(d.score),
        "percent": rounded(d.percent),
        "target": rounded(d.target),
        "gap": rounded(d.gap),
        "coverage": rounded(d.coverage),
        "low_confidence": d.low_confidence,
        "questions": d.questions,
        "by_role": {role: rounded(value) for role, value in d.by_role},
        "claimed": rounded(d.claimed),
        "observed": rounded(d.observed),
    }


def _question(q: QuestionScore) -> dict[str, Any]:
    return {
        "id": q.id,
        "title": q.title,
        "kind": q.kind,
        "score": rounded(q.score),
        "mean_level": rounded(q.mean_level),
        "spread": q.spread,
        "levels": [{"role": role, "level": level} for role, level in q.levels],
        "na": q.na,
        "unknown": q.unknown,
        "unanswered": q.unanswered,
        "applicable": q.applicable,
        "target": rounded(q.target),
        "gap": rounded(q.gap),
        "risk": q.risk,
        "divergent": q.divergent,
        "comments": [
            {
                "respondent": c.respondent,
                "role": c.role,
                "note": c.note,
                "evidence": list(c.evidence),
            }
            for c in q.comments
        ],
        "observed": None
        if q.observed is None
        else {
            "source": q.observed.source,
            "level": q.observed.level,
            "gap": rounded(q.observed.gap),
            "risk": q.observed.risk,
            "note": q.observed.note,
            "evidence": list(q.observed.evidence),
        },
        "unsupported": q.unsupported,
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """The ``assess/result/v1`` document of ``result`` (see the README for each field)."""
    return {
        "schema": RESULT_SCHEMA,
        "bank": {
            "id": result.bank_id,
            "version": result.bank_version,
            "title": result.bank_title,
            "sha256": result.bank_digest,
        },
        "subject": result.subject,
        "period": result.period,
        "profile": result.profile,
        "targets_from": result.targets_from,
        "respondents": {"count": result.respondent_count, "by_role": dict(result.respondents)},
        "overall": {
            "score": rounded(result.overall.score),
            "percent": rounded(result.overall.percent),
            "target": rounded(result.overall.target),
            "coverage": rounded(result.overall.coverage),
        },
        "pillars": [_dimension(p) for p in result.pillars],
        "benefits": [
            {
                **_dimension(b),
                "practice_score": rounded(b.practice),
                "outcome_score": rounded(b.outcome),
                "claim_gap": rounded(b.claim_gap),
            }
            for b in result.benefits
        ],
        "perception_gaps": [
            {
                "pillar": g.pillar,
                "high_role": g.high_role,
                "high": rounded(g.high),
                "low_role": g.low_role,
                "low": rounded(g.low),
                "gap": rounded(g.gap),
            }
            for g in result.perception_gaps
        ],
        "divergent": [q.id for q in result.divergent],
        "knowledge_gaps": [
            {"question": q.id, "unknown": q.unknown, "roles": list(q.unknown_roles)}
            for q in result.knowledge_gaps
        ],
        "roadmap": [
            {
                "phase": item.phase,
                "question": item.question,
                "practice": item.practice,
                "title": item.title,
                "pillar": item.pillar,
                "priority": rounded(item.priority),
                "gap": rounded(item.gap),
                "risk": item.risk,
                "from_level": item.from_level,
                "next_step": item.next_step,
                "effort": item.effort,
                "owners": list(item.owners),
                "requires": list(item.requires),
                "unsupported": item.unsupported,
            }
            for item in result.roadmap
        ],
        "questions": [_question(q) for q in result.questions],
    }


def render_json(result: Result) -> str:
    """Pretty, deterministic JSON."""
    return escape_unsafe(json.dumps(result_to_dict(result), indent=2, ensure_ascii=False)) + "\n"


def render_csv(result: Result) -> str:
    """One row per pillar, benefit and question: id, score, target, gap, coverage, risk."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "kind",
            "id",
            "name",
            "score",
            "target",
            "gap",
            "coverage",
            "low_confidence",
            "risk",
            "respondents",
        ]
    )
    for kind, dims in (("pillar", result.pillars), ("benefit", result.benefits)):
        for d in dims:
            writer.writerow(
                [
                    kind,
                    d.id,
                    d.name,
                    _cell(d.score),
                    _cell(d.target),
                    _cell(d.gap),
                    _cell(d.coverage),
                    d.low_confidence,
                    "",
                    "",
                ]
            )
    for q in result.questions:
        writer.writerow(
            [
                "question",
                q.id,
                "",
                _cell(q.score),
                _cell(q.target),
                _cell(q.gap),
                "",
                "",
                q.risk,
                len(q.levels),
            ]
        )
    return out.getvalue()


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _fig(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def summary_markdown(result: Result) -> str:
    """A readable summary: scores against targets, gaps, roadmap, divergence, unknowns."""
    lines = [
        f"# DevSecOps maturity: {escape.markdown_text(result.subject)}",
        "",
        f"- Period: {escape.markdown_text(result.period or 'not given')}",
        f"- Bank: {result.bank_id}@{result.bank_version} ({escape.markdown_text(result.bank_title)})",
        f"- Targets: {escape.markdown_text(result.targets_from)}",
        f"- Respondents: {result.respondent_count} ("
        + ", ".join(f"{role} {n}" for role, n in result.respondents)
        + ")",
        (
            f"- Overall: {_fig(result.overall.score)} / 4 against a target of "
            f"{_fig(result.overall.target)}; {_pct(result.overall.coverage)} of questions with a "
            "level"
            + (
                f', yet {_pct(result.unknown_share)} of all answers "don\'t know"'
                if result.unknown_share
                else ""
            )
        ),
        "",
    ]
    for title, dims in (("Pillars", result.pillars), ("Benefits", result.benefits)):
        lines += [
            f"## {title}",
            "",
            "| | score | target | gap | coverage |",
            "|---|---:|---:|---:|---:|",
        ]
        for d in dims:
            flag = " (low confidence)" if d.low_confidence else ""
            lines.append(
                f"| {d.name} | {_fig(d.score)} | {_fig(d.target)} | {_fig(d.gap)} | "
                f"{_pct(d.coverage)}{flag} |"
            )
        lines.append("")
    lines += ["## Roadmap", ""]
    for phase in PHASES:
        items = [i for i in result.roadmap if i.phase == phase]
        lines += [f"### {PHASE_TITLES[phase]}", ""]
        lines += [
            f"- **{i.question}** {escape.markdown_text(i.practice)}  \n"
            f"  Next step: {escape.markdown_text(i.next_step)}  \n"
            f"  {pillar(i.pillar).name} · gap {_fig(i.gap)} · effort {i.effort} · "
            f"owners: {', '.join(i.owners)}"
            + (" · rated above the observed evidence" if i.unsupported else "")
            for i in items
        ] or ["- nothing"]
        lines.append("")
    if result.perception_gaps:
        lines += [
            "## Perception gaps between roles",
            "",
            "| pillar | highest | lowest | gap |",
            "|---|---|---|---:|",
        ]
        lines += [
            f"| {pillar(g.pillar).name} | {g.high_role} {_fig(g.high)} | {g.low_role} "
            f"{_fig(g.low)} | {_fig(g.gap)} |"
            for g in result.perception_gaps
        ]
        lines.append("")
    if result.observed:
        lines += [
            "## Claimed and observed",
            "",
            "| question | people (mean level) | observed level | |",
            "|---|---:|---:|---|",
        ]
        lines += [
            f"| {q.id} {escape.markdown_text(q.title or '')} | {_fig(q.mean_level)} | "
            f"{'?' if q.observed is None or q.observed.level is None else q.observed.level} | "
            f"{'not supported by the evidence' if q.unsupported else ''} |"
            for q in result.observed
        ]
        lines.append("")
    lines += ["## Divergent answers", ""]
    lines += [
        f"- {q.id}: levels " + ", ".join(f"{role} {level}" for role, level in q.levels)
        for q in result.divergent
    ] or ["- none"]
    lines += ["", "## Knowledge gaps", ""]
    lines += [
        f"- {q.id}: {q.unknown} × don't know ({', '.join(q.unknown_roles)})"
        for q in result.knowledge_gaps
    ] or ["- none"]
    return "\n".join(lines) + "\n"


def records_to_dicts(records: Sequence[Record]) -> list[dict[str, Any]]:
    """History records as plain data: header fields and every pillar and benefit score."""
    return [
        {
            "id": r.id,
            "subject": r.snapshot.subject,
            "period": r.snapshot.period,
            "assessed_on": r.snapshot.assessed_on.isoformat(),
            "recorded_at": r.recorded_at,
            "bank": r.snapshot.bank_ref,
            "bank_digest": r.snapshot.bank_digest,
            "profile": r.snapshot.profile,
            "respondents": dict(r.snapshot.respondents),
            "overall": rounded(r.snapshot.overall),
            "pillars": {d.id: rounded(d.score) for d in r.snapshot.pillars},
            "benefits": {d.id: rounded(d.score) for d in r.snapshot.benefits},
        }
        for r in records
    ]


def render_records_json(records: Sequence[Record]) -> str:
    """History records as a JSON array."""
    return escape_unsafe(json.dumps(records_to_dicts(records), indent=2, ensure_ascii=False)) + "\n"


def render_records_csv(records: Sequence[Record]) -> str:
    """History records as CSV, one row each, a column per pillar and benefit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    dims = [*(p.id for p in PILLARS), *(b.id for b in BENEFITS)]
    writer.writerow(
        [
            "id",
            "subject",
            "period",
            "assessed_on",
            "bank",
            "profile",
            "respondents",
            "overall",
            *dims,
        ]
    )
    for item in records_to_dicts(records):
        scores = {**item["pillars"], **item["benefits"]}
        writer.writerow(
            [
                item["id"],
                escape.text_cell(item["subject"]),
                escape.text_cell(item["period"]),
                item["assessed_on"],
                escape.text_cell(item["bank"]),
                escape.text_cell(item["profile"]),
                sum(item["respondents"].values()),
                _cell(item["overall"]),
                *(_cell(scores.get(d)) for d in dims),
            ]
        )
    return buffer.getvalue()


def render_comparison_json(c: Comparison) -> str:
    """A comparison as JSON: both records, each dimension's deltas, questions by status."""
    from assess.history.compare import STATUSES

    def dim(d: DimensionDelta) -> dict[str, Any]:
        return {
            "id": d.id,
            "before": rounded(d.before),
            "after": rounded(d.after),
            "delta": rounded(d.delta),
            "like_for_like": rounded(d.like_for_like),
            "question_set_effect": rounded(d.question_set_effect),
        }

    data = {
        "before": {"record": f"{c.before.subject}@{c.before.period}", "bank": c.before.bank_ref},
        "after": {"record": f"{c.after.subject}@{c.after.period}", "bank": c.after.bank_ref},
        "matched_by": "declared changes" if c.map.declared else "question id",
        "overall": dim(c.overall),
        "pillars": [dim(d) for d in c.pillars],
        "benefits": [dim(d) for d in c.benefits],
        "questions": {
            status: [
                {
                    "id": q.id,
                    "previous_id": q.previous_id,
                    "before": rounded(q.before),
                    "after": rounded(q.after),
                }
                for q in c.by_status(status)
            ]
            for status in STATUSES
        },
    }
    return escape_unsafe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def render_trend_csv(trend: Trend) -> str:
    """A trend's rounds as CSV: one row per round, text cells made spreadsheet-safe."""
    frame = trend.frame.copy()
    frame.index = frame.index.map(escape.text_cell)
    frame["bank"] = frame["bank"].map(escape.text_cell)
    return str(frame.to_csv(float_format="%.4f", lineterminator="\n"))


ANSWER_COLUMNS = (
    "subject",
    "period",
    "bank",
    "respondent",
    "role",
    "question",
    "title",
    "section",
    "answer",
    "level",
    "confidence",
    "note",
    "evidence",
)


def render_answers_csv(rows: Sequence[AnswerRow]) -> str:
    """Answers in long form, one row per respondent and question (see `ANSWER_COLUMNS`).

    ``level`` is the number alone (empty for don't know, n/a and unanswered), for sums
    and averages; ``answer`` says it in words. Evidence items are one per line.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ANSWER_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                escape.text_cell(r.subject),
                escape.text_cell(r.period),
                r.bank_ref,
                escape.text_cell(r.respondent),
                r.role,
                r.question,
                escape.text_cell(r.title),
                escape.text_cell(r.section),
                r.answer,
                "" if r.level is None else r.level,
                r.confidence or "",
                escape.text_cell(r.note or ""),
                escape.text_cell("\n".join(r.evidence)),
            ]
        )
    return buffer.getvalue()
