"""Reading a folder: one written by ``save_to_disk``, or one of data files, which `datasets` splits by their names
(or as its dataset card says), after the checks that refuse files it would misread; its errors told in one line."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from datasets import Dataset, DatasetDict, get_dataset_config_names, load_dataset, load_dataset_builder, load_from_disk
from datasets.data_files import EmptyDatasetError
from datasets.exceptions import DataFilesNotFoundError

from hfaug.data_file_paths import refuse_pattern_folder
from hfaug.errors import HfaugError, closest
from hfaug.sources.content_checks import refuse_content_of_another_type, refuse_other_separators
from hfaug.sources.data_files import DATA_FILE_TYPES, ROW_LOADERS, data_files_in, declares_data_files
from hfaug.sources.folder_checks import (
    EACH_FILE_ALONE,
    folder_contents,
    listed,
    refuse_capital_extensions,
    refuse_held_out_files_as_others,
    refuse_unread_files,
)
from hfaug.sources.read_errors import unreadable_told
from hfaug.sources.splits import check_splits, one_split_of
from hfaug.sources.text_encoding import refuse_text_not_utf8

if TYPE_CHECKING:
    from datasets import DatasetBuilder

_CONFIGURATION_ERRORS = ("BuilderConfig ", "Config name is missing")
"""How `datasets` begins its errors for a configuration a folder lacks (``BuilderConfig 'x' not found. Available:
[...]``) and for none given where its card declares several (multi-line, with a Python example)."""


def is_saved(path: Path) -> bool:
    """Whether the folder ``path`` was written by ``save_to_disk``: its ``state.json`` (one dataset) or
    ``dataset_dict.json`` (a `DatasetDict`)."""
    return (path / "state.json").is_file() or (path / "dataset_dict.json").is_file()


def load_folder(path: Path, config: str | None, splits: list[str] | None) -> DatasetDict:
    """The folder's splits (only ``splits`` when given: an empty split elsewhere does not matter)."""
    if not is_saved(path):
        return _load_data_files(path, config, splits)
    one_dataset = (path / "state.json").is_file()
    with unreadable_told(repr(str(path)), []):
        if one_dataset:
            loaded = load_from_disk(str(path))
            return DatasetDict({_saved_split_name(loaded): loaded})
        return _load_saved_splits(path, splits)  # a DatasetDict


def _load_saved_splits(path: Path, splits: list[str] | None) -> DatasetDict:
    names = json.loads((path / "dataset_dict.json").read_text())["splits"]
    check_splits(names, splits, str(path))
    data = {}
    for name in names if splits is None else splits:
        with _empty_split_told(name, path):
            data[name] = load_from_disk(str(path / name))
    return DatasetDict(data)


def _load_data_files(path: Path, config: str | None, splits: list[str] | None) -> DatasetDict:
    """The splits of the data files in the folder ``path``, which `datasets` tells apart by their names (or by
    the ``configs`` of its dataset card, whose files and reading options are left as it says)."""
    refuse_pattern_folder(path)
    declared = declares_data_files(path)
    found = [] if declared else data_files_in(path)
    if not declared:
        refuse_capital_extensions(path, found)
    builder = _folder_builder(path, config)
    read = {str(split): [Path(file) for file in files] for split, files in builder.config.data_files.items()}
    check_splits(list(read), splits, str(path))
    every_file = [file for files in read.values() for file in files]
    if not declared:
        if builder.name in ROW_LOADERS:  # an imagefolder leaves out its other files, and names classes by folder
            refuse_unread_files(path, read, found)
            refuse_held_out_files_as_others(path, read)
        refuse_content_of_another_type(every_file)
        refuse_other_separators(every_file)
    data = {}
    for name in list(read) if splits is None else splits:  # `datasets` reads every split for the first one
        with (
            unreadable_told(repr(str(path)), every_file),
            _folder_unreadable_told(path),
            _empty_split_told(name, path),
            _empty_first_file_told(path, read),
        ):
            data[name] = load_dataset(str(path), name=config, split=name)
        refuse_text_not_utf8(data[name], f"split {name!r} of {str(path)!r}", read.get(name, []))
    return DatasetDict(data)


