"""The ``CONTEXTS`` class that says most about a word where it stands (:func:`context_at`), read from the words
before and after it."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text.reading.neighbours import contraction, opens_sentence, spaced, to_as_preposition
from hfaug.text.reading.noun_phrases import (
    copula_question,
    noun_phrase_context,
    noun_phrase_tag,
    object_after,
    past_like_base,
    possessive,
    possessive_apart,
)
from hfaug.text.reading.word_classes import (
    ASKING_DETERMINERS,
    BE_FORMS,
    COORDINATORS,
    COPULAS,
    FINITE_FORMS,
    GERUND,
    IMPERATIVE_OBJECTS,
    INTENSIFIERS,
    IS_HOSTS,
    NOT,
    OBJECT_KINDS,
    PREPOSITIONS_AND_TO,
    THING_PRONOUNS,
    THIRD_PERSON,
    ly_adverb,
)
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.contexts import CONTEXTS, context_of
from hfaug.text.wordforms.pos_choice import tag_after_determiner
from hfaug.text.wordforms.pos_predicates import (
    adjective_of_its_own,
    is_adjective,
    may_be_adjective,
    may_be_adverb,
    may_be_noun,
    needs_object,
    noun_of_its_own,
    noun_only,
    tagged_as_noun,
    verb_lemma,
    verb_tags,
)
from hfaug.text.wordforms.word_classes import CLAUSE_OPENERS, FINITE_VERBS, FUNCTION_WORDS
from hfaug.text.words.cutting import is_clitic, straight_apostrophes
from hfaug.text.words.letter_case import case_of
from hfaug.text.words.numerals import is_number, is_roman_numeral, opens_with_digits
from hfaug.text.words.sentences import starts_sentence

NAME_WORDS = 3
"""The most capitalised words read as the name between a question's modal and its verb."""
PASSIVE_BE = frozenset({"being"})
"""Forms of *be* after which a past participle is a passive, not a state (*before being seated*: not *being
sitting*)."""
VERB_ADVERBS = frozenset("only still also never just even often ever already always really actually".split())
"""Adverbs that stand between a modal, a subject or an auxiliary and its verb (*could only spring*,
*can still turn*); so does any word in *-ly* that is no other part of speech (*ca n't properly be*)."""


