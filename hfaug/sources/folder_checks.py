"""The checks that refuse a folder whose data files `datasets` would leave out or read as another split (``Test.csv``
as ``train``, ``train.CSV``), and the folder's files as messages name them."""

from __future__ import annotations

import os
from pathlib import Path

from datasets.utils.file_utils import SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL

from hfaug.errors import HfaugError
from hfaug.held_out import is_held_out
from hfaug.sources.data_files import named_held_out

_FILES_TO_RENAME = "Rename them (e.g. Test.csv to test.csv)"
EACH_FILE_ALONE = "pass each file alone: --dataset FILE --split NAME"


def refuse_unread_files(folder: Path, read: dict[str, list[Path]], found: list[Path]) -> None:
    """Refuse a folder holding data files (``found``: see :func:`hfaug.sources.data_files.data_files_in`) that no
    split reads (``Test.csv``, a ``train.jsonl`` beside ``train.csv``): their rows would be lost without a word."""
    taken = {os.path.realpath(file) for files in read.values() for file in files}
    unread = [file for file in found if os.path.realpath(file) not in taken]
    if unread:
        reads = ", ".join(f"{split!r} from {listed(folder, files)}" for split, files in read.items())
        raise HfaugError(
            f"no split of the folder {str(folder)!r} reads {listed(folder, unread)} (it reads {reads}): `datasets` takes "
            "split names from lower-case file names (train.csv, test.csv, validation.csv) and reads one file type per "
            f"folder. {_FILES_TO_RENAME}, move out those that hold no rows, or {EACH_FILE_ALONE}"
        )


def refuse_capital_extensions(folder: Path, found: list[Path]) -> None:
    """Refuse a folder holding data files (``found``) whose type is written in capitals (``train.CSV``): `datasets`
    knows file types by lower-case extensions only, so it finds no data, or takes them for another type."""
    capitals = [file for file in found if not _type_suffix(file.name).islower()]
    if capitals:
        name = capitals[0].name
        suffix = _type_suffix(name)
        raise HfaugError(
            f"the folder {str(folder)!r} holds {listed(folder, capitals)}, whose type is written in capitals: `datasets` "
            f"reads data files by lower-case extensions only. Rename them (e.g. {name} to "
            f"{name.removesuffix(suffix)}{suffix.lower()}), or {EACH_FILE_ALONE}"
        )


def _type_suffix(name: str) -> str:
    """The extension of the file ``name`` by which its type is known, as written: ``.CSV``, ``.jsonl.gz``."""
    path = Path(name)
    if path.suffix.lower().lstrip(".") in SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL:
        return Path(path.stem).suffix + path.suffix
    return path.suffix


def refuse_held_out_files_as_others(folder: Path, read: dict[str, list[Path]]) -> None:
    """Refuse a folder where a split that is not held out reads files named as held-out ones: `datasets` reads
    ``Train.csv``, ``Test.csv`` and ``Dev.csv`` all as ``train``, whose rows are augmented."""
    for split, files in read.items():
        misread = [file for file in files if not is_held_out(split) and named_held_out(_within(folder, file), split)]
        if misread:
            raise HfaugError(
                f"split {split!r} of the folder {str(folder)!r} reads {listed(folder, misread)}, whose names say "
                "they are held out: `datasets` takes split names from lower-case file names only, so it took them for "
                f"training rows. {_FILES_TO_RENAME}, or {EACH_FILE_ALONE}"
            )


def folder_contents(folder: Path) -> str:
    """``it holds a.txt, b``, or ``it is empty``: what ``folder`` holds (its first few entries), for messages."""
    names = sorted(child.name for child in folder.iterdir())
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"it holds {shown}" if names else "it is empty"


def listed(folder: Path, files: list[Path]) -> str:
    """The first few of ``files``, by their path within ``folder``, and how many more."""
    shown = ", ".join(repr(str(_within(folder, file))) for file in sorted(files)[:3])
    return shown + (f" and {len(files) - 3} more" if len(files) > 3 else "")


def _within(folder: Path, file: Path) -> Path:
    """The path of ``file`` within ``folder``, which `datasets` names past a link to it (by its real path)."""
    real = Path(os.path.realpath(folder))
    return file.relative_to(folder if file.is_relative_to(folder) else real)
