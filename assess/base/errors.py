"""The one error hierarchy of assess, and the exit codes the CLI maps it to.

Every error a user can fix is an `AssessError`; `str(err)` is shown verbatim, without a
traceback. Anything else escaping the core is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """Process exit codes, documented in the README and in ``assess --help``."""

    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2
    ENVIRONMENT = 3
    """The machine failed us, not the input: disk full, database unreachable or locked,
    a helper process died, rendering failed; also an internal error (a bug)."""
    INTERRUPTED = 130
    TERMINATED = 143


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one input file, located as precisely as we can.

    Rendered as ``FILE:LINE: PATH: message (hint)``; parts that are unknown are left out.
    """

    file: str
    line: int | None
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class AssessError(Exception):
    """Base class for errors the user can fix; ``str(err)`` is the message to show."""

    exit_code: ClassVar[ExitCode] = ExitCode.INVALID_INPUT
    prefix: ClassVar[str] = "error: "
    """Printed before the message."""


class UsageError(AssessError):
    """A command was given arguments that cannot work together or name nothing."""


class InputError(AssessError):
    """One or more input files are invalid; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        # Rebuild from the problems (not the message) when unpickled in another process.
        return type(self), (self.problems,)


class BankError(InputError):
    """A question bank failed to load or validate."""


class AnswersError(InputError):
    """An answer file failed to load or validate."""


class BankNotFoundError(AssessError):
    """No bank with the requested id (and version) is on the search path."""


class EnvironmentFailure(AssessError):
    """Something outside the input failed: the disk, the database, a helper process."""

    exit_code = ExitCode.ENVIRONMENT


class CheckFailed(AssessError):
    """`assess check`: at least one condition does not hold; the message lists them."""

    exit_code = ExitCode.CHECK_FAILED
    prefix = ""


class Interrupted(AssessError):
    """The user stopped the command (Ctrl-C); the message says what was kept."""

    exit_code = ExitCode.INTERRUPTED
    prefix = "\n"


STOP_REQUESTS: list[int] = []
"""The signals the process was asked to stop by, noted by the handler before it raises
`Terminated` (for a wait that must not outlast the request; see `assess.base.background`)."""


class Terminated(BaseException):
    """Raised on SIGTERM or SIGHUP, so that files being written are cleaned up on the way out.

    A BaseException, like KeyboardInterrupt: ``except Exception`` must not swallow it.
    The process then exits 128 + the signal's number (143 for SIGTERM, 129 for SIGHUP).
    """

    def __init__(self, signum: int = 15) -> None:
        super().__init__(signum)
        self.signum = signum
