"""Held-out splits: those kept for testing, validation or model selection, which hfaug leaves as they
are unless told to augment them (``splits=`` of `hfaug.augment`, a recipe's ``splits`` field).

Augmented copies of a validation split would bias early stopping and model selection, and copies of a
test split the measure itself; so by default only the other splits are augmented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["HELD_OUT_RULE", "default_splits", "is_held_out", "names_held_out"]

_TEST = "test"
"""Held out whatever follows it in a split's name: tests, testing, testA, test_hard."""
_OTHERS = ("val", "valid", "validation", "dev", "devtest", "development", "eval", "evaluation", "holdout", "heldout")
"""Held out alone or before a non-letter (validation_matched, dev2); *holdout* and *heldout* also written apart."""
_HELD_OUT_NAME = re.compile(
    rf"{_TEST}|(?:{'|'.join(word.replace('out', '[_-]?out') for word in _OTHERS)})(?![a-z])", re.IGNORECASE
)

HELD_OUT_RULE = (
    f"held-out splits: those whose name, in any case, starts with {_TEST!r} or with "
    f"{', '.join(map(repr, _OTHERS[:-1]))} or {_OTHERS[-1]!r} alone or followed by a non-letter "
    "(Test, test_hard, validation_matched, dev2, held_out)"
)
"""The rule of :func:`is_held_out`, as messages and documentation state it."""


def is_held_out(split: str) -> bool:
    """Whether ``split`` names a held-out split (see :data:`HELD_OUT_RULE`): ``test``, ``Test``,
    ``test_hard``, ``validation``, ``validation_matched``, ``dev2``, ``eval`` are; ``train``,
    ``unlabeled``, ``value_x``, ``developer`` are not."""
    return _HELD_OUT_NAME.match(split) is not None


_WORDS = frozenset((_TEST, "tests", "testing", *_OTHERS))
"""Words that name a held-out split on their own, as parts of a data file's name (``Test.csv``, ``dev2.jsonl``)."""


def names_held_out(word: str) -> bool:
    """Whether ``word`` (a part of a file's name) is one of :data:`_WORDS`, in any case, maybe followed by digits
    (``Test``, ``DEV2``; not ``testimonials``, which :func:`is_held_out` holds out as a split's name)."""
    return word.casefold().rstrip("0123456789") in _WORDS


def default_splits(names: Iterable[str]) -> list[str]:
    """The splits among ``names`` augmented when none are chosen: all but the held-out ones, in order."""
    return [name for name in names if not is_held_out(name)]
