"""Streamed sources for work that needs the whole data (recipes: statistics, filters, samples).

:func:`materialize` writes a streamed dataset to disk one batch at a time, in the Arrow
format of the `datasets` cache, and opens it memory-mapped: the rows are never all held in
memory, and the result is an ordinary `Dataset` with the same rows, order, features and format
(so its content fingerprint, hence a recipe's version id, is the one the same data gets when
loaded without streaming).

By default the files go to ``HF_DATASETS_CACHE/hfaug-stream-XXXX/``, one folder per process, which
the process holds with a lock while it lives (the returned `Dataset` reads the files, and so do
the datasets made from it, whose map cache files land there too). The system releases the lock
when the process ends, however it ends, and the next :func:`materialize` in that cache, in any
process, removes the folder.
"""

from __future__ import annotations

import copy
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict, config
from datasets.arrow_writer import ArrowWriter
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.locks import lock_folder, remove_unheld_folder
from hfaug.schema import format_type
from hfaug.shards import inferred_features, typed_table

_CACHE_FOLDER_PREFIX = "hfaug-stream-"
_process_folders: dict[Path, Path] = {}
"""This process's folder in each `datasets` cache it materialized in."""


def materialize(
    dataset: IterableDataset | IterableDatasetDict,
    directory: str | os.PathLike | None = None,
    *,
    batch_size: int = 1000,
) -> Dataset | DatasetDict:
    """Write a streamed dataset (or each split of a streamed dict) to Arrow files on disk and
    open them memory-mapped.

    Args:
        dataset (`IterableDataset` or `IterableDatasetDict`): The stream, e.g.
            ``load_dataset(..., streaming=True)``.
        directory (`str` or `os.PathLike`, *optional*): Where to write ``<split>.arrow``; by
            default a new folder in the `datasets` cache (``HF_DATASETS_CACHE``), kept while this
            process lives and removed by the next `materialize` after it ends (see the module's
            notes). A folder that already holds one of these files is refused (a
            `FileExistsError`), before anything is written: a `Dataset` materialized there earlier
            may still be reading it.
        batch_size (`int`, defaults to 1000): Rows read and written at a time.

    Returns:
        A `Dataset` (a `DatasetDict` for a dict) backed by the written files, with the stream's format
        (``with_format("torch")``, ...).

    Example:
        >>> stream = load_dataset("json", data_files="big.jsonl", split="train", streaming=True)
        >>> ds = hfaug.streaming.materialize(stream)   # flat memory; ds is memory-mapped
    """
    if isinstance(dataset, IterableDatasetDict):
        streams = dict(dataset)
    elif isinstance(dataset, IterableDataset):
        streams = {str(dataset.split) if dataset.split is not None else "train": dataset}
    else:
        raise TypeError(f"materialize reads an IterableDataset or IterableDatasetDict, got {type(dataset).__name__}")
    folder = Path(directory) if directory is not None else _new_cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}.arrow" for name in streams}
    _refuse_written_files(list(paths.values()))
    try:
        written = {name: _materialize_split(stream, paths[name], batch_size, name) for name, stream in streams.items()}
    except BaseException:  # a failed call leaves nothing: no file in the way of the next, no folder in the cache
        if directory is None:
            shutil.rmtree(folder, ignore_errors=True)
        for path in paths.values():  # none was there before
            path.unlink(missing_ok=True)
        raise
    return DatasetDict(written) if isinstance(dataset, IterableDatasetDict) else next(iter(written.values()))


def _new_cache_folder() -> Path:
    """A new folder in this process's folder of the `datasets` cache, after removing the folders of
    processes that have ended."""
    cache = Path(config.HF_DATASETS_CACHE)
    _remove_folders_of_ended_processes(cache)
    if cache not in _process_folders:
        _process_folders[cache] = _held_process_folder(cache)
    return Path(tempfile.mkdtemp(dir=_process_folders[cache]))


