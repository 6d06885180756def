"""Exceptions raised by hfaug. Every message says what was wrong and what to do."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable


def closest(name: str, candidates: Iterable[str], shown: Callable[[str], str] = str) -> str:
    """`` Did you mean 'x'?`` when a candidate is close to ``name`` or starts with it (``back``:
    ``backtranslate``), else an empty string; ``shown`` gives what to write for a candidate."""
    candidates = list(candidates)
    close = difflib.get_close_matches(name, candidates, n=1)
    close = close or [candidate for candidate in candidates if name and candidate.startswith(name)][:1]
    return f" Did you mean {shown(close[0])!r}?" if close else ""


class HfaugError(Exception):
    """Base class of the errors hfaug raises for user mistakes."""


class ColumnError(HfaugError, KeyError):
    """A column is missing or holds the wrong type."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""

    @classmethod
    def missing(cls, column: str, existing: Iterable[str], owner: str, parameter: str = "column") -> ColumnError:
        """``column`` is not among ``existing``; the message tells to pass ``parameter`` (the argument that named it)."""
        names = ", ".join(repr(name) for name in existing) or "(none)"
        return cls(
            f"{owner}: column {column!r} not found; the dataset has columns {names}. "
            f"Pass {parameter}=<one of them>."
        )


class InvalidValue(HfaugError, ValueError):
    """One input value cannot be augmented (None, empty text, corrupt image, ...)."""


class UnknownAugmenter(HfaugError, KeyError):
    """No augmenter is registered under a name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ModelNotFound(HfaugError, OSError):
    """A model could not be found locally nor downloaded."""
