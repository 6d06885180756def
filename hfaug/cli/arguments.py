"""Argument types shared by the sub-commands: counts that argparse checks when it parses."""

from __future__ import annotations

import argparse


def _count(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"expected a number >= {minimum}, got {value}")
    return value


def positive_int(text: str) -> int:
    """A count of at least 1 (processes, batch rows, actors)."""
    return _count(text, 1)


def non_negative_int(text: str) -> int:
    """A count of at least 0 (samples to keep or show)."""
    return _count(text, 0)
