"""Numbers among words, in digits, in words or as Roman numerals, and abbreviations written with points."""

from __future__ import annotations

import functools
import re

from hfaug.text.words.cutting import SIGNS

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen".split()
)
"""Cardinal numbers written as words (and the parts of those with hyphens: *twenty-four*)."""
_ROMAN_NUMERAL_RE = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})", re.IGNORECASE)
"""Roman numerals up to 39 (*ii*, *XIV*), as sequels, kings and wars are numbered; the empty string too."""
_DIGITS_ONLY_RE = re.compile(r"[.,/:]?\d+(?:[.,/:]\d+)*")
"""A number in digits, with points, commas, slashes or colons between them (``1,728``, ``.22``, ``20/20``)."""
_NUMBER_PARTS_RE = re.compile(r"[ -]")


def opens_with_digits(word: str) -> bool:
    """Whether ``word`` opens with digits, after a currency sign if any: a number (``10%``, ``$5``, ``3D``,
    ``1970s``), not a name with digits in it (``ps4``, ``w-2``)."""
    return word.lstrip(SIGNS)[:1].isdigit()


@functools.lru_cache(maxsize=1 << 16)
def is_number(word: str) -> bool:
    """Whether ``word`` is or holds a number: a digit (``15``, ``24-hour``) or a number word (``twenty-four``,
    ``one-armed``; :data:`NUMBER_WORDS`)."""
    return any(char.isdigit() for char in word) or not NUMBER_WORDS.isdisjoint(word.lower().split("-"))


def is_spelled_number(phrase: str) -> bool:
    """Whether ``phrase`` (lower case) is a number and nothing else: in digits (``40``, ``1,728``), in words
    (``forty-nine``, ``one hundred``; :data:`NUMBER_WORDS`) or a Roman numeral (``xii``); not a phrase that
    only holds one (``one-armed bandit``, ``1990s``, ``dozen eggs``)."""
    return is_roman_numeral(phrase) or all(
        part in NUMBER_WORDS or _DIGITS_ONLY_RE.fullmatch(part) for part in _NUMBER_PARTS_RE.split(phrase)
    )


def is_roman_numeral(word: str) -> bool:
    """Whether ``word`` is a Roman numeral of two letters or more (``ii``, ``XIV``; single letters are letters)."""
    return len(word) > 1 and _ROMAN_NUMERAL_RE.fullmatch(word) is not None


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` is an abbreviation written with points (``e.g.``, ``U.S.``; not a number: ``3.50``)."""
    return "." in word and not any(char.isdigit() for char in word)
