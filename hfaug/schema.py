"""The `datasets` features of augmented data: the input's features plus the provenance columns.

Every engine (``Dataset.map``, streaming, Ray) gives its output these features, so the same
input yields the same Arrow types whichever engine ran (``large_string`` stays
``large_string``, an ``int32`` label stays ``int32``, a ``ClassLabel`` keeps its names).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
from datasets import Dataset, DatasetDict, Features, IterableDataset, IterableDatasetDict, Value

from hfaug import provenance
from hfaug.text_columns import holds_text

PROVENANCE_FEATURES = Features(
    {
        provenance.SOURCE_ID: Value("string"),
        provenance.AUGMENTER: Value("string"),
        provenance.COPY: Value("int64"),
        provenance.PARAMS: Value("string"),
        provenance.ERROR: Value("string"),
    }
)


def output_features(features: Features) -> Features:
    """Features of ``features``' data once augmented: the same columns, in the same order and
    of the same types (augmenters transform values in place), then the provenance columns.

    Columns that are already there (data augmented before) keep their place and type.

    Args:
        features (`datasets.Features`): Features of the input.

    Example:
        >>> hfaug.schema.output_features(ds.features)["hfaug_copy"]
        Value('int64')
    """
    return Features(
        {
            **features,
            **{name: feature for name, feature in PROVENANCE_FEATURES.items() if name not in features},
        }
    )


def clashing_provenance_columns(features: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of ``features`` named like a provenance column but of a type that cannot hold
    its values (a string ``hfaug_copy``), with their features. Another string or integer type
    than the provenance feature's (``large_string``, ``int32``) holds them.

    Args:
        features (`datasets.Features`): Features of the input.
    """
    return {
        name: feature
        for name, feature in features.items()
        if name in PROVENANCE_FEATURES and _value_kind(feature) != _value_kind(PROVENANCE_FEATURES[name])
    }


def _value_kind(feature: Any) -> str | None:
    """``"integer"`` or ``"string"`` for a `Value` of such an Arrow type, else None."""
    if not isinstance(feature, Value):
        return None
    if pa.types.is_integer(feature.pa_type):
        return "integer"
    if holds_text(feature):
        return "string"
    return None


def format_arguments(format_: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of ``Dataset.set_format`` that give a dataset the ``format_`` of another
    (its ``Dataset.format``)."""
    return {
        "type": format_["type"],
        "columns": format_["columns"],
        "output_all_columns": format_["output_all_columns"],
        **format_["format_kwargs"],
    }


def format_type(dataset: Dataset | IterableDataset) -> str | None:
    """The type of ``dataset``'s format (``"numpy"``, ...); None when it has none."""
    if isinstance(dataset, Dataset):
        return dataset.format["type"]
    formatting = getattr(dataset, "_formatting", None)  # `IterableDataset` has no public accessor of its format
    return None if formatting is None else formatting.format_type


def transmitted_format(source: Dataset, columns: Sequence[str]) -> dict[str, Any]:
    """The arguments of ``Dataset.set_format`` that give data made from ``source``, with
    ``columns``, the format of ``source`` as ``Dataset.map`` passes it on: every column when the
    format covered all of ``source``'s columns, else the columns it covered and the new ones.

    Args:
        source (`datasets.Dataset`): The formatted input.
        columns (`list[str]`): Columns of the output.
    """
    unformatted = set(source.column_names) - set(source.format["columns"])
    return {
        **format_arguments(source.format),
        "columns": [name for name in columns if name not in unformatted] if unformatted else None,
    }


def is_dataset(value: Any) -> bool:
    """Whether ``value`` is a `datasets` dataset or dict of them (a `DatasetDict` is a mapping too)."""
    return isinstance(value, (Dataset, DatasetDict, IterableDataset, IterableDatasetDict))
