"""Benchmark: `assess portfolio` over a synthetic history, as a table and as a PDF.

Targets (issue 16): the table within 3 × `python -c "import sqlalchemy, pandas"`, the PDF
within 5 × `python -c "import weasyprint"` with a memory peak under 500 MB, measured
pair by pair in the same run; and the growth from 50 to 500 subjects (to show it is
linear). The history comes from examples/portfolio/generate.py: subjects in groups,
8 half-yearly rounds each, every round scored by the real scorer.

    python benchmarks/bench_portfolio.py [--sizes 50 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import installed_assess, paired_ratio

ROOT = Path(__file__).resolve().parents[1]


def peak_kb(command: list[str]) -> int:
    """The largest resident set of a child running ``command``, in KB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, capture_output=True)
    return max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    """Print, per size, the table and PDF ratios to their floors and the PDF's peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    assess = installed_assess()
    py = sys.executable
    table_floor = [py, "-c", "import sqlalchemy, pandas"]
    pdf_floor = [py, "-c", "import weasyprint"]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = str(Path(tmp) / f"p{size}.db")
            start = time.perf_counter()
            subprocess.run(
                [py, str(ROOT / "examples/portfolio/generate.py"), "--db", db,
                 "--subjects", str(size), "--groups", str(max(1, size // 20)), "--rounds", "8"],
                check=True, capture_output=True,
            )  # fmt: skip
            made = time.perf_counter() - start
            base = [assess, "portfolio", "--db", db, "--as-of", "2026-12-01"]
            pdf = [*base, "-o", str(Path(tmp) / "p.pdf"), "--force"]
            t_ratio, t_sec, t_floor = paired_ratio(base, table_floor, args.runs)
            p_ratio, p_sec, p_floor = paired_ratio(pdf, pdf_floor, args.runs)
            memory = peak_kb(pdf) / 1024
            print(
                f"{size} subjects (history made in {made:.0f} s): table {t_sec:.2f} s = "
                f"{t_ratio:.1f}x floor {t_floor:.2f} s (target 3x); PDF {p_sec:.2f} s = "
                f"{p_ratio:.1f}x floor {p_floor:.2f} s (target 5x), peak {memory:.0f} MB"
            )


if __name__ == "__main__":
    main()
