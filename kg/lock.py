"""One writer at a time: builds, adds and removes take an exclusive lock on the output folder
(and the sources folder), so that two of them never interleave their writes."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import KGError

LOCK_NAME = ".kg.lock"


class LockedError(KGError):
    """Another kg process holds the lock."""


@contextmanager
def waiting(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` for a short step (created if need be),
    waiting for whoever holds it: for read-modify-write steps that concurrent processes take
    in turn rather than refuse."""
    with open(path, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


@contextmanager
def exclusive(*folders: Path) -> Iterator[None]:
    """Hold the lock of each folder for the duration of the block, or fail at once."""
    handles = []
    try:
        for folder in dict.fromkeys(f.resolve() for f in folders):  # one lock per folder, even if named twice
            path = folder / LOCK_NAME
            try:
                folder.mkdir(parents=True, exist_ok=True)
                f = open(path, "a+")  # noqa: SIM115 - held open until the block ends
            except OSError as e:
                raise KGError(f"{folder}: cannot write there ({e.strerror or e})") from None
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                f.seek(0)
                holder = f.read().strip() or "another process"
                f.close()
                raise LockedError(f"{folder}: another kg build, add or remove is running ({holder}); "
                                  "wait for it to finish") from None
            f.seek(0)
            f.truncate()
            f.write(f"pid {os.getpid()}")
            f.flush()
            handles.append(f)
        yield
    finally:
        for f in handles:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            f.close()
