"""Benchmark: the full PDF report of the bundled example, cold process, median of runs.

Target (issue 5): within 3 s wall. Measures the README's report (Q4 with Q2 recorded in
the history, so the trend section and chart are in), the same with Q2 given as files
(--previous), the report of one round alone, and the HTML alone.

    python benchmarks/bench_report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from common import installed_assess, print_rows

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-mutual"
TARGET_S = 3.0


def round_files(period: str) -> list[str]:
    """The bundled example's answer files for one period."""
    return sorted(str(p) for p in (EXAMPLE / period).glob("*.yaml"))


def history_with_q2(assess: str, db: Path) -> str:
    """A history holding the example's Q2 round, as the README's main command makes it."""
    record = [assess, "record", *round_files("2026-Q2"), "--date", "2026-05-20", "--db", str(db)]
    subprocess.run(record, check=True, capture_output=True)
    return str(db)


def main() -> None:
    """Print medians beside the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    assess = installed_assess()
    q4 = round_files("2026-Q4")
    with tempfile.TemporaryDirectory() as tmp:
        db = history_with_q2(assess, Path(tmp) / "history.db")
        # Rows without --db must not find the user's own history.
        os.environ["ASSESS_DB"] = str(Path(tmp) / "none.db")
        out = str(Path(tmp) / "report.pdf")
        report = [assess, "report", *q4]
        previous = ["--previous", str(EXAMPLE / "2026-Q2")]
        rows = [
            ("report PDF, trend from history", [*report, "--db", db, "-o", out], TARGET_S),
            ("report PDF, trend from --previous", [*report, *previous, "-o", out], TARGET_S),
            ("report PDF, one round", [*report, "-o", out], TARGET_S),
            ("report HTML, one round", [*report, "-o", out.replace(".pdf", ".html")], TARGET_S),
        ]
        print_rows(rows, args.runs)


if __name__ == "__main__":
    main()