@contextlib.contextmanager
def _folder_unreadable_told(path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on a folder it cannot split into rows (an imagefolder whose ``metadata.csv``
    files disagree on a column's type) as such, with its reason."""
    try:
        yield
    except ValueError as error:
        raise HfaugError(
            f"`datasets` cannot read the folder {str(path)!r}: {' '.join(str(error).split())}. Fix that, so that "
            "datasets.load_dataset(folder) reads it"
        ) from error


@contextlib.contextmanager
def _empty_first_file_told(path: Path, read: dict[str, list[Path]]) -> Iterator[None]:
    """Tell the error of `datasets` on the first file of the first split (of those ``read``) of the folder ``path``,
    from which it takes every split's columns, when that file holds no rows (a bare `StopIteration`)."""
    try:
        yield
    except StopIteration:
        first_split, files = next(iter(read.items()))
        raise HfaugError(
            f"the data file {str(files[0])!r} (split {first_split!r}) of {str(path)!r} holds no rows, and `datasets` reads "
            "the columns of every split from it; fill or remove it"
        ) from None


@contextlib.contextmanager
def _empty_split_told(name: str, path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on the split ``name`` of the folder ``path`` that holds no rows."""
    try:
        yield
    except (IndexError, ValueError) as error:  # what `datasets` raises for a split without rows
        if not isinstance(error, IndexError) and "corresponds to no data" not in str(error):
            raise
        raise HfaugError(
            f"split {name!r} of {str(path)!r} holds no rows; pass --split (in Python: splits=) for the "
            "splits that have rows, or fill or remove that split"
        ) from None


def _saved_split_name(dataset: Dataset) -> str:
    """The name of the split that a `Dataset` written by ``save_to_disk`` holds rows of: ``train`` for a slice
    of it (``train[:30]``, which :func:`hfaug.sources.splits.saved_slices` records) and for a `Dataset` of no
    split; the rows of several splits keep their name (``train+test``, which a version refuses)."""
    saved = str(dataset.split) if dataset.split is not None else "train"
    return one_split_of(saved) or saved


def _folder_builder(path: Path, config: str | None) -> DatasetBuilder:
    """The builder of `datasets` for the folder, whose ``config.data_files`` name its splits and the files each
    reads; a folder of several file types told so."""
    try:
        return load_dataset_builder(str(path), name=config)
    except (EmptyDatasetError, DataFilesNotFoundError):  # nothing in the folder; nothing `datasets` reads
        raise HfaugError(
            f"the folder {str(path)!r} holds no data files ({folder_contents(path)}); pass a folder of "
            f"{DATA_FILE_TYPES} files, a folder written by `hfaug apply` or save_to_disk, a single file or a Hub "
            "dataset id"
        ) from None
    except ValueError as error:
        if str(error).startswith(_CONFIGURATION_ERRORS):
            raise _configuration_error(path, config) from None
        if not str(error).startswith("Couldn't infer the same data file format for all splits"):
            raise
        raise HfaugError(
            f"the folder {str(path)!r} holds data files of several types ({listed(path, data_files_in(path))}), and "
            f"`datasets` reads one type per folder: save them in one type (e.g. all .csv), or {EACH_FILE_ALONE}"
        ) from None


def _configuration_error(path: Path, config: str | None) -> HfaugError:
    """The error for a ``config`` that the data folder ``path`` does not have, or for none (``None``) where its
    dataset card declares several, naming those it has: the ``configs`` of its card, or only ``default`` without
    them."""
    names = get_dataset_config_names(str(path))
    if names == ["default"]:
        return HfaugError(
            f"the folder {str(path)!r} has no configuration {config!r}: a local folder has one, 'default', unless its "
            "README.md declares others ('configs' in its metadata); leave out --config (in Python: config=)"
        )
    declared = f"its README.md declares {', '.join(map(repr, names))}: pass one of them with --config (in Python: config=)"
    if config is None:
        return HfaugError(f"the folder {str(path)!r} has several configurations and none is the default; {declared}")
    return HfaugError(f"the folder {str(path)!r} has no configuration {config!r}; {declared}.{closest(config, names)}")
