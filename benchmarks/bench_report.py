"""Benchmark: the full PDF report of the bundled example, cold process, median of runs.

Target (issue 5): within 3 s wall. Measures the report of Q4 with Q2 (as
the earlier round for trends) and the report without trends.

    python benchmarks/bench_report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import installed_assess, median_wall

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-mutual"


def main() -> None:
    """Print medians beside the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    assess = installed_assess()
    q4 = sorted(str(p) for p in (EXAMPLE / "2026-Q4").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.pdf")
        rows = [
            (
                "report PDF, with trends (--previous)",
                [assess, "report", *q4, "--previous", str(EXAMPLE / "2026-Q2"), "-o", out],
            ),
            ("report PDF, one round", [assess, "report", *q4, "-o", out]),
            ("report HTML, one round", [assess, "report", *q4, "-o", out.replace(".pdf", ".html")]),
        ]
        print(f"{'measure':42} {'median':>8} {'target':>7}")
        for name, command in rows:
            seconds = median_wall(command, args.runs)
            verdict = "ok" if seconds <= 3.0 else "SLOW"
            print(f"{name:42} {seconds:7.2f}s {3.0:6.1f}s  {verdict}")


if __name__ == "__main__":
    main()
