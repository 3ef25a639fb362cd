"""Benchmark: `assess record` of one assessment, and `assess trend` over 500 records.

Targets (issue 6): record within 0.5 s wall; trend over 500 recorded assessments within
1.5 s wall. Each figure is the median of several cold runs of the installed command,
against an SQLite history in a temporary folder.

    python benchmarks/bench_history.py [--runs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import tempfile
from pathlib import Path

from common import installed_assess, print_rows

from assess.answers.load import load_assessment
from assess.bank.registry import Registry
from assess.history.snapshot import Snapshot
from assess.history.store import HistoryStore
from assess.scoring.results import DimensionFigure
from assess.scoring.score import score
from assess.scoring.targets import from_profile

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-mutual" / "2026-Q4"
SUBJECT = "Benchmark subject"


def fill_history(db: str, count: int) -> None:
    """Record ``count`` rounds of one subject (scores drift from round to round)."""
    assessment = load_assessment(sorted(EXAMPLE.glob("*.yaml")), Registry.default())
    result = score(assessment, from_profile(assessment.bank, assessment.profile))
    base = Snapshot.from_result(result, assessment.bank, "r0000", datetime.date(2000, 1, 1))
    with HistoryStore(db) as store:
        for i in range(count):
            drift = (i % 17) / 17

            def moved(d: DimensionFigure, drift: float = drift) -> DimensionFigure:
                return dataclasses.replace(d, score=min(4.0, (d.score or 0) * 0.6 + drift))

            store.record(
                dataclasses.replace(
                    base,
                    subject=SUBJECT,
                    period=f"r{i:04}",
                    assessed_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=7 * i),
                    pillars=tuple(map(moved, base.pillars)),
                    benefits=tuple(map(moved, base.benefits)),
                )
            )


def main() -> None:
    """Print a table of medians beside the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    assess = installed_assess()
    files = [str(p) for p in sorted(EXAMPLE.glob("*.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        trend_db = str(Path(tmp) / "trend.db")
        fill_history(trend_db, 500)
        record_db = str(Path(tmp) / "record.db")
        rows = [
            (
                "assess record, 7 files",
                [assess, "record", *files, "--db", record_db, "--replace"],
                0.5,
            ),
            (
                "assess trend, 500 records (table)",
                [assess, "trend", SUBJECT, "--db", trend_db],
                1.5,
            ),
            (
                "assess trend, 500 records (png)",
                [assess, "trend", SUBJECT, "--db", trend_db, "-o", str(Path(tmp) / "t.png")],
                1.5,
            ),
        ]
        print_rows(rows, args.runs)


if __name__ == "__main__":
    main()
