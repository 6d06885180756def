"""What a classifier can learn from in a label column: one label per row, a class, not a missing one.

Shared by the filters that compare labels, the efficacy harness, the training script and what shows
labels (cards, previews): each says what is wrong in its own words around these findings.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Final

import numpy as np
from datasets import ClassLabel

MISSING_CLASS: Final = -1
"""How a `ClassLabel` column stores a row without a label (as the test splits of GLUE do)."""


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


def _is_nan(value: Any) -> bool:
    return isinstance(value, numbers.Real) and math.isnan(value)
