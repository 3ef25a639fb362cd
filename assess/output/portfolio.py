"""The portfolio as JSON (``assess/portfolio/v1``) and as CSV, one row per subject."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from assess.base.framework import BENEFIT_IDS, PILLAR_IDS
from assess.base.words import escape_unsafe
from assess.output import escape
from assess.output.machine import rounded
from assess.portfolio.model import Cell, Move, Portfolio, Ranked, Spread, Standing

PORTFOLIO_SCHEMA = "assess/portfolio/v1"


def _cell(cell: Cell) -> dict[str, Any]:
    return {"score": rounded(cell.score), "target": rounded(cell.target), "gap": rounded(cell.gap)}


def _move(m: Move | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "subject": m.subject,
        "group": m.group,
        "from": m.before_period,
        "to": m.after_period,
        "before": rounded(m.before),
        "after": rounded(m.after),
        "like_for_like": rounded(m.like_for_like),
        "bank_changed": m.bank_changed,
    }


def _standing(s: Standing) -> dict[str, Any]:
    return {
        "subject": s.subject,
        "group": s.group,
        "period": s.period,
        "assessed_on": s.assessed_on.isoformat(),
        "age_days": s.age_days,
        "bank": s.bank_ref,
        "respondents": s.respondents,
        "overall": _cell(s.overall),
        "pillars": {p: _cell(c) for p, c in zip(PILLAR_IDS, s.pillars, strict=True)},
        "benefits": {b: _cell(c) for b, c in zip(BENEFIT_IDS, s.benefits, strict=True)},
        "now": list(s.now),
        "change": _move(s.move),
    }


def _ranked(r: Ranked) -> dict[str, Any]:
    return {
        "subject": r.subject,
        "group": r.group,
        "score": rounded(r.score),
        "gap": rounded(r.gap),
    }


def _spread(s: Spread) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "subjects": s.subjects,
        "min": rounded(s.minimum),
        "q1": rounded(s.lower_quartile),
        "median": rounded(s.median),
        "q3": rounded(s.upper_quartile),
        "max": rounded(s.maximum),
        "mean": rounded(s.mean),
        "at_target": rounded(s.at_target),
        "laggards": [_ranked(r) for r in s.laggards],
        "leaders": [_ranked(r) for r in s.leaders],
    }


def portfolio_to_dict(p: Portfolio) -> dict[str, Any]:
    """The portfolio as JSON-ready data."""
    return {
        "schema": PORTFOLIO_SCHEMA,
        "as_of": p.as_of.isoformat(),
        "group": p.group,
        "period": p.period,
        "stale_after_days": p.stale_after_days,
        "subjects": len(p.current),
        "respondents": p.respondents,
        "banks": dict(p.banks),
        "notes": list(p.notes),
        "groups": [
            {
                "group": g.group,
                "subjects": g.subjects,
                "respondents": g.respondents,
                "overall": rounded(g.overall),
                "pillars": {pid: rounded(v) for pid, v in zip(PILLAR_IDS, g.pillars, strict=True)},
                "at_target": rounded(g.at_target),
                "stale": g.stale,
            }
            for g in p.groups
        ],
        "pillars": [_spread(s) for s in p.pillars],
        "benefits": [_spread(s) for s in p.benefits],
        "improved": [_move(m) for m in p.improved],
        "regressed": [_move(m) for m in p.regressed],
        "common_now": [
            {
                "bank": c.bank_id,
                "question": c.question,
                "title": c.title,
                "subjects": c.subjects,
                "share": rounded(c.share),
            }
            for c in p.common_now
        ],
        "current": [_standing(s) for s in p.current],
        "stale": [_standing(s) for s in p.stale],
    }


def render_portfolio_json(p: Portfolio) -> str:
    """The portfolio as a JSON document."""
    text = json.dumps(portfolio_to_dict(p), indent=2, ensure_ascii=False)
    return escape_unsafe(text) + "\n"


def render_portfolio_csv(p: Portfolio) -> str:
    """One row per subject (the stale ones flagged): its round, overall, pillar scores and gaps."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "subject",
            "group",
            "stale",
            "period",
            "assessed_on",
            "age_days",
            "bank",
            "respondents",
            "overall",
            "overall_target",
            "overall_change_like_for_like",
            *(f"{p}" for p in PILLAR_IDS),
            *(f"{p}_gap" for p in PILLAR_IDS),
        ]
    )
    for stale, rows in ((False, p.current), (True, p.stale)):
        for s in rows:
            writer.writerow(
                [
                    escape.text_cell(s.subject),
                    escape.text_cell(s.group),
                    "yes" if stale else "no",
                    escape.text_cell(s.period),
                    s.assessed_on.isoformat(),
                    s.age_days,
                    s.bank_ref,
                    s.respondents,
                    _num(s.overall.score),
                    _num(s.overall.target),
                    _num(s.move.like_for_like if s.move else None),
                    *(_num(c.score) for c in s.pillars),
                    *(_num(c.gap) for c in s.pillars),
                ]
            )
    return buffer.getvalue()


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
