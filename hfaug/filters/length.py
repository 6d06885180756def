"""Length-ratio filter: drop augmented texts much shorter or longer than their source."""

from __future__ import annotations

import math
import numbers
from typing import Literal

from hfaug.filters.base import Candidates, Filter

Unit = Literal["words", "chars"]
UNITS: tuple[str, ...] = ("words", "chars")


def text_length(text: str, unit: Unit) -> int:
    """Length of ``text`` in whitespace-separated words or in characters."""
    return len(text.split()) if unit == "words" else len(text)


class LengthRatio(Filter):
    """Drop augmented rows whose length divided by their source's length is outside
    ``[min_ratio, max_ratio]`` (reasons ``too_short``, ``too_long``).

    Args:
        min_ratio (`float`, defaults to 0.5): Smallest accepted ratio.
        max_ratio (`float`, defaults to 2.0): Largest accepted ratio.
        unit (`str`, defaults to `"words"`): Count `"words"` (whitespace-separated) or `"chars"`.

    Example:
        >>> kept, report = hfaug.filters.LengthRatio(min_ratio=0.7).apply(augmented, column="text")
    """

    name = "length_ratio"

    def __init__(self, min_ratio: float = 0.5, max_ratio: float = 2.0, unit: Unit = "words") -> None:
        for key, value in (("min_ratio", min_ratio), ("max_ratio", max_ratio)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
                raise ValueError(f"length_ratio: {key} must be a finite non-negative number, got {value!r}")
        if min_ratio > max_ratio:
            raise ValueError(f"length_ratio: min_ratio ({min_ratio}) must not exceed max_ratio ({max_ratio})")
        if unit not in UNITS:
            raise ValueError(f"length_ratio: unit must be one of {UNITS}, got {unit!r}")
        self.min_ratio = float(min_ratio)
        self.max_ratio = float(max_ratio)
        self.unit = unit

    def judge(self, candidates: Candidates) -> list[str | None]:
        verdicts: list[str | None] = []
        for text, source in zip(candidates.texts, candidates.sources):
            ratio = text_length(text, self.unit) / text_length(source, self.unit)
            verdicts.append("too_short" if ratio < self.min_ratio else "too_long" if ratio > self.max_ratio else None)
        return verdicts
