"""Shared base of the text augmenters: input validation for string columns."""

from __future__ import annotations

from typing import Any

from hfaug.augmenter import Augmenter
from hfaug.errors import ColumnError, InvalidValue, WrongType
from hfaug.text_columns import holds_text, is_json, json_column_problem


class TextAugmenter(Augmenter):
    """An augmenter of a string column.

    ``None``, non-string, empty and whitespace-only values are invalid and follow
    ``on_error``; they never reach :meth:`augment_batch`.
    """

    def check_value(self, value: Any) -> str:
        if value is None:
            raise InvalidValue("the text is None")
        if not isinstance(value, str):
            raise WrongType(f"expected a string, got {type(value).__name__}")
        if not value.strip():
            raise InvalidValue("the text is empty or whitespace only")
        return value

    def check_feature(self, feature: Any) -> None:
        dtype = getattr(feature, "dtype", None)
        if dtype == "null":
            raise ColumnError(
                f"{self._label()}: column {self.column!r} has no values, only nulls (its feature is {feature}); "
                f"type it as text with ds.cast_column({self.column!r}, datasets.Value('string')), or with features= "
                "when loading it."
            )
        if is_json(feature):
            raise ColumnError(f"{self._label()}: {json_column_problem(self.column, feature)}")
        if not holds_text(feature):
            raise ColumnError(
                f"{self._label()}: column {self.column!r} holds {feature}, not text."
            )
