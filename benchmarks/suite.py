"""The whole benchmark suite: every speed target of the project in one table.

Medians of cold runs of the installed command, beside each target and beside two floors
no command of ours can beat: starting Python (`python -c pass`) and importing typer.
The README's Performance section is this script's output.

    python benchmarks/suite.py [--runs 5] [--interview-runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench_history import SUBJECT, fill_history
from bench_interview import time_to_first_question
from bench_report import history_with_q2
from bench_scoring import write_respondents
from common import installed_assess, median_wall

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-mutual"


def main() -> None:
    """Print one row per measure: median, target, verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--interview-runs", type=int, default=15)
    args = parser.parse_args()
    assess = installed_assess()
    q4 = [str(p) for p in sorted((EXAMPLE / "2026-Q4").glob("*.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [str(p) for p in write_respondents(folder, 1000)]
        history = str(folder / "trend.db")
        fill_history(history, 500)
        record_db = str(folder / "record.db")
        report = str(folder / "report.pdf")
        report_db = history_with_q2(assess, folder / "report.db")
        rows: list[tuple[str, list[str] | None, float | None]] = [
            ("floor: python -c pass", [sys.executable, "-c", "pass"], None),
            ("floor: python -c 'import typer'", [sys.executable, "-c", "import typer"], None),
            ("assess --help", [assess, "--help"], None),
            ("interview: first question (pty)", None, 0.35),
            ("score, 1 file", [assess, "score", files[0], "-f", "json"], 0.5),
            ("score, 1,000 files", [assess, "score", *files, "-f", "json"], 3.0),
            ("report PDF, README example (trend)", [assess, "report", *q4, "--db", report_db, "-o", report], 3.0),
            ("record, example round (7 files)", [assess, "record", *q4, "--db", record_db, "--replace"], 0.5),
            ("trend, 500 records (table)", [assess, "trend", SUBJECT, "--db", history], 1.5),
        ]  # fmt: skip
        print(f"| {'measure':36} | {'median':>8} | {'target':>7} | |")
        print(f"|{'-' * 38}|{'-' * 10}:|{'-' * 9}:|---|")
        for name, command, target in rows:
            if command is None:
                times = [time_to_first_question(assess, folder) for _ in range(args.interview_runs)]
                seconds = statistics.median(times)
            else:
                seconds = median_wall(command, args.runs)
            shown = "" if target is None else f"{target:.2f} s"
            verdict = "" if target is None else ("ok" if seconds <= target else "**over**")
            print(f"| {name:36} | {seconds:6.2f} s | {shown:>7} | {verdict} |")


if __name__ == "__main__":
    main()
