"""Where sentences start: after a mark that ends one (not an abbreviation's full stop), a quote or a bracket."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text.words.cutting import GAP_APOSTROPHES

SENTENCE_ENDS = frozenset(".!?…")
"""Marks that end a sentence when whitespace follows them."""
QUOTES_AND_BRACKETS = frozenset("\"“”'‘’([{«»¿¡")
ABBREVIATIONS = frozenset("mr mrs ms dr prof st mt jr sr rev gen col capt lt sgt gov sen rep vs etc no".split())
"""Words that a full stop follows without ending the sentence (``Mr. Bean``), besides initials."""


def starts_sentence(pieces: Sequence[str], index: int) -> bool:
    """Whether word ``index`` of :func:`~hfaug.text.words.cutting.split_words` ``pieces`` opens the text, a sentence,
    a quote or a bracket.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by whitespace, except a full stop right
    after an initial or an abbreviation (``W.C. Fields``, ``U.S. President``, ``Mr. Bean``; the pronoun
    *I* is no initial: ``so do I. Then``); a quote opens at a quotation mark, but not at a possessive's
    apostrophe (``the Hundred Years ' War``).
    """
    gap = pieces[2 * index]
    mark = gap.rstrip()[-1:]
    if not mark:
        return index == 0
    if mark in QUOTES_AND_BRACKETS:
        return not _possessive_apostrophe(pieces, index)
    if mark not in SENTENCE_ENDS or not gap[-1].isspace():
        return False
    if mark == "." and gap.startswith(".") and index:
        before = pieces[2 * index - 1]
        return (len(before) > 1 or before == "I") and before.lower() not in ABBREVIATIONS
    return True


def _possessive_apostrophe(pieces: Sequence[str], index: int) -> bool:
    """Whether the gap before word ``index`` is only an apostrophe that ends the word before it, a possessive:
    right after it (``the Pilgrims' Progress``) or, written apart, after one in *s* (TREC's ``the Hundred
    Years ' War``); not an opening quote (``he said ' Hello``)."""
    gap = pieces[2 * index]
    if gap.strip() not in GAP_APOSTROPHES or not index:
        return False
    return not gap[0].isspace() or pieces[2 * index - 1][-1:] in ("s", "S")
