"""Stop words: the ``stopwords`` argument of word-level augmenters checked, and the words it stands for."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from hfaug.text.stopwords import LISTS as STOPWORD_LISTS
from hfaug.text.words.protected_terms import words_of

StopwordsSpec = str | Sequence[str] | None


def check_stopwords(owner: str, stopwords: StopwordsSpec) -> str | tuple[str, ...]:
    """Validate a ``stopwords`` argument: the name of a built-in list, a list of words (a set is kept sorted), or
    ``None``."""
    if stopwords is None:
        return ()
    if isinstance(stopwords, str):
        if stopwords not in STOPWORD_LISTS:
            raise ValueError(
                f"{owner}: unknown stop word list {stopwords!r}; pass one of {sorted(STOPWORD_LISTS)}, "
                "a list of words, or None"
            )
        return stopwords
    if not isinstance(stopwords, Iterable):
        raise TypeError(
            f"{owner}: stopwords must be the name of a built-in list ({', '.join(sorted(STOPWORD_LISTS))}), "
            f"a list of words, or None; got {stopwords!r}"
        )
    words = words_of(owner, "stop words", stopwords, blank=lambda word: not word)
    spaced = next((word for word in words if word != word.strip() or len(word.split()) > 1), None)
    if spaced is not None:  # a stop word is one word as the text splits it: this one would match none
        raise ValueError(
            f"{owner}: stop words are single words without spaces, got {spaced!r}; give phrases, and words to keep "
            f"as they are, as protected=[{' '.join(spaced.split())!r}]"
        )
    return words


@functools.lru_cache(maxsize=64)
def stopword_set(stopwords: str | tuple[str, ...]) -> frozenset[str]:
    """The lower-case stop words a checked ``stopwords`` argument stands for."""
    if isinstance(stopwords, str):
        return STOPWORD_LISTS[stopwords]
    return frozenset(word.lower() for word in stopwords)
