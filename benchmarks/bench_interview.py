"""Benchmark: from `assess interview` starting to its first question on screen, in a pty.

Target (issue 4): 0.35 s median. Measured with the default bank (rampac-core) and every
header field given as an option, so the first prompt is the first question.

    python benchmarks/bench_interview.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pexpect
from common import installed_assess


def time_to_first_question(assess: str, folder: Path) -> float:
    """Seconds from spawning the command to the first question's header being printed."""
    answers = folder / "bench.yaml"
    answers.unlink(missing_ok=True)
    env = {**os.environ, "TERM": "xterm"}
    start = time.perf_counter()
    child = pexpect.spawn(
        assess,
        [
            "interview",
            "--subject",
            "Bench",
            "--name",
            "B",
            "--role",
            "qa",
            "--profile",
            "balanced",
            "-o",
            str(answers),
        ],
        env=env,
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 120),
    )
    child.expect(r"1/\d+ · RC-01")  # whatever the bank's length
    elapsed = time.perf_counter() - start
    child.close(force=True)
    return elapsed


def main() -> None:
    """Print the median beside the target, and beside the floors it cannot beat."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    assess = installed_assess()
    with tempfile.TemporaryDirectory() as tmp:
        times = [time_to_first_question(assess, Path(tmp)) for _ in range(args.runs)]
    median = statistics.median(times)
    print(
        f"time to first question: median {median:.3f}s, min {min(times):.3f}s, "
        f"max {max(times):.3f}s over {args.runs} runs (target 0.35s) "
        f"{'ok' if median <= 0.35 else 'SLOW'}"
    )


if __name__ == "__main__":
    main()
