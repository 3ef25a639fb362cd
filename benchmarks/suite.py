"""The whole benchmark suite: every speed target of the project in one table.

Each target is a ratio to a floor measured in the same run, pair by pair: the import of
the libraries the command cannot do without (typer for the command line, questionary for
the interview, jinja2 for the web questionnaire, WeasyPrint for the PDF, matplotlib and
jinja2 for the HTML, SQLAlchemy for the history). An absolute
time means little on machines whose speed drifts 2-3x. The README's Performance section
is this script's output.

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
from bench_scoring import scorecard_results, write_respondents
from common import installed_assess, median_wall, paired_ratio

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
        py = sys.executable
        typer_floor = [py, "-c", "import typer"]
        pdf_floor = [py, "-c", "import weasyprint"]
        html_floor = [py, "-c", "import matplotlib.pyplot, jinja2"]
        db_floor = [py, "-c", "import sqlalchemy, typer"]
        questionary_floor = [py, "-c", "import questionary"]
        jinja_floor = [py, "-c", "import jinja2"]
        round_file = folder / "round.yaml"
        round_file.write_text(
            "schema: assess/round/v1\nbank: rampac-core@2.0.0\nsubject: Bench\n"
            "period: 2026-Q4\nprofile: balanced\n"
        )
        form = str(folder / "questionnaire.html")
        workbook = str(folder / "round.xlsx")
        repos = scorecard_results(folder / "scorecard", 100)
        observed = str(folder / "observed.yaml")
        html = str(folder / "report.html")
        rows: list[tuple[str, list[str] | None, list[str], float]] = [
            ("assess --help", [assess, "--help"], typer_floor, 3.0),
            ("interview: first question (pty)", None, questionary_floor, 1.5),
            ("form, rampac-core round", [assess, "form", str(round_file), "-o", form, "--force"], jinja_floor, 1.5),
            ("score, 1 file", [assess, "score", files[0], "-f", "json"], typer_floor, 8.0),
            ("score, 1,000 files", [assess, "score", *files, "-f", "json"], typer_floor, 50.0),
            ("report PDF, README example (trend)", [assess, "report", *q4, "--db", report_db, "-o", report, "--force"], pdf_floor, 3.5),
            ("report HTML, README example (trend)", [assess, "report", *q4, "--db", report_db, "-o", html, "--force"], html_floor, 1.5),
            ("record, example round (7 files)", [assess, "record", *q4, "--db", record_db, "--replace"], db_floor, 3.0),
            ("trend, 500 records (table)", [assess, "trend", SUBJECT, "--db", history], db_floor, 5.0),
            ("workbook xlsx, README example", [assess, "score", *q4, "-o", workbook, "--force"], [py, "-c", "import pandas, openpyxl"], 2.0),
        ]  # fmt: skip
        print(
            f"| {'measure':36} | {'floor':32} | {'median':>8} | {'floor':>7} | {'ratio':>6} | {'target':>6} | |"
        )
        print(f"|{'-' * 38}|{'-' * 34}|{'-' * 10}:|{'-' * 9}:|{'-' * 8}:|{'-' * 8}:|---|")
        for name, command, floor, target in rows:
            if command is None:
                pairs = [
                    (time_to_first_question(assess, folder), median_wall(floor, 1))
                    for _ in range(args.interview_runs)
                ]
                ratio = statistics.median(a / b for a, b in pairs)
                seconds = statistics.median(a for a, _ in pairs)
                base = statistics.median(b for _, b in pairs)
            else:
                ratio, seconds, base = paired_ratio(command, floor, args.runs)
            verdict = "ok" if ratio <= target else "**over**"
            shown = "python -c '" + floor[-1] + "'"
            print(
                f"| {name:36} | {shown:32} | {seconds:6.2f} s | {base:5.2f} s | {ratio:5.1f}× "
                f"| {target:5.1f}× | {verdict} |"
            )
        size = Path(form).stat().st_size
        print(f"\nThe questionnaire of rampac-core: {size / 1024:.0f} KB (target: under 300 KB).")
        scorecard = [assess, "evidence", "scorecard", *repos, "--round"]
        scorecard += [str(EXAMPLE / "round-2026-Q4.yaml"), "-o", observed, "--force"]
        _, seconds, base = paired_ratio(scorecard, [py, "-c", "pass"], args.runs)
        print(
            f"Scorecard import of 100 repositories: {seconds:.2f} s, {seconds - base:.2f} s over "
            f"Python's start-up ({base:.2f} s); target: 1 s over it."
        )


if __name__ == "__main__":
    main()
