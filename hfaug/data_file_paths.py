"""Local paths as `datasets` reads data files: as patterns (globs) on fsspec's file systems."""

from __future__ import annotations

import glob
import os

from hfaug.errors import HfaugError

_GLOB_CHARACTERS = "*?["


def literal_pattern(path: str | os.PathLike[str]) -> str:
    """``path`` as a data-file pattern of `datasets` that matches that very file (``[``, ``*`` and ``?`` escaped:
    ``set[12].jsonl`` read ``set1.jsonl`` and ``set2.jsonl``)."""
    _refuse_chained(path)
    return glob.escape(str(path))


def refuse_pattern_folder(path: str | os.PathLike[str]) -> None:
    """Refuse a folder whose path holds glob characters, through which `datasets` looks for the folder's data files
    (it reads other files, or none)."""
    _refuse_chained(path)
    marks = [mark for mark in _GLOB_CHARACTERS if mark in str(path)]
    if marks:
        raise HfaugError(
            f"cannot read the folder {str(path)!r}: `datasets` looks for its data files through a pattern made of its "
            f"path, where {' '.join(repr(mark) for mark in marks)} would match other files (or none); rename the folder "
            "(or the one above it that holds it), or pass its files one by one: --dataset FILE --split NAME"
        )


def _refuse_chained(path: str | os.PathLike[str]) -> None:
    if "::" in str(path):
        raise HfaugError(
            f"cannot read {str(path)!r}: `datasets` reads '::' in a path as a chain of file systems (fsspec's URLs); "
            "rename it without '::'"
        )
