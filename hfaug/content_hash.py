"""Content revisions of local files and folders, which pin what a configuration points to.

A revision is ``content-<hash>`` of the files' bytes and their names relative to the folder,
hidden files and folders left out. It is worked out once per process for the same names,
sizes and modification times.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

CONTENT_PREFIX = "content-"
_CHUNK = 1 << 20

_known: dict[tuple[str, tuple[tuple[str, int, int], ...]], str] = {}


def content_revision(path: str | Path) -> str:
    """``content-<hash>`` of the file ``path``, or of the files in the folder ``path`` and its subfolders."""
    path = Path(path)
    if not path.is_dir():
        return files_revision(path.parent, [path])
    return files_revision(
        path,
        sorted(
            file for file in path.rglob("*")
            if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
        ),
    )


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
