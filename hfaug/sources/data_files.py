"""The data files that `datasets` reads rows from, known by their names: the loader of each type, the files of a
folder it reads, and the names that say a file holds held-out data."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from datasets import config as datasets_config
from datasets.data_files import FILES_TO_IGNORE, NON_WORDS_CHARS
from datasets.packaged_modules import _EXTENSION_TO_MODULE
from datasets.utils.file_utils import SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL

from hfaug.held_out import names_held_out

ROW_LOADERS = ("csv", "json", "parquet", "arrow")
"""The loaders of `datasets` that read rows from a data file (``.csv``, ``.tsv``, ``.json``, ``.jsonl``, ``.parquet``,
``.arrow``..., also compressed: ``.jsonl.gz``): those of a single file, and of the files a folder must not leave out."""
DATA_FILE_TYPES = ".csv, .tsv, .json, .jsonl, .parquet or .arrow"
"""The data files a folder or a single file may hold, as messages name them."""
_NOT_DATA = frozenset(FILES_TO_IGNORE)  # the files of a folder that `datasets` never reads as data
TEXT_SUFFIXES = {suffix for suffix, (loader, _) in _EXTENSION_TO_MODULE.items() if loader in ("csv", "json")}
_NAME_DELIMITERS = re.compile(f"[{NON_WORDS_CHARS}/]+")  # those that `datasets` allows around a split's name in a path


def row_loader(name: str) -> tuple[str, dict[str, Any]] | None:
    """The loader of `datasets` that reads rows from the file ``name``, with its options (``sep`` for ``.tsv``), by
    its type in any case, past a compression suffix (``train.jsonl.gz``); None for any other file."""
    suffixes = name.lower().split(".")[1:]
    if suffixes and suffixes[-1] in SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL:
        suffixes.pop()
    loader = _EXTENSION_TO_MODULE.get(f".{suffixes[-1]}") if suffixes else None
    return loader if loader is not None and loader[0] in ROW_LOADERS else None


def declares_data_files(folder: Path) -> bool:
    """Whether the dataset card of ``folder`` names its data files (``configs``, as ``hfaug apply`` writes), which
    leaves out the other files on purpose (a version's ``manifest.json`` and ``preview/``)."""
    from huggingface_hub.repocard import metadata_load

    card = folder / datasets_config.REPOCARD_FILENAME
    return card.is_file() and "configs" in (metadata_load(card) or {})


def named_held_out(relative: Path, split: str) -> bool:
    """Whether a word of the path ``relative`` of a data file, between the delimiters that `datasets` allows around
    a split's name, names a held-out split, and none names ``split`` (as ``train/dev_board.png`` does)."""
    words = [word.casefold() for word in _NAME_DELIMITERS.split(relative.as_posix()) if word]
    return any(map(names_held_out, words)) and not any(word.startswith(split.casefold()) for word in words)


def data_files_in(folder: Path) -> list[Path]:
    """The files within ``folder`` that `datasets` reads rows from (:data:`ROW_LOADERS`), except hidden ones, which
    it leaves out, and those of a folder within whose dataset card names its data files (a version folder)."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _hidden(name) and not declares_data_files(Path(root, name))]
        found += [Path(root, name) for name in files if not _hidden(name) and name not in _NOT_DATA and row_loader(name)]
    return sorted(found)


def _hidden(name: str) -> bool:
    """Whether `datasets` leaves out the file or folder ``name`` of a dataset folder, or it is the lock file
    of a file open in Excel or another office program (``~$train.csv``), which holds no rows."""
    return name.startswith((".", "__")) or is_office_lock(name)


def is_office_lock(name: str) -> bool:
    """Whether ``name`` is the lock file of a file open in Excel or another office program (``~$train.csv``)."""
    return name.startswith("~$")
