"""Benchmark: `assess score` of one file, and of 1,000 respondent files (full rampac-core).

Targets (issue 3): one file within 0.5 s wall; 1,000 files within 3 s wall. Each figure
is the median of several cold runs of the installed command.

    python benchmarks/bench_scoring.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from common import installed_assess, print_rows

from assess.bank.registry import Registry
from assess.base.framework import ROLES


def write_respondents(folder: Path, count: int) -> list[Path]:
    """``count`` realistic answer files for rampac-core@1.0.0 (seeded, so repeatable)."""
    bank = Registry.default().load("rampac-core").bank
    rng = random.Random(7)  # noqa: S311 - test data, not secrets
    paths = []
    for i in range(count):
        lines = [
            "schema: assess/answers/v1",
            f"bank: {bank.ref}",
            "subject: Benchmark subject",
            "period: 2026-Q4",
            "respondent:",
            f"  name: Respondent {i}",
            f"  role: {ROLES[i % len(ROLES)]}",
            "answers:",
        ]
        for q in bank.questions:
            roll = rng.random()
            value = "unknown" if roll < 0.05 else "na" if roll < 0.07 else str(rng.randint(0, 4))
            lines.append(f"  {q.id}: {value}")
        path = folder / f"r{i:04}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


SCORECARD = Path(__file__).resolve().parents[1] / "examples" / "harbor-mutual" / "scorecard"


def scorecard_results(folder: Path, count: int) -> list[str]:
    """``count`` Scorecard results, the example's eight repositories renamed round robin."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(SCORECARD.glob("*.json"))
    paths = []
    for n in range(count):
        doc = json.loads(sources[n % len(sources)].read_text(encoding="utf-8"))
        doc["repo"]["name"] = f"github.com/bench/repo-{n:03}"
        path = folder / f"repo-{n:03}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    """Print a table of medians beside the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    assess = installed_assess()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_respondents(Path(tmp), 1000)
        rows = [
            ("assess score, 1 file (table)", [assess, "score", str(files[0])], 0.5),
            ("assess score, 1 file (json)", [assess, "score", str(files[0]), "-f", "json"], 0.5),
            (
                "assess score, 1,000 files (json)",
                [assess, "score", *map(str, files), "-f", "json"],
                3.0,
            ),
        ]
        print_rows(rows, args.runs)


if __name__ == "__main__":
    main()
