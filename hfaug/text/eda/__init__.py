"""Easy Data Augmentation (Wei & Zou, 2019): random swap, deletion and insertion, and EDA itself.

Each operation is its own augmenter; :class:`EDA` draws one operation per augmented copy, as
the paper does, among those that can change the text. Unlike the reference code, which lower-cases
the text and strips its punctuation, these work on the words of the text in place: punctuation and
whitespace stay where they are, and protected terms are never moved, deleted or split. An indefinite
article that comes before another word than in the source is made to fit it (``a old`` -> ``an old``);
``hfaug_params`` records such changes under ``articles`` as ``[article, new article, next word]``.
Where a sentence began with a capital and swap or deletion gives it another first word, that word
takes the capital, and the former first word, if it had the capital only for standing first, loses it.

The augmenters and the draw of EDA's operation are here; each operation's edit is in its own module: the swap
(:mod:`.swap`), the deletion (:mod:`.deletion`), the insertion (:mod:`.insertion`) and the synonym replacement
(:mod:`.replacement`), over the units they share (:mod:`.units`), their sentence case (:mod:`.sentence_case`) and the
words that they leave in place (:mod:`.questions`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.arguments import check_flag, check_probability
from hfaug.augmenter.on_error import OnError
from hfaug.text.base import TextAugmenter
from hfaug.text.eda.deletion import delete_words, deletion_obstacle
from hfaug.text.eda.insertion import insert_synonyms, insertion_obstacle
from hfaug.text.eda.replacement import replace_synonyms, synonym_obstacle
from hfaug.text.eda.swap import swap_obstacle, swap_words
from hfaug.text.eda.units import uniform_index
from hfaug.text.synonym import TextAnalysis, analyses
from hfaug.text.words.protected_terms import check_terms
from hfaug.text.words.stop_words import StopwordsSpec, check_stopwords, stopword_set


def _optional_rate(name: str, value: float | None) -> float | None:
    return None if value is None else check_probability("eda", name, value, allow_zero=True)


class Operation(NamedTuple):
    """An EDA operation with its rate set: what keeps it from changing a text, and the edit itself."""

    obstacle: Callable[[TextAnalysis], str | None]
    """Why it cannot change a text, or ``None`` if it can."""
    edit: Callable[[TextAnalysis, np.random.Generator], Augmented]


class RandomSwap(TextAugmenter):
    """EDA's random swap: exchange random pairs of words.

    ``max(1, int(alpha * number of words))`` swaps of two random words that differ (a text whose words are all the same
    is left alone), never putting a word beside the same word, nor an article beside another (not *delivers a a punch*,
    *an a piece*: a text where every swap would is left alone). Words swap places in their slots, so punctuation and
    whitespace stay where they are; protected words never move, nor the words that say what a question asks (its
    question word, the auxiliary after it, what is asked for, its subject's word and verb: *How many engines ...*, *What
    do Mormons believe ?*), nor, by default, negations (:data:`hfaug.text.words.NEGATIONS`: *are not entertaining* never
    becomes *are entertaining not*). The words around a negation may still move: what it negates is seldom one word
    (*not a very good film*), and pinning its neighbours too would leave a short text little to swap. Where a sentence
    began with a capital, its new first word takes it, and the former one loses it if it had it only for standing first
    (not *I*, an acronym or a name: *Killed by whom was Gandhi ?* -> *Was by whom killed Gandhi ?*). ``hfaug_params``
    records ``{"swapped": [[word, word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Share of the words swapped (Wei & Zou's ``alpha_rs``).
        protected (`list[str]`, defaults to `()`): Words and phrases that never move (case-insensitive).
        keep_negations (`bool`, defaults to `True`): Never move negations.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomSwap(alpha=0.2, seed=1)({"text": "a gentle , funny film"})["text"]
        'gentle a , funny film'
    """

    name = "eda.swap"
    output_packages = ("regex",)

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        protected: Sequence[str] = (),
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha)
        self.protected = check_terms(self.name, protected)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [
            swap_words(analysis, rng, alpha=self.alpha, keep_negations=self.keep_negations)
            for analysis, rng in zip(texts, rngs)
        ]


class RandomDeletion(TextAugmenter):
    """EDA's random deletion: delete each word with probability ``p``.

    At least one word is deleted (the reference may delete none) and never all of them, nor all
    that are neither English stop words nor negations (*What is HTML ?* never becomes *What is ?*, a
    copy that tells nothing of its label), nor, by default, a negation (:data:`hfaug.text.words.NEGATIONS`
    and words in ``n't``: *you wo n't be disappointed* never becomes *you be disappointed*).
    A determiner, possessive, preposition or *to* that stays keeps the word that ends its phrase (*play the next song on
    my playlist* never becomes *play the next on playlist*, nor *cancel my reservation for dinner* *cancel my
    reservation for*), and no word comes to stand beside the same word, nor an article beside another (*as necessary as*
    never becomes *as as*: a text where every deletion would is left alone). A deleted word takes one adjacent run of
    whitespace with it; punctuation stays; protected words are never deleted. A sentence that began with a capital and
    lost its first word gives the capital to its new one. ``hfaug_params`` records ``{"deleted": [word, ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        p (`float`, defaults to 0.1): Probability that each word is deleted (Wei & Zou's ``p_rd``).
        protected (`list[str]`, defaults to `()`): Words and phrases never deleted (case-insensitive).
        keep_negations (`bool`, defaults to `True`): Never delete negations.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomDeletion(p=0.2, seed=2)({"text": "a gentle , funny film"})["text"]
        'gentle , funny film'
    """

    name = "eda.delete"
    output_packages = ("regex",)

    def __init__(
        self,
        column: str = "text",
        *,
        p: float = 0.1,
        protected: Sequence[str] = (),
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = check_probability(self.name, "p", p)
        self.protected = check_terms(self.name, protected)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [
            delete_words(analysis, rng, p=self.p, keep_negations=self.keep_negations)
            for analysis, rng in zip(texts, rngs)
        ]


class RandomInsertion(TextAugmenter):
    """EDA's random insertion: insert synonyms of words of the text at random places.

    ``max(1, int(alpha * number of words))`` times, a synonym of a random word is inserted after
    a random word. Synonyms are those :class:`hfaug.Synonym` would use (WordNet, fitting part of speech and
    inflection; stop words, protected words and number words, whose synonyms WordNet writes in digits
    (*fifty*: *50*), are not sources). A synonym that negates (:func:`hfaug.text.words.is_negation`: *cant* for
    *jargon*) is never inserted (in :class:`EDA` too, whatever its ``keep_negations``): it would negate a text that did
    not say so. Nothing is inserted inside a protected phrase.
    ``hfaug_params`` records ``{"inserted": [[synonym, after word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Insertions per word (Wei & Zou's ``alpha_ri``).
        protected (`list[str]`, defaults to `()`): Words and phrases kept whole (case-insensitive).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words whose synonyms are not inserted.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomInsertion(seed=3)({"text": "a gentle , funny film"})["text"]
        'a gentle , funny film comic'
    """

    name = "eda.insert"
    output_packages = ("lemminflect", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = "english",
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha)
        self.protected = check_terms(self.name, protected)
        self.stopwords = check_stopwords(self.name, stopwords)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected, stopword_set(self.stopwords))
        return [insert_synonyms(analysis, rng, alpha=self.alpha) for analysis, rng in zip(texts, rngs)]


class EDA(TextAugmenter):
    """Easy Data Augmentation (Wei & Zou, 2019): one random EDA operation per augmented copy.

    Each copy applies synonym replacement, random insertion, random swap or random deletion,
    drawn uniformly among the operations whose rate is above zero and that can change the text (a
    text with no word that has a synonym is swapped or shortened); a copy is dropped only where none
    can. As in the paper, one ``alpha`` sets all four rates; ``alpha_sr``, ``alpha_ri``, ``alpha_rs``
    and ``p_rd`` override it per operation (0 disables one). With ``N`` words, synonym replacement
    replaces ``max(1, int(alpha_sr * N))`` words (see :class:`hfaug.Synonym`), insertion inserts
    ``max(1, int(alpha_ri * N))`` synonyms (see :class:`RandomInsertion`), swap makes
    ``max(1, int(alpha_rs * N))`` swaps (see :class:`RandomSwap`) and deletion deletes each word with
    probability ``p_rd`` (see :class:`RandomDeletion`). Punctuation, whitespace and protected terms are kept. The paper
    recommends ``alpha = 0.05`` with 16 copies for ~500 training rows, 8 copies for ~2000 and
    ``alpha = 0.1`` with 4 copies from ~5000 rows. ``hfaug_params`` records the operation and what
    it did, e.g. ``{"operation": "swap", "swapped": [["funny", "gentle"]]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): The rate of every operation not given its own.
        alpha_sr (`float`, *optional*): Synonym replacement rate (default ``alpha``); 0 disables it.
        alpha_ri (`float`, *optional*): Random insertion rate (default ``alpha``); 0 disables it.
        alpha_rs (`float`, *optional*): Random swap rate (default ``alpha``); 0 disables it.
        p_rd (`float`, *optional*): Random deletion probability (default ``alpha``); 0 disables it.
        protected (`list[str]`, defaults to `()`): Words and phrases never changed (case-insensitive).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words never replaced by, or used as
            a source of, synonyms.
        keep_negations (`bool`, defaults to `True`): Never delete or move negations (see :class:`RandomDeletion`
            and :class:`RandomSwap`).
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> eda = hfaug.EDA(alpha=0.05, n=16, keep_original=True)
        >>> bigger = ds.map(eda, batched=True)
    """

    name = "eda"
    output_packages = ("lemminflect", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        alpha_sr: float | None = None,
        alpha_ri: float | None = None,
        alpha_rs: float | None = None,
        p_rd: float | None = None,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = "english",
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha, allow_zero=True)
        self.alpha_sr = _optional_rate("alpha_sr", alpha_sr)
        self.alpha_ri = _optional_rate("alpha_ri", alpha_ri)
        self.alpha_rs = _optional_rate("alpha_rs", alpha_rs)
        self.p_rd = _optional_rate("p_rd", p_rd)
        if not any(self.rates().values()):
            raise ValueError(
                "eda: every operation has rate 0; give alpha > 0 or a positive alpha_sr, alpha_ri, alpha_rs or p_rd"
            )
        self.protected = check_terms(self.name, protected)
        self.stopwords = check_stopwords(self.name, stopwords)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def rates(self) -> dict[str, float]:
        """The rate of each operation: ``synonym``, ``insert``, ``swap``, ``delete``."""
        return {
            name: self.alpha if rate is None else rate
            for name, rate in (
                ("synonym", self.alpha_sr),
                ("insert", self.alpha_ri),
                ("swap", self.alpha_rs),
                ("delete", self.p_rd),
            )
        }

    def operations(self) -> dict[str, Operation]:
        """The enabled operations by name, their rates set."""
        rates = self.rates()
        operations = {
            "synonym": Operation(synonym_obstacle, functools.partial(replace_synonyms, alpha=rates["synonym"])),
            "insert": Operation(insertion_obstacle, functools.partial(insert_synonyms, alpha=rates["insert"])),
            "swap": Operation(
                functools.partial(swap_obstacle, keep_negations=self.keep_negations),
                functools.partial(swap_words, alpha=rates["swap"], keep_negations=self.keep_negations),
            ),
            "delete": Operation(
                functools.partial(deletion_obstacle, keep_negations=self.keep_negations),
                functools.partial(delete_words, p=rates["delete"], keep_negations=self.keep_negations),
            ),
        }
        return {name: operation for name, operation in operations.items() if rates[name] > 0}

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        operations = self.operations()
        texts = analyses(values, self.protected, stopword_set(self.stopwords))
        return [_apply_one(operations, analysis, rng) for analysis, rng in zip(texts, rngs)]


def _drawn(operations: dict[str, Operation], analysis: TextAnalysis, rng: np.random.Generator) -> str | dict[str, str]:
    """The name of an operation drawn uniformly among those that can change the text, or, when none can,
    each one's reason. One is drawn among all first and kept if it can: the others' obstacles (synonym
    candidates, the costly one) are looked for only when it cannot; a second draw among those that can
    then makes each of them as likely (1/m now, plus (m - k)/m * 1/k later: 1/k of the k that can)."""
    names = list(operations)
    first = names[uniform_index(float(rng.random()), len(names))]
    obstacle = operations[first].obstacle(analysis)
    if obstacle is None:
        return first
    obstacles = {name: obstacle if name == first else operations[name].obstacle(analysis) for name in names}
    usable = [name for name, reason in obstacles.items() if reason is None]
    if not usable:
        return {name: reason for name, reason in obstacles.items() if reason is not None}
    return usable[uniform_index(float(rng.random()), len(usable))]


def _apply_one(operations: dict[str, Operation], analysis: TextAnalysis, rng: np.random.Generator) -> Augmented:
    """One operation drawn uniformly among those that can change the text, applied; the text dropped if none can."""
    name = _drawn(operations, analysis, rng)
    if isinstance(name, dict):
        return Augmented(value=analysis.text, dropped="; ".join(f"{op}: {reason}" for op, reason in name.items()))
    result = operations[name].edit(analysis, rng)
    return Augmented(
        value=result.value,
        params={"operation": name, **result.params},
        dropped=None if result.dropped is None else f"{name}: {result.dropped}",
    )
