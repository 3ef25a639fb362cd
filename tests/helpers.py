"""Helpers shared by test modules (tests/ is on the path: see pyproject's pythonpath)."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from assess.bank.registry import Registry
from assess.history.snapshot import Snapshot
from assess.scoring.files import score_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-mutual"


def example_snapshot(period: str, on: datetime.date = datetime.date(2026, 11, 1)) -> Snapshot:
    """The snapshot of one round of the bundled example, as `assess record` would keep it."""
    scored = score_files(sorted((EXAMPLE / period).glob("*.yaml")), Registry.default())
    return Snapshot.from_result(scored.result, scored.assessment.bank, period, on)


def run_assess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed package's command in its own process, run in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
