"""Words that negate what they stand in (*not*, *never*, *hardly*, every word in ``n't``)."""

from __future__ import annotations

import functools

from hfaug.text.words.cutting import leading_word, straight_apostrophes

NEGATIONS = frozenset(
    """
    not no never nor neither none nobody nothing nowhere cannot without
    hardly barely scarcely seldom rarely
    aint arent cant couldnt didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt neednt shant
    shouldnt wasnt werent wont wouldnt
    """.split()
)
"""Words that negate what they stand in (in any case), adverbs of negation too (*hardly*, *rarely*), with every
word that ends in ``n't`` (``don't``, SST-2's ``ca n't``). Deletion and swap keep them by default: *you wo n't be
disappointed* never becomes *you be disappointed*, nor *are not entertaining* *are entertaining not*; a synonym
negates where its word does and only there (*barely*: *hardly*, not *just*; *jargon*: not *cant*)."""


@functools.lru_cache(maxsize=1 << 16)
def is_negation(unit: str) -> bool:
    """Whether a unit (a word, or a contraction written apart) negates: in :data:`NEGATIONS`, or in ``n't``."""
    lower = straight_apostrophes(unit.lower())
    return lower.endswith("n't") or leading_word(lower) in NEGATIONS


def negates(phrase: str) -> bool:
    """Whether a phrase holds a word that negates (:func:`is_negation`: WordNet's *cant* for *jargon*)."""
    return any(map(is_negation, phrase.split()))
