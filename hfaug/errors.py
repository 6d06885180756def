"""Exceptions raised by hfaug. Every message says what was wrong and what to do."""

from __future__ import annotations

import difflib
import pickle
import re
from collections.abc import Callable, Iterable

MAX_SUGGESTIONS = 3
"""The most names :func:`suggestions` offers."""


def arrives_whole(error: BaseException) -> BaseException:
    """``error``, sent to another process as a `RuntimeError` naming its type and message when it
    cannot be unpickled as itself (its class takes other constructor arguments, or it holds a lock):
    a process pool hangs or breaks on a worker's error it cannot unpickle. In this process it stays
    what it is."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        described = f"{type(error).__module__}.{type(error).__qualname__}: {error}"
        error.__reduce_ex__ = lambda protocol: (RuntimeError, (described,))  # type: ignore[method-assign]
    return error


def closest(name: str, candidates: Iterable[str], shown: Callable[[str], str] = str) -> str:
    """`` Did you mean 'x'?`` (or ``'x' or 'y'``) with the :func:`suggestions` for ``name``, else an empty
    string; ``shown`` gives what to write for a candidate."""
    return did_you_mean(suggestions(name, candidates), shown)


def did_you_mean(names: list[str], shown: Callable[[str], str] = str) -> str:
    """`` Did you mean 'x' or 'y'?`` for ``names``, or an empty string when there are none."""
    return f" Did you mean {' or '.join(repr(shown(name)) for name in names)}?" if names else ""


def suggestions(name: str, candidates: Iterable[str]) -> list[str]:
    """The candidates closest to ``name`` (the closest, or those equally close: ``flip``: ``hflip``,
    ``vflip``), else those that start with it or have it as a part between ``_``, ``.`` or ``-``
    (``back``: ``backtranslate``; ``noise``: ``background_noise``, ``gaussian_noise``); at most
    :data:`MAX_SUGGESTIONS`, in the candidates' order."""
    candidates = list(candidates)
    ranked = difflib.get_close_matches(name, candidates, n=MAX_SUGGESTIONS)
    best = difflib.SequenceMatcher(None, name, ranked[0]).ratio() if ranked else 0.0
    tied = {candidate for candidate in ranked if difflib.SequenceMatcher(None, name, candidate).ratio() == best}
    close = [candidate for candidate in candidates if candidate in tied]
    return close or [
        candidate
        for candidate in candidates
        if name and (candidate.startswith(name) or name in re.split(r"[._-]", candidate))
    ][:MAX_SUGGESTIONS]


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


class MissingDependency(HfaugError, ImportError):
    """A package an augmenter needs at run time is not installed."""


class ModelNotFound(HfaugError, OSError):
    """A model could not be found locally nor downloaded."""
