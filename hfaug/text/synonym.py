"""WordNet synonym replacement that keeps part of speech, inflection, case and layout."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from hfaug.augmenter import Augmented, OnError, check_count
from hfaug.lazy import cached_property
from hfaug.seeding import uniforms
from hfaug.text import lexicon
from hfaug.text.base import TextAugmenter
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms import (
    CLAUSE_OPENERS,
    CONTEXT_CLASSES,
    CONTEXTS,
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_WORDS,
    MODALS,
    NOUN_PHRASE_ENDS,
    PARTICLES,
    PREPOSITIONS,
    SEPARABLE_PARTICLES,
    QUANTITY_WORDS,
    SUBJECTS,
    Replacements,
    adjective_likelier,
    adjective_of_its_own,
    adverb_only,
    base_verb_likelier,
    compound_replacements,
    context_of,
    is_adjective,
    is_comparative,
    may_be_adjective,
    may_be_adverb,
    may_be_noun,
    noun_far_likelier,
    noun_likelier,
    needs_object,
    noun_of_its_own,
    noun_only,
    prepositions_after,
    read_alike_everywhere,
    replacements,
    tag_after_determiner,
    tagged_as_noun,
    verb_lemma,
    verb_tags,
)
from hfaug.text.words import (
    Case,
    StopwordsSpec,
    Word,
    article_for,
    case_of,
    check_probability,
    check_stopwords,
    check_terms,
    is_abbreviation,
    is_article,
    is_clitic,
    is_number,
    is_roman_numeral,
    join_contractions,
    opens_with_digits,
    protected_groups,
    protected_spans,
    spans_of,
    split_words,
    starts_sentence,
    stopword_set,
    straight_apostrophes,
    with_case,
)

NO_CANDIDATE = "no word has a WordNet synonym that fits (all are stop words, protected, or unknown)"
_CLAUSE_ENDS = frozenset(".!?;:)")
BASE_FORMS = frozenset({"VB", "VBP"})
QUESTION_VERBS = MODALS - {"do", "n't", "'ll", "'d", "wo", "ca"}
"""Modals that, before a noun phrase, ask a question whose verb may end it (*will my flight leave*,
*does a human live*, *did the president sign*); not *do*, as often a main verb (*do a coin flip*)."""
QUESTION_COPULAS = frozenset("is are was were".split())
"""Forms of *be* that, opening a question before a noun phrase, make its last word a participle or an
adjective (*why was my card declined*, *when was the tower built*, *is the store open*)."""
QUESTION_WORDS = frozenset("why when where how who what which".split())
"""Words that open a question before its verb (*why was my card declined*)."""
CLAUSE_OBJECTS = QUESTION_WORDS | {"that", "if", "whether"}
"""Words that, after a pronoun object, open a clause as a second object (*show me how to*, *ask him if*)."""
FINITE_FORMS = frozenset({"VBZ", "VBD"})
GERUND = frozenset({"VBG"})
"""The verb tags of a word in *-ing* that is no other verb form (*setting*, *meeting*)."""
THIRD_PERSON = frozenset({"VBZ"})
"""The verb tags of a word in *-s* that is otherwise a plural noun (*alerts*; :func:`_verb_without_its_object`)."""
PREPOSITIONS_AND_TO = PREPOSITIONS | {"to"}
QUANTIFIERS = frozenset({"any", "no"})
"""Adverbial determiners that, before a word and a preposition, open a noun phrase (*any meaning to life*;
but *those willing to*)."""
ADVERBIAL_DETERMINERS = frozenset("this these those any no".split())
"""Determiners that also modify adjectives (*films this bad are rare*, *is it any good?*)."""
PERSONS = frozenset("me us him her you them myself yourself himself herself ourselves yourselves themselves".split())
"""Pronouns that are or may be persons: before one, a verb gets only the senses that take a person (*tell them
hi*: not *state them hi*), which also take an object (*cancel them*: left alone, as no sense of *cancel*
takes a person)."""
IMPERATIVE_OBJECTS = frozenset(
    "me us him a an the my your his her its our their some every each another it them".split()
)
"""Words (as written: lower case) after which a sentence's first word is read as a verb. Left out are
determiners that also modify adjectives (*Films this bad*, *Movies any good*), and *you*, also a subject
(*Places you must see*)."""
OBJECT_PRONOUNS = PERSONS | {"it"}
OBJECT_KINDS = {
    word: ("person" if word in PERSONS else "object") + (" pronoun" if word in OBJECT_PRONOUNS else "")
    for word in IMPERATIVE_OBJECTS | ADVERBIAL_DETERMINERS | OBJECT_PRONOUNS
}
"""Words (lower case) after a verb -> what they open: a person or another object, either of them a
pronoun or not (see :attr:`hfaug.text.wordforms.Replacements.before`); not when a verb such as *is*
follows them (*we hope it 's*)."""
REQUEST_OPENERS = frozenset("please kindly pls plz".split())
"""Words after which a request's verb stands as at the start of a sentence (*please book a table*)."""
NAME_WORDS = 3
"""The most capitalised words read as the name between a question's modal and its verb."""
PASSIVE_AUXILIARIES = frozenset("get gets got gotten getting".split())
"""Forms of *get*, which before a past participle make a passive (*got stolen*, *get paid*); never replaced alone."""
CAUSATIVE_VERBS = frozenset("want wants wanted like need needs needed have has had".split()) | PASSIVE_AUXILIARIES
"""Verbs whose object a past participle may follow as a passive (*i want my account frozen*, *i would like
a timer set*, *i need to have a coin flipped*, *i got my card declined*)."""
BE_FORMS = frozenset("am is are was were be been being".split())
THING_PRONOUNS = frozenset("something anything nothing everything".split())
"""Pronouns that an adjective follows, never a noun (*something funny*, *nothing good*, *anything fun to do*)."""
PASSIVE_BE = frozenset({"being"})
"""Forms of *be* after which a past participle is a passive, not a state (*before being seated*: not *being
sitting*)."""
PASSIVE_VERBS = PASSIVE_AUXILIARIES | BE_FORMS | {"s", "re"}
"""Forms of *be* and *get* (``s``, ``re``: of *it 's*, *they 're*), which make a passive before a past
participle (*was allowed to use*: *allow somebody to*)."""
VERB_ADVERBS = frozenset("only still also never just even often ever already always really actually".split())
"""Adverbs that stand between a modal, a subject or an auxiliary and its verb (*could only spring*,
*can still turn*); so does any word in *-ly* that is no other part of speech (*ca n't properly be*)."""
PLACE_ADVERBS = frozenset("here there home back away wherever somewhere anywhere everywhere nowhere together".split())
"""Adverbs of place (*make it home*: :data:`COMPOUND_OBJECT_ENDS`)."""
VERB_FORMS = frozenset({"VBG", "VBD", "VBN"})
"""Verb forms that, after a verb, open no object (*keeps coming back*; :func:`_no_object_word`)."""
GOING_VERBS = frozenset("go goes went gone come comes came".split())
"""Verbs after which *to* is mostly a preposition (*go to school*; but *going to rain*)."""
TIME_ADVERBS = frozenset("yesterday today tonight tomorrow now again already recently lately earlier twice".split())
"""Adverbs of time, some of them nouns too, that may follow a verb phrase where it ends: after a question's passive
participle (*why was my card declined yesterday*), a causative's (*get it done today*) or a compound's object (*i get
it now*)."""
MONTHS = frozenset("january february march april may june july august september october november december".split())
"""Month names, left alone where they are a date (:func:`_a_date`)."""
TIME_WORDS = frozenset(
    "in on of by for from since until till during before after early late mid next last this".split()
)
"""Words before which a month's name is a date (:func:`_a_date`)."""
MAX_CAUSATIVE_OBJECT = 3
"""The most words of an object, after its first, that :func:`_participle_after_object` looks past (*my oil*)."""
SUBJECTS_AND_TO = SUBJECTS | {"to"}
"""Words after which a verb that may be a participle is a subject's verb or an infinitive, not the participle of a
causative (*get the answer you wanted*, *i would like to set up*)."""
COMPOUND_OBJECT_ENDS = PREPOSITIONS_AND_TO | TIME_ADVERBS | PLACE_ADVERBS
"""Words after a compound that ends in a pronoun (*make it*) that leave it what WordNet says (:func:`_complement_after`)."""
HEAD_OPENERS = frozenset("have has had".split())
"""Words before a noun phrase whose last word is its head, a noun where it can be one, also where no word
follows it: *have* takes no adjective after it (*have a travel alert*; but *is my tire pressure okay*, *make a
clitoris sensitive*; nor *there*, after which an adjective may end the noun phrase: *is there a bank close*)."""
NAMING_WORDS = frozenset({"named", "called", "name's"})
NAMING_PAIRS = {"is": "name", "s": "name", **{person: "call" for person in PERSONS}}
"""Second word -> first word of the pairs after which a word is a name (*my name is john*, *my name 's
bob*, *call me frank*, *call you betty*), as after :data:`NAMING_WORDS` (*a dog named buddy*, *my name's
bob*); left alone (:func:`_a_name`)."""
NAMING_VERBS = frozenset({"call", "name"})
"""Verbs whose synonyms are of the sense of giving a name (each other), which they have mostly in their past forms
(*a song called*, *a man named*) and before a person and a name (*call me pam*: *name me pam*); in other forms and
before other objects they mostly mean to telephone, or to identify or mention, and are left alone (*call robby*:
not *name robby*; *Name a country*: not *Call a country*)."""
NAME_QUESTIONS = frozenset({"what", "why"})
"""Words that, before *call* or *name*, ask for a name (*What do you call a group of geese*, *why do they call it*)."""
NAMED_OBJECTS = PERSONS | {"it", "itself"}
"""Objects that a name follows after *call* or *name* (*call me pam*, *calls it classicism*)."""
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
    """Their positions among the text's words (word ``i`` is piece ``2 * i + 1`` of :func:`split_words`)."""
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
        pieces (`list[str]`): The text's :func:`split_words`.
        stopwords (`frozenset[str]`): Lower-case words never replaced.
        groups (`list[int]`, *optional*): The words' :func:`protected_groups` (protected words are skipped).
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
        elif info is None or index < compound_end or (not cased and info.name) or _in_idiom(lowered, index):
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
        (word in MONTHS and _a_date(pieces, lowered, index))  # *on march 1*: not *marching*
        or _a_name(lowered, index)  # *my name is john*, *call me frank*: not *toilet*, *blunt*
        or _a_surname(pieces, lowered, index)  # *hugh grant*, *eddie murphy*: not *allow*, *spud*
    ):
        return None
    fitting = info.fitting
    if info.by_context is not None:
        context = _context(pieces, lowered, index)
        if context in info.by_context:
            fitting = info.by_context[context]
    if fitting is None or (fitting.pos == "n" and index > 0 and lowered[index - 1] in THING_PRONOUNS):
        return None  # no noun after *something*: *is there anything fun to do* (not *playfulness*)
    following = _spaced(pieces, lowered, index + 1)
    if (
        (fitting.pos == "v" and following in info.prepositions)  # *relies on*, *put in a request*: not *trusts on*
        or (fitting.pos == "v" and _particle_after_object(pieces, lowered, index, tries))  # *liven things up*
        or (fitting.pos == "n" and _modifies_next(pieces, lowered, index, following, tries))  # *a fun fact*
        or (fitting.tag in BASE_FORMS and _adverb_before_verb(pieces, lowered, index, following))  # *i last got paid*
    ):
        return None
    return fitting