def context_at(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str | None:
    """The ``CONTEXTS`` class that says most about word ``index``.

    That of the word before it (:func:`_context_of_word_before`), as the noun phrase around it changes it
    (:func:`noun_phrase_context`), or ``"head"`` after *what* or *which* before *of* (*what breed of*); ``"opener"``
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
    if opens_sentence(pieces, lowered, index):
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
            context = noun_phrase_context(context, pieces, lowered, index, following)
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
        and not may_be_noun(spaced(pieces, lowered, index + 2))
    )


def _coordinated_adjective(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index`` is an adjective joined to another of its noun phrase, read after a determiner, by a
    :data:`COORDINATORS` word or a comma, before the noun ``following`` (*an energetic and engaging film*, *his
    chilling , unnerving film*; but *the characters and uses them*, *tries and tries hard*)."""
    other = _joined_word(pieces, lowered, index)
    if other < 0 or noun_phrase_tag(following) not in ("NN", "NNS"):
        return False
    adjective = noun_phrase_tag(lowered[other])
    return adjective is not None and adjective.startswith("JJ") and context_at(pieces, lowered, other) == "det"


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
    """Whether word ``index``, a form in *-ing* that may be an adjective, is one where no object (:func:`object_after`)
    nor number follows it: after an adverb in *-ly* before no preposition (*a deeply moving film*, *consistently
    amusing but*; but *normally driving into*), a copula (:data:`ADJECTIVE_COPULAS`: *grows boring*) or *and*, *but*,
    *or* or a comma that an adjective precedes (*intelligent and moving*, *sordid , depressing*; but *effecting change
    and inspiring hope*, *inexplicably wearing a*, *straining to get by*, *really working for*)."""
    word = lowered[index]
    if not word.endswith("ing") or following in OBJECT_KINDS or verb_tags(word) != GERUND:
        return False  # most words
    if index == 0 or not may_be_adjective(word) or is_number(following):
        return False
    if object_after(pieces, lowered, index + 1) is not None:
        return False
    joined = _joined_word(pieces, lowered, index)
    if joined >= 0:
        return pieces[2 * joined + 2].strip() in ("", ",") and _adjective_word(lowered[joined])
    if not pieces[2 * index].isspace():
        return False
    before = lowered[index - 1]
    if ly_adverb(before) and before not in VERB_ADVERBS:
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
    return "det" if modifier_after_asking(word, following) else None


def _context_after_modifier(modifier: str, word: str, following: str) -> str | None:
    """The context of ``word`` after *what* or *which* and ``modifier`` before ``following`` (all lower case): ``"head"``
    (a noun) where ``modifier`` modifies it (*what barroom judge called*: not *evaluate*), unless it is in *-ing*, which
    may modify a noun after it in turn (*what double talking professor*); ``"past"`` where ``modifier`` is a singular
    noun, its subject, and its past is its base form (:func:`past_like_base`: *what album put the beatles on*)."""
    if tag_after_determiner(modifier) == "NN" and past_like_base(word, following):
        return "past"  # *what album put the beatles on*: not *lay*
    modified = modifier_after_asking(modifier, word) and GERUND.isdisjoint(verb_tags(word))
    return "head" if modified else None


def modifier_after_asking(word: str, following: str) -> bool:
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


def _after_be(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a form of *be*, negated or not (*is*, *wasn't*, SST-2's *are n't*, *is not*), contracted
    too (*they're*, *it's*, SST-2's *it 's*: after one of :data:`IS_HOSTS`), but no possessive's *'s* (*the film's*,
    *everyone's*)."""
    at = index - 1
    if (straight_apostrophes(lowered[at]) in NOT or lowered[at] == "not") and at > 0:
        at -= 1
    if straight_apostrophes(lowered[at]).removesuffix("n't") in BE_FORMS:
        return True
    owner, clitic = contraction(pieces, lowered, at)
    return clitic in ("re", "m") or (clitic == "s" and owner in IS_HOSTS)


def _after_be_or_be_and_adverb(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a form of *be* (:func:`_after_be`), or an adverb after one
    (:func:`_after_verb_adverb`: *the film is incredibly boring*)."""
    return _after_be(pieces, lowered, index) or (
        _after_verb_adverb(pieces, lowered, index) and _after_be(pieces, lowered, index - 1)
    )


def _context_of_word_before(pieces: Sequence[str], lowered: Sequence[str], index: int) -> str | None:
    """The ``CONTEXTS`` class of the word before word ``index``, which does not open a sentence; but *to* as a
    preposition and *at least* say nothing, and a subject or a name after a modal asks a question: ``"modal"``
    (*can you put*, *did Hitler rule*); after a modal, a subject or an auxiliary and an adverb, that of the
    word before the adverb (*could only spring*); after an auxiliary and *n't* written apart, ``"aux"``."""
    context = context_of(pieces[2 * index - 1], pieces[2 * index - 2])
    if context == "modal" and to_as_preposition(lowered, index):
        return None
    if context == "subject" and index > 1 and context_of(pieces[2 * index - 3], pieces[2 * index - 4]) == "modal":
        return "modal"  # a question: *can you put*, *did they set*
    if context == "quantity" and index > 1 and lowered[index - 2] == "at":
        return None  # *at least pay*
    if context == "det" and lowered[index] in FUNCTION_WORDS and lowered[index - 1] in _DEMONSTRATIVES:
        return None  # a pronoun before a word WordNet knows only as a content word: *make this worth a peek*
    if context == "aux" and _after_possessive(pieces, lowered, index):
        return "det"  # *the film 's convincing portrayal*: not *converting*
    if context == "modal" and index > 1 and lowered[index - 1] in NOT and CONTEXTS.get(lowered[index - 2]) == "aux":
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
    if adverb not in VERB_ADVERBS and not ly_adverb(adverb):
        return None
    return context_of(pieces[2 * index - 3], pieces[2 * index - 4])


def _after_possessive(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a possessive, not *is* or *has*: an attached one (:func:`possessive`:
    *tomorrow's meeting*) before a word that is no verb in *-ing* but a noun of its own (not *john's coming*), or an
    *'s* written apart after a word that is no stop word (*chan 's fighting skills*; but *he 's fighting crime*)."""
    if possessive_apart(pieces, lowered, index - 1):
        return True
    word = lowered[index]
    return possessive(lowered[index - 1]) and (verb_tags(word) != GERUND or noun_of_its_own(word))


def _opens_clause(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` may be the verb of a clause opened by the word before it (*what remains*)."""
    return (
        index > 0 and lowered[index - 1] in CLAUSE_OPENERS and not FINITE_FORMS.isdisjoint(verb_tags(lowered[index]))
    )


def _state_ending_question(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, a past participle that is an adjective of its own (:func:`adjective_of_its_own`), ends
    a question that a form of *be* opens (:func:`copula_question`) before ``following``, the word after it
    (*where is belize located ?*, *is the store closed*)."""
    if following or "VBN" not in verb_tags(lowered[index]) or not adjective_of_its_own(lowered[index]):
        return False
    for at in range(index - 1, -1, -1):
        if copula_question(pieces, lowered, at):
            return True
        if starts_sentence(pieces, at):
            return False
    return False
