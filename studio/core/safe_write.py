"""Every file the app exports is written here, so that a write never lies.

- Only regular files are written. A target that exists and is something else (a device such
  as /dev/full, a named pipe, a socket, a folder) is refused and left as it is: replacing it
  with a file, as a rename does, would break the system (as root, /dev/full became a file).
- A symbolic link is written through: its target gets the new contents and the link stays,
  because the learner pointed the link at where they keep that file. A link to something
  that is not a regular file is refused like the thing itself.
- The contents go to a temporary file beside the target, are flushed and fsynced, and only
  then renamed over it; a write that fails (a full disk, a file-size limit) raises OSError and
  leaves the target untouched, so the caller reports it instead of "wrote N records".
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_UMASK = os.umask(0)
os.umask(_UMASK)

KINDS = {stat.S_IFDIR: "a folder", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
         stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket"}


class NotARegularFile(OSError):
    """The target exists and is not a regular file: nothing was written."""


def target(path: Path | str) -> Path:
    """Where writing `path` puts the bytes: the file itself, or the end of its chain of links."""
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(mode):
        kind = KINDS.get(stat.S_IFMT(mode), "not a regular file")
        where = "" if real == Path(path).absolute() else f" ({path} links to {real})"
        raise NotARegularFile(errno.EINVAL, f"it is {kind}, not a regular file; it was left as it is{where}",
                              str(path))
    return real


@contextlib.contextmanager
def atomic_open(path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """`with atomic_open(path) as f: f.write(...)`: the file appears whole, or not at all."""
    real = target(path)
    real.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(real.parent)


def write_text(path: Path | str, text: str) -> Path:
    with atomic_open(path, "w") as f:
        f.write(text)
    return Path(path)


def write_bytes(path: Path | str, data: bytes) -> Path:
    with atomic_open(path, "wb") as f:
        f.write(data)
    return Path(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder fsync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
