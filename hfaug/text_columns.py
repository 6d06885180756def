"""Which `datasets` features hold text (apart from `datasets` itself, which ``import hfaug`` does not load)."""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from typing import Any

TEXT_DTYPES = ("string", "large_string", "string_view")
"""The dtypes of a `Value` that holds text: `datasets` gives each of them as a `str`."""
ROWS_NAMED = 3
"""Rows of other values that an error about a column of texts names: enough to find them and see the pattern, few
enough to read among thousands of rows."""
QUOTE_OR_DROP = 'quote a value meant as text, e.g. "5" for 5, or drop the row'
"""How to fix a row whose value is not text in a column of texts."""


def holds_text(feature: Any) -> bool:
    """Whether a column of ``feature`` holds text (a `Value` of one of :data:`TEXT_DTYPES`)."""
    return getattr(feature, "dtype", None) in TEXT_DTYPES


def is_json(feature: Any) -> bool:
    """Whether a column of ``feature`` is typed `Json`: `datasets` types so a column of JSON values of several types."""
    return getattr(feature, "_type", None) == "Json"


def values_among_texts(column: str, feature: Any, values: Sequence[Any], within: str | None = None) -> str | None:
    """What is wrong with a column of ``feature``, which `datasets` typed `Json` (:func:`is_json`), because it holds texts
    among values of other types (``{"text": 5}`` in one row of a JSON Lines file), naming the first :data:`ROWS_NAMED`
    rows (index and value) of ``values`` that are not text and what to do; None for a column that holds no text.
    ``within``: the slice of a split that ``values`` are (``train[10:]``), which their row indices count from."""
    others = [(row, value) for row, value in enumerate(values) if not (value is None or isinstance(value, str))]
    if not others or not any(isinstance(value, str) for value in values):
        return None
    of = f" of {within}" if within else ""
    shown = ", ".join(
        f"row index {row}{of}: {reprlib.repr(value)} ({type(value).__name__})" for row, value in others[:ROWS_NAMED]
    )
    more = f", and {len(others) - ROWS_NAMED} more" if len(others) > ROWS_NAMED else ""
    return (
        f"column {column!r} holds texts but, in {len(others)} of {len(values)} rows, other values, so datasets typed it "
        f"{feature} ({shown}{more}); fix those rows in the data ({QUOTE_OR_DROP}) and load it again"
    )


def json_column_problem(column: str, feature: Any) -> str:
    """What is wrong with a column of ``feature``, typed `Json` (:func:`is_json`), where its rows are not read to name
    those that are not text (a stream), and what to do."""
    return (
        f"column {column!r} holds {feature}, not text: datasets types a column so when its values are of several types, "
        f"such as a number among texts in a JSON Lines file. Fix the rows that are not text in the data ({QUOTE_OR_DROP}) "
        "and load it again; hfaug.augment names them in the data loaded without streaming."
    )
