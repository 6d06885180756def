"""Cache folders that cannot be written, told as such with the variable that moves them."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hfaug.errors import HfaugError

NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST})
"""The ``errno`` values of a folder that cannot be made or written: not ours, read-only, under or at a file."""


@contextlib.contextmanager
def unwritable_cache_explained(cache: str, what: str, variable: str) -> Iterator[None]:
    """Tell an error writing in the ``what`` folder ``cache`` (under a HOME that does not exist, on a read-only
    disk, at a file) as such, naming ``variable``, which moves it: the system's error names only a path."""
    try:
        yield
    except OSError as error:
        cache = os.path.abspath(cache)
        if error.errno not in NOT_WRITABLE or not _on_the_way_to(cache, error.filename):
            raise
        raise HfaugError(
            f"the {what} folder {cache!r} is not writable ({error.strerror}: {error.filename!r}); set {variable} to a "
            "folder you can write"
        ) from error


def _on_the_way_to(cache: str, filename: Any) -> bool:
    """Whether ``filename`` (of an error) is the ``cache`` folder, within it, or a folder above it (which making it
    needs)."""
    if not isinstance(filename, str):
        return False
    path, folder = Path(os.path.abspath(filename)), Path(cache)
    return path == folder or folder in path.parents or path in folder.parents
