"""What an augmenter does with a row it cannot augment (``on_error``), and how its error shows the row's value."""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import Any, Literal

OnError = Literal["keep", "skip", "raise"]
ON_ERROR_CHOICES: tuple[str, ...] = ("keep", "skip", "raise")


def shown_value(value: Any) -> str:
    """A value as an error shows it: a stored file by its whole path, anything else shortened."""
    if isinstance(value, Mapping) and isinstance(value.get("path"), str) and not value.get("bytes"):
        return f"file {value['path']!r}"
    return f"value {reprlib.repr(value)}"
