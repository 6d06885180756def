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
        descriptor = _locked(lock, operation, os.O_CREAT)
        if descriptor is None:
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
    """Remove ``folder``, its lock file and the folders ``also`` where its lock file is there and no process
    holds it (its holder has ended); leave them where one does, where the lock file is another user's, and
    where there is none (a folder never locked: nothing tells that its maker has ended)."""
    lock = lock_file(folder)
    try:
        descriptor = _locked(lock, fcntl.LOCK_EX | fcntl.LOCK_NB, 0)
    except (FileNotFoundError, PermissionError):
        return
    if descriptor is None:
        return
    if not _is_file_at(descriptor, lock) or os.fstat(descriptor).st_uid != os.getuid():  # removed meanwhile; not ours
        os.close(descriptor)
        return
    for other in also:
        shutil.rmtree(other, ignore_errors=True)
    remove_locked_folder(folder, descriptor)


def lock_file(folder: Path) -> Path:
    """The file whose lock holds ``folder``: ``<folder>.lock``, beside it."""
    return folder.with_name(folder.name + _LOCK_SUFFIX)


def _locked(lock: Path, operation: int, flags: int) -> int | None:
    """A descriptor of the file ``lock``, opened read-write with ``flags``, that holds
    ``fcntl.flock(descriptor, operation)``; None where ``operation`` has ``LOCK_NB`` and another holds a lock
    in the way."""
    descriptor = os.open(lock, os.O_RDWR | flags, 0o666)
    try:
        fcntl.flock(descriptor, operation)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _is_file_at(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False
