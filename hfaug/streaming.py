"""Streamed sources for work that needs the whole data (recipes: statistics, filters, samples).

:func:`materialize` writes a streamed dataset to disk one batch at a time, in the Arrow
format of the `datasets` cache, and opens it memory-mapped: the rows are never all held in
memory, and the result is an ordinary `Dataset` with the same rows, order and features (so
its content fingerprint, hence a recipe's version id, is the one the same data gets when
loaded without streaming).
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict, config
from datasets.arrow_writer import ArrowWriter
from datasets.utils.tqdm import tqdm as hf_tqdm


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
            default a new folder in the `datasets` cache (``HF_DATASETS_CACHE``).
        batch_size (`int`, defaults to 1000): Rows read and written at a time.

    Returns:
        A `Dataset` (a `DatasetDict` for a dict) backed by the written files.

    Example:
        >>> stream = load_dataset("json", data_files="big.jsonl", split="train", streaming=True)
        >>> ds = hfaug.streaming.materialize(stream)   # flat memory; ds is memory-mapped
    """
    folder = Path(directory) if directory is not None else Path(
        tempfile.mkdtemp(prefix="hfaug-stream-", dir=_cache_dir())
    )
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(dataset, IterableDatasetDict):
        return DatasetDict(
            {name: _materialize_split(split, folder / f"{name}.arrow", batch_size, name) for name, split in dataset.items()}
        )
    if not isinstance(dataset, IterableDataset):
        raise TypeError(f"materialize reads an IterableDataset or IterableDatasetDict, got {type(dataset).__name__}")
    name = str(dataset.split) if dataset.split is not None else "train"
    return _materialize_split(dataset, folder / f"{name}.arrow", batch_size, name)


def _cache_dir() -> str:
    path = Path(config.HF_DATASETS_CACHE)
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


def _materialize_split(stream: IterableDataset, path: Path, batch_size: int, split: str) -> Dataset:
    with ArrowWriter(features=stream.features, path=str(path)) as writer:
        batches = stream.with_format("arrow").iter(batch_size=batch_size)
        for table in hf_tqdm(batches, desc=f"hfaug: reading the {split} stream", unit="ba"):
            writer.write_table(table)
        if len(writer) == 0 and stream.features is None:
            raise ValueError(f"the {split} stream is empty and has no features; there is nothing to work on")
        writer.finalize()
    info = copy.deepcopy(stream.info)
    info.features = None  # read from the file: the stream's features, or those inferred while writing
    return Dataset.from_file(str(path), info=info, split=split)
