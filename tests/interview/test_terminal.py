"""The installed `assess interview` command in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

ASSESS = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
pytestmark = pytest.mark.skipif(not Path(ASSESS).exists(), reason="assess is not installed")


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(
        ASSESS, args, cwd=str(cwd), env=env, encoding="utf-8", timeout=15, dimensions=(40, 100)
    )


def test_interrupt_and_resume_in_a_terminal(tmp_path: Path, reap) -> None:
    child = reap(
        spawn(
            [
                "interview",
                "healthy-questions@1.0.0",
                "--subject",
                "Payments",
                "--role",
                "qa",
                "--profile",
                "balanced",
                "-o",
                "dana.yaml",
            ],
            tmp_path,
        )
    )
    child.expect("Your name")
    child.send("Dana\r")
    child.expect_exact("1/11 · HQ-01")
    child.send("2\r")
    child.expect_exact("Note (optional, Enter skips)")
    child.send("pilot only\r")
    child.expect_exact("2/11 · HQ-02")
    child.send("\x03")
    child.expect_exact("interrupted: 1 answer saved in dana.yaml")
    child.expect_exact("resume with: assess interview --resume dana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = (tmp_path / "dana.yaml").read_text()
    assert 'HQ-01: {level: 2, note: "pilot only"}' in saved

    child = reap(spawn(["interview", "--resume", "dana.yaml"], tmp_path))
    child.expect_exact("2/11 · HQ-02")
    for _ in range(10):
        child.send("d\r")
    child.expect_exact("Answers saved in dana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "dana.yaml").read_text()
    assert text.count(": unknown") == 10
    assert 'name: "Dana"' in text
