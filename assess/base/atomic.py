"""Write files atomically, so an interrupted or failed write never leaves half a file.

Only a regular file (or a new path) is replaced, by a temporary file renamed over it. A
link is followed and its target written, so the link stays. A character device or a
FIFO (``/dev/stdout``, ``/dev/null``, a pipe) is written through, not replaced; a
folder, a block device or a socket is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from assess.base.errors import AssessError, EnvironmentFailure

# Failures of the machine rather than of the path the user chose: exit 3, not 2.
_ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS})


class WriteError(AssessError):
    """An output file could not be written; the previous file, if any, is untouched."""


class DiskError(EnvironmentFailure, WriteError):
    """The disk failed the write (full, over quota, read-only, I/O error)."""


def _failure(path: Path, err: OSError) -> WriteError:
    kind = DiskError if err.errno in _ENVIRONMENT_ERRNOS else WriteError
    return kind(f"cannot write {path}: {err.strerror}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one step (temporary file, fsync, rename).

    Raises:
        WriteError: the folder is missing or not writable.
        DiskError: the disk is full or failed.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not str(path) or str(path) == ".":
        raise WriteError("the output file name is empty: give -o FILE")
    if path.exists() and not path.is_file():  # a device, pipe or folder, maybe via a link
        _write_through(path, payload)
        return
    path = _target(path)
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WriteError(f"cannot write {path}: folder {folder} does not exist") from None
    except OSError as err:
        raise _failure(path, err) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates 0600; give the file the mode a plain open() would have.
        Path(temp).chmod(_mode_for(path))
        Path(temp).replace(path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        if isinstance(err, OSError):
            raise _failure(path, err) from None
        raise


def _target(path: Path) -> Path:
    """The path to write: a link's final target (so the link survives), else the path."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError) as err:  # a loop of links
        raise WriteError(f"cannot write {path}: {err}") from None


def _write_through(path: Path, payload: bytes) -> None:
    """Write into an existing special file; refuse the kinds that must not be written."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise WriteError(f"cannot write {path}: it is a folder")
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise WriteError(f"cannot write {path}: not a regular file, a terminal or a pipe")
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as err:
        raise _failure(path, err) from None


def _mode_for(path: Path) -> int:
    """The existing file's mode, or the default mode for new files under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
