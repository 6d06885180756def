"""The synonyms that may replace a word form, or a WordNet compound, in a context (:class:`Replacements`),
inflected as it is and fitting the words around it."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from hfaug.text import lexicon
from hfaug.text.wordforms.inflection import CACHE_LIMIT, analyses_cache, cached_analyses, inflect
from hfaug.text.wordforms.pos_choice import PARTICIPLE_ENDINGS, choose_pos, choose_tag, no_verb_after
from hfaug.text.wordforms.word_classes import FUNCTION_WORDS, PARTICLES, SEPARABLE_PARTICLES
from hfaug.text.words.negations import negates
from hfaug.text.words.numerals import is_number, is_spelled_number

_DIGIT_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th|d)")
"""An ordinal in digits (*2d*, *3rd*, *21st*): no synonym, since it spells the word's own number another
way, in a text quoting it (*the 2d man to walk on the moon*, *Mao 's 2d name*); not a decade (*1990s*)."""
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
            pronoun would come before, :data:`~hfaug.text.wordforms.word_classes.SEPARABLE_PARTICLES`), ``None``
            where none does; empty for other parts of speech.
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


_compound_cache: dict[tuple[str, bool], Replacements | None] = {}
_built: dict[tuple[str, str, str, str | None], Replacements | None] = {}


def replacements(word: str, context: str | None = None) -> Replacements | None:
    """The synonyms that fit ``word`` (lower case) after a word of class ``context``.

    Args:
        word (`str`): The word, lower case.
        context (`str`, *optional*): One of :data:`~hfaug.text.wordforms.contexts.CONTEXT_CLASSES` (``"det"``,
            ``"modal"``, ``"head"``, ...), or ``None``.

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
    if len(_built) >= CACHE_LIMIT or len(analyses_cache) >= CACHE_LIMIT:
        analyses_cache.clear()
        _built.clear()
    analyses = cached_analyses(word)
    if word in FUNCTION_WORDS:  # never as a verb, and only after a determiner
        analyses = {pos: analyses[pos] for pos in analyses if pos != "v"} if context in ("det", "head") else {}
    elif context in ("det", "head") and word.endswith(PARTICIPLE_ENDINGS) and analyses.keys().isdisjoint("na"):
        analyses = {}  # a participle after a determiner is no verb: *my checking account*
    elif "v" in analyses and no_verb_after(word, context, analyses["v"][1]):
        analyses = {pos: analyses[pos] for pos in analyses if pos != "v"}
    found = None
    if analyses:
        pos = choose_pos(word, context, analyses)
        tags = analyses[pos][1]
        tag = choose_tag(tags, context)
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
    analyses = cached_analyses(word)
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
        if len(_compound_cache) >= CACHE_LIMIT:
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
    """Whether a number (:func:`~hfaug.text.words.numerals.is_spelled_number`) may replace ``word`` (lower case, words
    apart by spaces): only where it holds one (*forty*: *40*; *baker's dozen*: *thirteen*). WordNet also lists numbers
    for Roman numerals, which stand for sizes and names as often (*the xl hoodie*, *il buco*: not *the 40 hoodie*, *49
    buco*), and for words with a sense of a number (*ace*: *one*, *club*: *nine*, *trio*: *three*); a word that has no
    other synonyms is left alone."""
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


def _is_phrasal(form: str) -> bool:
    """Whether a verb ``form`` of several words ends in a particle (*come up*, *set out*)."""
    return " " in form and form.rpartition(" ")[2] in PARTICLES