def _modifies_next(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, tries: dict) -> bool:
    """Whether word ``index``, a noun, modifies ``following``, the next word (lower case): one that can only be a noun
    (*a fun fact*), a WordNet compound noun (:func:`_opens_noun_compound`: *my chime bank account*) or, after *what* or
    *which*, a noun that continues their phrase (:func:`_modifier_after_asking`: *what spy novelist*)."""
    if not following:
        return False
    asking = index > 0 and lowered[index - 1] in ASKING_DETERMINERS
    return (
        noun_only(following)
        or _opens_noun_compound(pieces, lowered, index + 1, tries)
        or (asking and _modifier_after_asking(lowered[index], following))
    )


def _fitting_between(
    fitting: Replacements, pieces: Sequence[str], lowered: Sequence[str], index: int, end: int
) -> Replacements | None:
    """``fitting`` (for words ``index`` to ``end``) narrowed to the senses that take the object or predicate
    adjective after them, if any (``None`` before a pronoun and more, and for *call* or *name* that names nobody),
    less the synonyms that would repeat a neighbour."""
    if fitting.before:
        if _naming_verb_naming_nobody(lowered, index, end):
            return None  # *call robby*, *Name a country* (not *name robby*, *Call a country*)
        kind = _object_after(pieces, lowered, end)
        if kind in (None, "infinitive") and fitting.tag == "VBN" and _passive(pieces, lowered, index):
            kind = "object"  # a passive: *my card was declined* (not *worsened*), *was forced to reflect*
        elif kind is None and _predicate_adjective_after(pieces, lowered, index, end):
            kind = "adjective"  # *feel sorry* (not *experience sorry*), *seems tired* (*looks tired*)
        if kind is not None:  # a verb before an object (*move my money*, *call me*, *try to*), not two
            if _pronoun_before_more(pieces, lowered, end, kind):
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


def _participle_after_object(lowered: Sequence[str], end: int) -> int | None:
    """The position of a past participle that ends the object word ``end`` opens, within :data:`MAX_CAUSATIVE_OBJECT` words,
    so that the verb before it makes another do something (*get my oil changed*, *got more checkbooks mailed to
    me*), also before its particle (*get my tires checked out*); not one that a noun or *of* follows, which it modifies
    (*get a used car*, *get a set of keys*), nor one after a subject (*get the answer you wanted*)."""
    for at in range(end + 1, min(end + 1 + MAX_CAUSATIVE_OBJECT, len(lowered))):
        following = lowered[at + 1] if at + 1 < len(lowered) else ""
        if (
            "VBN" in verb_tags(lowered[at])
            and lowered[at - 1] not in SUBJECTS_AND_TO
            and following != "of"
            and (following in TIME_ADVERBS or following in PARTICLES or not may_be_noun(following))
        ):
            return at
    return None


