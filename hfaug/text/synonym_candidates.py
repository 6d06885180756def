"""The words of a text that :class:`hfaug.text.synonym.Synonym` may replace (:func:`candidates`), and the WordNet
synonyms that fit each where it stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from hfaug.text import lexicon
from hfaug.text.reading.context import context_at, modifier_after_asking
from hfaug.text.reading.fixed_words import MONTHS, a_date, a_name, a_surname, in_idiom, naming_verb_naming_nobody
from hfaug.text.reading.neighbours import spaced
from hfaug.text.reading.noun_phrases import object_after
from hfaug.text.reading.verb_phrases import (
    adverb_before_verb,
    causative_participle,
    complement_after,
    got_as_become_or_moved,
    have_got,
    participle_after_object,
    particle_after_object,
    passive,
    perfect_of_get,
    predicate_adjective_after,
    pronoun_before_more,
)
from hfaug.text.reading.word_classes import (
    ASKING_DETERMINERS,
    BASE_FORMS,
    OBJECT_PRONOUNS,
    PASSIVE_AUXILIARIES,
    THING_PRONOUNS,
)
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.contexts import CONTEXT_CLASSES, context_of
from hfaug.text.wordforms.pos_predicates import may_be_noun, noun_only, prepositions_after
from hfaug.text.wordforms.synonyms import Replacements, compound_replacements, read_alike_everywhere, replacements
from hfaug.text.wordforms.word_classes import PARTICLES, PREPOSITIONS
from hfaug.text.words.cutting import is_clitic
from hfaug.text.words.letter_case import Case, case_of
from hfaug.text.words.numerals import is_abbreviation, is_number, is_roman_numeral
from hfaug.text.words.sentences import starts_sentence

_CACHE_LIMIT = 1 << 17


class WordInfo(NamedTuple):
    """What a word form (as written) can become, whatever the text around it."""

    case: Case
    fitting: Replacements | None
    """Synonyms when the previous word says nothing about this one."""
    by_context: dict[str, Replacements | None] | None
    """Synonyms after words of a ``CONTEXTS`` class, where they differ from ``fitting``."""
    name: bool
    """Whether the word, in lower case, is most likely a name in a text without capitals
    (:attr:`lexicon.Lexicon.names`)."""
    prepositions: frozenset[str]
    """The prepositions before which the word, as a verb, is part of a verb of its own (*rely on*,
    *put in*, :func:`prepositions_after`), and not replaced alone."""


class ReplaceableWords(NamedTuple):
    """The words of a text that may be replaced by a synonym, in text order."""

    indices: list[int]
    """Their positions among the text's words (word ``i`` is piece ``2 * i + 1`` of
    :func:`~hfaug.text.words.split_words`)."""
    ends: list[int]
    """The position after each: the next word's, past every word of a compound (``credit card``)."""
    replacements: list[Replacements]
    """The synonyms that fit each of them where it stands."""


class WordInfos(dict[str, "WordInfo | None"]):
    """Word form -> :class:`WordInfo` for one stop word list, filled on first lookup (bounded)."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, word: str) -> WordInfo | None:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        info = self[word] = _analyse(word, self.stopwords)
        return info


_infos: dict[frozenset[str], WordInfos] = {}


def word_infos(stopwords: frozenset[str]) -> WordInfos:
    """The per-process :class:`WordInfos` cache of ``stopwords``."""
    known = _infos.get(stopwords)
    if known is None:
        known = _infos[stopwords] = WordInfos(stopwords)
    return known


def _analyse(word: str, stopwords: frozenset[str]) -> WordInfo | None:
    """``word``'s :class:`WordInfo`, or ``None`` if it is never replaced on its own (stop word, mixed case,
    single letter, a name's capitals, a form of *get*, no synonym)."""
    lower = word.lower()
    case = case_of(word)
    if lower in stopwords or case is None or len(word) == 1:  # *account b*: not *barn*; *5 g*: not *gram*
        return None
    if lower in PASSIVE_AUXILIARIES:  # its senses are too many (*my getting there*: not *acquiring*)
        return None
    if is_roman_numeral(word) or is_abbreviation(word):  # *blade ii*, *e.g.*: not *blade two*, *for example*
        return None
    if any(char.isdigit() for char in word):  # *march 3rd*, *a 4s*: not *march tertiary*, *a quartets*
        return None
    name = lower in lexicon.load().names
    if name and case != "lower":  # *Amazon sent it*, *AI*: not *Virago*, *three-toed sloth*
        return None
    fitting = replacements(lower)
    contexts = () if read_alike_everywhere(lower) else CONTEXT_CLASSES
    by_context = {context: found for context in contexts if (found := replacements(lower, context)) is not fitting}
    if fitting is None and not by_context:
        return None
    return WordInfo(case, fitting, by_context or None, name, prepositions_after(lower))


