"""Run slow work in a forked child while the caller gets on with other work.

Slow imports that do not depend on each other (matplotlib and WeasyPrint for a report)
then load on two cores at once. The child is forked, so it starts with the caller's
imports and data; forking is safe on Linux only (macOS frameworks can deadlock in a forked
child), so elsewhere, or when no process can be forked, the work simply runs in-process.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, ParamSpec, Self, TypeVar

from assess.base.errors import STOP_REQUESTS, EnvironmentFailure, Terminated

P = ParamSpec("P")
T = TypeVar("T")


_GRACE_S = 2.0
"""How long a stopped child has to end before it is killed."""
_HELD = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
"""The signals held back while a child is forked."""
_POLL_S = 0.2
"""How often a caller waiting on its helper looks for a stop request."""


class HelperDiedError(EnvironmentFailure):
    """The child process ended without sending back a result."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in the child, attached as its ``__cause__``."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


class Helper:
    """One forked child: it starts ``prepare`` at once, then runs one function for the caller.

    ``prepare`` is for getting ready before the work is known, e.g. importing a slow
    library while the caller computes the function's arguments. Its errors are ignored:
    the function meets them again when it runs. The child ignores Ctrl-C; the caller
    handles it and stops the child. Use as a context manager, so the child is stopped
    on every path.
    """

    def __init__(self, prepare: Callable[[], object] | None = None, *, fork: bool = True) -> None:
        """Fork the child and start ``prepare`` in it; with ``fork=False``, work in-process."""
        self._process: Any = None
        self._conn: Connection | None = None
        if not fork or sys.platform != "linux":
            return
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        # Not a daemon: a helper may start helpers of its own (daemons may not), and every
        # caller closes its helper on every path, so none outlives the command.
        process = context.Process(target=_serve, args=(theirs, ours, prepare), daemon=False)
        # Until the child has its own handlers, the caller's would raise into the child's
        # copy of the caller's stack: hold the signals back over the fork; each process
        # receives its pending ones once it is ready for them.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            try:
                process.start()
            except OSError:
                # No room for another process: the work runs here instead, just later.
                ours.close()
                return
            finally:
                # Only the child holds its end now, so its death reads as end-of-file here.
                theirs.close()
            self._process, self._conn = process, ours
        finally:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            except BaseException:
                # A signal held back over the fork is raised here: stop the child with it.
                self.close()
                raise

    def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
        """Start ``fn(*args, **kwargs)``; the returned function waits for its result.

        ``fn`` must be a module-level function, and its arguments, result and any
        exception it raises picklable: they travel to and from the child. The waiter
        raises the exception, or `HelperDiedError` if the child dies first.
        """
        if self._conn is None:
            value = fn(*args, **kwargs)
            return lambda: value
        conn = self._conn
        conn.send((fn, args, kwargs))

        def wait() -> T:
            try:
                while not conn.poll(_POLL_S):
                    # The handler's raise can be lost (in a finalizer, or a library's
                    # catch-all); its note is not, so nobody waits for unwanted work.
                    if STOP_REQUESTS:
                        raise Terminated(STOP_REQUESTS[-1])
                ok, value = conn.recv()
            except EOFError:
                raise HelperDiedError(self._death()) from None
            finally:
                self.close()
            if not ok:
                err, where = value
                err.__cause__ = RemoteTraceback(where)
                raise err
            result: T = value
            return result

        return wait

    def _death(self) -> str:
        self._process.join(timeout=5)
        code = self._process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return (
            f"a helper process stopped unexpectedly ({how}; out of memory?); "
            "nothing was written: run the command again"
        )

    def close(self) -> None:
        """Stop the child (idempotent)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=_GRACE_S)
            if self._process.is_alive():
                # Caught between fork and its own handlers, a child may not end on SIGTERM.
                self._process.kill()
                self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _end(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _serve(conn: Connection, callers: Connection, prepare: Callable[[], object] | None) -> None:
    """The child: get ready, then run the one function sent and send back its outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The caller's SIGTERM and SIGHUP handlers raise into its own stack; here, end by
    # unwinding, so that a helper of this helper is stopped on the way out.
    signal.signal(signal.SIGTERM, _end)
    signal.signal(signal.SIGHUP, _end)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    # Forked with a copy of the caller's end: close it, so a dead caller reads as EOF.
    callers.close()
    try:
        if prepare is not None:
            prepare()
    except Exception:  # noqa: BLE001, S110 - the real work reports the same failure
        pass
    try:
        fn, args, kwargs = conn.recv()
    except EOFError:  # the caller gave up before sending work
        return
    try:
        outcome: tuple[bool, object] = (True, fn(*args, **kwargs))
    except Exception as err:  # noqa: BLE001 - every failure goes back to the caller
        outcome = (False, (err, traceback.format_exc()))
    try:
        conn.send(outcome)
    except Exception as err:  # noqa: BLE001 - an outcome that cannot be pickled
        failure = RuntimeError(f"cannot send the result back: {err!r}")
        conn.send((False, (failure, traceback.format_exc())))
