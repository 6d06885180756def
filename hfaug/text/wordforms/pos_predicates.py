"""Whether a word form may be, or is likelier, one part of speech or another, by its analyses and how often WordNet
tags it in each: what the readers of :mod:`hfaug.text.reading` ask of a word."""

from __future__ import annotations

import functools

from hfaug.text import lexicon
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.inflection import CACHE_LIMIT, all_lemmas, cached_analyses
from hfaug.text.wordforms.pos_choice import tag_after_determiner


def is_adjective(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective and nothing else that has synonyms (*lucid*,
    *unconditional*), and no stop word (*other*, *such*)."""
    return word not in ENGLISH and cached_analyses(word).keys() == {"a"}


@functools.lru_cache(maxsize=CACHE_LIMIT)
def noun_only(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun in WordNet and no other part of speech there, nor a verb in
    lemminflect's tables, nor a stop word (*fact*, *timer*, *audience*; not *alerts*, *score*, *novel*,
    *at*), or a word that neither knows, most likely a name (*ferrara*, *timezone*, see
    :func:`~hfaug.text.wordforms.pos_choice.tag_after_determiner`)."""
    analyses = cached_analyses(word)
    if not analyses:
        return tag_after_determiner(word) == "NN"
    if word in ENGLISH or analyses.keys() != {"n"}:
        return False
    return not all_lemmas(word).get("VERB")


def may_be_noun(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet noun (*alert*; not *apart*)."""
    return "n" in cached_analyses(word)


def tagged_as_noun(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet noun that WordNet sense-tags at least once (*compounds*,
    *attempts*; not *keeps*)."""
    noun = cached_analyses(word).get("n")
    return noun is not None and noun[2].count > 0


MIN_NOUN_TAGS = 5
"""How often WordNet must tag a word in *-ing* as a noun for :func:`noun_of_its_own` (*setting*: 10, *meeting*: 39;
*coming*: 4, *running*: 4, *leaving*: 1)."""


def noun_of_its_own(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun that WordNet tags at least :data:`MIN_NOUN_TAGS` times as itself, so a
    thing more than an action where a noun may stand (*the language setting*, *tomorrow's meeting*; not *my
    paycheck's coming*)."""
    noun = cached_analyses(word).get("n")
    return noun is not None and noun[0] == word and noun[2].count >= MIN_NOUN_TAGS


MIN_ADJECTIVE_TAGS = 5
"""How often WordNet must tag a past participle as an adjective for :func:`adjective_of_its_own` (*located*: 20,
*concerned*: 27, *satisfied*: 11)."""
MIN_ADJECTIVE_SHARE = 0.05
"""How often, at least, against its verb WordNet must tag a past participle as an adjective for
:func:`adjective_of_its_own` (*determined*: 10 against 174; not *used*: 6 against 623, *expected*, *written*)."""


def adjective_of_its_own(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective that WordNet tags as itself at least :data:`MIN_ADJECTIVE_TAGS`
    times and :data:`MIN_ADJECTIVE_SHARE` as often as its verb, so a state more than an action where it ends a
    predicate (*is located*, *am concerned*; but *is used*)."""
    analyses = cached_analyses(word)
    adjective, verb = analyses.get("a"), analyses.get("v")
    if adjective is None or adjective[0] != word:
        return False
    verb_count = verb[2].count if verb is not None else 0
    return adjective[2].count >= max(MIN_ADJECTIVE_TAGS, MIN_ADJECTIVE_SHARE * verb_count)


def noun_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet noun that WordNet tags more often than its verb, if any (*brooks*,
    *spears*; not *shows*)."""
    analyses = cached_analyses(word)
    noun, verb = analyses.get("n"), analyses.get("v")
    return noun is not None and (verb is None or noun[2].count > verb[2].count)


def may_be_adjective(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet adjective (*boring*; not *showing*)."""
    return "a" in cached_analyses(word)


def may_be_adverb(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet adverb (*last*, *still*; not *seem*)."""
    return "r" in cached_analyses(word)


def is_comparative(word: str) -> bool:
    """Whether ``word`` (lower case) is the comparative of a WordNet adjective or adverb and no stop word (*better*,
    *older*; not *more*)."""
    analyses = cached_analyses(word)
    return word not in ENGLISH and any(tag in analyses[pos][1] for pos, tag in (("a", "JJR"), ("r", "RBR")) if pos in analyses)


ADJECTIVE_OVER_ADVERB = 3
"""How many times as often as an adverb WordNet must tag a word as an adjective for :func:`adjective_likelier`: then it
modifies the word after it more likely than it is an adverb between a subject and its verb (*tight pants*: 16
against 4; not *it first sets out*: 304 against 111)."""


def adjective_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective in WordNet at least as often as a noun and at least
    :data:`ADJECTIVE_OVER_ADVERB` times as often as an adverb (*new*, *tight*, *four*; not *first*, *still*,
    *material*), or a word WordNet lacks (*scooby-doo*)."""
    analyses = cached_analyses(word)
    if not analyses or "a" not in analyses:
        return not analyses
    adjective = analyses["a"][2].count
    noun, adverb = (analyses[pos][2].count if pos in analyses else 0 for pos in ("n", "r"))
    return adjective >= noun and adjective >= ADJECTIVE_OVER_ADVERB * adverb


def adverb_only(word: str) -> bool:
    """Whether ``word`` (lower case) has synonyms as an adverb only, or none (*properly*, *deftly*)."""
    return cached_analyses(word).keys() <= {"r"}


def base_verb_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) can be a verb's base form and WordNet tags its verb at least as often
    as its noun (*to see*, *to work*; not *to school*, nor *to book*, whose noun is tagged more often)."""
    analyses = cached_analyses(word)
    verb, noun = analyses.get("v"), analyses.get("n")
    return verb is not None and "VB" in verb[1] and (noun is None or verb[2].count >= noun[2].count)


def needs_object(word: str) -> bool:
    """Whether ``word`` (lower case), as a verb, takes an object in every sense that has synonyms
    (:attr:`lexicon.Sense.before`: *alerts*, *plans*; not *works*, *goes*)."""
    verb = cached_analyses(word).get("v")
    if verb is None or not verb[2].synonyms:
        return False
    return verb[2].before.get("object") == verb[2].weights


def prepositions_after(word: str) -> frozenset[str]:
    """The prepositions that make ``word`` (lower case), as a verb, a verb of its own in WordNet
    (*relies*: *on*, *upon*; :attr:`lexicon.Lexicon.prepositions`)."""
    lemma = verb_lemma(word)
    return lexicon.load().prepositions.get(lemma, frozenset()) if lemma is not None else frozenset()


def verb_lemma(word: str) -> str | None:
    """The WordNet verb lemma of which ``word`` (lower case) is a form (*seemed*: *seem*), if any."""
    verb = cached_analyses(word).get("v")
    return verb[0] if verb is not None else None


@functools.lru_cache(maxsize=CACHE_LIMIT)
def verb_tags(word: str) -> frozenset[str]:
    """The inflection tags ``word`` (lower case) can have as a verb (*remains*: ``VBZ``), empty if none."""
    verb = cached_analyses(word).get("v")
    return frozenset(verb[1]) if verb is not None else frozenset()