def candidates(
    pieces: Sequence[str], stopwords: frozenset[str], groups: Sequence[int] | None = None, cased: bool = True
) -> ReplaceableWords:
    """The words of a text that have a fitting synonym.

    Args:
        pieces (`list[str]`): The text's :func:`~hfaug.text.words.split_words`.
        stopwords (`frozenset[str]`): Lower-case words never replaced.
        groups (`list[int]`, *optional*): The words' :func:`~hfaug.text.words.protected_groups`
            (protected words are skipped).
        cased (`bool`, defaults to `True`): Whether the text has capitals. In a text without, a word that
            WordNet also knows as a name and hardly otherwise (``spike lee``, ``ask the ai``: not ``lee
            side``, ``three-toed sloth``; :attr:`lexicon.Lexicon.names`) is left alone; it always is where
            capitalised.

    A WordNet compound (``police officer``, ``turned off``) is one candidate, with the compound's
    synonyms (``officers``, ``switched off``); its words are never replaced one by one, nor is a verb
    whose compound's particle follows its object (``liven things up``). Only
    nouns and verbs are: adverbs and adjectives (``kind of``, ``as well``) depend too much on the
    words around them, a verb is no verb after a determiner, and compounds of stop words only
    (``at all``) are left alone. Also skipped: stop words, protected words, words in mixed case
    (``iPhone``), capitalised words inside a sentence (most likely names), words in capitals next to
    none (most likely acronyms: ``TV``, ``AIDS``, ``World War II``; ``SHOUTING LOUDLY``
    becomes ``SHOUTING ALOUD``), the second parts of contractions written apart (``it 's``), single
    letters, *get* in any form (``my getting there``), a verb that is also an adverb before a past form or a verb
    (``when i last got paid``, ``may well be``), a month's name that is a date (``on march 1``), a name after
    *named*, *called*, *name is*, *name's* or *call me* (``my name is john``), *call* and *name* where they give no
    name (``call robby``, ``Name a country``), and words without a WordNet synonym in the part of speech they most likely have after the word
    before them (see :mod:`hfaug.text.wordforms`). A word that opens a sentence before a
    determiner or an object pronoun is read as an imperative verb (``Book a flight``, ``Tell
    me``). A verb before an object (a determiner, a pronoun or a name) gets only the synonyms of
    senses that take one (``move my money``: not ``travel``; ``tell me``: none), and so does a passive
    participle (``my card was declined``, ``why was my card declined``: not ``worsened``); a copula before its
    predicate adjective, those of senses that take one (``feel sorry``: not ``experience``). A noun before a word
    that can only be a noun, or is a name unknown to WordNet, modifies it and is left alone (``a fun fact``,
    ``travel warnings``, ``director abel ferrara``).
    """
    words = pieces[1::2]
    lowered = "\n".join(words).lower().split("\n")  # words hold no whitespace
    tries = lexicon.load().compounds
    last = len(words) - 1
    indices: list[int] = []
    ends: list[int] = []
    fitting_replacements: list[Replacements] = []
    compound_end = 0  # words before it belong to a compound
    for index, info in enumerate(map(word_infos(stopwords).__getitem__, words)):
        end = 0
        trie = tries.get(lowered[index]) if compound_end <= index < last else None  # a third of words start none
        if trie and _next_node(trie, lowered[index + 1]):
            end = _compound_end(pieces, lowered, index, trie)
        if end:
            compound_end = end
            fitting = _compound_fitting(pieces, lowered, index, end, stopwords)
            case = case_of(words[index])
        elif info is None or index < compound_end or (not cased and info.name) or in_idiom(lowered, index):
            continue
        else:
            end = index + 1
            fitting = _word_fitting(info, pieces, lowered, index, tries)
            case = info.case
        if fitting is not None:
            fitting = _fitting_between(fitting, pieces, lowered, index, end)
        if (
            fitting is None
            or (case == "title" and not starts_sentence(pieces, index))
            or (case == "upper" and not _among_capitals(words, index))
            or is_clitic(words[index], pieces[2 * index])
            or (groups is not None and any(groups[at] >= 0 for at in range(index, end)))
        ):
            continue
        indices.append(index)
        ends.append(end)
        fitting_replacements.append(fitting)
    return ReplaceableWords(indices, ends, fitting_replacements)


