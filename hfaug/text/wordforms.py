"""Synonyms that fit a word where it stands: same part of speech, same inflection.

No tagger model is needed. For a word (lower case) and the words around it:

1. **Analyses.** lemminflect's lemma tables (and, for unknown words, its suffix rules)
   give the word's possible lemmas per part of speech; those that WordNet knows as the same
   part of speech are kept, with the inflection tags (``NNS``, ``VBD``, ``JJR``, ...) under
   which lemminflect produces the word from that lemma.
2. **Part of speech.** Light rules pick one analysis: after a determiner or possessive
   (``the``, ``a``, ``my``, ...), also with an adjective between (*his early works*), not a
   verb or adverb, and an ``-ing``/``-ed``/``-en`` form is read as an adjective when it can be,
   but a noun where the noun phrase ends (before ``of``, ``i``, ``is``, ... or a full stop: *the
   meaning of*), unless a superlative (*the best in town*);
   after a modal, ``n't``, ``to``, ``gonna`` or ``wanna`` a verb where it can be one in the base
   form (*want to book*; not *do doctors*, *go to school*, *from stage to screen*); after a subject
   pronoun (``they``, ``she``, ...), and opening a sentence before a determiner or an object
   (*Book a flight*), a verb; after a form of *be*, *have* or *get*, a verb only where it can be a
   participle (*are utter hooey*, *have fun*, *the film 's highlight*); after ``how``, ``so``,
   ``too``, ``very`` or ``as`` an adjective or adverb (an adverb after a verb that is no copula: *working so hard*,
   and before an adjective that ends a predicate: *wide awake*); at the end of a noun phrase that a
   determiner and a singular noun open, no verb (*a new insurance plan*); when the word before
   says none of this, before ``is``, ``has``, ``will``, ... a noun (*Love is
   blind*; not after *what*, *who*, *which* or *that* when it can be a verb: *what remains is*);
   a ``-ly`` word an adverb, a ``-ness``, ``-tion``, ... word a noun, a ``-ous``, ``-ful``,
   ``-able``, ... word an adjective, unless a noun that WordNet tags five times as often (*material*). Otherwise
   the part of speech in which WordNet's sense-tagged corpus saw the lemma most often.
   Ties prefer noun, verb, adjective, adverb. Copulas, modals, *like*, *born* and prepositions
   WordNet knows only as content words (``is``, ``could``, ``despite``, ``worth``, ``across``, ...)
   are never replaced as verbs, only after a determiner (``a can``, ``his will``, ``its worth``).
3. **Inflection.** Each synonym of the lemma in that part of speech is inflected with the
   word's tag by lemminflect (multi-word synonyms inflect their head: the first word of a
   verb or of a noun with a preposition, *pieces of work*, else the last word of a noun).
   Synonyms that cannot take the tag (a mass noun for a plural, a multi-word adjective for a
   comparative) are dropped, and so are verbs headed by *be* except as *is*, *being* and *been*,
   whose other forms depend on the subject (*they planned*: not *they was after*). A past form that
   may be a participle (*made*: *they made*, *is made*; every regular verb's) keeps only synonyms
   alike in both (*created*, not *did*), unless the word before says which: a subject pronoun the
   past, an auxiliary the participle (*has acquired*: *has taken*, not *has took*); so does a base form
   that is also the past after a singular noun, with which it cannot agree (*my card split*: *divided*).
4. **Objects.** Before a determiner, *it* or a name a verb keeps only the synonyms of senses that
   take an object, before a pronoun that may be a person (*me*, *you*, *them*, ...) those that take
   a person, by WordNet's verb frames (*move my money*: displace, not travel; *call me*: phone, name;
   *tell me*, *tell them*: none).

Results are cached per process, so a word costs a dictionary lookup after its first use.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import lemminflect

from hfaug.text import lexicon
from hfaug.text.stopwords import ENGLISH
from hfaug.text.words.cutting import GAP_APOSTROPHES, straight_apostrophes
from hfaug.text.words.negations import negates
from hfaug.text.words.numerals import is_number, is_spelled_number

UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
BASE_TAG = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}
_POS_ORDER = ("n", "v", "a", "r")
_CACHE_LIMIT = 1 << 17
"""The most entries each per-process cache of this module holds, so that a long run's memory stays bounded."""

