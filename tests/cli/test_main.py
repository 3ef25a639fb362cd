"""The one boundary: a bug is one line and exit 3, SIGTERM is 143 and leaves no file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.base.errors import Terminated
from assess.cli.app import app
from assess.scoring import files

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
Q4 = sorted(str(p) for p in (ROOT / "examples" / "harbor-mutual" / "2026-Q4").glob("*.yaml"))


def broken(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("division by zero")


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "score", broken)
    result = runner.invoke(app, ["score", *Q4])
    assert result.exit_code == 3
    assert result.stderr == (
        "internal error: ZeroDivisionError: division by zero; please report this "
        "(run with --debug or ASSESS_DEBUG=1 for the traceback)\n"
    )


@pytest.mark.parametrize("debug", [["--debug"], []])
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, debug: list[str]) -> None:
    monkeypatch.setattr(files, "score", broken)
    if not debug:
        monkeypatch.setenv("ASSESS_DEBUG", "1")
    result = runner.invoke(app, [*debug, "score", *Q4])
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(
        "internal error: ZeroDivisionError: division by zero; please report this\n"
    )


def test_sigterm_is_143_and_leaves_no_file(tmp_path: Path, reap) -> None:
    # The write stalls until killed, so the signal lands inside the command, every time.
    script = (
        "import sys, time\n"
        "from assess.base import atomic\n"
        "def slow(path, data):\n"
        "    print('writing', flush=True); time.sleep(600)\n"
        "atomic.write_atomic = slow\n"
        "sys.argv = ['assess', 'template', '-o', sys.argv[1]]\n"
        "from assess.cli.main import main; main()\n"
    )
    out = tmp_path / "t.yaml"
    proc = reap(
        subprocess.Popen(
            [sys.executable, "-c", script, str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
    )
    assert proc.stdout.readline() == b"writing\n"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert proc.stderr.read() == b"terminated\n"
    assert list(tmp_path.iterdir()) == []


SLOW_REPORT = """
import sys, time
from assess.report import render
real = render.html_to_pdf
def slow(html, template_dir=None):
    print("typesetting", flush=True)
    time.sleep(600)
render.html_to_pdf = slow
sys.argv = ["assess", "report", *sys.argv[2:], "-o", sys.argv[1]]
from assess.cli.main import main; main()
"""


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGTERM, 143, b"terminated\n"), (signal.SIGHUP, 129, b"hung up\n")],
)
def test_a_signal_while_typesetting_leaves_no_file(
    tmp_path: Path, reap, signum: int, code: int, said: bytes
) -> None:
    out = tmp_path / "r.pdf"
    proc = reap(
        subprocess.Popen(
            [sys.executable, "-c", SLOW_REPORT, str(out), *Q4],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
    )
    assert proc.stdout.readline() == b"typesetting\n"  # the helper has drawn and gone
    proc.send_signal(signum)
    assert proc.wait(timeout=30) == code
    assert proc.stderr.read() == said
    assert list(tmp_path.iterdir()) == []


SLOW_DRAWING = """
import os, sys, time
from assess.report import render
def slow(*args, **kwargs):
    print("drawing", os.getpid(), flush=True)
    time.sleep(600)
render.render_html = slow
sys.argv = ["assess", "report", *sys.argv[2:], "-o", sys.argv[1]]
from assess.cli.main import main; main()
"""


def test_sigterm_while_the_helper_draws_stops_the_helper_too(tmp_path: Path, reap) -> None:
    proc = reap(
        subprocess.Popen(
            [sys.executable, "-c", SLOW_DRAWING, str(tmp_path / "r.pdf"), *Q4],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
    )
    word, pid = proc.stdout.readline().split()
    assert word == b"drawing"
    assert int(pid) != proc.pid  # the drawing runs in the helper
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert proc.stderr.read() == b"terminated\n"
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (lambda: Terminated(15), 143, "terminated\n"),
        (lambda: Terminated(1), 129, "hung up\n"),
        (lambda: KeyboardInterrupt(), 130, "interrupted\n"),
        (lambda: BrokenPipeError(), 0, ""),
        (
            lambda: ZeroDivisionError("x"),
            3,
            "internal error: ZeroDivisionError: x; please report this (run with --debug or ASSESS_DEBUG=1 for the traceback)\n",
        ),
    ],
)
def test_main_holds_the_same_rules_outside_a_command(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], raised, code: int, said: str
) -> None:
    # Before a command runs (start-up, option parsing) the boundary is `main` itself.
    import assess.cli.app as app_module
    from assess.cli.main import main

    def app() -> None:
        raise raised()

    monkeypatch.setattr(app_module, "app", app)
    monkeypatch.setattr("assess.cli.main._quiet_stdout", lambda: None)
    monkeypatch.setattr("signal.signal", lambda *args: None)  # keep pytest's own handlers
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == code
    assert capfd.readouterr().err == said
