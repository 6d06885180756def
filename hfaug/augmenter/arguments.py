"""Checks of the count, switch and probability parameters that augmenters and filters take (``n``, ``keep_original``,
``p``, ...)."""

from __future__ import annotations

import numbers
from typing import Any, Literal, overload

import numpy as np


def check_flag(owner: str, name: str, value: bool) -> bool:
    """Validate a switch: ``True`` or ``False`` (NumPy's too, returned as a ``bool``; not ``"no"``, which
    is true)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{owner}: {name} must be True or False, got {value!r}")
    return bool(value)


def is_integer(value: Any) -> bool:
    """Whether ``value`` is an integer (NumPy's too), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_count(value: Any, minimum: int = 1) -> bool:
    """Whether ``value`` is an integer (NumPy's too, not a bool) of at least ``minimum``."""
    return is_integer(value) and value >= minimum


@overload
def check_count(
    owner: str, name: str, value: int, *, minimum: int = 1, maximum: int | None = None, optional: Literal[False]
) -> int: ...
@overload
def check_count(
    owner: str, name: str, value: int | None, *, minimum: int = 1, maximum: int | None = None, optional: bool = True
) -> int | None: ...
def check_count(
    owner: str, name: str, value: int | None, *, minimum: int = 1, maximum: int | None = None, optional: bool = True
) -> int | None:
    """Validate a count parameter: an integer from ``minimum`` (to ``maximum``, if given; NumPy's too, returned as
    an ``int`` so that the config stays plain JSON), or ``None`` when ``optional``."""
    if value is None and optional:
        return None
    if value is not None and is_count(value, minimum) and (maximum is None or value <= maximum):
        return int(value)
    integer = f"an integer >= {minimum}" if maximum is None else f"an integer from {minimum} to {maximum}"
    raise ValueError(f"{owner}: {name} must be {'None or ' if optional else ''}{integer}, got {value!r}")


def check_probability(owner: str, name: str, value: float, *, allow_zero: bool = False) -> float:
    """Validate a probability or rate parameter: a number (NumPy's too, returned as a ``float``) in (0, 1], or
    [0, 1] with ``allow_zero``."""
    low_ok = (lambda number: number >= 0) if allow_zero else (lambda number: number > 0)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (low_ok(value) and value <= 1):
        interval = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{owner}: {name} must be a number in {interval}, got {value!r}")
    return float(value)