DETERMINERS = frozenset(
    "a an the this these those my your his her its our their every each some any no "
    "another either neither whose such several".split()
)
"""Left out: *that*, *which* and *what*, which as often open a clause (*a story that works*)."""
MODALS = frozenset("will would can could shall should may might must do does did n't 'll 'd wo ca".split())
INFINITIVE_MARKERS = frozenset("to gonna wanna gotta let's".split())
"""Words before a verb in the base form as often as modals are (*want to book*, *how to spell*, *let's
go*); not *to* after a verb of going or in *from X to Y* (see :func:`hfaug.text.synonym_candidates.candidates`)."""
PREPOSITIONS = frozenset(
    "of in on at by for with from about into onto over under after before through during without against "
    "among between".split()
)
"""Words after which a verb is a gerund or a participle, never finite (*in showing*, *of failed
jokes*; not *with laughs*, *the gift of tears*); not *to*, which also marks an infinitive."""
SUBJECTS = frozenset("i you he she we they who".split())
"""Subjects that a finite verb follows (*they met*, *who lives at*: not *livings*)."""
DEGREE_WORDS = frozenset("how so too very as".split())
"""Words before an adjective or adverb (*how fast*, *too long*); also every word before *enough*
(*close enough*)."""
QUANTITY_WORDS = frozenset("more most less least".split())
"""Words before an adjective or adverb (*more engaging*: not *more prosecuting*) or a noun (*some
more checks*), never before a verb."""
OBJECT_VERBS = frozenset("need needs needed want wants wanted".split())
"""Verbs whose next word, unless *to*, opens their object, read as after a determiner: a noun or an
adjective, never a verb (*i need help*: the noun, *aid*; *we want answers*)."""
AUXILIARIES = frozenset("have has had having 've be been being is are was were am 's 're get gets got gotten".split())
FUNCTION_WORDS = frozenset(
    "be is are was were am been being can could will would shall should may might must "
    "like likes liked liking born let lets letting mean means meant meaning "
    "despite plus minus versus worth unlike except till regarding concerning near past "
    "inside outside beneath underneath across throughout along beyond behind wow enough less least "
    "several".split()
)
"""Copulas, modals, *like* (the preposition, and the verb in every form), *born*, *let*, *mean*, and prepositions,
an interjection, *enough*, *less*, *least* and *several*, which WordNet knows only as content
words. WordNet's senses of their lemmas (``be``: exist, equal; ``can``: preserve in a can;
``will``: bequeath; ``like``: wish, care; ``bear``: carry, tolerate, have; ``despite``: contempt;
``worth``: deserving; ``across``: crosswise; ``wow``: riot; ``enough``: plenty; ``several``:
respective; ``mean``: intend, entail) are almost never what they mean (*i liked it*, *the likes of*,
*where was he born*: not *digested*; *despite its flaws*, *worth a look*, *across the country*,
*funny enough*: not *funny plenty*; *several scenes*: not *respective scenes*; *what does abjure
mean*: not *intend*), and *let* takes a bare infinitive that none of its synonyms takes (*let me
know*: not *allow me know*), so they get synonyms only after a determiner (*a can*, *his will*, *a
human being*, *a like mind*, *its worth*, *a real plus*, *the meaning of*)."""
CLAUSE_OPENERS = frozenset("what who which that".split())
"""Words after which a verb may stand before another verb (*what remains is*)."""
FINITE_VERBS = frozenset(
    "is are was were has have had will would can could shall should may might must do does did 's 're".split()
)
"""Verbs that follow their subject: a word before one is read as a noun where it can be (*Love is blind*)."""
NOUN_PHRASE_ENDS = frozenset(
    "of in on at by for with from to about into onto over under after before through during without "
    "against among between i you he she we they it me him us them that which who whom".split()
) | FINITE_VERBS
"""Words that do not continue a noun phrase: a word between a determiner and one of them is its
head, a noun (*the minimum i owe*, *a reservation for two*) where it can be."""
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

- ``"det"`` after a determiner and an adjective (see :func:`tag_after_determiner`), and after a word
  that can only be an adjective (:func:`is_adjective`);
- ``"head"`` (a noun where it can be) where a noun phrase after a determiner ends (see
  :data:`NOUN_PHRASE_ENDS`);
- ``"tail"`` (no verb: whichever other part of speech WordNet counts most often) where a noun
  phrase that a determiner and a singular noun open ends (*the insurance plan*, *a spectacle full of*);
- ``"noun"`` before a :data:`FINITE_VERBS` word when the word before it says nothing (unless it
  opens a clause, as in *what remains is*);
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
"""Every class :func:`replacements` takes as ``context``."""


@functools.lru_cache(maxsize=_CACHE_LIMIT)
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