def _word_fitting(
    info: WordInfo, pieces: Sequence[str], lowered: Sequence[str], index: int, tries: dict
) -> Replacements | None:
    """The synonyms of word ``index`` (its :class:`WordInfo` ``info``) that fit after the word before it, or
    ``None`` where the words around it leave it alone. ``tries``: :attr:`Lexicon.compounds`."""
    word = lowered[index]
    if (
        (word in MONTHS and a_date(pieces, lowered, index))  # *on march 1*: not *marching*
        or a_name(lowered, index)  # *my name is john*, *call me frank*: not *toilet*, *blunt*
        or a_surname(pieces, lowered, index)  # *hugh grant*, *eddie murphy*: not *allow*, *spud*
    ):
        return None
    fitting = info.fitting
    if info.by_context is not None:
        context = context_at(pieces, lowered, index)
        if context in info.by_context:
            fitting = info.by_context[context]
    if fitting is None or (fitting.pos == "n" and index > 0 and lowered[index - 1] in THING_PRONOUNS):
        return None  # no noun after *something*: *is there anything fun to do* (not *playfulness*)
    following = spaced(pieces, lowered, index + 1)
    if (
        (fitting.pos == "v" and following in info.prepositions)  # *relies on*, *put in a request*: not *trusts on*
        or (fitting.pos == "v" and particle_after_object(pieces, lowered, index, tries))  # *liven things up*
        or (fitting.pos == "n" and _modifies_next(pieces, lowered, index, following, tries))  # *a fun fact*
        or (fitting.tag in BASE_FORMS and adverb_before_verb(pieces, lowered, index, following))  # *i last got paid*
    ):
        return None
    return fitting


def _modifies_next(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, tries: dict) -> bool:
    """Whether word ``index``, a noun, modifies ``following``, the next word (lower case): one that can only be a noun
    (*a fun fact*), a WordNet compound noun (:func:`_opens_noun_compound`: *my chime bank account*) or, after *what* or
    *which*, a noun that continues their phrase (:func:`modifier_after_asking`: *what spy novelist*)."""
    if not following:
        return False
    asking = index > 0 and lowered[index - 1] in ASKING_DETERMINERS
    return (
        noun_only(following)
        or _opens_noun_compound(pieces, lowered, index + 1, tries)
        or (asking and modifier_after_asking(lowered[index], following))
    )


def _fitting_between(
    fitting: Replacements, pieces: Sequence[str], lowered: Sequence[str], index: int, end: int
) -> Replacements | None:
    """``fitting`` (for words ``index`` to ``end``) narrowed to the senses that take the object or predicate
    adjective after them, if any (``None`` before a pronoun and more, and for *call* or *name* that names nobody),
    less the synonyms that would repeat a neighbour."""
    if fitting.before:
        if naming_verb_naming_nobody(lowered, index, end):
            return None  # *call robby*, *Name a country* (not *name robby*, *Call a country*)
        kind = object_after(pieces, lowered, end)
        if kind in (None, "infinitive") and fitting.tag == "VBN" and passive(pieces, lowered, index):
            kind = "object"  # a passive: *my card was declined* (not *worsened*), *was forced to reflect*
        elif kind is None and predicate_adjective_after(pieces, lowered, index, end):
            kind = "adjective"  # *feel sorry* (not *experience sorry*), *seems tired* (*looks tired*)
        if kind is not None:  # a verb before an object (*move my money*, *call me*, *try to*), not two
            if pronoun_before_more(pieces, lowered, end, kind):
                return None
            narrowed = fitting.before[kind]
            if narrowed is None:
                return None
            fitting = narrowed
    if (index and lowered[index - 1] in fitting.firsts) or (
        end < len(lowered) and (lowered[end] in fitting.lasts or (fitting.phrasal and lowered[end] in PARTICLES))
    ):
        return _without_repeats(fitting, pieces, lowered, index, end)
    return fitting


