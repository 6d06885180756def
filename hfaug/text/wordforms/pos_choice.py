"""The part of speech and inflection tag a word form is read in after a word of a ``CONTEXTS`` class, or by its
ending, or by how often WordNet tags it in each."""

from __future__ import annotations

import functools

from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.inflection import CACHE_LIMIT, all_lemmas, cached_analyses
from hfaug.text.wordforms.word_classes import FUNCTION_WORDS

_POS_ORDER = ("n", "v", "a", "r")
_SUFFIX_POS = (
    (("ly",), "r", 0),
    (("ness", "ment", "tion", "sion", "ity", "ism", "ance", "ence", "ship", "hood", "ist"), "n", 0),
    (("ous", "ful", "ive", "able", "ible", "less", "ic", "ical", "ish", "al"), "a", 2),
)
"""Endings that make a part of speech likelier, with the fewest letters before them (an adjective's
ending after one letter is none: *live*, *five*; a noun's still is: *dance*, *list*)."""
PARTICIPLE_ENDINGS = ("ing", "ed", "en")

# Preferred inflection tag when a form matches several (``put``: VB, VBD, VBN, VBP).
_TAG_PREFERENCE = {
    None: ("NN", "NNS", "VB", "VBP", "VBZ", "VBG", "VBD", "VBN", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"),
    "aux": ("VBN", "VBG"),
    "modal": ("VB",),
    "subject": ("VBD", "VBP", "VBZ"),
    "opener": ("VB", "VBD", "VBZ"),
    "prep": ("VBG", "VBN"),
    "past": ("VBD",),
}
_NON_FINITE = frozenset(_TAG_PREFERENCE["prep"])
_FINITE_ONLY = frozenset({"VBZ", "VBD"})


@functools.lru_cache(maxsize=CACHE_LIMIT)
def tag_after_determiner(word: str) -> str | None:
    """The inflection tag ``word`` (lower case) is read in after a determiner: ``JJ`` (*his early*),
    ``NN`` (*the insurance*), ``NNS``, ...; for a word of letters that neither WordNet nor lemminflect
    knows and that is no stop word, ``NN``, most likely a name (*a pto request*, *my paypal account*),
    or ``JJ`` if hyphens join its letters (*a feel-good fantasy*, *the nerve-raked acting*), and for a verb's past
    participle with no adjective or noun in WordNet (*an overexposed waste*); ``None`` for a function word or a known
    word without synonyms."""
    analyses = cached_analyses(word)
    if word in FUNCTION_WORDS:
        return None
    if not analyses:
        parts = word.split("-")
        unknown = all(map(str.isalpha, parts)) and word not in ENGLISH and not all_lemmas(word)
        return None if not unknown else "JJ" if len(parts) > 1 else "NN"
    pos = choose_pos(word, "det", analyses)
    if pos == "v" and "VBN" in analyses["v"][1]:
        return "JJ"  # a past participle modifies the noun as an adjective does: *an overexposed waste*
    return choose_tag(analyses[pos][1], "det")


def noun_far_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet noun and adjective that WordNet tags as the noun :data:`NOUN_OVER_ENDING`
    times as often as the adjective, or more (*meaning*: 79 against 0; not *opening*: 11 against 8, nor *moving*, no
    noun)."""
    return _noun_far_likelier(cached_analyses(word), "a")


def no_verb_after(word: str, context: str | None, tags: tuple[str, ...]) -> bool:
    """Whether ``word``, a verb of ``tags``, cannot follow a word of class ``context``: after a preposition
    only a gerund or a participle can (*with laughs*: not *expresses joy*), after a modal or *to* no form
    that is only finite (*listen to reports*: not *describes*), unless it is another verb's base form
    (*to lay eggs*: *lay*, not *lie*)."""
    if context == "prep":
        return _NON_FINITE.isdisjoint(tags)
    return (
        context == "modal"
        and _FINITE_ONLY.issuperset(tags)
        and word not in all_lemmas(word).get("VERB", ())
    )


def choose_pos(word: str, context: str | None, analyses: dict) -> str:
    options = [pos for pos in _POS_ORDER if pos in analyses]
    if context in ("det", "head"):
        options = _prefer(options, [pos for pos in options if pos in ("n", "a")])
        if context == "head":  # a noun, unless a superlative: *the meaning of*, *the best in town*
            superlative = "a" in analyses and "JJS" in analyses["a"][1]
            options = _prefer(options, ["a" if superlative else "n"])
        elif word.endswith(PARTICIPLE_ENDINGS) or _modifier_likelier(analyses):
            options = _prefer(options, ["a"])
    elif context in ("subject", "opener") or (context == "modal" and "v" in analyses and "VB" in analyses["v"][1]):
        options = _prefer(options, ["v"])  # after a modal only a base form (*to book*, not *to terms*)
    elif context == "noun":
        options = _prefer(options, ["n"])
    elif context == "aux" and "v" in analyses and {"VBN", "VBG"}.isdisjoint(analyses["v"][1]):
        options = _prefer(options, ["n", "a", "r"])  # no participle: *are utter hooey*, *is close*, *have fun*
    elif context == "predicate":
        options = _prefer(_prefer(options, ["n", "a", "r"]), ["a"])
    elif context == "degree":
        options = _prefer(options, ["a", "r"])
    elif context == "adverb":
        options = _prefer(options, ["r"])
    elif context == "quantity":
        options = _prefer(_prefer(options, ["a", "r", "n"]), ["a", "r"])
    elif context == "tail":  # no verb, as counted: *the insurance plan*, *a spectacle full of*, *the talk alone*
        options = _prefer(options, ["n", "a", "r"])
        return max(options, key=lambda pos: (analyses[pos][2].count, -_POS_ORDER.index(pos)))
    for pos in _ending_pos(word):
        if not _noun_far_likelier(analyses, pos):
            options = _prefer(options, [pos])
    return max(options, key=lambda pos: (analyses[pos][2].count, -_POS_ORDER.index(pos)))


@functools.lru_cache(maxsize=CACHE_LIMIT)
def _ending_pos(word: str) -> tuple[str, ...]:
    """The parts of speech that the endings of ``word`` make likelier (:data:`_SUFFIX_POS`), in its order."""
    return tuple(
        pos
        for endings, pos, stem in _SUFFIX_POS
        if any(word.endswith(ending) and len(word) - len(ending) >= stem for ending in endings)
    )


NOUN_OVER_ENDING = 5
"""How many times as often as in the part of speech its ending suggests (at least once) WordNet must tag a word as a
noun for the noun to prevail over the ending (:func:`_noun_far_likelier`: *material*: 119 against 10, *animal*, *capital*,
*narrative*; not *official*: 26 against 12, *derivative*: 1 against 0)."""


def _noun_far_likelier(analyses: dict, pos: str) -> bool:
    """Whether a word of ``analyses`` whose ending suggests ``pos`` (:data:`_SUFFIX_POS`) is rather a noun, as WordNet
    tags it :data:`NOUN_OVER_ENDING` times as often as in ``pos``, or more (*such provocative material shows*)."""
    noun = analyses.get("n")
    if noun is None or pos == "n" or pos not in analyses:
        return False
    return noun[2].count >= NOUN_OVER_ENDING * max(analyses[pos][2].count, 1)


def _modifier_likelier(analyses: dict) -> bool:
    """Whether a word inside a noun phrase, before its head, is likelier an adjective than a noun: it
    is tagged as one at least half as often (*my current insurance*: 17 against 18; not *a 4 minute
    timer*: 5 against 92)."""
    return "a" in analyses and "n" in analyses and 2 * analyses["a"][2].count >= analyses["n"][2].count


def _prefer(options: list[str], preferred: list[str]) -> list[str]:
    kept = [pos for pos in options if pos in preferred]
    return kept or options


def choose_tag(tags: tuple[str, ...], context: str | None) -> str:
    for tag in _TAG_PREFERENCE.get(context, ()) + _TAG_PREFERENCE[None]:
        if tag in tags:
            return tag
    return tags[0]