def _held_process_folder(cache: Path) -> Path:
    """A new ``hfaug-stream-XXXX`` folder in ``cache``, locked (shared) until this process and its
    forks end: the lock is never released here, as the datasets read from the folder may be used
    until then."""
    cache.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=_CACHE_FOLDER_PREFIX, dir=cache))
    lock_folder(folder, fcntl.LOCK_SH)
    return folder


def _remove_folders_of_ended_processes(cache: Path) -> None:
    """Remove the ``hfaug-stream-XXXX`` folders in ``cache`` that no living process holds (those of
    another user, which cannot be locked, and those without a lock file, made by hfaug releases that did
    not lock them and maybe still read by one, are left to their owner)."""
    for folder in cache.glob(f"{_CACHE_FOLDER_PREFIX}*"):
        if folder.is_dir():
            remove_unheld_folder(folder)


def _refuse_written_files(paths: list[Path]) -> None:
    """Never write over a file that a `Dataset` materialized earlier may map (it would read the new
    bytes, or die of a bus error past their end)."""
    for path in paths:
        if path.exists():
            raise FileExistsError(
                f"materialize: {str(path)!r} already exists, and a Dataset materialized there earlier may still be "
                "reading it; pass another directory= (or none: a new folder in the datasets cache), or delete the file"
            )


def _materialize_split(stream: IterableDataset, path: Path, batch_size: int, split: str) -> Dataset:
    _write_arrow(stream, path, batch_size, split)
    info = copy.deepcopy(stream.info)
    info.features = None  # read from the file: the stream's features, or those inferred while writing
    return Dataset.from_file(str(path), info=info, split=split).with_format(format_type(stream))


def _write_arrow(stream: IterableDataset, path: Path, batch_size: int, split: str) -> None:
    with ArrowWriter(features=stream.features, path=str(path)) as writer:
        write = _write_untyped if stream.features is None else _write_typed
        write(writer, stream, batch_size, split)
        writer.finalize()


def _write_typed(writer: ArrowWriter, stream: IterableDataset, batch_size: int, split: str) -> None:
    """Write the stream's rows as Python batches that ``writer`` types with the stream's features:
    `datasets` does not cast the batches of a Python map (an augmented stream) to them, so their
    Arrow batches cannot be joined where a column is all None (or all empty lists) in one of them.
    Media columns are read as stored: written back as they are, never decoded and encoded again."""
    for batch in _progress(stream.with_format(None).decode(False).iter(batch_size=batch_size), split):
        writer.write_batch(batch)


def _write_untyped(writer: ArrowWriter, stream: IterableDataset, batch_size: int, split: str) -> None:
    """Write the stream's batches; the file's types are those of the first batch, and a later value that
    they cannot hold unchanged stops the writing (a `TypeError` that says how to type the stream)."""
    features = None
    for batch in _progress(_untyped_batches(stream, batch_size), split):
        if features is None:
            features = inferred_features(batch)
        writer.write_table(typed_table(batch, features, len(writer), split))
    if len(writer) == 0:
        raise ValueError(f"the {split} stream is empty and has no features; there is nothing to work on")


def _untyped_batches(stream: IterableDataset, batch_size: int) -> Iterable[dict[str, list[Any]] | pa.Table]:
    """The stream's own Arrow batches where it reads Arrow data (their types are those of the data loaded
    without streaming), Python batches where it makes Python rows (a generator, a map): `datasets` would
    make an Arrow table of each row, and rows typed apart (None, then a text) cannot be joined."""
    if stream._ex_iterable.iter_arrow is not None:
        return stream.with_format("arrow").iter(batch_size=batch_size)
    return stream.with_format(None).iter(batch_size=batch_size)


def _progress(batches: Iterable[Any], split: str) -> Iterable[Any]:
    """``batches`` with a progress bar of the batches read."""
    return hf_tqdm(batches, desc=f"hfaug: reading the {split} stream", unit="ba")
