"""What a classifier can learn from in a label column: one label per row, a class, not a missing one.

Shared by the filters that compare labels, the efficacy harness, the training script and what shows
labels (cards, previews): each says what is wrong in its own words around these findings.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Final

import numpy as np
import pyarrow.compute as pc
from datasets import ClassLabel, Dataset, Value

from hfaug.text_columns import TEXT_DTYPES

MISSING_CLASS: Final = -1
"""How a `ClassLabel` column stores a row without a label (as the test splits of GLUE do)."""
NO_LABEL: Final = "(no label)"
"""How :func:`rows_per_label` names the rows without a label (`` (missing)`` added while a label has that name)."""
MOST_LABELS_COUNTED: Final = 1000
"""Above this many labels (missing ones not counted), :func:`rows_per_label` counts none in a column that is no
`ClassLabel` (a column of ids or free text is no class)."""


def is_null_label(label: Any, feature: Any = None) -> bool:
    """Whether ``label`` is missing: None, NaN (how pandas stores a missing number), or, in a column of a
    `ClassLabel` ``feature``, :data:`MISSING_CLASS`."""
    return label is None or _is_nan(label) or (isinstance(feature, ClassLabel) and label == MISSING_CLASS)


def labelled_rows(label_column: str, nulls: Sequence[Any]) -> str:
    """The condition under which ``ds.filter`` keeps the rows that have a label, for the null labels ``nulls``
    found in ``label_column`` (see :func:`is_null_label`), e.g. ``row['label'] is not None``."""
    row = f"row[{label_column!r}]"
    conditions = []
    if any(label is None or _is_nan(label) for label in nulls):
        conditions.append(f"{row} is not None")
    if any(_is_nan(label) for label in nulls):
        conditions.append(f"not math.isnan({row})")
    if MISSING_CLASS in nulls:
        conditions.append(f"{row} != {MISSING_CLASS}")
    return " and ".join(conditions)


def several_labels(labels: Iterable[Any], described: str) -> str | None:
    """What is wrong with ``labels`` (of the column ``described`` so in the message) when a row holds several (a
    list, as multi-label data stores them), else None: a classifier reads one label per row."""
    several = next((label for label in labels if not isinstance(label, Hashable)), None)
    if several is None:
        return None
    return (
        f"{described} holds {type(several).__name__} values such as {several!r}, but a classifier needs one label "
        "per row (single-label classification)"
    )


def fractional_labels(labels: Iterable[Any], label_column: str, described: str) -> str | None:
    """What is wrong with ``labels`` (of ``label_column``, ``described`` so in the message) when they hold numbers
    that are not whole (0.25, a score), and how to make classes of them; else None. Whole ones (1.0) are classes;
    NaN counts as not whole (check for null labels first)."""
    fractions = (label for label in labels if isinstance(label, (float, np.floating)) and not float(label).is_integer())
    fraction = next(fractions, None)
    if fraction is None:
        return None
    return (
        f"{described} holds numbers that are not whole, such as {fraction!r}, but a classifier learns classes; make "
        f"them classes (ds = ds.class_encode_column({label_column!r}) makes each value a class, or map them to "
        "integers)"
    )


def rows_per_label(before: Dataset, after: Dataset, label_column: str) -> dict[str, dict[str, int]] | None:
    """Rows of each label in ``before`` (a split) and ``after`` (it augmented): ``{label: {"rows_in": 10,
    "rows_out": 30}}``, in class order, a `ClassLabel`'s labels by name, whole numbers stored as floats (a CSV
    column with an empty cell) as integers, missing ones as :data:`NO_LABEL`. None where the column holds no
    classes (numbers that are not whole, lists) or, unless it is a `ClassLabel`, more than
    :data:`MOST_LABELS_COUNTED` of them."""
    feature = before.features[label_column]
    if not _holds_classes(feature):
        return None
    counted = [_value_counts(dataset, label_column) for dataset in (before, after)]
    missing_first = lambda label: (0, 0) if is_null_label(label, feature) else (1, label)  # noqa: E731
    labels = sorted(counted[0].keys() | counted[1].keys(), key=missing_first)
    classes = [label for label in labels if not is_null_label(label, feature)]
    if fractional_labels(classes, label_column, "") or (
        not isinstance(feature, ClassLabel) and len(classes) > MOST_LABELS_COUNTED
    ):
        return None
    missing = _missing_name({label_name(label, feature) for label in classes})
    rows: dict[str, dict[str, int]] = {}
    for label in labels:
        name = missing if is_null_label(label, feature) else label_name(label, feature)
        shown = rows.setdefault(name, {"rows_in": 0, "rows_out": 0})
        shown["rows_in"] += counted[0].get(label, 0)
        shown["rows_out"] += counted[1].get(label, 0)
    return rows


def _holds_classes(feature: Any) -> bool:
    """Whether a column of ``feature`` may hold one class per row: a `ClassLabel`, integers, strings, booleans, or
    numbers stored as floats (classes where each is whole)."""
    if isinstance(feature, ClassLabel):
        return True
    return isinstance(feature, Value) and (
        feature.dtype in (*TEXT_DTYPES, "bool") or "int" in feature.dtype or "float" in feature.dtype
    )


def _value_counts(dataset: Dataset, column: str) -> dict[Any, int]:
    """Rows of each value of ``column``, those Python takes for one key (0.0 and -0.0) counted together."""
    counts: Counter[Any] = Counter()
    for entry in pc.value_counts(dataset.with_format("arrow")[column]).to_pylist():
        counts[entry["values"]] += entry["counts"]
    return counts


def quoted_if_ambiguous(label: str) -> str:
    """``label`` quoted where it would not read as one name among others: empty, with whitespace at an end or
    in runs (which tables and lists show as one space), or holding a list's separators (``, `` and `` -> ``)."""
    ambiguous = not label or label != " ".join(label.split()) or ", " in label or " -> " in label
    return repr(label) if ambiguous else label


def _missing_name(classes: set[str]) -> str:
    """The name of the rows without a label: :data:`NO_LABEL`, told apart from a class of that name."""
    name = NO_LABEL
    while name in classes:
        name += " (missing)"
    return name


def label_name(label: Any, feature: Any = None) -> str:
    """The name of the class ``label`` (not null) in a column of ``feature``: a `ClassLabel`'s name, a whole number
    stored as a float (a CSV column with an empty cell) as an integer, any other label as ``str`` writes it."""
    if isinstance(feature, ClassLabel):
        return feature.int2str(label)
    return str(int(label)) if isinstance(label, float) else str(label)


def _is_nan(value: Any) -> bool:
    return isinstance(value, numbers.Real) and math.isnan(value)
