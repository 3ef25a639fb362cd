"""The one boundary between the core and the user: errors become messages and exit codes.

Exit codes: 0 ok, 1 check failed, 2 invalid input or usage, 3 environment failure (disk
full, database unreachable or locked, a helper process died) or an internal error,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP).

Every command runs inside `boundary` (through the root command group, `Guarded` in
`assess.cli.app`), so the same rules hold when typer's test runner calls the app; `main`
adds the same rules for the moments before and after a command (start-up, exit), and
installs the signal handlers first of all. This module imports only the standard
library at start, so that it is in charge within milliseconds of the process starting.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

from assess.base.errors import (
    STOP_REQUESTS,
    AssessError,
    ExitCode,
    InputError,
    Terminated,
    UsageError,
)
from assess.base.words import count, printable

DEBUG_ENV = "ASSESS_DEBUG"


def debugging(flag: bool = False) -> bool:
    """``--debug`` was given, or ``ASSESS_DEBUG`` is set to something other than 0."""
    return flag or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _say(text: str) -> None:
    with suppress(BrokenPipeError):  # nobody reads stderr any more; the exit code tells
        print(printable(text), file=sys.stderr, flush=True)


@contextmanager
def boundary(debug: bool = False) -> Iterator[None]:
    """Turn what escapes a command into a message on stderr and `typer.Exit` with its code.

    A user's mistake is one message per problem and exit 2; an unexpected exception is a
    bug: one line asking for a report, and the traceback only with ``debug``.
    """
    import typer

    try:
        yield
        sys.stdout.flush()  # a closed pipe shows here, while we can still say how to exit
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # typer's own: --help, usage errors
    except BaseException as err:  # noqa: BLE001 - this is the boundary
        raise typer.Exit(_report(err, debug)) from None


def _report(err: BaseException, debug: bool) -> int:
    """Say what happened, once, and return the exit code it stands for."""
    if isinstance(err, InputError):
        for problem in err.problems:
            _say(str(problem))
        files = len({p.file for p in err.problems})
        _say(f"error: {count(len(err.problems), 'problem')} in {count(files, 'file')}")
        return int(err.exit_code)
    if isinstance(err, AssessError):
        _say(f"{err.prefix}{err}")
        if debug:
            _say(traceback.format_exc())
        return int(err.exit_code)
    if isinstance(err, KeyboardInterrupt):
        _say("interrupted")
        return int(ExitCode.INTERRUPTED)
    if isinstance(err, Terminated):
        _say("terminated" if err.signum == signal.SIGTERM else "hung up")
        return 128 + err.signum
    if isinstance(err, BrokenPipeError):
        # The reader stopped reading (`| head`): nothing is wrong on our side.
        _quiet_stdout()
        return int(ExitCode.OK)
    if isinstance(err, SystemExit):
        raise err
    if debug:
        _say(traceback.format_exc())
    _say(
        f"internal error: {type(err).__name__}: {err}; please report this"
        + ("" if debug else f" (run with --debug or {DEBUG_ENV}=1 for the traceback)")
    )
    return int(ExitCode.ENVIRONMENT)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _check_arguments(args: list[str]) -> None:
    """Refuse command-line arguments that are not valid UTF-8.

    Python keeps such bytes as lone surrogates, which nothing can print or store.

    Raises:
        UsageError: naming the first such argument.
    """
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            raise UsageError(f"argument {shown!r} is not valid UTF-8 text") from None


def _terminate(signum: int, frame: FrameType | None) -> None:
    STOP_REQUESTS.append(signum)
    raise Terminated(signum)


def main() -> None:
    """Console-script entry point."""
    # SIGTERM and SIGHUP unwind like Ctrl-C: a file being written is removed, not left
    # half done, and a helper process is stopped.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    code = 0
    try:
        _check_arguments(sys.argv[1:])
        from assess.cli.app import app

        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException as err:  # noqa: BLE001 - before or after a command: the same rules
        code = _report(err, debugging("--debug" in sys.argv))
    finally:
        # Skip the collector's last sweep at exit: after a PDF it walks a million
        # layout objects for a quarter of a second, memory the OS frees at once anyway.
        import gc

        gc.freeze()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    sys.exit(code)
