"""nlpaug outputs that make no copy: text only re-spaced, or left without a word."""

from __future__ import annotations

import re

_SPACED_PUNCTUATION = re.compile(r"\s*([^\w\s])\s*")


def only_respaced(output: str, text: str) -> bool:
    """Whether nlpaug's ``output`` differs from ``text`` only in how it is spaced: around punctuation (its
    tokenizer re-spaces it: ``到，请`` -> ``到 ， 请``, ``m'a`` -> ``m ' a``) or in runs of whitespace; a word
    split in two is a change."""
    return _unspaced(output) == _unspaced(text)


def lost_every_word(output: str, text: str) -> bool:
    """Whether nlpaug's ``output`` holds no letter or digit where ``text`` held some: a deletion or crop took
    every word (``why ?`` -> ``?``), which would make a training row of punctuation under the source's label."""
    return not _has_word(output) and _has_word(text)


def _has_word(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit, in any script."""
    return any(char.isalnum() for char in text)


def _unspaced(text: str) -> str:
    """``text`` with single spaces between words and none around punctuation."""
    return _SPACED_PUNCTUATION.sub(r"\1", " ".join(text.split()))