def _causative_participle(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` is the participle after a causative verb's object (:data:`CAUSATIVE_VERBS`: *i had my
    tires checked out*: *gone over*, not *went over*)."""
    verbs = range(max(index - 1 - MAX_CAUSATIVE_OBJECT, 0), index - 1)
    return any(
        lowered[verb] in CAUSATIVE_VERBS and _participle_after_object(lowered, verb + 1) == index for verb in verbs
    )


def _complement_after(following: str) -> bool:
    """Whether ``following`` (lower case) is a word after a compound that ends in a pronoun (*make it*, *get it*) that
    makes it a causative's object: none of :data:`COMPOUND_OBJECT_ENDS`, after which it means what WordNet says
    (*make it work*, *make it hard*; but *we will make it*, *make it to the party*, *i get it now*)."""
    return bool(following) and following not in COMPOUND_OBJECT_ENDS


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
    if (parts[0] in PASSIVE_AUXILIARIES and _participle_after_object(lowered, end - 1) is not None) or (
        parts[-1] in PASSIVE_AUXILIARIES and _participle_after_object(lowered, end) is not None
    ):
        return None  # causative: *get it done*, *i have got my oil changed*: not *catch on made*, *hold my oil changed*
    if (parts[0] == "got" and _have_got(pieces, lowered, index)) or _perfect_of_get(lowered, index, parts):
        return None  # *i've got over it*: not *traversed*; *i should have got the job*: not *should have the job*
    if parts[-1] == "got" and _got_as_become_or_moved(pieces, lowered, end):
        return None  # *he has got up*, *it has got better*: not *he has up*, *it holds better*
    if parts[-1] in OBJECT_PRONOUNS and _complement_after(_spaced(pieces, lowered, end)):
        return None  # causative: *make it work*, *make it hard*: not *survive work*, *survive hard*
    context = context_of(pieces[2 * index - 1], pieces[2 * index - 2]) if index else None
    if _causative_participle(lowered, index):
        context = "aux"  # a participle, as after *has*: *i had my tires checked out*: *gone over*, not *went over*
    found = compound_replacements(" ".join(parts), context)
    if found is not None and found.pos == "n" and parts[-1] in PARTICLES and _object_after(pieces, lowered, end):
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


def _context(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str | None:
    """The ``CONTEXTS`` class that says most about word ``index``.

    That of the word before it (:func:`_context_of_word_before`), as the noun phrase around it changes it
    (:func:`_noun_phrase_context`), or ``"head"`` after *what* or *which* before *of* (*what breed of*); ``"opener"``
    (a verb) for a word that opens a sentence (also after *please*) before a determiner or an object (*Book a
    flight*); else ``"noun"`` before a verb that follows its subject (``is``, ``has``, ...), ``"degree"`` before
    *enough*, ``"predicate"`` after a form of *be*, contracted too, where it ends the predicate and is no
    participle (:func:`_no_participle_here`), and ``"adverb"`` for an adjective that may be an adverb after *so*, *too*
    or *very* after a verb (:func:`_after_verb_and_intensifier`: *working so hard*) or before an adjective that ends a
    predicate (:func:`_before_predicate_adjective`: *wide awake*). ``lowered``: the words in lower case."""
    written = pieces[2 * index + 3] if 2 * index + 3 < len(pieces) and pieces[2 * index + 2].isspace() else ""
    following = lowered[index + 1] if written else ""
    if not written and 2 * index + 3 < len(pieces) and is_clitic(pieces[2 * index + 3], pieces[2 * index + 2]):
        following = "'" + lowered[index + 1]  # a noun before it: *love 's power*, *the capital 's rotunda*
    if _opens_sentence(pieces, lowered, index):
        if written in IMPERATIVE_OBJECTS:  # as written: *Plan A* has no object
            return "opener"
        context = None
    else:
        context = _context_of_word_before(pieces, lowered, index)
        if context is None and lowered[index - 1] in ASKING_DETERMINERS:
            context = _context_after_asking(lowered[index], following)
        elif context is None and index > 1 and lowered[index - 2] in ASKING_DETERMINERS:
            context = _context_after_modifier(lowered[index - 1], lowered[index], following)
        if context is None and _coordinated_adjective(pieces, lowered, index, following):
            context = "det"  # *an energetic and engaging film*: not *pursuing*
        if context is None and _adjective_in_ing(pieces, lowered, index, following):
            context = "predicate"  # *a deeply moving film*, *grows boring*: not *traveling*, *drilling*
        if context is None or context == "det":  # a word the noun phrase around it can say more about
            context = _noun_phrase_context(context, pieces, lowered, index, following)
    if index > 0 and lowered[index - 1] in THING_PRONOUNS and not verb_tags(lowered[index]):
        context = "degree"  # an adjective: *nothing good can happen* (not *goodness*); but *nothing happens*
    elif context in (None, "prep") and following in FINITE_VERBS and not _opens_clause(lowered, index):
        context = "noun"
    elif context is None and following in IMPERATIVE_OBJECTS and THIRD_PERSON <= verb_tags(lowered[index]):
        context = "subject"  # a verb before its object: *what city features the beach*, *and features some*
    elif context is None and _coordinated_noun(pieces, lowered, index):
        context = "noun"  # *between molecules and compounds*: not *deepens*
    elif (context in (None, "aux") and following == "enough") or (context == "aux" and following == "too"):
        context = "degree"  # *close enough*: not *shut enough*; *is light enough*; *is way too long*: not *style*
    elif (
        context == "aux"
        and following in _PREDICATE_ENDS
        and _after_be_or_be_and_adverb(pieces, lowered, index)
        and _no_participle_here(lowered[index], following, lowered[index - 1])
    ):
        context = "predicate"  # *my sister is kind*: not *is form*; but *is part of*, *is world championship*
    elif context in (None, "aux") and _state_ending_question(pieces, lowered, index, following):
        context = "predicate"  # *where is belize located ?*: not *turned up*
    elif may_be_adverb(lowered[index]) and may_be_adjective(lowered[index]) and (
        (context == "degree" and _after_verb_and_intensifier(pieces, lowered, index))
        or (context in (None, "subject", "aux") and _before_predicate_adjective(pieces, lowered, index, following))
    ):
        context = "adverb"  # *working so hard*, *keep you wide awake*: not *so difficult*, *broad awake*
    return context


INTENSIFIERS = frozenset({"so", "too", "very"})
"""Words of degree after which a word modifies the verb before them, if no copula (*working so hard*; but *is so
hard*, :func:`_after_verb_and_intensifier`)."""
COPULAS = frozenset("be seem look feel sound become get remain stay appear grow turn prove taste smell".split())
"""Lemmas of the verbs that an adjective follows as their predicate (*is so hard*, *seems too long*, *feels very
good*), not an adverb."""


def _after_verb_and_intensifier(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows one of :data:`INTENSIFIERS` after a verb, no stop word, adverb nor copula
    (:data:`COPULAS`), which it modifies (*people working so hard*, *try very hard*; but *is so hard*, *are too long*,
    *how fast*, *starts off so bad*, *even very small*)."""
    if index < 2 or lowered[index - 1] not in INTENSIFIERS or not pieces[2 * index - 2].isspace():
        return False  # most words
    verb = lowered[index - 2]
    lemma = verb_lemma(verb)
    return lemma is not None and lemma not in COPULAS and verb not in ENGLISH and not may_be_adverb(verb)


def _before_predicate_adjective(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index`` is before ``following``, an adjective that can be no noun nor a verb's past or third
    person, which it modifies where no noun follows it (*keep you wide awake*, *even halfway scary as*, *just plain
    otherworldly ,*; but *big beautiful houses*, *what actor first portrayed*), and that is no stop word nor number
    (*traffic heavy on my route*, *the evil dead ii*)."""
    if following in ENGLISH or not may_be_adjective(following) or is_number(following) or is_roman_numeral(following):
        return False  # most words
    return (
        not may_be_noun(following)
        and FINITE_FORMS.isdisjoint(verb_tags(following))
        and not may_be_noun(_spaced(pieces, lowered, index + 2))
    )


COORDINATORS = frozenset({"and", "but", "or"})
"""Words that join two adjectives of one noun phrase (*a grievous but obscure complaint*)."""


def _coordinated_adjective(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index`` is an adjective joined to another of its noun phrase, read after a determiner, by a
    :data:`COORDINATORS` word or a comma, before the noun ``following`` (*an energetic and engaging film*, *his
    chilling , unnerving film*; but *the characters and uses them*, *tries and tries hard*)."""
    other = _joined_word(pieces, lowered, index)
    if other < 0 or _noun_phrase_tag(following) not in ("NN", "NNS"):
        return False
    adjective = _noun_phrase_tag(lowered[other])
    return adjective is not None and adjective.startswith("JJ") and _context(pieces, lowered, other) == "det"


def _coordinated_noun(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, which may be a plural noun that WordNet tags (:func:`tagged_as_noun`), is joined by a
    :data:`COORDINATORS` word to a plural that can only be a noun (:func:`noun_only`: *between molecules and
    compounds*; but *eats popcorn and watches*, *unexpected directions and keeps on going*)."""
    if index < 2 or lowered[index - 1] not in COORDINATORS or not pieces[2 * index].isspace():
        return False
    other, word = lowered[index - 2], lowered[index]
    return (
        noun_only(other)
        and tag_after_determiner(other) == "NNS"
        and tag_after_determiner(word) == "NNS"
        and tagged_as_noun(word)
    )


def _joined_word(pieces: Sequence[str], lowered: Sequence[str], index: int) -> int:
    """The word that a :data:`COORDINATORS` word or a comma joins word ``index`` to (*funny and moving*: *funny*;
    *sordid , depressing*: *sordid*), or -1 where neither comes before it."""
    if pieces[2 * index].isspace() and lowered[index - 1] in COORDINATORS:
        return index - 2
    return index - 1 if pieces[2 * index].strip() == "," else -1


ADJECTIVE_COPULAS = frozenset("seem become grow remain prove appear".split())
"""Lemmas of verbs other than *be* whose complement a word in *-ing* is, as an adjective (*grows boring*, *remains
compelling*); not the other :data:`COPULAS`, after which it may be a verb (*get going*, *feel like*, *look forward*,
*stay tuned*)."""


def _adjective_in_ing(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, a form in *-ing* that may be an adjective, is one where no object (:func:`_object_after`)
    nor number follows it: after an adverb in *-ly* before no preposition (*a deeply moving film*, *consistently
    amusing but*; but *normally driving into*), a copula (:data:`ADJECTIVE_COPULAS`: *grows boring*) or *and*, *but*,
    *or* or a comma that an adjective precedes (*intelligent and moving*, *sordid , depressing*; but *effecting change
    and inspiring hope*, *inexplicably wearing a*, *straining to get by*, *really working for*)."""
    word = lowered[index]
    if not word.endswith("ing") or following in OBJECT_KINDS or verb_tags(word) != GERUND:
        return False  # most words
    if index == 0 or not may_be_adjective(word) or is_number(following):
        return False
    if _object_after(pieces, lowered, index + 1) is not None:
        return False
    joined = _joined_word(pieces, lowered, index)
    if joined >= 0:
        return pieces[2 * joined + 2].strip() in ("", ",") and _adjective_word(lowered[joined])
    if not pieces[2 * index].isspace():
        return False
    before = lowered[index - 1]
    if _ly_adverb(before) and before not in VERB_ADVERBS:
        return following not in PREPOSITIONS_AND_TO
    return verb_lemma(before) in ADJECTIVE_COPULAS


def _adjective_word(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective (:func:`is_adjective`) of letters: not an ordinal in digits
    (*on the 16th and returning*)."""
    return is_adjective(word) and not opens_with_digits(word)


def _no_participle_here(word: str, following: str, before: str) -> bool:
    """Whether ``word`` (lower case), ending a predicate after *be* before ``following`` (and after ``before``, the word
    before it), is no participle: no verb form in *-ed* or *-ing*, an adjective in *-ing* only whose verb takes an
    object, which it lacks there, and no infinitive follows (*the story is baffling .*, *it 's boring and long*: not
    *vexing*, *drilling*; but *the car was repaired*, *he is running*, *the ac is showing*, *i am trying to*), or a past
    participle that is an adjective of its own (:func:`adjective_of_its_own`: *as far as i am concerned*, *we were
    satisfied*: not *born on*, *filled*), but not after :data:`PASSIVE_BE` (*before being seated*: not *being
    sitting*)."""
    tags = verb_tags(word)
    if {"VBN", "VBG"}.isdisjoint(tags):
        return True
    if "VBN" in tags:
        return before not in PASSIVE_BE and adjective_of_its_own(word)
    return tags == GERUND and following != "to" and may_be_adjective(word) and needs_object(word)


_PREDICATE_ENDS = frozenset({"", "and", "but", "or", "now", "today", "again", "to", "for", "with", "at", "in"})
"""The words after a predicate's adjective (``""``: the end of the text or a punctuation mark)."""


IDIOMS = frozenset(
    {("never", "mind"), ("right", "now"), ("right", "here"), ("right", "there"), ("last", "night")}
    | {("help", "but"), ("carry", "ons"), ("jump", "start")}
    | {(have, "left") for have in ("have", "has", "had")}
)
"""Pairs of words that WordNet lacks as one and that mean something else apart: neither is replaced (*never mind*:
not *never psyche*; *right now*: not *rectify now*; *last night*: not *finale night*; *how many days do i have
left*: not *have gone away*; *ca n't help but*: not *assist but*; *carry ons*: not *pack ons*; *jump start*: not
*leap start*)."""
IDIOM_WORDS = frozenset(word for pair in IDIOMS for word in pair)
"""The words of the :data:`IDIOMS` pairs: a word that is none of them is in no idiom (most words)."""
ASKING_DETERMINERS = frozenset({"what", "which"})
"""Question words that a noun may follow as its determiner (*what breed of dog*, *which kind of*)."""
PLURAL_FINITE_VERBS = frozenset("are were have do 're".split())
"""Finite verbs that follow a plural subject, never *what* or *which* alone (*what alerts are*; but *what remains is*)."""


def _context_after_asking(word: str, following: str) -> str | None:
    """The context of ``word`` after *what* or *which* before ``following`` (both lower case): ``"head"`` (a noun) before
    *of* (*what breed of dog*: not *multiply*) or a verb that agrees with a plural (*what alerts are*), ``"det"`` (after a
    determiner) before another word of their noun phrase where it has no verb form that agrees with *what* (*what
    double talking*: not *duplicate*; *what routing number*), else none (*what causes*, *which came first*, *is what
    like*)."""
    if following == "of" or (following in PLURAL_FINITE_VERBS and THIRD_PERSON <= verb_tags(word)):
        return "head"
    return "det" if _modifier_after_asking(word, following) else None


def _context_after_modifier(modifier: str, word: str, following: str) -> str | None:
    """The context of ``word`` after *what* or *which* and ``modifier`` before ``following`` (all lower case): ``"head"``
    (a noun) where ``modifier`` modifies it (*what barroom judge called*: not *evaluate*), unless it is in *-ing*, which
    may modify a noun after it in turn (*what double talking professor*); ``"past"`` where ``modifier`` is a singular
    noun, its subject, and its past is its base form (:func:`_past_like_base`: *what album put the beatles on*)."""
    if tag_after_determiner(modifier) == "NN" and _past_like_base(word, following):
        return "past"  # *what album put the beatles on*: not *lay*
    modified = _modifier_after_asking(modifier, word) and GERUND.isdisjoint(verb_tags(word))
    return "head" if modified else None


def _modifier_after_asking(word: str, following: str) -> bool:
    """Whether ``word``, after *what* or *which*, modifies ``following`` (both lower case), a noun that continues their
    noun phrase: ``word`` is no plural and neither has a verb form that agrees with *what* (*what spy novelist*, *what
    wrestling star*; but *what causes pneumonia*, *what dummy received*, *what mountains lie*, *what actor first*)."""
    return (
        following not in ENGLISH
        and may_be_noun(following)
        and not may_be_adverb(following)
        and FINITE_FORMS.isdisjoint(verb_tags(word))
        and FINITE_FORMS.isdisjoint(verb_tags(following))
        and tag_after_determiner(word) != "NNS"
    )


def _in_idiom(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` is one of an :data:`IDIOMS` pair."""
    if lowered[index] not in IDIOM_WORDS:
        return False  # most words
    return (index > 0 and (lowered[index - 1], lowered[index]) in IDIOMS) or (
        index + 1 < len(lowered) and (lowered[index], lowered[index + 1]) in IDIOMS
    )


def _after_be(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a form of *be*, negated or not (*is*, *wasn't*, SST-2's *are n't*, *is not*), contracted
    too (*they're*, *it's*, SST-2's *it 's*: after one of :data:`IS_HOSTS`), but no possessive's *'s* (*the film's*,
    *everyone's*)."""
    at = index - 1
    if (straight_apostrophes(lowered[at]) in _NOT or lowered[at] == "not") and at > 0:
        at -= 1
    if straight_apostrophes(lowered[at]).removesuffix("n't") in BE_FORMS:
        return True
    owner, clitic = _contraction(pieces, lowered, at)
    return clitic in ("re", "m") or (clitic == "s" and owner in IS_HOSTS)


def _after_be_or_be_and_adverb(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a form of *be* (:func:`_after_be`), or an adverb after one
    (:func:`_after_verb_adverb`: *the film is incredibly boring*)."""
    return _after_be(pieces, lowered, index) or (
        _after_verb_adverb(pieces, lowered, index) and _after_be(pieces, lowered, index - 1)
    )


def _contraction(pieces: Sequence[str], lowered: Sequence[str], at: int) -> tuple[str, str]:
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


IS_HOSTS = frozenset("it he she that this there here what who where how when why everything nothing something".split())
"""Words whose *'s* is *is* (or *has*), never a possessive's (*it's*, *that 's*; but *everyone's*, *one's*)."""


def _context_of_word_before(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str | None:
    """The ``CONTEXTS`` class of the word before word ``index``, which does not open a sentence; but *to* as a
    preposition and *at least* say nothing, and a subject or a name after a modal asks a question: ``"modal"``
    (*can you put*, *did Hitler rule*); after a modal, a subject or an auxiliary and an adverb, that of the
    word before the adverb (*could only spring*); after an auxiliary and *n't* written apart, ``"aux"``."""
    context = context_of(pieces[2 * index - 1], pieces[2 * index - 2])
    if context == "modal" and _to_as_preposition(lowered, index):
        return None
    if context == "subject" and index > 1 and context_of(pieces[2 * index - 3], pieces[2 * index - 4]) == "modal":
        return "modal"  # a question: *can you put*, *did they set*
    if context == "quantity" and index > 1 and lowered[index - 2] == "at":
        return None  # *at least pay*
    if context == "det" and lowered[index] in FUNCTION_WORDS and lowered[index - 1] in _DEMONSTRATIVES:
        return None  # a pronoun before a word WordNet knows only as a content word: *make this worth a peek*
    if context == "aux" and _after_possessive(pieces, lowered, index):
        return "det"  # *the film 's convincing portrayal*: not *converting*
    if context == "modal" and index > 1 and lowered[index - 1] in _NOT and CONTEXTS.get(lowered[index - 2]) == "aux":
        return "aux"  # SST-2's *is n't correct*, as *isn't correct*: not *rectify*
    if context is None and index > 1 and lowered[index - 1] == "not" and _after_be(pieces, lowered, index - 1):
        return "aux"  # *is not correct*, *that's not correct*: not *rectify*
    if context is None:
        before_adverb = _context_before_adverb(pieces, lowered, index)
        if before_adverb in _VERB_ADVERB_AFTER or (before_adverb == "det" and _adjective_after_adverb(lowered, index)):
            return before_adverb  # *could only spring*, *a truly riveting*
    if context is None and pieces[2 * index - 1][:1].isupper():  # most words: not
        return "modal" if _after_named_subject(pieces, lowered, index) else None  # *did Hitler rule*
    return context


_DEMONSTRATIVES = frozenset({"this", "these", "those"})
_LIKE = frozenset({"like", "likes", "liked"})
_NOT = frozenset({"n't", "n’t"})
"""*Not* contracted and written apart from its verb (SST-2's *is n't*)."""


def _noun_phrase_context(
    context: str | None, pieces: Sequence[str], lowered: Sequence[str], index: int, following: str
) -> str | None:
    """``context`` (``None`` or ``"det"``), that of the word before word ``index``, as the noun phrase around the
    word changes it.

    The word that ends the noun phrase after a modal asks a question (``"modal"``: *will my flight land*);
    ``"det"`` also after a determiner and an adjective, after a word that can only be an adjective
    (*dramatic punch*; not a function word: *insightful enough*), and for a plural after a modifier that cannot be
    its subject (:func:`_plural_after_modifier`: *order new checks*), and ``"head"`` instead where the noun
    phrase ends (*the meaning of*, *love 's power*); ``"tail"`` where a noun phrase that a determiner and a
    singular noun open ends, if the word cannot be a verb there (*the insurance plan*) or would lack the
    object its verb always takes (*any travel alerts i*), or ``"head"`` before a preposition other than *of*
    or at the end after *have* if it can be a noun (*a travel alert for*, :func:`_head_noun`), and for a word in
    *-ing* that ends it and is a noun of its own (*your language setting*). ``following``: the word after it, lower
    case."""
    before = _tag_after_determiner(pieces, lowered, index, following) if context is None else None
    if before == "VB":
        context = "modal"  # a question's verb: *will my flight land on time*
    elif before == "VBN":
        context = "aux"  # a question's participle: *why was my card declined*
    elif (before is not None and before.startswith("JJ")) or (
        context is None
        and pieces[2 * index].isspace()
        and (
            # *insightful enough*: not *sufficiency*
            (is_adjective(lowered[index - 1]) and lowered[index] not in FUNCTION_WORDS)
            or (before is None and _plural_after_modifier(pieces, lowered, index, following))
        )
    ):
        context = "det"  # *his early works*, *unconditional love*, *a lucid work*, *order new checks*
    if context == "det":
        adverbial = lowered[index - 1] in ADVERBIAL_DETERMINERS and not (
            lowered[index - 1] in QUANTIFIERS and following in PREPOSITIONS_AND_TO
        )
        ends = _ends_noun_phrase(pieces, index, following)
        if not adverbial and ends:
            context = "head"  # also *any meaning to life* (not *pregnant*); but *is it any good ?*
        elif noun_far_likelier(lowered[index]) and (ends or (following and not _may_continue_noun_phrase(following))):
            context = "head"  # *life has no meaning*, *take the warning literally*: not *significant*, *exemplary*
    elif before == "NN" and _gerund_noun_ends_phrase(pieces, lowered, index, following):
        context = "head"  # a thing that ends a noun phrase: *your language setting*; but *when is my paycheck coming*
    elif before == "NN":
        opener = _noun_phrase_opener(pieces, lowered, index)  # -1: none
        if lowered[index] not in FUNCTION_WORDS and _no_verb_after_noun(pieces, lowered, index, following, opener):
            context = "head" if _head_noun(lowered, index, following, opener) else "tail"
        elif _past_after_noun(pieces, lowered, index, following, opener):
            context = "past"  # its subject's verb: *my card split in half*, not *my card part*; *a thriller set among*
    if lowered[index] in _LIKE and following in OBJECT_PRONOUNS:
        return None  # the verb, before its object: *some like it hot*, not *some ilk it hot*; but *the means it takes*
    return context


def _may_continue_noun_phrase(word: str) -> bool:
    """Whether ``word`` (lower case) may be a noun or an adjective, so that a noun phrase goes on through it."""
    return may_be_noun(word) or may_be_adjective(word)


GERUND_NOUN_ENDS = frozenset("of for on at in with to that".split())
"""Words after which a noun in *-ing* ends its noun phrase (:func:`_gerund_noun_ends_phrase`); not those that a verb in
*-ing* takes more often (*fighting against*, *suffering from*, *building up*)."""


def _gerund_noun_ends_phrase(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, in *-ing* and a noun of its own (:func:`noun_of_its_own`), ends its noun phrase before
    ``following``: a punctuation mark, the end of the text, a finite verb or one of :data:`GERUND_NOUN_ENDS`, but not
    *to* before an infinitive or a determiner (*your language setting to spanish*, *the staff meeting for march 1*: not
    *placing*, *running across*; but *a director beginning to resemble*, *time building to a climax*, *a film
    suffering from*)."""
    word = lowered[index]
    if following and following not in GERUND_NOUN_ENDS and following not in FINITE_VERBS:
        return False  # most words
    if verb_tags(word) != GERUND or not noun_of_its_own(word):
        return False
    if following != "to":
        return True
    return _spaced(pieces, lowered, index + 2) not in DETERMINERS and _object_after(pieces, lowered, index + 1) is None


MODIFIED_PLURAL_ENDS = frozenset({"", "or", "for", "from", "about"})
"""Words after a plural that a noun modifies that end its noun phrase (``""``: a punctuation mark or the end of the
text), where a verb would lack its object (*car chases for an hour*, *new insurance plans*; but *what therapy
attempts to*, *the music stops in*)."""


def _plural_after_modifier(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, a plural or a verb in the third person (:data:`THIRD_PERSON`: *checks*), is the plural
    where no determiner opens its noun phrase (see :func:`_tag_after_determiner`): after a word that modifies it and
    that no verb follows as its subject, an adjective likelier than a noun or an adverb (:func:`adjective_likelier`)
    or a number (*order new checks*, *hallelujah for small favors*, *four natural aids*; not *it first sets out*), or
    after a noun, no name nor a sentence's first word, where the noun phrase ends before ``following``
    (:data:`MODIFIED_PLURAL_ENDS`) and the verb would lack its object (:func:`_verb_without_its_object`: *new
    insurance plans*, *car chases for*; not *max pokes ,*, *as comedy goes ,*, *Time flies .*, *edward burns ,*)."""
    word, modifier = lowered[index], lowered[index - 1]
    if verb_tags(word) != THIRD_PERSON or word in FUNCTION_WORDS:
        return False  # most words; *what the word arboreal means*
    tag = _noun_phrase_tag(modifier)
    if tag is None:
        return False
    if tag.startswith("JJ") and adjective_likelier(modifier):
        return True
    return (
        following in MODIFIED_PLURAL_ENDS
        and _verb_without_its_object(word, following)
        and may_be_noun(modifier)
        and modifier not in lexicon.load().names
        and not _opens_sentence(pieces, lowered, index - 1)
    )


def _object_after(pieces: Sequence[str], lowered: Sequence[str], end: int) -> str | None:
    """The :data:`OBJECT_KINDS` kind of the object that word ``end`` opens, if it opens one (a
    capitalised word, a name, opens an object: *leave Russia*; *her* one before a word that may open a
    noun phrase, as a determiner: *describe her life*), or ``"infinitive"`` if it is a *to*
    before a word likelier a verb's base form than a noun (*fails to see*; not *walk to school*, nor
    *go to sleep*, see :func:`_to_as_preposition`)."""
    word = _spaced(pieces, lowered, end)
    if not word:
        return None
    if word == "to":
        infinitive = base_verb_likelier(_spaced(pieces, lowered, end + 1))
        return "infinitive" if infinitive and not _to_as_preposition(lowered, end + 1) else None
    kind = OBJECT_KINDS.get(word) or ("object" if case_of(pieces[2 * end + 1]) == "title" else None)
    if kind is None or (end + 1 < len(lowered) and lowered[end + 1] in FINITE_VERBS):
        return None  # the subject of a clause: *we hope it 's*
    if word == "her" and _noun_phrase_tag(_spaced(pieces, lowered, end + 1)) is not None:
        return "object"  # a determiner: *describe her life*; but *tell her i*, *ask her what*
    return kind


PREDICATE_DEGREE_WORDS = INTENSIFIERS | QUANTITY_WORDS | frozenset("as quite rather pretty somewhat even much wide".split())
"""Words of degree read between a verb and its predicate adjective (*feel so good*, *seems more realistic*, *feel
pretty good*, *feel even better*, *feel wide awake*)."""
MAX_DEGREE_WORDS = 2
"""The most words of degree or adverbs in *-ly* read between a verb and its predicate adjective (*feel so very good*)."""
NOUN_PRONOUNS = frozenset({"one", "ones"})
"""Pronouns that an adjective modifies as it would a noun (*buy new ones*)."""


def _predicate_adjective_after(pieces: Sequence[str], lowered: Sequence[str], index: int, end: int) -> bool:
    """Whether word ``end`` opens an adjective that is the predicate of the verb ``index`` before it, a copula
    (:data:`COPULAS`), after up to :data:`MAX_DEGREE_WORDS` words of degree or adverbs in *-ly* (*feel sorry*,
    *feel genuinely good*, *seems tired*): a word likelier an adjective than a noun or an adverb
    (:func:`adjective_likelier`) or a comparative (*feel better*), and no number, that neither a noun nor another
    word of a noun phrase follows, which it would modify, but for an adverb (not *feel contradictory things*, *feel
    new ones*; but *feel sick today*)."""
    if end > index + 1 or verb_lemma(lowered[index]) not in COPULAS:
        return False  # most verbs, and compounds (*look up easy recipes*)
    for _ in range(MAX_DEGREE_WORDS):
        word = _spaced(pieces, lowered, end)
        if word not in PREDICATE_DEGREE_WORDS and not (word.endswith("ly") and may_be_adverb(word)):
            break
        end += 1
    word = _spaced(pieces, lowered, end)
    if word in ENGLISH or word in FUNCTION_WORDS or not may_be_adjective(word) or is_number(word):
        return False
    following = _spaced(pieces, lowered, end + 1)
    noun_phrase = following in NOUN_PRONOUNS or (_noun_phrase_tag(following) is not None and not may_be_adverb(following))
    return (adjective_likelier(word) or is_comparative(word)) and not noun_phrase


def _adverb_before_verb(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, read as a verb's base form, is rather an adverb of the same spelling before the
    verb ``following``: a past form that is no noun (*when i last got paid*, *i last walked out*), a base
    form likelier a verb (*may well be*, *could well turn out*), or one before an object (*did i last service
    my car*: not *endure*); but *seem tired*, *feel compelled*: no adverbs."""
    if not may_be_adverb(lowered[index]):
        return False
    if "VB" in verb_tags(following) and _object_after(pieces, lowered, index + 2) not in (None, "infinitive"):
        return True
    return ("VBD" in verb_tags(following) and not may_be_noun(following)) or base_verb_likelier(following)


def _particle_after_object(pieces: Sequence[str], lowered: Sequence[str], index: int, tries: dict) -> bool:
    """Whether word ``index``, a verb, is a WordNet compound with a particle (:data:`SEPARABLE_PARTICLES`) that
    follows its object of up to three words (*liven things up*, *put the meeting off*, *check my balance
    out*), so a synonym of the verb alone would leave the particle behind. ``tries``: :attr:`Lexicon.compounds`."""
    if SEPARABLE_PARTICLES.isdisjoint(lowered[index + 2 : index + 5]):
        return False  # most verbs
    trie = tries.get(lowered[index])
    if not trie:
        return False
    for at in range(index + 1, min(index + 5, len(lowered))):
        word = _spaced(pieces, lowered, at)
        if at > index + 1 and word in SEPARABLE_PARTICLES and "" in trie.get(word, {}):
            return True
        if not word or word in PREPOSITIONS or word in PARTICLES or _no_object_word(word, lowered[at - 1]):
            return False  # no object: *keeps coming back*, *trying to sneak out*, *never die ; they fade away*
    return False


def _no_object_word(word: str, previous: str) -> bool:
    """Whether ``word`` (lower case, after ``previous``) is no part of an object: an adverb in *-ly*
    (*spin hopelessly out*), a participle or past form unless after a determiner (*keeps coming back*,
    *last walked out*; but *put the meeting off*), or a base form likelier a verb (*light bulbs go out*)."""
    if _ly_adverb(word):
        return True
    if not VERB_FORMS.isdisjoint(verb_tags(word)) and previous not in DETERMINERS:
        return True
    return base_verb_likelier(word)


def _ly_adverb(word: str) -> bool:
    """Whether ``word`` (lower case) ends in *-ly* and has synonyms as an adverb only, or none (*properly*,
    *hopelessly*; not *friendly*, an adjective)."""
    return word.endswith("ly") and adverb_only(word)


HAVE_FORMS = frozenset({"have", "has"})
"""The forms of *have* before *got* (:func:`_have_got`)."""
HAVE_GOT_SUBJECTS = SUBJECTS | {"it", "there"}
"""Subjects between *have* or *has* and *got* in a question (*have i got*, *has it got*)."""
PERFECT_MODALS = frozenset("will would could should might must may shall".split())
"""Modals after which *have got* is the perfect of *get* (*i would've got the job*, *should have got*)."""


def _have_got(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, *got*, follows *have* or *has*, negated or not, contracted too (*i've got*, *haven't
    got*, SST-2's *it 's got*, *have n't got*), or one and a subject pronoun (*have i got*, *has it got*): a compound
    that opens with *got* there is left alone, as *have got* means *have* or makes a perfect, whose participle the
    compound's synonyms would not take (*i've got over it*: not *traversed*; but *i had got*, *i would've got*)."""
    at = index - 1
    if at > 0 and lowered[at] in _NOT:
        at -= 1
    if at > 0 and lowered[at] in HAVE_GOT_SUBJECTS:
        at -= 1  # a question: *have i got any meetings today*
    if at < 0:
        return False
    owner, clitic = _contraction(pieces, lowered, at)
    if straight_apostrophes(lowered[at]).removesuffix("n't") in HAVE_FORMS:
        return at == 0 or lowered[at - 1] not in PERFECT_MODALS
    return (clitic == "ve" and owner not in PERFECT_MODALS) or (clitic == "s" and owner in IS_HOSTS)


def _got_as_become_or_moved(pieces: Sequence[str], lowered: Sequence[str], end: int) -> bool:
    """Whether *got*, ending a compound of *have* (*has got*) before word ``end``, is the perfect of *get* in a sense
    that *have got* lacks: before a particle (*he has got up*, *we have got back*) or its predicate adjective
    (:func:`_predicate_adjective_after`: *it has got better*, *he has got tired*; not *she has got bigger problems*),
    where *have got* does not mean *have*."""
    following = _spaced(pieces, lowered, end)
    particle = following in PARTICLES or following in SEPARABLE_PARTICLES
    return particle or _predicate_adjective_after(pieces, lowered, end - 1, end)


def _perfect_of_get(lowered: Sequence[str], index: int, parts: Sequence[str]) -> bool:
    """Whether the compound ``parts`` that word ``index`` opens is *have got* after a modal (:data:`PERFECT_MODALS`),
    the perfect of *get*, not *have* (*i should have got the job*)."""
    return parts[0] == "have" and parts[1:2] == ["got"] and index > 0 and lowered[index - 1] in PERFECT_MODALS


def _spaced(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str:
    """Word ``index`` in lower case if it follows the word before it after a space, else ``""`` (also
    past the last word)."""
    return lowered[index] if index < len(lowered) and pieces[2 * index].isspace() else ""


def _a_date(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, a month's name, is a date: after a word of time (*in march*, *the tenth
    of august*, :data:`TIME_WORDS`) or next to a number (*feb 22 to march 1*, *march 1st*)."""
    before = lowered[index - 1] if index else ""
    return before in TIME_WORDS or before[:1].isdigit() or _spaced(pieces, lowered, index + 1)[:1].isdigit()


def _naming_verb_naming_nobody(lowered: Sequence[str], index: int, end: int) -> bool:
    """Whether words ``index`` to ``end`` are one word, a form of a :data:`NAMING_VERBS` verb other than its past, that
    gives no name: no person or *it* and a name follow it, and no *what* or *why* (*what's*) before it asks for one
    (*call robby*, *call me tomorrow*, *Name a country*; not *call me pam*, *calls it classicism*, *What do you call a
    group of geese*, *a song called*)."""
    word = lowered[index]
    if end > index + 1 or verb_lemma(word) not in NAMING_VERBS:
        return False  # most words
    if "VBN" in verb_tags(word) or any(
        straight_apostrophes(before).partition("'")[0] in NAME_QUESTIONS for before in lowered[:index]
    ):
        return False  # a past form, or a name asked for (*what do you call*)
    if end + 1 >= len(lowered) or lowered[end] not in NAMED_OBJECTS:
        return True
    return lowered[end + 1] in ENGLISH or may_be_adverb(lowered[end + 1])  # *call me at 5*, *call me tomorrow*


def _a_name(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a word or pair of words that names it (:data:`NAMING_WORDS`,
    :data:`NAMING_PAIRS`): *named buddy*, *my name is john*, *call me frank*."""
    if not index:
        return False
    previous = straight_apostrophes(lowered[index - 1])
    if previous in NAMING_WORDS:
        return True
    return index > 1 and previous in NAMING_PAIRS and verb_lemma(lowered[index - 2]) == NAMING_PAIRS[previous]


def _a_surname(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a first name written in lower case (:attr:`lexicon.Lexicon.first_names`), so
    most likely is its surname: *hugh grant*, *eddie murphy*; a word that may be a noun, as surnames are, but not a
    verb's third person or past, which follow a name as its verb, unless a noun more often (*dan aware*, *allen seems*,
    *max shows*; but *mel brooks*), nor the word after a surname that is a first name too (*hal hartley movie*,
    *randall wallace film*). A capitalised name's surname is capitalised too, and left alone as such."""
    first_names = lexicon.load().first_names
    if not index or not pieces[2 * index].isspace() or lowered[index - 1] not in first_names:
        return False
    if index > 1 and pieces[2 * index - 2].isspace() and lowered[index - 2] in first_names:
        return False  # word index - 1 is the surname
    word = lowered[index]
    return (
        pieces[2 * index - 1].islower()
        and may_be_noun(word)
        and (FINITE_FORMS.isdisjoint(verb_tags(word)) or noun_likelier(word))
    )


def _pronoun_before_more(pieces: Sequence[str], lowered: Sequence[str], end: int, kind: str) -> bool:
    """Whether the object of ``kind`` that word ``end`` opens is a pronoun and another object or an
    infinitive follows it (*send me a card*, *show us the way*, *show me how to*, *show me recent
    transactions*, *help me move*, *want you to enjoy*): WordNet's synonyms seldom take these (not
    *direct me a card*, *exhibit us the way*, *exhibit me how to*, *assist me move*, *desire you to
    enjoy*). A word more often a noun is that infinitive before a particle or an object (*help me figure
    out*, *help us plan a trip*). A name after *call* and a person is none (*call me mary*)."""
    if not kind.endswith("pronoun"):
        return False
    if _object_after(pieces, lowered, end + 1) in ("object", "infinitive"):
        return True
    following = _spaced(pieces, lowered, end + 1)
    if base_verb_likelier(following):
        return True
    if _opens_second_object(following, kind.startswith("person")) and not _a_name(lowered, end + 1):
        return True  # but not a name, what the person is called: *call me mary* -> *name me mary*
    verb_like = _spaced(pieces, lowered, end + 2) in PARTICLES or _object_after(pieces, lowered, end + 2) is not None
    return verb_like and "VB" in verb_tags(following)


def _opens_second_object(word: str, person: bool) -> bool:
    """Whether ``word`` (lower case), after a pronoun object, a ``person`` or not, opens another object: a
    clause (*show me how to*, *ask him if*, :data:`CLAUSE_OBJECTS`) or a noun phrase, read as after a
    determiner, through an adjective (*show me recent transactions*, *send me more checkbooks*, *make it
    quick*) or, after a person, a noun (*show me transactions*: what a person is shown or given; after
    *it* rather a time: *cancel it today*); not a particle (*meet you over there*)."""
    if word in CLAUSE_OBJECTS:
        return True
    tag = _noun_phrase_tag(word)
    return tag is not None and (tag.startswith("JJ") or (person and tag.startswith("NN")))


def _noun_phrase_tag(word: str) -> str | None:
    """The :func:`tag_after_determiner` of ``word`` (lower case) where it may open a noun phrase: no stop
    word but *more*, *most*, ... (*send me more checkbooks*; not *tell her i*, *meet you over there*); ``JJ`` for
    a word that opens with digits, which modifies a noun as an adjective does (*show me 5-star restaurants*)."""
    if word in ENGLISH and word not in QUANTITY_WORDS:
        return None
    return "JJ" if opens_with_digits(word) else tag_after_determiner(word)


def _without_repeats(
    fitting: Replacements, pieces: Sequence[str], lowered: Sequence[str], index: int, end: int
) -> Replacements | None:
    """``fitting`` (for words ``index`` to ``end``) less the synonyms that would repeat the word just
    before or after them (*gymnastics exercise*: not *gymnastic exercise exercise*), or ``None`` where one ends in
    the preposition after them, whose sense that is: the others are of senses not meant (*apply for*: not *go for
    for*, nor *use for*)."""
    previous = lowered[index - 1] if index and pieces[2 * index].isspace() else ""
    following = _spaced(pieces, lowered, end)
    if following in PREPOSITIONS and any(form.endswith(" " + following) for form in fitting.forms):
        return None
    return fitting.without_repeats(previous, following)


def _after_named_subject(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a modal (or *do*) and a name of up to three capitalised words
    (*did King Wenceslas rule*, *do Italians call*): the verb of a question."""
    at = index - 1
    while at > 0 and index - at <= NAME_WORDS and case_of(pieces[2 * at + 1]) in ("title", "upper"):
        if lowered[at] in CONTEXTS:
            break
        at -= 1
    return at < index - 1 and context_of(pieces[2 * at + 1], pieces[2 * at]) == "modal"


_VERB_ADVERB_AFTER = frozenset({"modal", "subject", "aux"})
"""Classes of the words after which an adverb (:func:`_context_before_adverb`) stands before their verb."""


def _after_verb_adverb(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows an adverb (:data:`VERB_ADVERBS`) that follows a modal, a subject or
    an auxiliary, all apart by spaces (*could only spring*, *i also need*, *is really going*)."""
    return _context_before_adverb(pieces, lowered, index) in _VERB_ADVERB_AFTER


def _adjective_after_adverb(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, after an adverb (:data:`VERB_ADVERBS`) after a determiner, is in *-ing* and that
    determiner no pronoun: an adjective there (*a truly riveting film*: not *concentrating*; not *for those always
    seeking*; a word in *-ed* keeps its participle's reading: *a beautifully drawn film*, not *haggard*)."""
    return lowered[index].endswith("ing") and lowered[index - 2] not in _DEMONSTRATIVES


def _context_before_adverb(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str | None:
    """The ``CONTEXTS`` class of the word before an adverb (:data:`VERB_ADVERBS`, or one in *-ly*) that word ``index``
    follows, all apart by spaces; ``None`` where no such adverb comes before it."""
    if index < 2 or not (pieces[2 * index].isspace() and pieces[2 * index - 2].isspace()):
        return None
    adverb = lowered[index - 1]
    if adverb not in VERB_ADVERBS and not _ly_adverb(adverb):
        return None
    return context_of(pieces[2 * index - 3], pieces[2 * index - 4])


def _after_possessive(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a possessive, not *is* or *has*: an attached one (:func:`_possessive`:
    *tomorrow's meeting*) before a word that is no verb in *-ing* but a noun of its own (not *john's coming*), or an
    *'s* written apart after a word that is no stop word (*chan 's fighting skills*; but *he 's fighting crime*)."""
    if _possessive_apart(pieces, lowered, index - 1):
        return True
    word = lowered[index]
    return _possessive(lowered[index - 1]) and (verb_tags(word) != GERUND or noun_of_its_own(word))


def _opens_sentence(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` opens a sentence, also after *please* (*please book me a table*)."""
    if (not index or not pieces[2 * index].isspace()) and starts_sentence(pieces, index):  # most words: not
        return True
    return index > 0 and lowered[index - 1] in REQUEST_OPENERS and starts_sentence(pieces, index - 1)


def _to_as_preposition(lowered: Sequence[str], index: int) -> bool:
    """Whether the word before word ``index`` (``lowered``: the words in lower case) is a *to* that
    does not mark an infinitive: after a verb of going (*go to school*) or in *from X to Y* (*from
    stage to screen*)."""
    return lowered[index - 1] == "to" and (
        (index > 1 and lowered[index - 2] in GOING_VERBS) or (index > 2 and lowered[index - 3] == "from")
    )


def _opens_clause(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` may be the verb of a clause opened by the word before it (*what remains*)."""
    return (
        index > 0 and lowered[index - 1] in CLAUSE_OPENERS and not FINITE_FORMS.isdisjoint(verb_tags(lowered[index]))
    )


def _verb_without_its_object(word: str, following: str) -> bool:
    """Whether ``word``, as a verb only ever in the third person (a plural noun otherwise), would lack the
    object it always takes before ``following``, which ends a noun phrase and is no object pronoun nor
    *to* (*the travel alerts for*, *any travel alerts i*; but *the alarm alerts me*, *the company plans to*)."""
    return (
        following not in OBJECT_PRONOUNS
        and following != "to"
        and verb_tags(word) == THIRD_PERSON
        and needs_object(word)
    )


def _head_noun(lowered: Sequence[str], index: int, following: str, opener: int) -> bool:
    """Whether word ``index``, which ends a noun phrase that a determiner opens, is read as a noun, where it can
    be one, before ``following``: a preposition other than *of* (*a travel alert for*; but *a spectacle full
    of*, *sets it apart from*), or no word where the noun phrase is what :data:`HEAD_OPENERS` have (*does
    argentina have a travel alert*: not *watchful*; but *is my tire pressure okay*, *played this story
    straight*). ``opener``: the word before the noun phrase (:func:`_noun_phrase_opener`)."""
    if not may_be_noun(lowered[index]):
        return False
    if following:
        return following in PREPOSITIONS and following != "of"
    return opener >= 0 and lowered[opener] in HEAD_OPENERS


def _ends_noun_phrase(pieces: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index`` is the last of a noun phrase: at the end of the text, a sentence or a
    clause, or before a word (``following``, lower case) that does not continue one (:data:`NOUN_PHRASE_ENDS`)."""
    return (
        2 * index + 3 >= len(pieces)
        or following in NOUN_PHRASE_ENDS
        or not _CLAUSE_ENDS.isdisjoint(pieces[2 * index + 2])
    )


LIST_ENDS = COORDINATORS | {"than"}
"""Words that end a noun phrase as a comma does, in a list or a comparison (*a gangster flick or an art film*, *a
fireworks display than a movie*), after which a verb in the base form would have no subject it agrees with."""


def _no_verb_after_noun(
    pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, opener: int
) -> bool:
    """Whether word ``index``, after a determiner and a singular noun (:func:`_tag_after_determiner`), is no verb: one
    only in the base form, which agrees with no singular subject, where the noun phrase ends, also before a comma or a
    :data:`LIST_ENDS` word (*the insurance plan .*, *another car chase , explosion*, *a fireworks display than*), or
    after a form of *be*, *have* or *get* whose subject the noun phrase is (:func:`_base_form_may_follow`: *is my credit
    report low*); one also in the past that takes an object in every sense, before either or a punctuation mark (*a bumper cast but*,
    *a hip hop beat .*; but *my card split in half*); or one that would lack the object it always takes where the noun
    phrase ends (*the travel alerts for*; not *the movie works .*, *the movie moves and*). ``opener``: the word before
    the noun phrase (:func:`_noun_phrase_opener`)."""
    word = lowered[index]
    tags = verb_tags(word)
    listed = following in LIST_ENDS or "," in pieces[2 * index + 2]
    if tags <= BASE_FORMS:
        ends = listed or _ends_noun_phrase(pieces, index, following)
        return ends or not _base_form_may_follow(pieces, opener)
    if tags <= BASE_OR_PAST_ONLY and needs_object(word):
        return listed or not following
    return _ends_noun_phrase(pieces, index, following) and _verb_without_its_object(word, following)


BASE_OR_PAST_ONLY = BASE_FORMS | {"VBD", "VBN"}
"""The verb tags of a word that is no verb form but a base form, a past or a participle (*cast*, *set*, *beat*)."""

PAST_IS_BASE = frozenset({"VB", "VBD"})
"""Verb tags of a word whose past is its base form (*set*, *put*, *split*, *hurt*), read as the past (or the participle)
after a singular noun, with which no base form agrees (:func:`_past_like_base`)."""
BARE_INFINITIVE_VERBS = frozenset(
    "let lets letting make makes made making have has had having help helps helped see sees saw watch watches watched "
    "hear hears heard".split()
)
"""Verbs whose object a verb's base form may follow (*lets her radical flag fly*, *have the kids set the table*)."""


def _past_like_base(word: str, following: str) -> bool:
    """Whether ``word`` (lower case) is a verb whose past is its base form (:data:`PAST_IS_BASE`) before ``following``,
    no :data:`FINITE_VERBS` word, before which it is a noun (*the tv set is*)."""
    return PAST_IS_BASE <= verb_tags(word) and following not in FINITE_VERBS


def _past_after_noun(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, opener: int) -> bool:
    """Whether word ``index``, after a singular noun of a noun phrase that a determiner opens (see
    :func:`_tag_after_determiner`), is its subject's verb in the past or a participle (:func:`_past_like_base`: *my
    card split in half*, *a thriller set among*), as no base form agrees with that noun; not after a modal or *to*
    before the determiner, nor a verb whose object a base form may follow (:data:`BARE_INFINITIVE_VERBS`: *did the
    man set the record*, *to make the dough split*, *lets her radical flag fly*). ``opener``: the word before the
    noun phrase (:func:`_noun_phrase_opener`)."""
    if not _past_like_base(lowered[index], following):
        return False  # most words
    return opener < 0 or not _base_form_after(pieces, lowered, opener)  # -1: none, and nothing takes a base form


def _base_form_may_follow(pieces: Sequence[str], opener: int) -> bool:
    """Whether a verb's base form may stand after a noun phrase that a determiner opens, word ``opener`` before it
    (:func:`_noun_phrase_opener`, -1: none): anywhere but after a form of *be*, *have* or *get* before the
    determiner (*is my credit report low*: no verb), whose subject the noun phrase is, or after *want* or *need*
    (:data:`OBJECT_VERBS`), whose object it is (*i need a pto request put in*); elsewhere another noun before it
    may be the subject (*members of the band play*, *scenes and an exciting plot make*), or nothing comes before it (a
    fragment, as SST-2's: *the dialogue spin hopelessly*)."""
    return opener < 0 or context_of(pieces[2 * opener + 1], pieces[2 * opener]) not in ("aux", "det")


def _noun_phrase_opener(pieces: Sequence[str], lowered: Sequence[str], index: int) -> int:
    """The position of the word before the determiners of the noun phrase that word ``index`` ends, or -1 if none is
    there (:func:`_before_determiners`)."""
    start = _after_determiner(pieces, lowered, index)
    return -1 if start is None else _before_determiners(pieces, lowered, start)


def _base_form_after(pieces: Sequence[str], lowered: Sequence[str], opener: int) -> bool:
    """Whether word ``opener``, before a noun phrase, is a modal or *to*, or a verb whose object a base form may follow
    (:data:`BARE_INFINITIVE_VERBS`: *did the man set the record*, *to make the dough split*, *lets her radical flag
    fly*)."""
    return context_of(pieces[2 * opener + 1], pieces[2 * opener]) == "modal" or lowered[opener] in BARE_INFINITIVE_VERBS


SINGULAR_DETERMINERS = frozenset("a an another every each either neither".split())
"""Determiners of a singular noun, after which a plural is a modifier (*a fireworks display*), not the subject of the
word after it (*my teeth hurt*)."""


def _modifier_tag(tag: str | None, after: str | None, gap: str, singular: bool) -> str | None:
    """The tag (``JJ``, ``NN``, ...) of a word inside a noun phrase, with tag ``tag`` after a determiner (of a
    ``singular`` noun or not) and ``gap`` before the next modifier, whose tag is ``after`` (``None``: the word read
    follows): an adjective, a singular noun or, after a singular determiner, a plural as a ``NN`` (*a fireworks
    display*); before an adjective only an adjective (*a nice light treat*), and apart from the next word only by a
    space or, if an adjective before another modifier, a comma (*a nice , light treat*; but *the derivative ,
    leaning on*); ``None`` for a word that is none of these."""
    if tag == "NNS" and singular:
        tag = "NN"
    before_adjective = after is not None and after.startswith("JJ")
    if tag is None or not (tag.startswith("JJ") or tag == "NN") or (before_adjective and tag == "NN"):
        return None
    listed = after is not None and gap.strip() == "," and tag.startswith("JJ")
    return tag if gap.isspace() or listed else None


BASE_VERBS_OF_QUESTIONS = frozenset({"have", "do"})
"""Verbs that end a noun phrase (:data:`NOUN_PHRASE_ENDS`) and may be, in the base form, the verb of a question that
an auxiliary opens, after its subject (*does my current job have*: the noun *job*; but *did a study say would*)."""


def _tag_after_determiner(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> str | None:
    """The :func:`tag_after_determiner` of the word before word ``index`` when it is an adjective
    after a determiner and any adjectives (*his early works*, *a grating , emaciated flick*: ``JJ``) or a singular noun that
    continues a noun phrase a determiner opens, through up to two modifiers (:func:`_modifier_tag`: *a new insurance
    plan*, *a fireworks display*: ``NN``), but not in a question (*does the crocodile swallow*; but *did the first issue
    of*), where word ``index`` is the verb (``VB``) if it ends the noun phrase before none of
    :data:`BASE_VERBS_OF_QUESTIONS` (*does a human live*, *will my flight land on time*; but *does my current job
    have*; ``following``: the word after it, lower case), or its passive
    participle (``VBN``) where it can be one, ends the noun phrase and a question opened by a form of
    *be* (*why was my card declined*) or a verb such as *want* (:data:`CAUSATIVE_VERBS`: *i would like a
    timer set*) precedes the determiner; also before an adverb of time or one in *-ly*
    (:func:`_adverb_after_participle`: *why was my card declined yesterday*)."""
    start = _after_determiner(pieces, lowered, index)
    if start is None:
        return None  # most words
    found = tag = None
    singular = lowered[start - 1] in SINGULAR_DETERMINERS
    for at in range(index - 1, start - 1, -1):
        # a number modifies the noun (*a 10% discount*, *the 3D print*, *a $5 fee*), as an adjective does
        written = "JJ" if opens_with_digits(lowered[at]) else tag_after_determiner(lowered[at])
        tag = _modifier_tag(written, tag, pieces[2 * at + 2], singular)
        if tag is None:
            return None  # only nouns and adjectives
        found = found or tag
    opener = _before_determiners(pieces, lowered, start)
    if opener >= 0 and lowered[opener] in QUESTION_VERBS and lowered[index + 1 : index + 2] != ["of"]:
        return "VB" if _ends_noun_phrase(pieces, index, following) and following not in BASE_VERBS_OF_QUESTIONS else None
    if (
        (_copula_question(pieces, lowered, opener) or (opener >= 0 and lowered[opener] in CAUSATIVE_VERBS))
        and following != "of"
        and (_ends_noun_phrase(pieces, index, following) or _adverb_after_participle(following))
        and "VBN" in verb_tags(lowered[index])
    ):
        return "VBN"
    return found


def _adverb_after_participle(word: str) -> bool:
    """Whether ``word`` (lower case) is an adverb of time (:data:`TIME_ADVERBS`) or one in *-ly*, which may
    follow a passive participle and end its question (*why was my card declined yesterday*, *was the
    package delivered quickly*)."""
    return word in TIME_ADVERBS or _ly_adverb(word)


def _after_determiner(pieces: Sequence[str], lowered: Sequence[str], index: int) -> int | None:
    """The position of the word after the nearest determiner (or possessive: :func:`_possessive`,
    :func:`_possessive_apart`) among the three words before word ``index`` (``lowered``: the words in lower case), if
    one is there."""
    for start in range(index - 1, max(index - 4, 0), -1):
        before = lowered[start - 1]
        if before in DETERMINERS or _possessive(before) or _possessive_apart(pieces, lowered, start - 1):
            return start
    return None


def _before_determiners(pieces: Sequence[str], lowered: Sequence[str], start: int) -> int:
    """The position of the word before the determiner that word ``start`` follows, and before a determiner of the
    possessive that it may be (*will my card's expiration date fall*, *will my card 's expiration date fall*: *will*),
    or -1 if none is there."""
    owner = start - 1  # the determiner, or the possessive
    apart = _possessive_apart(pieces, lowered, owner)
    if apart:
        owner -= 1
    opener = owner - 1
    if opener >= 0 and (apart or _possessive(lowered[owner])) and lowered[opener] in DETERMINERS:
        opener -= 1
    return opener


def _possessive(word: str) -> bool:
    """Whether ``word`` (lower case) may be a possessive with its *'s* attached, which determines a noun phrase as
    *my* does (*tomorrow's meeting*, *my card's expiry date*): after a word that is no stop word (not *it's*,
    *someone's using*)."""
    if not word.endswith(("'s", "’s")):
        return False  # most words
    return straight_apostrophes(word)[:-2] not in ENGLISH


def _possessive_apart(pieces: Sequence[str], lowered: Sequence[str], at: int) -> bool:
    """Whether word ``at`` is SST-2's *'s* written apart of a possessive, which determines a noun phrase as *my* does,
    after a word that is no stop word (*adam sandler 's new movie*; not *it 's*, *that 's*)."""
    if lowered[at] != "s" or at < 1:
        return False  # most words
    return is_clitic(pieces[2 * at + 1], pieces[2 * at]) and straight_apostrophes(lowered[at - 1]) not in ENGLISH


def _copula_question(pieces: Sequence[str], lowered: Sequence[str], at: int) -> bool:
    """Whether word ``at`` is a :data:`QUESTION_COPULAS` that opens a question: at the start of a
    sentence or after a :data:`QUESTION_WORDS` (*was the package delivered*, *why was my card declined*)."""
    return (
        at >= 0
        and lowered[at] in QUESTION_COPULAS
        and (starts_sentence(pieces, at) or (at > 0 and lowered[at - 1] in QUESTION_WORDS))
    )


def _state_ending_question(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, a past participle that is an adjective of its own (:func:`adjective_of_its_own`), ends
    a question that a form of *be* opens (:func:`_copula_question`) before ``following``, the word after it
    (*where is belize located ?*, *is the store closed*)."""
    if following or "VBN" not in verb_tags(lowered[index]) or not adjective_of_its_own(lowered[index]):
        return False
    for at in range(index - 1, -1, -1):
        if _copula_question(pieces, lowered, at):
            return True
        if starts_sentence(pieces, at):
            return False
    return False


def _passive(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, a past participle, is passive: after a form of *be* or *get*
    (:data:`PASSIVE_VERBS`: *my card was declined*), or at the end of a noun phrase in a question that
    a form of *be* opens or after a verb such as *want* (*why was my card declined*, *i want a timer set*;
    :func:`_tag_after_determiner`)."""
    if not index:
        return False
    if lowered[index - 1] in PASSIVE_VERBS:
        return True
    following = _spaced(pieces, lowered, index + 1)
    return _tag_after_determiner(pieces, lowered, index, following) == "VBN"


def _among_capitals(words: Sequence[str], index: int) -> bool:
    """Whether a word next to word ``index`` is in capitals too."""
    return any(case_of(words[at]) == "upper" for at in (index - 1, index + 1) if 0 <= at < len(words))


def smallest(draws: Sequence[float], k: int) -> list[int]:
    """Indices of the ``k`` smallest ``draws``, in increasing index order: a random subset of size ``k``."""
    if k >= len(draws):
        return list(range(len(draws)))
    return sorted(heapq.nsmallest(k, range(len(draws)), key=draws.__getitem__))


def synonym_edit(
    analysis: TextAnalysis,
    draws: Sequence[float],
    *,
    p: float = 0.1,
    max_replacements: int | None = None,
    count: int | None = None,
) -> Augmented:
    """``analysis.text`` with some of its synonym candidates replaced, chosen with uniform ``draws``.

    ``draws`` holds two numbers per candidate. Each candidate is replaced with probability ``p``
    (at least one, at most ``max_replacements``), or exactly ``count`` of them (as many as there
    are) when ``count`` is given. The synonym of candidate ``i`` of ``k`` is picked with ``draws[k + i]``.
    An indefinite article before a replaced word is made to fit it (``a teacher`` -> ``an instructor``).

    Parameters recorded: ``replaced`` (``[word, synonym, offset]`` in the source text) and, when
    an article changed, ``articles`` (``[article, new article, offset]``).
    """
    pieces, found = analysis.pieces, analysis.found
    size = len(found.indices)
    if not size:
        return Augmented(value=analysis.text, dropped=NO_CANDIDATE)
    if count is None:
        count = max(1, len([draw for draw in draws[:size] if draw < p]))
        if max_replacements is not None:
            count = min(count, max_replacements)
    edited = list(pieces)
    replaced, articles = [], []
    start = counted = 0  # the offset of piece `counted`
    for chosen in smallest(draws[:size], count):  # in text order
        piece, last = 2 * found.indices[chosen] + 1, 2 * found.ends[chosen]  # pieces[piece:last] go
        start += sum(map(len, pieces[counted:piece]))
        counted = piece
        word = "".join(pieces[piece:last])
        new = with_case(found.replacements[chosen].pick(draws[size + chosen]), case_of(pieces[piece]))
        edited[piece:last] = [new] + [""] * (last - piece - 1)
        if piece > 1 and is_article(pieces, piece // 2 - 1):
            article = pieces[piece - 2]
            edited[piece - 2] = fitting = article_for(new, article)
            if fitting != article:
                articles.append([article, fitting, start - len(pieces[piece - 1]) - len(article)])
        replaced.append([word, new, start])
    params = {"replaced": replaced, "articles": articles} if articles else {"replaced": replaced}
    return Augmented(value="".join(edited), params=params)


class TextAnalysis:
    """What the word augmenters need to know about one text, worked out once for all of its copies.

    Args:
        text (`str`): The text.
        protected (`tuple[str, ...]`, defaults to `()`): Protected words and phrases.
        stopwords (`frozenset[str]`, defaults to no words): Lower-case words never replaced by, or used as
            a source of, synonyms.
    """

    def __init__(self, text: str, protected: tuple[str, ...] = (), stopwords: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.protected = protected
        self.stopwords = stopwords

    @cached_property
    def words(self) -> list[Word]:
        """:func:`hfaug.text.words.find_words` of the text (read from :attr:`pieces`, cut at the same words: the word
        augmenters want both)."""
        return spans_of(self.pieces)

    @cached_property
    def groups(self) -> list[int] | None:
        """:func:`protected_groups` of the words (`None` without protected terms)."""
        return protected_groups(self.text, self.words, self.protected) if self.protected else None

    @cached_property
    def protected_spans(self) -> list[tuple[int, int]]:
        """:func:`protected_spans` of the text."""
        return protected_spans(self.text, self.protected) if self.protected else []

    @cached_property
    def units(self) -> list[Word]:
        """The words with contractions written apart joined (:func:`join_contractions`): what EDA moves and deletes."""
        return join_contractions(self.text, self.words)

    @cached_property
    def content_units(self) -> frozenset[int]:
        """Positions of the :attr:`units` that are no English stop words (deletion keeps one of them)."""
        return frozenset(index for index, unit in enumerate(self.units) if unit[2].lower() not in ENGLISH)

    @cached_property
    def unit_groups(self) -> list[int] | None:
        """:func:`protected_groups` of the :attr:`units` (`None` without protected terms)."""
        return protected_groups(self.text, self.units, self.protected) if self.protected else None

    @cached_property
    def pieces(self) -> list[str]:
        """:func:`split_words` of the text."""
        return split_words(self.text)

    @property
    def word_count(self) -> int:
        """The number of words (from :attr:`pieces`, without working out their spans)."""
        return len(self.pieces) // 2

    @cached_property
    def found(self) -> ReplaceableWords:
        """The words that have a fitting synonym (see :func:`candidates`)."""
        return candidates(self.pieces, self.stopwords, self.groups, self.text != self.text.lower())


def analyses(
    values: Sequence[str], protected: tuple[str, ...] = (), stopwords: frozenset[str] = frozenset()
) -> list[TextAnalysis]:
    """A :class:`TextAnalysis` for each value, shared by equal values (a row's copies)."""
    distinct = {text: TextAnalysis(text, protected, stopwords) for text in dict.fromkeys(values)}
    return [distinct[text] for text in values]


class Synonym(TextAugmenter):
    """Replace words by WordNet synonyms that fit where they stand.

    Each word that has a fitting synonym is replaced with probability ``p`` (at least one word
    per copy, at most ``max_replacements``). The synonym keeps the word's part of speech where it
    can be told (see :mod:`hfaug.text.wordforms`), its inflection (``films`` -> ``movies``,
    ``wrote`` -> ``penned``) and its case (lower, Title, UPPER). Synonyms of frequent senses are
    drawn more often (weights from WordNet's sense-tagged counts). Stop words, protected terms,
    the words of WordNet compounds (``credit card``, ``turn off``), single letters, words in
    mixed case and capitalised words inside a sentence (names) are left alone, and a number (in
    digits, in words or a Roman numeral) only replaces a word that holds one (``forty`` -> ``40``; not
    ``the xl hoodie`` -> ``the 40 hoodie``, ``ace`` -> ``one``); punctuation and whitespace are never
    touched. The WordNet lexicon ships with hfaug: no download. A copy in which no word can be
    replaced is dropped: left out when copies are optional, otherwise kept unchanged with the reason
    in ``hfaug_error`` (see :class:`hfaug.Augmented`).

    ``hfaug_params`` records ``{"replaced": [[word, synonym, start offset of the word], ...]}``, and
    ``"articles": [[article, new article, offset], ...]`` where an article was changed to fit a synonym.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        p (`float`, defaults to 0.1): Probability that each eligible word is replaced.
        max_replacements (`int`, *optional*): Most words replaced in one copy.
        protected (`list[str]`, defaults to `()`): Words and phrases never changed (case-insensitive;
            phrases match across any whitespace).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words never replaced: the name
            of a built-in list (`"english"`), your own list, or `None`.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> aug = hfaug.Synonym(p=0.2, protected=["new york"], seed=11)
        >>> aug({"text": "They filmed the movies in New York .", "label": 1})["text"]
        'They filmed the motion pictures in New York .'
        >>> more = ds.map(hfaug.Synonym(n=4, keep_original=True), batched=True)
    """

    name = "synonym"
    output_packages = ("lemminflect", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        p: float = 0.1,
        max_replacements: int | None = None,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = "english",
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = check_probability("synonym", "p", p)
        self.max_replacements = check_count("synonym", "max_replacements", max_replacements)
        self.protected = check_terms("synonym", protected)
        self.stopwords = check_stopwords("synonym", stopwords)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected, stopword_set(self.stopwords))
        draws = uniforms(rngs, [2 * len(analysis.found.indices) for analysis in texts])
        return [
            synonym_edit(analysis, row_draws, p=self.p, max_replacements=self.max_replacements)
            for analysis, row_draws in zip(texts, draws)
        ]


synonym = Synonym()
"""Ready-made :class:`Synonym` with default settings: ``ds.map(hfaug.synonym, batched=True)``."""
