"""Folders held by a process: a lock the system releases when the process ends, however it ends."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

_LOCK_SUFFIX = ".lock"


def lock_folder(folder: Path, operation: int, *, fresh: bool = False) -> int | None:
    """Lock ``folder``, creating it if needed, with ``fcntl.flock(descriptor, operation)`` on a file
    beside it (``<folder>.lock``): a lock that the system releases when the process ends, however
    it ends. Returns the descriptor that holds it, or None where ``operation`` has ``LOCK_NB`` and
    another holds a lock in the way. A folder removed by the holder of the lock before it let go
    (:func:`remove_locked_folder`) is made again and locked anew. With ``fresh``, the folder is
    emptied once locked (of what a process killed while it held it left there)."""
    lock = lock_file(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, operation)
        except BlockingIOError:
            os.close(descriptor)
            return None
        if _is_file_at(descriptor, lock):
            if fresh:
                shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(exist_ok=True)
            return descriptor
        os.close(descriptor)


def remove_locked_folder(folder: Path, descriptor: int) -> None:
    """Remove ``folder`` and its lock file, then release the lock that ``descriptor`` holds (in this
    order: a process waiting for the lock finds them gone and locks a folder made anew)."""
    shutil.rmtree(folder, ignore_errors=True)
    lock_file(folder).unlink(missing_ok=True)
    os.close(descriptor)


def remove_unheld_folder(folder: Path, *also: Path) -> None:
    """Remove ``folder``, its lock file and the folders ``also`` where no process holds its lock (its holder
    has ended); leave them where one does, or where the lock file is another user's."""
    try:
        lock = lock_folder(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except PermissionError:
        return
    if lock is not None:
        for other in also:
            shutil.rmtree(other, ignore_errors=True)
        remove_locked_folder(folder, lock)


def lock_file(folder: Path) -> Path:
    """The file whose lock holds ``folder``: ``<folder>.lock``, beside it."""
    return folder.with_name(folder.name + _LOCK_SUFFIX)


def _is_file_at(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False
