"""Readers of the words next to a word: the next one after a space, a contraction's parts, a sentence's first
word, *to* as a preposition."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text.words.cutting import is_clitic, straight_apostrophes
from hfaug.text.words.sentences import starts_sentence

REQUEST_OPENERS = frozenset("please kindly pls plz".split())
"""Words after which a request's verb stands as at the start of a sentence (*please book a table*)."""
GOING_VERBS = frozenset("go goes went gone come comes came".split())
"""Verbs after which *to* is mostly a preposition (*go to school*; but *going to rain*)."""


def contraction(pieces: Sequence[str], lowered: Sequence[str], at: int) -> tuple[str, str]:
    """The word that the second part of a contraction follows and that part (no apostrophe), for word ``at``
    (``lowered``: the words in lower case): attached (*it's*: ``("it", "s")``) or written apart (SST-2's *it 's*);
    ``("", "")`` for a word that is none."""
    word = straight_apostrophes(lowered[at])
    if "'" in word:
        owner, _, clitic = word.rpartition("'")
        return owner, clitic
    if at > 0 and is_clitic(pieces[2 * at + 1], pieces[2 * at]):
        return straight_apostrophes(lowered[at - 1]), word
    return "", ""


def spaced(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str:
    """Word ``index`` in lower case if it follows the word before it after a space, else ``""`` (also
    past the last word)."""
    return lowered[index] if index < len(lowered) and pieces[2 * index].isspace() else ""


def opens_sentence(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` opens a sentence, also after *please* (*please book me a table*)."""
    if (not index or not pieces[2 * index].isspace()) and starts_sentence(pieces, index):  # most words: not
        return True
    return index > 0 and lowered[index - 1] in REQUEST_OPENERS and starts_sentence(pieces, index - 1)


def to_as_preposition(lowered: Sequence[str], index: int) -> bool:
    """Whether the word before word ``index`` (``lowered``: the words in lower case) is a *to* that
    does not mark an infinitive: after a verb of going (*go to school*) or in *from X to Y* (*from
    stage to screen*)."""
    return lowered[index - 1] == "to" and (
        (index > 1 and lowered[index - 2] in GOING_VERBS) or (index > 2 and lowered[index - 3] == "from")
    )