_SUFFIX_POS = (
    (("ly",), "r", 0),
    (("ness", "ment", "tion", "sion", "ity", "ism", "ance", "ence", "ship", "hood", "ist"), "n", 0),
    (("ous", "ful", "ive", "able", "ible", "less", "ic", "ical", "ish", "al"), "a", 2),
)
"""Endings that make a part of speech likelier, with the fewest letters before them (an adjective's
ending after one letter is none: *live*, *five*; a noun's still is: *dance*, *list*)."""
_PARTICIPLE_ENDINGS = ("ing", "ed", "en")
_DIGIT_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th|d)")
"""An ordinal in digits (*2d*, *3rd*, *21st*): no synonym, since it spells the word's own number another
way, in a text quoting it (*the 2d man to walk on the moon*, *Mao 's 2d name*); not a decade (*1990s*)."""
_ABSTRACT_RE = re.compile(r"\w{3,}(?:ness|ism|hood|ing)")
PARTICLES = frozenset("of in on at out up off for to with by from down over about away into".split())
"""Particles and prepositions that end phrasal verbs (*come up*, *look into*) and follow verbs."""
SEPARABLE_PARTICLES = frozenset("up off out down away back".split())
"""Particles that a pronoun object comes before (*call it off*, *look them up*), so a phrasal verb
ending in one is no synonym before a pronoun (*cancel it*: not *call off it*)."""

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
_SUBJECT_BOUND_TAGS = frozenset({"VB", "VBD", "VBP"})
"""Tags in which a verb headed by *be* is no synonym: its past and present take their form from the
subject (*they was after*, *we am after*), and its base form may stand for a present (*they be after*)
or follow *do* (*did they be after*). As *is*, *being* and *been* it fits any subject."""


