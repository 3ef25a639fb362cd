"""Run slow work in a forked child while the caller gets on with other work.

Slow imports that do not depend on each other (matplotlib and WeasyPrint for a report;
pydantic-based scoring and SQLAlchemy for a record) then load on two cores at once.
Where the platform cannot fork, the work simply runs in-process, when it is asked for.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from types import TracebackType
from typing import Any, ParamSpec, Self, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Helper:
    """One forked child: it starts ``prepare`` at once, then runs one function for the caller.

    ``prepare`` is for getting ready before the work is known, e.g. importing a slow
    library while the caller computes the function's arguments. Its errors are ignored:
    the function meets them again when it runs. Use as a context manager, so the child
    is stopped on every path.
    """

    def __init__(self, prepare: Callable[[], object] | None = None) -> None:
        self._pool: Any = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(1, initializer=_quietly, initargs=(prepare,))

    def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
        """Start ``fn(*args, **kwargs)``; the returned function waits for its result.

        ``fn`` must be a module-level function, and its arguments, result and any
        exception it raises picklable: they travel to and from the child. The waiter
        raises the exception.
        """
        if self._pool is None:
            value = fn(*args, **kwargs)
            return lambda: value
        pending = self._pool.apply_async(fn, args, kwargs)

        def wait() -> T:
            try:
                result: T = pending.get()
            finally:
                self.close()
            return result

        return wait

    def close(self) -> None:
        """Stop the child (idempotent)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _quietly(prepare: Callable[[], object] | None) -> None:
    # A pool whose initializer raises starts new workers forever: never let it raise.
    try:
        if prepare is not None:
            prepare()
    except Exception:  # noqa: BLE001, S110 - the real work reports the same failure
        pass


def start(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
    """Start ``fn(*args, **kwargs)`` in a fresh child; the returned function waits for it.

    The same contract as `Helper.run`.
    """
    return Helper().run(fn, *args, **kwargs)
