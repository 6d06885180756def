"""The case a word is written in (lower, title, upper), and a word written in a case."""

from __future__ import annotations

from typing import Literal

Case = Literal["lower", "title", "upper"]


def case_of(word: str) -> Case | None:
    """``"lower"``, ``"title"`` (``Film``, and single capitals), ``"upper"`` (``NASA``) or ``None`` (``iPhone``)."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if sum(char.isalpha() for char in word) > 1 else "title"
    if word[:1].isupper() and word[1:].islower():
        return "title"
    return None


def with_case(word: str, case: Case | None) -> str:
    """``word`` (lower case) written in ``case`` (as it is for ``None``: a case :func:`case_of` does not name)."""
    if case == "upper":
        return word.upper()
    if case == "title":
        return word[:1].upper() + word[1:]
    return word
