"""What a map passes an augmenter: ``Dataset.map``'s own rows and batches, columns read with ``ds[name]``, and the
arrays of a dataset formatted with ``with_format``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np

_FORMATTING_PACKAGES = frozenset({"numpy", "pandas", "polars", "pyarrow", "torch", "tensorflow", "jax", "jaxlib"})
"""Packages whose arrays a formatted dataset (``with_format("numpy")``, ...) hands to a map function."""

UNFORMATTED_MAP = (  # what to do about a formatted dataset in ds.map
    "Use hfaug.augment(ds, aug, ...), which maps the data unformatted and gives the result its format back, or "
    "ds.with_format(None).map(aug, batched=True)."
)


def passed_by_dataset_map(example_or_batch: Mapping[str, Any]) -> Literal["batch", "row"] | None:
    """``"batch"`` or ``"row"`` for what ``Dataset.map`` passes (its lazy views of an Arrow table, each
    column of one type), else None (``IterableDataset.map`` and direct calls pass plain mappings)."""
    formatting = sys.modules.get("datasets.formatting.formatting")  # imported by whoever made one
    if formatting is None:
        return None
    if isinstance(example_or_batch, formatting.LazyBatch):
        return "batch"
    return "row" if isinstance(example_or_batch, formatting.LazyRow) else None


def is_dataset_column(values: Any) -> bool:
    """Whether ``values`` is what ``ds[name]`` gives: a `datasets` column, read lazily (not a list)."""
    return type(values).__name__ == "Column" and type(values).__module__ == "datasets.arrow_dataset"


def column_of(values: Any, rows: int) -> bool:
    """Whether ``values`` are a batch's column of ``rows`` values: a list, or an array or tensor of them
    (columns that a transform carries as they come)."""
    return (isinstance(values, list) or is_array(values)) and len(values) == rows


def is_array(value: Any) -> bool:
    """Whether ``value`` is an array or tensor of one or more dimensions."""
    return getattr(value, "ndim", 0) >= 1


def pixels(value: Any) -> bool:
    """Whether ``value`` is a numeric NumPy array, as an image given as its pixels is."""
    return isinstance(value, np.ndarray) and value.dtype.kind in "biuf"


def formatted(values: Any) -> bool:
    """Whether ``values`` is an array a formatted dataset passed (a NumPy, pandas, torch, ... object
    other than a string), not a Python value."""
    return not isinstance(values, (str, bytes)) and type(values).__module__.split(".")[0] in _FORMATTING_PACKAGES
