"""Fault injection: unwritable, missing and full destinations, killed writers, Ctrl-C.

Each fault gets one clear message and exit 2 (130 for Ctrl-C), and whatever was there
before is left intact.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.cli.app import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
Q4 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))
as_root = pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every fsync fail as a full disk does."""

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)


@pytest.mark.parametrize(
    "command",
    [
        ["report", *Q4, "-f", "md"],
        ["score", *Q4, "-f", "json"],
        ["template", "healthy-questions"],
    ],
    ids=["report", "score", "template"],
)
def test_full_disk_keeps_the_previous_file(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("previous")
    full_disk(monkeypatch)
    result = runner.invoke(app, [*command, "-o", str(out)])
    assert result.exit_code == 3  # the machine failed, not the input
    assert result.stderr == f"error: cannot write {out}: No space left on device\n"
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_missing_folder_for_the_report(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "report.md"
    result = runner.invoke(app, ["report", *Q4, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {out}: folder {out.parent} does not exist\n"


@as_root
def test_read_only_folder_for_the_report_and_the_history(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = runner.invoke(app, ["report", *Q4, "-o", str(folder / "r.md")])
        assert result.exit_code == 2
        assert result.stderr == f"error: cannot write {folder / 'r.md'}: Permission denied\n"
        result = runner.invoke(app, ["record", *Q4, "--db", str(folder / "h.db")])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: cannot use the history at {folder / 'h.db'}: ")
    finally:
        folder.chmod(0o755)


def test_history_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "h.db"
    result = runner.invoke(app, ["record", *Q4, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_ctrl_c_while_rendering_leaves_no_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.report import render

    def interrupted(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "html_to_pdf", interrupted)
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", *Q4, "-o", str(out)])
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"
    assert list(tmp_path.iterdir()) == []


# Four whole records, then a fifth that stops inside its transaction (after its first
# score row is written) and says so: the kill then lands mid-transaction, every time.
KILLED_WRITER = """
import dataclasses, pickle, sys, time
from sqlalchemy import event
from assess.history.store import HistoryStore
snapshot = pickle.loads(open(sys.argv[1], "rb").read())
with HistoryStore(sys.argv[2]) as store:
    for i in range(4):
        store.record(dataclasses.replace(snapshot, period=f"p{i}"))

    @event.listens_for(store.engine, "after_cursor_execute")
    def halfway(conn, cursor, statement, *args):
        if "assess_scores" in statement:
            print("inside", flush=True)
            time.sleep(600)

    store.record(dataclasses.replace(snapshot, period="killed"))
"""


def test_killed_record_leaves_the_history_consistent(tmp_path: Path, reap) -> None:
    import pickle

    from helpers import example_snapshot

    frozen = tmp_path / "snapshot.pickle"
    frozen.write_bytes(pickle.dumps(example_snapshot("2026-Q4")))
    db = tmp_path / "h.db"
    proc = reap(
        subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(frozen), str(db)],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"inside\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT a.id, (SELECT count(*) FROM assess_scores s WHERE s.assessment_id = a.id),"
            " (SELECT count(*) FROM assess_questions q WHERE q.assessment_id = a.id)"
            " FROM assess_assessments a"
        ).fetchall()
    assert len(rows) == 4  # the fifth, killed mid-way, left nothing
    # Every record is whole: 6 pillars + 6 benefits, and all 81 questions; none is partial.
    assert {(scores, questions) for _, scores, questions in rows} == {(12, 81)}
    result = runner.invoke(app, ["history", "--db", str(db), "-f", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(rows) + 1


def test_unwritable_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal where permissions cannot be tested (as root): creation is denied."""
    import tempfile

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    out = tmp_path / "report.md"
    out.write_text("previous")
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = runner.invoke(app, ["report", *Q4, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {out}: Permission denied\n"
    assert out.read_text() == "previous"
