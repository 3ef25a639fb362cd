"""Offline guarantee: the installed command never opens a network connection.

Every command runs with a ``sitecustomize`` that replaces internet sockets and name
lookups with a tripwire: any attempt is logged and refused. Local IPC (Unix sockets,
pipes) stays allowed; the report's chart process talks to its parent over those.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

ASSESS = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
ROOT = Path(__file__).resolve().parents[1]
Q4 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))
pytestmark = pytest.mark.skipif(not Path(ASSESS).exists(), reason="assess is not installed")

TRIPWIRE = """
import os, socket

_LOG = os.environ["ASSESS_NET_LOG"]
_Socket = socket.socket


def _refuse(what):
    with open(_LOG, "a") as log:
        log.write(f"{os.getpid()} {what}\\n")
    raise OSError(f"network disabled in this test: {what}")


class _Tripwire(_Socket):
    def __init__(self, family=socket.AF_INET, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6):
            _refuse(f"socket({family!r})")
        super().__init__(family, *args, **kwargs)


socket.socket = _Tripwire
socket.create_connection = lambda *a, **k: _refuse(f"create_connection{a!r}")
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo{a!r}")
"""


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    """Environment for a child process with the network tripwire armed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(TRIPWIRE)
    log = tmp_path / "net.log"
    log.write_text("")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
        "ASSESS_NET_LOG": str(log),
        "TERM": "xterm",
    }


def run(args: list[str], env: dict[str, str], cwd: Path) -> None:
    import subprocess

    done = subprocess.run(
        [ASSESS, *args], check=False, env=env, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_tripwire_fires(offline: dict[str, str], tmp_path: Path) -> None:
    """The check itself can fail: a connection attempt is caught and logged."""
    import subprocess

    probe = "import socket; socket.create_connection(('127.0.0.1', 9))"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=False, env=offline, capture_output=True
    )
    assert done.returncode != 0
    assert "create_connection" in Path(offline["ASSESS_NET_LOG"]).read_text()


@pytest.mark.slow
def test_every_job_runs_without_the_network(offline: dict[str, str], tmp_path: Path, reap) -> None:
    child = reap(pexpect.spawn(
        ASSESS,
        ["interview", "healthy-questions@1.0.0", "--subject", "Payments", "--role", "qa",
         "--profile", "balanced", "--name", "Dana", "-o", "dana.yaml"],
        cwd=str(tmp_path), env=offline, encoding="utf-8", timeout=20, dimensions=(40, 100),
    ))  # fmt: skip
    child.expect_exact("1/11 · HQ-01")
    for _ in range(11):
        # Keys typed before a question is drawn are dropped: wait for its last choice.
        child.expect_exact("Stop here (every answer so far is saved)")
        child.send("2\r")
        child.expect_exact("Note (optional, Enter skips)")
        child.send("\r")
    child.expect_exact("11 answers saved in dana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = str(tmp_path / "history.db")
    run(["score", *Q4, "-f", "json", "-o", "result.json"], offline, tmp_path)
    run(["record", *Q4, "--db", db], offline, tmp_path)
    run(["trend", "Harbor Mutual claims platform", "--db", db, "-o", "t.png"], offline, tmp_path)
    run(["report", *Q4, "--db", db, "-o", "report.pdf"], offline, tmp_path)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert Path(offline["ASSESS_NET_LOG"]).read_text() == ""
