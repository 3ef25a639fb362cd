"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path


def median_wall(command: list[str], runs: int) -> float:
    """Median wall time, in seconds, of ``runs`` runs of ``command`` (which must succeed)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def paired_ratio(command: list[str], floor: list[str], runs: int) -> tuple[float, float, float]:
    """(median ratio, median seconds, median floor seconds) over ``runs`` pairs.

    The command and its floor run in turn, and the ratio is taken pair by pair: these
    machines drift 2-3x within a session, so only a ratio measured side by side means
    something.
    """
    ratios, ours, floors = [], [], []
    for _ in range(runs):
        base = _wall(floor)
        took = _wall(command)
        ratios.append(took / base)
        ours.append(took)
        floors.append(base)
    return statistics.median(ratios), statistics.median(ours), statistics.median(floors)


def print_rows(rows: list[tuple[str, list[str], float]], runs: int) -> None:
    """Time each (name, command, target) row and print its median beside the target."""
    print(f"{'measure':36} {'median':>9} {'target':>8}")
    for name, command, target in rows:
        seconds = median_wall(command, runs)
        verdict = "ok" if seconds <= target else "SLOW"
        print(f"{name:36} {seconds:8.3f}s {target:7.1f}s  {verdict}")


def installed_assess() -> str:
    """Path of the installed `assess` command; exits with advice when there is none.

    The package's bytecode is compiled first, as pip compiles an installed wheel's: an
    editable install under PYTHONDONTWRITEBYTECODE would compile every module in every
    run, which the floors, installed libraries, never do.
    """
    assess = shutil.which("assess")
    if assess is None:
        raise SystemExit("install the project first: pip install -e .")
    import compileall

    import assess as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    return assess
