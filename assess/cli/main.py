"""The one boundary between the core and the user: errors become messages and exit codes.

Exit codes: 0 ok, 1 check failed, 2 invalid input or usage, 3 environment failure (disk
full, database unreachable or locked, a helper process died) or an internal error,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP).

Every command runs inside `boundary` (through `Guarded`, the root command group), so
the same rules hold when typer's test runner calls the app directly.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from assess.base.errors import AssessError, ExitCode, InputError, Terminated
from assess.base.words import count, printable

DEBUG_ENV = "ASSESS_DEBUG"


class Guarded(TyperGroup):
    """The root command group: runs every command inside `boundary`."""

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; errors leave as a message and an exit code."""
        debug = bool(ctx.params.get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")
        with boundary(debug):
            return super().invoke(ctx)


def _say(text: str) -> None:
    typer.echo(printable(text), err=True)


@contextmanager
def boundary(debug: bool = False) -> Iterator[None]:
    """Turn what escapes a command into a message on stderr and `typer.Exit` with its code.

    A user's mistake is one message per problem and exit 2; an unexpected exception is a
    bug: one line asking for a report, and the traceback only with ``debug``.
    """
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # typer's own: --help, usage errors
    except InputError as err:
        for problem in err.problems:
            _say(str(problem))
        files = len({p.file for p in err.problems})
        _say(f"error: {count(len(err.problems), 'problem')} in {count(files, 'file')}")
        raise typer.Exit(int(err.exit_code)) from None
    except AssessError as err:
        _say(f"{err.prefix}{err}")
        if debug:
            _say(traceback.format_exc())
        raise typer.Exit(int(err.exit_code)) from None
    except KeyboardInterrupt:
        _say("interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except Terminated as err:
        _say("terminated" if err.signum == signal.SIGTERM else "hung up")
        raise typer.Exit(128 + err.signum) from None
    except Exception as err:  # noqa: BLE001 - the last line of defence against a traceback
        if debug:
            _say(traceback.format_exc())
        _say(
            f"internal error: {type(err).__name__}: {err}; please report this"
            + ("" if debug else f" (run with --debug or {DEBUG_ENV}=1 for the traceback)")
        )
        raise typer.Exit(int(ExitCode.ENVIRONMENT)) from None


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def main() -> None:
    """Console-script entry point."""
    from assess.cli.app import app

    # SIGTERM and SIGHUP unwind like Ctrl-C: a file being written is removed, not left
    # half done, and a helper process is stopped.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    try:
        app()
    finally:
        # Skip the collector's last sweep at exit: after a PDF it walks a million
        # layout objects for a quarter of a second, memory the OS frees at once anyway.
        import gc

        gc.freeze()
