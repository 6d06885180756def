"""Data that is not a `datasets` dataset: refused before any work, saying how to make one of it (as
``hfaug.augment``, ``recipe.apply`` and the filters say it)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from datasets import Dataset

from hfaug.schema import is_dataset


def refuse_non_dataset(data: Any) -> None:
    """Refuse, before any work, data that is not a `datasets` dataset, saying how to make one of it."""
    if is_dataset(data):
        return
    raise TypeError(
        "hfaug.augment needs a datasets.Dataset, DatasetDict, IterableDataset or IterableDatasetDict, "
        f"got {type(data).__name__}; {how_to_make_a_dataset(data)}"
    )


def is_dict_of_splits(data: Any) -> bool:
    """Whether ``data`` is a plain mapping of split names to `Dataset` objects (not a `DatasetDict`'s own type)."""
    return isinstance(data, Mapping) and bool(data) and all(isinstance(split, Dataset) for split in data.values())


def how_to_make_a_dataset(data: Any) -> str:
    """How to make a `datasets` dataset of ``data``, as messages say it."""
    if is_dict_of_splits(data):
        return "make one with datasets.DatasetDict(splits)"
    if isinstance(data, Mapping):
        return "make one with datasets.Dataset.from_dict(columns)"
    library = type(data).__module__.partition(".")[0]
    if isinstance(data, (list, tuple)) and data and all(isinstance(item, str) for item in data):
        return "make one with datasets.Dataset.from_dict({'text': texts})"
    if isinstance(data, list):
        return "make one with datasets.Dataset.from_list(rows)"
    if library == "pandas":
        frame = "series.to_frame('text')" if type(data).__name__ == "Series" else "frame"
        return f"make one with datasets.Dataset.from_pandas({frame})"
    if library == "polars":
        return "make one with datasets.Dataset.from_polars(frame)"
    if library == "numpy":
        return "make one with datasets.Dataset.from_dict({'text': array.tolist()})"
    if isinstance(data, Iterator):
        return "make one with datasets.Dataset.from_generator(function) (or IterableDataset.from_generator to stream)"
    return "load one with datasets.load_dataset(...), or build one with datasets.Dataset.from_list, from_dict or from_pandas"