def _compound_fitting(
    pieces: Sequence[str], lowered: Sequence[str], index: int, end: int, stopwords: frozenset[str]
) -> Replacements | None:
    """The synonyms that fit the compound of words ``index`` to ``end`` (``lowered``: the words in lower case).

    None when its words are apart by other whitespace than one space, which replacing it would lose, or one
    of them is a number, which its synonyms drop (``15 minutes``: ``quarter-hours``).
    """
    parts = lowered[index:end]
    if stopwords.issuperset(parts) or any(pieces[2 * at] != " " for at in range(index + 1, end)):
        return None
    if any(map(is_number, parts)):
        return None  # a number and its unit: *for 15 minutes*, *wait twenty-four hours*: not *quarter-hours*, *days*
    if (parts[0] in PASSIVE_AUXILIARIES and participle_after_object(lowered, end - 1) is not None) or (
        parts[-1] in PASSIVE_AUXILIARIES and participle_after_object(lowered, end) is not None
    ):
        return None  # causative: *get it done*, *i have got my oil changed*: not *catch on made*, *hold my oil changed*
    if (parts[0] == "got" and have_got(pieces, lowered, index)) or perfect_of_get(lowered, index, parts):
        return None  # *i've got over it*: not *traversed*; *i should have got the job*: not *should have the job*
    if parts[-1] == "got" and got_as_become_or_moved(pieces, lowered, end):
        return None  # *he has got up*, *it has got better*: not *he has up*, *it holds better*
    if parts[-1] in OBJECT_PRONOUNS and complement_after(spaced(pieces, lowered, end)):
        return None  # causative: *make it work*, *make it hard*: not *survive work*, *survive hard*
    context = context_of(pieces[2 * index - 1], pieces[2 * index - 2]) if index else None
    if causative_participle(lowered, index):
        context = "aux"  # a participle, as after *has*: *i had my tires checked out*: *gone over*, not *went over*
    found = compound_replacements(" ".join(parts), context)
    if found is not None and found.pos == "n" and parts[-1] in PARTICLES and object_after(pieces, lowered, end):
        return None  # a verb and its preposition: *start talking to me*, not *start speech me*
    if found is not None and found.pos == "v" and end < len(lowered) and lowered[end] in _PREPOSITIONS_OF_PHRASAL_VERBS:
        return None  # *put up with*, *made up of*: not *tolerate with*, *represented of*
    if found is None or found.pos == "n" or (found.pos == "v" and context != "det"):
        return found
    return None


def _compound_end(pieces: Sequence[str], lowered: Sequence[str], index: int, trie: dict) -> int:
    """The index of the word after the longest WordNet compound that word ``index`` starts, or 0.

    ``trie``: the compounds word ``index`` starts (:attr:`Lexicon.compounds`).
    """
    end = 0
    at = index + 1
    node: dict[str, Any] = trie
    while at < len(lowered) and (child := _next_node(node, lowered[at])) is not None and pieces[2 * at].isspace():
        node = child
        at += 1
        if "" in node:
            end = at
    return end


def _opens_noun_compound(pieces: Sequence[str], lowered: Sequence[str], index: int, tries: dict) -> bool:
    """Whether word ``index`` opens a WordNet compound that is a noun, or has no synonyms, opens with no stop word and
    ends in a word that may be a noun (*bank account*, *credit card*; not *turned off*, *all the way*, *on earth*), which
    a noun before it modifies (*my chime bank account*: not *my bell bank account*). ``tries``: :attr:`Lexicon.compounds`."""
    trie = tries.get(lowered[index])
    end = _compound_end(pieces, lowered, index, trie) if trie else 0
    if not end:
        return False
    found = lexicon.load().compound(" ".join(lowered[index:end]))
    if found is not None:
        return found[1] == "n"
    return lowered[index] not in ENGLISH and lowered[end - 1] not in PARTICLES and may_be_noun(lowered[end - 1])


def _next_node(node: dict[str, Any], word: str) -> dict[str, Any] | None:
    """The compounds that go on with ``word`` after those of ``node``; a possessive stands for WordNet's *one's*
    (*make up my mind*: *make up one's mind*), and a word with *'s* for itself (*my credit card's apr*: a compound
    left whole, not *recognition card's*)."""
    found = node.get(word) or (node.get("one's") if word in _POSSESSIVES else None)
    if found is None and word[-2:] in ("'s", "’s"):
        found = node.get(word[:-2])
    return found


_POSSESSIVES = frozenset({"my", "your", "his", "her", "its", "our", "their"})
_PREPOSITIONS_OF_PHRASAL_VERBS = frozenset({"with", "of"})
"""Prepositions that a verb and its particle take as one verb (*put up with*, *made up of*, *come up with*, *run out
of*), whose synonyms would leave them behind."""


def _without_repeats(
    fitting: Replacements, pieces: Sequence[str], lowered: Sequence[str], index: int, end: int
) -> Replacements | None:
    """``fitting`` (for words ``index`` to ``end``) less the synonyms that would repeat the word just
    before or after them (*gymnastics exercise*: not *gymnastic exercise exercise*), or ``None`` where one ends in
    the preposition after them, whose sense that is: the others are of senses not meant (*apply for*: not *go for
    for*, nor *use for*)."""
    previous = lowered[index - 1] if index and pieces[2 * index].isspace() else ""
    following = spaced(pieces, lowered, end)
    if following in PREPOSITIONS and any(form.endswith(" " + following) for form in fitting.forms):
        return None
    return fitting.without_repeats(previous, following)


def _among_capitals(words: Sequence[str], index: int) -> bool:
    """Whether a word next to word ``index`` is in capitals too."""
    return any(case_of(words[at]) == "upper" for at in (index - 1, index + 1) if 0 <= at < len(words))
