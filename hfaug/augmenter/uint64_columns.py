"""Columns holding ``uint64`` values, which `datasets` cannot write back from a map past the ``int64`` range."""

from __future__ import annotations

import dataclasses
from typing import Any


def largest_uint64(array: Any) -> int | None:
    """The largest ``uint64`` value of an Arrow ``array`` (chunked or not), its lists and structs included;
    None where it holds none."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        found = [largest_uint64(chunk) for chunk in array.chunks]
    elif pa.types.is_uint64(array.type):
        return pc.max(array).as_py()
    elif pa.types.is_struct(array.type):
        found = [largest_uint64(field) for field in array.flatten()]
    elif isinstance(array, (pa.ListArray, pa.LargeListArray, pa.FixedSizeListArray)):
        found = [largest_uint64(array.flatten())]
    else:
        return None
    return max((value for value in found if value is not None), default=None)


def uint64_as_strings(feature: Any) -> Any:
    """``feature`` (a `datasets` feature) with strings where it holds ``uint64`` values, on their own or in lists and
    structs: what to cast such a column to; ``feature`` itself where it holds none."""
    from datasets import Value  # imported already: `Dataset.map` passed the rows

    if isinstance(feature, dict):
        kept = {name: uint64_as_strings(inner) for name, inner in feature.items()}
        return feature if all(kept[name] is inner for name, inner in feature.items()) else kept
    inner = getattr(feature, "feature", None)  # List, LargeList
    if inner is not None:
        kept_inner = uint64_as_strings(inner)
        return feature if kept_inner is inner else dataclasses.replace(feature, feature=kept_inner)
    return Value("string") if isinstance(feature, Value) and feature.dtype == "uint64" else feature
