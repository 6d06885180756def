"""Content revisions of local files and folders, which pin what a configuration points to.

A revision is ``content-<hash>`` of the files' bytes and their names relative to the folder
(:func:`visible_files`: hidden files and folders left out, linked folders followed). It is worked out once per process for the same names,
sizes and modification times.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

CONTENT_PREFIX = "content-"
_CHUNK = 1 << 20

_known: dict[tuple[str, tuple[tuple[str, int, int], ...]], str] = {}


def content_revision(path: str | Path) -> str:
    """``content-<hash>`` of the file ``path``, or of the :func:`visible_files` of the folder ``path``."""
    path = Path(path)
    return files_revision(path, visible_files(path)) if path.is_dir() else files_revision(path.parent, [path])


def visible_files(folder: Path) -> list[Path]:
    """The files in ``folder`` and its subfolders, linked ones included (each folder once), in order; hidden files
    and folders (``.git``, macOS's ``._name`` copies) left out."""
    found, walked = [], set()
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in walked:  # a link back to a folder walked already
            folders.clear()
            continue
        walked.add(real)
        # in one order on every machine (a folder's listing order is the file system's), links after folders, so
        # that the files of a folder that a link also reaches are named by their own path where both are inside
        folders[:] = sorted(
            (name for name in folders if not name.startswith(".")), key=lambda name: (os.path.islink(os.path.join(root, name)), name)
        )
        found += [Path(root, name) for name in files if not name.startswith(".") and os.path.isfile(os.path.join(root, name))]
    return sorted(found)


def files_revision(root: Path, files: Sequence[Path]) -> str:
    """``content-<hash>`` of ``files`` (inside the folder ``root``), in the order given."""
    names = [file.relative_to(root).as_posix() for file in files]
    stamps = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in zip(names, map(Path.stat, files)))
    key = (str(root.resolve()), stamps)
    if key not in _known:
        digest = hashlib.blake2b(digest_size=16)
        for name, file in zip(names, files):
            digest.update(name.encode() + b"\0" + _file_digest(file))
        _known[key] = CONTENT_PREFIX + digest.hexdigest()
    return _known[key]


def _file_digest(file: Path) -> bytes:
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.digest()
