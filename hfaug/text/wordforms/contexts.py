"""The ``CONTEXTS`` classes: what the word before a word says about its part of speech."""

from __future__ import annotations

import functools

from hfaug.text.wordforms.inflection import CACHE_LIMIT
from hfaug.text.wordforms.word_classes import (
    AUXILIARIES,
    DEGREE_WORDS,
    DETERMINERS,
    INFINITIVE_MARKERS,
    MODALS,
    OBJECT_VERBS,
    PREPOSITIONS,
    QUANTITY_WORDS,
    SUBJECTS,
)
from hfaug.text.words.cutting import GAP_APOSTROPHES, straight_apostrophes

CONTEXTS: dict[str, str] = {
    **{word: "det" for word in DETERMINERS | OBJECT_VERBS},
    **{word: "modal" for word in MODALS | INFINITIVE_MARKERS},
    **{word: "subject" for word in SUBJECTS},
    **{word: "degree" for word in DEGREE_WORDS},
    **{word: "quantity" for word in QUANTITY_WORDS},
    **{word: "aux" for word in AUXILIARIES},
    **{word: "prep" for word in PREPOSITIONS},
}
"""Previous words that say something about the next word's part of speech, by class. A word is also
read in these classes (see :func:`hfaug.text.synonym_candidates.candidates`):

- ``"det"`` after a determiner and an adjective (see :func:`~hfaug.text.wordforms.pos_choice.tag_after_determiner`),
  and after a word that can only be an adjective (:func:`~hfaug.text.wordforms.pos_predicates.is_adjective`);
- ``"head"`` (a noun where it can be) where a noun phrase after a determiner ends (see
  :data:`~hfaug.text.wordforms.word_classes.NOUN_PHRASE_ENDS`);
- ``"tail"`` (no verb: whichever other part of speech WordNet counts most often) where a noun
  phrase that a determiner and a singular noun open ends (*the insurance plan*, *a spectacle full of*);
- ``"noun"`` before a :data:`~hfaug.text.wordforms.word_classes.FINITE_VERBS` word when the word before it says
  nothing (unless it opens a clause, as in *what remains is*);
- ``"opener"`` (a verb: imperative, or with its subject left out) when it opens a sentence before
  a determiner or an object (*Book a flight*, *strains the show 's concept*);
- ``"predicate"`` (an adjective where it can be one, else a noun or adverb) after a form of *be* where it
  cannot be a participle and ends the predicate (*my sister is kind .*);
- ``"past"`` (a verb's past or participle, where its base form is the same word) after a singular noun that may be
  its subject (*my card split in half*, *a thriller set among*);
- ``"adverb"`` (an adverb where it can be one) before an adjective that ends a predicate (*wide awake*) and after
  *so*, *too* or *very* after a verb that is no copula (*working so hard*).

After a ``"prep"`` word a verb is a gerund or a participle, never finite."""
CONTEXT_CLASSES = tuple(sorted({*CONTEXTS.values(), "adverb", "head", "noun", "opener", "past", "predicate", "tail"}))
"""Every class :func:`~hfaug.text.wordforms.synonyms.replacements` takes as ``context``."""


@functools.lru_cache(maxsize=CACHE_LIMIT)
def context_of(previous: str, gap: str) -> str | None:
    """The ``CONTEXTS`` class of the word ``previous``, which ``gap`` precedes.

    A contraction counts as its second part: ``they'll`` and ``they 'll`` as ``'ll``, ``don't`` as ``n't``; a negated
    auxiliary as the auxiliary: ``isn't`` as ``is``, ``hasn't`` as ``has``. Cached: the word before nearly every
    candidate asks it, often more than once.
    """
    word = straight_apostrophes(previous.lower())
    if word not in CONTEXTS:
        if word.endswith("n't"):
            word = word[:-3] if CONTEXTS.get(word[:-3]) == "aux" else "n't"
        elif "'" in word:
            word = word[word.rindex("'") :]
        elif gap.endswith(GAP_APOSTROPHES):
            word = "'" + word
    return CONTEXTS.get(word)
