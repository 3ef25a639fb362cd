"""Benchmark: how scoring, validation and the report grow with the size of a bank.

Generates banks of 53, 500 and 1,000 questions (the most a bank may hold; rampac-core's
questions repeated under new ids) with seven respondents each, then times the installed
command on them: score, the PDF report and validating a file of 100,000 unknown answer
ids. Each figure is one cold run with its peak memory (the largest resident set). A
4,000-question bank is refused at once, and that refusal is timed too.

    python benchmarks/bench_scale.py [--sizes 53 500 1000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from common import installed_assess

ROOT = Path(__file__).resolve().parents[1]
RAMPAC = ROOT / "question_banks" / "rampac-core" / "1.0.0.yaml"
ROLES = ("leadership", "security", "development", "development", "operations", "qa", "product")


def write_bank(folder: Path, size: int) -> str:
    """A valid bank ``scale@1.0.0`` of ``size`` questions under ``folder``; its reference."""
    data = yaml.safe_load(RAMPAC.read_text(encoding="utf-8"))
    originals = data["questions"]
    questions = []
    for i in range(size):
        q = dict(originals[i % len(originals)])
        q["id"] = f"SC-{i:04d}"
        q["requires"] = [f"SC-{i - 1:04d}"] if i % 10 and i > 0 else []
        questions.append(q)
    data.update(id="scale", title=f"Scale test bank ({size} questions)", questions=questions)
    data.pop("changes", None)
    target = folder / "scale" / "1.0.0.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return "scale@1.0.0"


def write_answers(folder: Path, size: int) -> list[Path]:
    """Seven respondents' answers to every question, with a note on every fifth."""
    rng = random.Random(size)  # noqa: S311 - test data, not secrets
    paths = []
    for n, role in enumerate(ROLES):
        lines = [
            "schema: assess/answers/v1",
            "bank: scale@1.0.0",
            "subject: Scale test",
            "period: 2026-Q4",
            f"respondent: {{name: Person {n}, role: {role}}}",
            "answers:",
        ]
        for i in range(size):
            level = rng.choice(["0", "1", "2", "3", "4", "unknown", "na"])
            note = f', note: "Because of team {i % 17}"' if i % 5 == 0 else ""
            value = f"{{level: {level}{note}}}" if note else level
            lines.append(f"  SC-{i:04d}: {value}")
        path = folder / f"r{n}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_unknown_ids(folder: Path, count: int) -> Path:
    """An answer file naming ``count`` questions the bank does not have."""
    lines = [
        "schema: assess/answers/v1",
        "bank: scale@1.0.0",
        "subject: S",
        "respondent: {role: qa}",
        "answers:",
        *(f"  ZZ-{i:06d}: 1" for i in range(count)),
    ]
    path = folder / "unknown.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)
"""


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit code of one run of ``command``."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    """Print one row per size and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[53, 500, 1000])
    args = parser.parse_args()
    assess = installed_assess()
    floor = measure([sys.executable, "-c", "import weasyprint"])
    print(f"floor: python -c 'import weasyprint'  {floor[0]:.2f} s  {floor[1]:.0f} MiB")
    print(f"{'questions':>9}  {'measure':<28} {'seconds':>8} {'peak MiB':>9}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_bank(folder / "banks", size)
            files = [str(p) for p in write_answers(folder, size)]
            banks = ["--banks-dir", str(folder / "banks")]
            rows = [
                ("score, 7 respondents", [assess, "score", *files, *banks]),
                (
                    "report PDF, 7 respondents",
                    [assess, "report", *files, *banks, "-o", f"{tmp}/r.pdf"],
                ),
            ]
            if size == args.sizes[-1]:
                unknown = str(write_unknown_ids(folder, 100_000))
                rows.append(("validate 100,000 unknown ids", [assess, "validate", unknown, *banks]))
            for name, command in rows:
                seconds, peak, code = measure(command)
                if code not in (0, 2):
                    raise SystemExit(f"{name}: exit {code}")
                print(f"{size:>9}  {name:<28} {seconds:8.2f} {peak:9.0f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_bank(folder / "banks", 4000)
        files = [str(p) for p in write_answers(folder, 4000)]
        seconds, peak, code = measure([assess, "score", *files, "--banks-dir", f"{tmp}/banks"])
        print(f"{4000:>9}  {'score: refused, exit ' + str(code):<28} {seconds:8.2f} {peak:9.0f}")


if __name__ == "__main__":
    main()
