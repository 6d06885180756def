"""Argument types shared by the sub-commands and scripts: counts, rates and paths that argparse checks when it parses."""

from __future__ import annotations

import argparse
import math


def _count(text: str, minimum: int, maximum: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"expected a number >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise argparse.ArgumentTypeError(f"expected a number <= {maximum}, got {value}")
    return value


def positive_int(text: str) -> int:
    """A count of at least 1 (processes, batch rows, actors)."""
    return _count(text, 1)


def non_negative_int(text: str) -> int:
    """A count of at least 0 (samples to keep or show)."""
    return _count(text, 0)


def numpy_seed(text: str) -> int:
    """A seed that numpy's generators take, as `datasets`' shuffles and `transformers.set_seed` use: 0 to 2**32 - 1."""
    return _count(text, 0, 2**32 - 1)


def positive_number(text: str) -> float:
    """A finite number above 0 (epochs, a learning rate)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text}")
    return value


def given(text: str) -> str:
    """A path or name that is not empty (``--out "$OUT"`` with ``OUT`` unset gave the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"is empty ({text!r}: an unset shell variable?); pass a path or name")
    return text
