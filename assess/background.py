"""Run one slow function in a forked child while the caller gets on with other work.

Two slow imports that do not depend on each other (matplotlib and WeasyPrint for a
report; pydantic-based scoring and SQLAlchemy for a record) then load on two cores at
once. Where the platform cannot fork, the function simply runs first, in-process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def start(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
    """Start ``fn(*args, **kwargs)``; the returned function waits for its result.

    ``fn`` must be a module-level function, and its result and any exception it raises
    picklable: both travel back from the child. The exception is raised by the waiter.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        value = fn(*args, **kwargs)
        return lambda: value
    pool = multiprocessing.get_context("fork").Pool(1)
    pending = pool.apply_async(fn, args, kwargs)

    def wait() -> T:
        try:
            result: T = pending.get()
        finally:
            pool.terminate()
            pool.join()
        return result

    return wait