@dataclass(frozen=True)
class Replacements:
    """The synonyms that may replace one word form in one context.

    Args:
        pos (`str`): The part of speech chosen for the word (``n``, ``v``, ``a`` or ``r``).
        tag (`str`): Its inflection tag (``NNS``, ``VBG``, ...).
        forms (`tuple[str, ...]`): Inflected synonyms, lower case, most frequent senses first.
        cumulative (`tuple[float, ...]`): Running sums of the forms' weights, for sampling.
        before (`dict[str, Replacements | None]`): For a verb, the synonyms that fit before an object
            (``"object"``), before a person (``"person"``), before an infinitive (``"infinitive"``) and before
            a predicate adjective (``"adjective"``), and before an object or a person as a pronoun
            (``"object pronoun"``, ``"person pronoun"``: without the phrasal verbs whose particle a
            pronoun would come before, :data:`SEPARABLE_PARTICLES`), ``None`` where none does; empty for
            other parts of speech.
    """

    pos: str
    tag: str
    forms: tuple[str, ...]
    cumulative: tuple[float, ...]
    before: Mapping[str, Replacements | None] = field(default_factory=dict, compare=False, repr=False)
    firsts: frozenset[str] = field(init=False, compare=False, repr=False)
    """The first words of the forms."""
    lasts: frozenset[str] = field(init=False, compare=False, repr=False)
    """The last words of the forms."""
    phrasal: bool = field(init=False, compare=False, repr=False)
    """Whether a form is a phrasal verb (one that ends in a particle: *come up*)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(form.partition(" ")[0] for form in self.forms))
        object.__setattr__(self, "lasts", frozenset(form.rpartition(" ")[2] for form in self.forms))
        object.__setattr__(self, "phrasal", self.pos == "v" and any(map(_is_phrasal, self.forms)))

    def pick(self, draw: float) -> str:
        """The form for a uniform ``draw`` in [0, 1), in proportion to the weights."""
        index = bisect.bisect_right(self.cumulative, draw * self.cumulative[-1])
        return self.forms[min(index, len(self.forms) - 1)]

    def without_repeats(self, previous: str, following: str) -> Replacements | None:
        """These synonyms less those whose first word is ``previous`` or whose last word is ``following``
        (the words around the replaced one), which would stand twice (*gymnastics exercise*: not *gymnastic
        exercise exercise*),
        and, before a particle, the phrasal verbs, whose own particle would stand before it (*come from*:
        not *come up from*)."""
        particle_after = self.phrasal and following in PARTICLES
        return self._keeping(
            lambda form: form.partition(" ")[0] != previous
            and form.rpartition(" ")[2] != following
            and not (particle_after and _is_phrasal(form))
        )

    @functools.cached_property
    def one_word(self) -> Replacements | None:
        """These synonyms less those of several words, which a word of degree (*how*, *so*, *too*, *very*, *as*;
        *enough* after them) cannot modify (*how soon*: not *how before long*; *so fine*: not *so all right*);
        themselves where none has."""
        if not any(" " in form for form in self.forms):
            return self
        return self._keeping(lambda form: " " not in form)

    def _keeping(self, keep: Callable[[str], bool]) -> Replacements | None:
        """These synonyms less those ``keep`` refuses, with their weights (``None`` where it refuses all)."""
        kept = [
            (form, high - low)
            for form, low, high in zip(self.forms, (0.0, *self.cumulative), self.cumulative)
            if keep(form)
        ]
        if not kept:
            return None
        forms, weights = zip(*kept)
        return Replacements(self.pos, self.tag, forms, tuple(itertools.accumulate(weights)))


# lemminflect deep-copies its tables on every call; the same lemma (one synonym serves many words) and the same word
# (once per context it is read in) are asked for again and again, so its answers are kept. Callers only read them.
_inflections = functools.lru_cache(maxsize=_CACHE_LIMIT)(lemminflect.getAllInflections)
_inflections_oov = functools.lru_cache(maxsize=_CACHE_LIMIT)(lemminflect.getAllInflectionsOOV)
_all_lemmas = functools.lru_cache(maxsize=_CACHE_LIMIT)(lemminflect.getAllLemmas)

_compound_cache: dict[tuple[str, bool], Replacements | None] = {}
_analyses_cache: dict[str, dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]] = {}
_built: dict[tuple[str, str, str, str | None], Replacements | None] = {}


def replacements(word: str, context: str | None = None) -> Replacements | None:
    """The synonyms that fit ``word`` (lower case) after a word of class ``context``.

    Args:
        word (`str`): The word, lower case.
        context (`str`, *optional*): One of :data:`CONTEXT_CLASSES` (``"det"``, ``"modal"``, ``"head"``, ...),
            or ``None``.

    Returns:
        :class:`Replacements`, or ``None`` when WordNet has no synonym for the word in the
        part of speech it most likely has here.

    Example:
        >>> replacements("films").forms[:2]
        ('movies', 'motion pictures')
        >>> replacements("films", "subject").forms
        ('shoots',)

    Not cached itself (:class:`hfaug.text.synonym_candidates.WordInfos` keeps a word form's answers in every
    context); the work it shares between contexts is, and equal answers are the same object.
    """
    if len(_built) >= _CACHE_LIMIT or len(_analyses_cache) >= _CACHE_LIMIT:
        _analyses_cache.clear()
        _built.clear()
    analyses = _cached_analyses(word)
    if word in FUNCTION_WORDS:  # never as a verb, and only after a determiner
        analyses = {pos: analyses[pos] for pos in analyses if pos != "v"} if context in ("det", "head") else {}
    elif context in ("det", "head") and word.endswith(_PARTICIPLE_ENDINGS) and analyses.keys().isdisjoint("na"):
        analyses = {}  # a participle after a determiner is no verb: *my checking account*
    elif "v" in analyses and _no_verb_after(word, context, analyses["v"][1]):
        analyses = {pos: analyses[pos] for pos in analyses if pos != "v"}
    found = None
    if analyses:
        pos = _choose_pos(word, context, analyses)
        tags = analyses[pos][1]
        tag = _choose_tag(tags, context)
        # past or participle (*made*), unless a subject or an object says which: synonyms alike in both
        also = "VBN" if tag == "VBD" and "VBN" in tags and context not in ("subject", "opener") else None
        if (word, pos, tag, also) not in _built:
            _built[word, pos, tag, also] = _build(word, pos, tag, analyses[pos][2], also)
        found = _built[word, pos, tag, also]
        if found is not None and context == "degree" and pos in ("a", "r"):
            found = found.one_word
    return found


def read_alike_everywhere(word: str) -> bool:
    """Whether :func:`replacements` reads ``word`` (lower case) alike after a word of every class, which spares asking
    for each: a word WordNet lacks, a noun and nothing else, or an adjective and nothing else without synonyms of
    several words, which a word of degree drops (:attr:`Replacements.one_word`); no function word (*movies*,
    *quaint*: only a verb's tags depend on the class; not *brilliant*: *so smart as a whip*)."""
    analyses = _cached_analyses(word)
    if not analyses:
        return True
    if len(analyses) != 1 or word in FUNCTION_WORDS:
        return False
    pos = next(iter(analyses))
    if pos != "a":
        return pos == "n"
    found = replacements(word)
    return found is None or found.one_word is found


def compound_replacements(form: str, context: str | None = None) -> Replacements | None:
    """The synonyms of a WordNet compound as a text holds it (lower case, words joined by a space),
    after a word of class ``context``: after an auxiliary a verb that may be a participle is one
    (*has run away*: *has escaped*).

    Example:
        >>> compound_replacements("police officers").forms
        ('policemen', 'officers')
        >>> compound_replacements("turned off").forms
        ('switched off',)
    """
    participle = context == "aux"
    key = (form, participle)
    if key not in _compound_cache:
        if len(_compound_cache) >= _CACHE_LIMIT:
            _compound_cache.clear()
        words = lexicon.load()
        compound = words.compound(form)
        found = None
        if compound is not None:
            lemma, pos, tag = compound
            if participle and pos == "v" and inflect(lemma, pos, "VBN") == form:
                tag = "VBN"
            found = _build(form, pos, tag, words.senses(lemma)[pos])
        _compound_cache[key] = found
    return _compound_cache[key]


@functools.lru_cache(maxsize=_CACHE_LIMIT)
def tag_after_determiner(word: str) -> str | None:
    """The inflection tag ``word`` (lower case) is read in after a determiner: ``JJ`` (*his early*),
    ``NN`` (*the insurance*), ``NNS``, ...; for a word of letters that neither WordNet nor lemminflect
    knows and that is no stop word, ``NN``, most likely a name (*a pto request*, *my paypal account*),
    or ``JJ`` if hyphens join its letters (*a feel-good fantasy*, *the nerve-raked acting*), and for a verb's past
    participle with no adjective or noun in WordNet (*an overexposed waste*); ``None`` for a function word or a known
    word without synonyms."""
    analyses = _cached_analyses(word)
    if word in FUNCTION_WORDS:
        return None
    if not analyses:
        parts = word.split("-")
        unknown = all(map(str.isalpha, parts)) and word not in ENGLISH and not _all_lemmas(word)
        return None if not unknown else "JJ" if len(parts) > 1 else "NN"
    pos = _choose_pos(word, "det", analyses)
    if pos == "v" and "VBN" in analyses["v"][1]:
        return "JJ"  # a past participle modifies the noun as an adjective does: *an overexposed waste*
    return _choose_tag(analyses[pos][1], "det")


def is_adjective(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective and nothing else that has synonyms (*lucid*,
    *unconditional*), and no stop word (*other*, *such*)."""
    return word not in ENGLISH and _cached_analyses(word).keys() == {"a"}


@functools.lru_cache(maxsize=_CACHE_LIMIT)
def noun_only(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun in WordNet and no other part of speech there, nor a verb in
    lemminflect's tables, nor a stop word (*fact*, *timer*, *audience*; not *alerts*, *score*, *novel*,
    *at*), or a word that neither knows, most likely a name (*ferrara*, *timezone*, see
    :func:`tag_after_determiner`)."""
    analyses = _cached_analyses(word)
    if not analyses:
        return tag_after_determiner(word) == "NN"
    if word in ENGLISH or analyses.keys() != {"n"}:
        return False
    return not _all_lemmas(word).get("VERB")


def may_be_noun(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet noun (*alert*; not *apart*)."""
    return "n" in _cached_analyses(word)


def tagged_as_noun(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet noun that WordNet sense-tags at least once (*compounds*,
    *attempts*; not *keeps*)."""
    noun = _cached_analyses(word).get("n")
    return noun is not None and noun[2].count > 0


MIN_NOUN_TAGS = 5
"""How often WordNet must tag a word in *-ing* as a noun for :func:`noun_of_its_own` (*setting*: 10, *meeting*: 39;
*coming*: 4, *running*: 4, *leaving*: 1)."""


def noun_of_its_own(word: str) -> bool:
    """Whether ``word`` (lower case) is a noun that WordNet tags at least :data:`MIN_NOUN_TAGS` times as itself, so a
    thing more than an action where a noun may stand (*the language setting*, *tomorrow's meeting*; not *my
    paycheck's coming*)."""
    noun = _cached_analyses(word).get("n")
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
    analyses = _cached_analyses(word)
    adjective, verb = analyses.get("a"), analyses.get("v")
    if adjective is None or adjective[0] != word:
        return False
    verb_count = verb[2].count if verb is not None else 0
    return adjective[2].count >= max(MIN_ADJECTIVE_TAGS, MIN_ADJECTIVE_SHARE * verb_count)


def noun_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet noun that WordNet tags more often than its verb, if any (*brooks*,
    *spears*; not *shows*)."""
    analyses = _cached_analyses(word)
    noun, verb = analyses.get("n"), analyses.get("v")
    return noun is not None and (verb is None or noun[2].count > verb[2].count)


def noun_far_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet noun and adjective that WordNet tags as the noun :data:`NOUN_OVER_ENDING`
    times as often as the adjective, or more (*meaning*: 79 against 0; not *opening*: 11 against 8, nor *moving*, no
    noun)."""
    return _noun_far_likelier(_cached_analyses(word), "a")


def may_be_adjective(word: str) -> bool:
    """Whether ``word`` (lower case) is a form of a WordNet adjective (*boring*; not *showing*)."""
    return "a" in _cached_analyses(word)


def may_be_adverb(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet adverb (*last*, *still*; not *seem*)."""
    return "r" in _cached_analyses(word)


def is_comparative(word: str) -> bool:
    """Whether ``word`` (lower case) is the comparative of a WordNet adjective or adverb and no stop word (*better*,
    *older*; not *more*)."""
    analyses = _cached_analyses(word)
    return word not in ENGLISH and any(tag in analyses[pos][1] for pos, tag in (("a", "JJR"), ("r", "RBR")) if pos in analyses)


ADJECTIVE_OVER_ADVERB = 3
"""How many times as often as an adverb WordNet must tag a word as an adjective for :func:`adjective_likelier`: then it
modifies the word after it more likely than it is an adverb between a subject and its verb (*tight pants*: 16
against 4; not *it first sets out*: 304 against 111)."""


def adjective_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) is an adjective in WordNet at least as often as a noun and at least
    :data:`ADJECTIVE_OVER_ADVERB` times as often as an adverb (*new*, *tight*, *four*; not *first*, *still*,
    *material*), or a word WordNet lacks (*scooby-doo*)."""
    analyses = _cached_analyses(word)
    if not analyses or "a" not in analyses:
        return not analyses
    adjective = analyses["a"][2].count
    noun, adverb = (analyses[pos][2].count if pos in analyses else 0 for pos in ("n", "r"))
    return adjective >= noun and adjective >= ADJECTIVE_OVER_ADVERB * adverb


def adverb_only(word: str) -> bool:
    """Whether ``word`` (lower case) has synonyms as an adverb only, or none (*properly*, *deftly*)."""
    return _cached_analyses(word).keys() <= {"r"}


def base_verb_likelier(word: str) -> bool:
    """Whether ``word`` (lower case) can be a verb's base form and WordNet tags its verb at least as often
    as its noun (*to see*, *to work*; not *to school*, nor *to book*, whose noun is tagged more often)."""
    analyses = _cached_analyses(word)
    verb, noun = analyses.get("v"), analyses.get("n")
    return verb is not None and "VB" in verb[1] and (noun is None or verb[2].count >= noun[2].count)


def needs_object(word: str) -> bool:
    """Whether ``word`` (lower case), as a verb, takes an object in every sense that has synonyms
    (:attr:`lexicon.Sense.before`: *alerts*, *plans*; not *works*, *goes*)."""
    verb = _cached_analyses(word).get("v")
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
    verb = _cached_analyses(word).get("v")
    return verb[0] if verb is not None else None


@functools.lru_cache(maxsize=_CACHE_LIMIT)
def verb_tags(word: str) -> frozenset[str]:
    """The inflection tags ``word`` (lower case) can have as a verb (*remains*: ``VBZ``), empty if none."""
    verb = _cached_analyses(word).get("v")
    return frozenset(verb[1]) if verb is not None else frozenset()


PRONOUN_KINDS = frozenset({"object", "person"})
"""The kinds of :attr:`lexicon.Sense.before` that a pronoun may be (*call it*, *tell me*), which get their synonyms
before a pronoun too."""


def _build(word: str, pos: str, tag: str, sense: lexicon.Sense, also: str | None = None) -> Replacements | None:
    """The synonyms of ``sense`` inflected as ``tag`` (and the same inflected as ``also``, when given),
    with those that fit before each kind of object (:attr:`lexicon.Sense.before`), and before each of
    :data:`PRONOUN_KINDS` as a pronoun (``"object pronoun"``: no phrasal verb that would split, *call off it*). A number is
    no synonym of a word that holds none (:func:`_numbers_fit`), and a synonym negates where the word does and
    only there (:func:`hfaug.text.words.negates`: *barely*: *hardly*, not *just*; *jargon*: not *cant*)."""
    inflected = []  # (form, position in sense.synonyms) of each synonym that takes the tag
    rare_forms = lexicon.load().rare_forms
    numbers_fit = _numbers_fit(word)
    negation = negates(word)
    for position, synonym in enumerate(sense.synonyms):
        usable = (
            not _DIGIT_ORDINAL_RE.fullmatch(synonym)
            and (numbers_fit or not is_spelled_number(synonym))
            and negates(synonym) == negation
            and _fits_any_subject(synonym, pos, tag)
        )
        form = inflect(synonym, pos, tag) if usable else None
        if form and form != word and form not in rare_forms and (also is None or form == inflect(synonym, pos, also)):
            inflected.append((form, position))
    before: dict[str, Replacements | None] = {}
    if sense.before:  # a verb
        unsplit = [(form, at) for form, at in inflected if form.rpartition(" ")[2] not in SEPARABLE_PARTICLES]
        split = len(unsplit) < len(inflected)
        for kind, weights in sense.before.items():
            before[kind] = _weighed(pos, tag, inflected, weights)
            if kind in PRONOUN_KINDS:
                before[f"{kind} pronoun"] = _weighed(pos, tag, unsplit, weights) if split else before[kind]
    return _weighed(pos, tag, inflected, sense.weights, before)


def _numbers_fit(word: str) -> bool:
    """Whether a number (:func:`is_spelled_number`) may replace ``word`` (lower case, words apart by spaces):
    only where it holds one (*forty*: *40*; *baker's dozen*: *thirteen*). WordNet also lists numbers for
    Roman numerals, which stand for sizes and names as often (*the xl hoodie*, *il buco*: not *the 40
    hoodie*, *49 buco*), and for words with a sense of a number (*ace*: *one*, *club*: *nine*, *trio*:
    *three*); a word that has no other synonyms is left alone."""
    return any(map(is_number, word.split(" ")))


def _fits_any_subject(synonym: str, pos: str, tag: str) -> bool:
    """Whether ``synonym`` inflected as ``tag`` fits whatever the subject: not a verb headed by *be* in
    :data:`_SUBJECT_BOUND_TAGS` (*they was after*, *we am after*)."""
    return pos != "v" or tag not in _SUBJECT_BOUND_TAGS or synonym.partition(" ")[0] != "be"


def _weighed(
    pos: str,
    tag: str,
    inflected: list[tuple[str, int]],
    weights: tuple[float, ...],
    before: Mapping[str, Replacements | None] | None = None,
) -> Replacements | None:
    """:class:`Replacements` of the ``inflected`` forms whose synonym has a weight (the first of equal forms)."""
    forms: list[str] = []
    kept: list[float] = []
    for form, position in inflected:
        if weights[position] and form not in forms:
            forms.append(form)
            kept.append(weights[position])
    return Replacements(pos, tag, tuple(forms), tuple(itertools.accumulate(kept)), before or {}) if forms else None


def _cached_analyses(word: str) -> dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]:
    """:func:`_analyses` of ``word``, worked out once per process (cleared with the other caches)."""
    analyses = _analyses_cache.get(word)
    if analyses is None:
        analyses = _analyses_cache[word] = _analyses(word)
    return analyses


def _analyses(word: str) -> dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]:
    """Part of speech -> (lemma, tags, sense) for each way ``word`` inflects a WordNet lemma."""
    words = lexicon.load()
    known = _all_lemmas(word)
    found = {}
    for pos, upos in UPOS.items():
        lemmas = list(known.get(upos, ()))
        if word not in lemmas:
            lemmas.append(word)
        if not known and pos in ("n", "v"):
            lemmas.extend(lemma for lemma in lemminflect.getAllLemmasOOV(word, upos).get(upos, ()) if lemma not in lemmas)
        for lemma in lemmas:
            sense = words.senses(lemma).get(pos)
            if sense is None:
                continue
            tags = _tags(lemma, pos, word)
            if tags:
                found[pos] = (lemma, tags, sense)
                break
    return found


def _tags(lemma: str, pos: str, word: str) -> tuple[str, ...]:
    if pos == "n" and word == lemma and _looks_plural(word):  # a lemma in the plural: *1930s*, *fixings*
        return ("NNS",)
    inflections = _inflections(lemma, UPOS[pos]) or _inflections_oov(lemma, UPOS[pos])
    tags = tuple(tag for tag, forms in inflections.items() if word in forms)
    if "VBD" in tags and "VBN" not in inflections:  # lemminflect lists a regular verb's participle as its past only
        tags += ("VBN",)
    if not tags and word == lemma:
        return (BASE_TAG[pos],)
    return tags


def _no_verb_after(word: str, context: str | None, tags: tuple[str, ...]) -> bool:
    """Whether ``word``, a verb of ``tags``, cannot follow a word of class ``context``: after a preposition
    only a gerund or a participle can (*with laughs*: not *expresses joy*), after a modal or *to* no form
    that is only finite (*listen to reports*: not *describes*), unless it is another verb's base form
    (*to lay eggs*: *lay*, not *lie*)."""
    if context == "prep":
        return _NON_FINITE.isdisjoint(tags)
    return (
        context == "modal"
        and _FINITE_ONLY.issuperset(tags)
        and word not in _all_lemmas(word).get("VERB", ())
    )


def _choose_pos(word: str, context: str | None, analyses: dict) -> str:
    options = [pos for pos in _POS_ORDER if pos in analyses]
    if context in ("det", "head"):
        options = _prefer(options, [pos for pos in options if pos in ("n", "a")])
        if context == "head":  # a noun, unless a superlative: *the meaning of*, *the best in town*
            superlative = "a" in analyses and "JJS" in analyses["a"][1]
            options = _prefer(options, ["a" if superlative else "n"])
        elif word.endswith(_PARTICIPLE_ENDINGS) or _modifier_likelier(analyses):
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


@functools.lru_cache(maxsize=_CACHE_LIMIT)
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


def _is_phrasal(form: str) -> bool:
    """Whether a verb ``form`` of several words ends in a particle (*come up*, *set out*)."""
    return " " in form and form.rpartition(" ")[2] in PARTICLES


def _modifier_likelier(analyses: dict) -> bool:
    """Whether a word inside a noun phrase, before its head, is likelier an adjective than a noun: it
    is tagged as one at least half as often (*my current insurance*: 17 against 18; not *a 4 minute
    timer*: 5 against 92)."""
    return "a" in analyses and "n" in analyses and 2 * analyses["a"][2].count >= analyses["n"][2].count


def _prefer(options: list[str], preferred: list[str]) -> list[str]:
    kept = [pos for pos in options if pos in preferred]
    return kept or options


def _choose_tag(tags: tuple[str, ...], context: str | None) -> str:
    for tag in _TAG_PREFERENCE.get(context, ()) + _TAG_PREFERENCE[None]:
        if tag in tags:
            return tag
    return tags[0]


def inflect(lemma: str, pos: str, tag: str) -> str | None:
    """``lemma`` (possibly several words) inflected as ``tag``, or ``None`` if it cannot be.

    The head word takes the inflection: the first word of a verb or of a noun followed by a
    preposition or particle (``pieces of work``), otherwise the last word of a noun. A noun
    whose head is already plural (``authorities``) only stands for plurals; a mass noun
    (``fame``) has no plural, nor has an abstract noun in -ness, -ism, -hood or -ing that
    lemminflect does not know in the plural (``powerfulness``, ``careerism``, ``carrying out``,
    ``coloring``).

    Example:
        >>> inflect("run away", "v", "VBD"), inflect("motion picture", "n", "NNS")
        ('ran away', 'motion pictures')
        >>> inflect("piece of work", "n", "NNS")
        'pieces of work'
    """
    parts = lemma.split(" ")
    head = 0 if pos == "v" or not PARTICLES.isdisjoint(parts[1:]) else len(parts) - 1
    if pos == "n" and _is_plural(parts[head]):  # a WordNet lemma in the plural: *contemporaries*
        return lemma if tag == "NNS" else None
    if tag == BASE_TAG[pos]:
        return lemma
    if len(parts) > 1 and pos not in ("n", "v"):
        return None
    upos = UPOS[pos]
    known = _known_inflections(parts[head], upos)
    forms = known.get(tag) or _regular_participle(tag, known)
    if not forms and pos in ("n", "v"):
        if tag == "NNS" and _ABSTRACT_RE.fullmatch(parts[head]):  # not "powerfulnesses"
            return None
        forms = _inflections_oov(parts[head], upos).get(tag)
    spelled = [form for form in forms or () if _SPELLING_MARKS.isdisjoint(form) or not _SPELLING_MARKS.isdisjoint(lemma)]
    if not spelled or (tag == "NNS" and spelled[0] == parts[head]):  # a mass noun ("fame") has no plural
        return None  # also no form of another spelling: *okay*: not *o.k.'d*
    parts[head] = spelled[0]
    return " ".join(parts)


def _regular_participle(tag: str, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A regular verb's participle where lemminflect lists it as the past only (``known``: the verb's
    inflections; *refer*: *referred*, where its suffix rules spell *refered*); a past not in -ed is no
    participle (*can*: not *could*)."""
    if tag != "VBN":
        return ()
    return tuple(form for form in known.get("VBD", ()) if form.endswith("ed"))


_SPELLING_MARKS = frozenset(".'")
"""Marks of another spelling in lemminflect's forms (*okay*: *o.k.'d*, *ok'd*), used only for a lemma that has them."""


def _known_inflections(word: str, upos: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's inflections of ``word`` (as ``upos``: ``NOUN``, ``VERB``, ...) from its tables; for a
    hyphenated noun or verb that they lack, those of its last part (*ex-wife*: *ex-wives*; *tailor-make*:
    *tailor-made*; *self-esteem*: *self-esteem*, a mass noun), which its suffix rules would miss (an
    adjective's is no comparative: not *snow-whitest*)."""
    known = _inflections(word, upos)
    if known or "-" not in word or upos not in ("NOUN", "VERB"):
        return known
    first, _, last = word.rpartition("-")
    return {tag: tuple(f"{first}-{form}" for form in forms) for tag, forms in _inflections(last, upos).items()}


def _is_plural(noun: str) -> bool:
    """Whether ``noun`` is the plural of another lemma (``authorities``, ``glasses``) or :func:`_looks_plural`."""
    return _looks_plural(noun) or any(
        noun in _inflections(lemma, "NOUN").get("NNS", ()) for lemma in lemminflect.getLemma(noun, "NOUN") if lemma != noun
    )


def _looks_plural(noun: str) -> bool:
    """Whether ``noun`` is a noun in -s that lemminflect does not know, most likely a plural (``fixings``,
    ``1980s``; not an abbreviation such as ``ms``)."""
    plural_ending = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    return len(noun) > 3 and plural_ending and not _inflections(noun, "NOUN")
