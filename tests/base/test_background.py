"""Slow work in a forked child: results and errors come back, and the child always stops."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assess.base import background
from assess.base.background import HelperDiedError
from assess.base.errors import InputError, Problem

PREPARED: list[int] = []


def prepare() -> None:
    PREPARED.append(os.getpid())


def failing_prepare() -> None:
    raise RuntimeError("cannot get ready")


def pid_and_prepared(x: int) -> tuple[int, int, list[int]]:
    return x * 2, os.getpid(), list(PREPARED)


def refuse(path: str) -> None:
    raise InputError([Problem(path, 3, "level", "not a level")])


def test_helper_prepares_in_a_child_then_runs_the_function_there() -> None:
    with background.Helper(prepare) as helper:
        value, pid, prepared = helper.run(pid_and_prepared, 21)()
    assert value == 42
    assert pid != os.getpid()
    assert prepared == [pid]  # prepare ran in that same child, before the function
    assert PREPARED == []  # and not here


def test_a_failing_prepare_does_not_stop_the_work() -> None:
    with background.Helper(failing_prepare) as helper:
        assert helper.run(pid_and_prepared, 1)()[0] == 2


def test_the_functions_error_is_raised_by_the_waiter_with_the_childs_traceback() -> None:
    waiter = background.Helper().run(refuse, "a.yaml")
    with pytest.raises(InputError) as raised:
        waiter()
    assert raised.value.problems == (Problem("a.yaml", 3, "level", "not a level"),)
    cause = raised.value.__cause__
    assert isinstance(cause, background.RemoteTraceback)
    assert 'in refuse\n    raise InputError([Problem(path, 3, "level", "not a level")])' in str(
        cause
    )


def test_leaving_the_block_early_stops_the_child() -> None:
    with pytest.raises(InputError), background.Helper(prepare) as helper:
        raise InputError([Problem("a.yaml", 1, "", "scoring failed before the child had work")])
    assert helper._process is None
    assert not multiprocessing.active_children()


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_that_dies_is_an_environment_failure_not_a_hang() -> None:
    assert HelperDiedError.exit_code == 3
    with pytest.raises(HelperDiedError, match=r"stopped unexpectedly \(killed by signal 9"):
        background.Helper().run(die)()


def test_a_caller_that_dies_takes_its_child_with_it(tmp_path: Path) -> None:
    # The caller is SIGKILLed before sending any work: its child must not wait forever.
    script = (
        "import os, signal, sys\n"
        "from assess.base import background\n"
        "helper = background.Helper()\n"
        "open(sys.argv[1], 'w').write(str(helper._process.pid))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    pid_file = tmp_path / "child.pid"
    subprocess.run([sys.executable, "-c", script, str(pid_file)], timeout=60, check=False)
    assert _ends_within_5_s(int(pid_file.read_text()))


def _ends_within_5_s(pid: int) -> bool:
    """Whether the process ends within 5 s; one that does not is killed, not left behind."""
    for _ in range(100):
        if not _alive(pid):
            return True
        time.sleep(0.05)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        return False
    return True


def _alive(pid: int) -> bool:
    # A zombie waiting for init to reap it has stopped too.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_off_linux_the_work_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # Forking is unsafe on macOS: there, and anywhere but Linux, nothing is forked.
    monkeypatch.setattr(sys, "platform", "darwin")
    with background.Helper(prepare) as helper:
        value, pid, _ = helper.run(pid_and_prepared, 5)()
    assert (value, pid) == (10, os.getpid())


def test_when_no_child_can_start_the_work_runs_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse_fork(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse_fork)
    with background.Helper(prepare) as helper:
        value, pid, _ = helper.run(pid_and_prepared, 4)()
    assert (value, pid) == (8, os.getpid())


def _sleep_long() -> None:
    time.sleep(60)


def test_a_stop_request_ends_a_wait_even_when_its_raise_was_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A SIGTERM handler's raise swallowed by a library's catch-all leaves only its note.
    from assess.base import errors

    monkeypatch.setattr(errors, "STOP_REQUESTS", [])
    monkeypatch.setattr(background, "STOP_REQUESTS", errors.STOP_REQUESTS)
    started = time.monotonic()
    with background.Helper() as helper:
        pending = helper.run(_sleep_long)
        errors.STOP_REQUESTS.append(signal.SIGTERM)
        with pytest.raises(errors.Terminated):
            pending()
    assert time.monotonic() - started < 10


def test_a_child_stopped_before_it_is_ready_ends_quietly() -> None:
    # Stopped between the fork and its own handlers, a child used to run the caller's
    # SIGTERM handler, whose raise printed a traceback from the child.
    script = (
        "import signal\n"
        "from assess.base import background\n"
        "def stop(signum, frame):\n"
        "    raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        "for _ in range(30):\n"
        "    background.Helper().close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")


def _start_a_helper_and_wait(pid_file: str) -> None:
    with background.Helper() as inner:
        Path(pid_file).write_text(str(inner._process.pid))
        inner.run(_sleep_long)()


def test_a_helpers_own_helper_stops_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "inner.pid"
    with background.Helper() as outer:
        outer.run(_start_a_helper_and_wait, str(pid_file))
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
    assert _ends_within_5_s(int(pid_file.read_text()))
