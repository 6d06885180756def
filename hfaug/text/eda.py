"""Easy Data Augmentation (Wei & Zou, 2019): random swap, deletion and insertion, and EDA itself.

Each operation is its own augmenter; :class:`EDA` draws one operation per augmented copy, as
the paper does. Unlike the reference code, which lower-cases the text and strips its
punctuation, these work on the words of the text in place: punctuation and whitespace stay
where they are, and protected terms are never moved, deleted or split. An indefinite article
that comes before another word than in the source is made to fit it (``a old`` -> ``an old``);
``hfaug_params`` records such changes under ``articles`` as ``[article, new article, next word]``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

from hfaug.augmenter import Augmented, OnError
from hfaug.text.base import TextAugmenter
from hfaug.text.synonym import NO_CANDIDATE, TextAnalysis, analyses, synonym_edit
from hfaug.text.words import (
    StopwordsSpec,
    case_of,
    check_probability,
    check_stopwords,
    check_terms,
    delete,
    fit_articles,
    splice,
    stopword_set,
    with_case,
)


def _index(draw: float, size: int) -> int:
    """A uniform index in ``range(size)`` from a uniform draw in [0, 1)."""
    return min(int(draw * size), size - 1)


def _free(groups: list[int] | None, size: int) -> list[int]:
    return list(range(size)) if groups is None else [index for index in range(size) if groups[index] < 0]


def _optional_rate(name: str, value: float | None) -> float | None:
    return None if value is None else check_probability("eda", name, value, allow_zero=True)


def _edited(analysis: TextAnalysis, new: str, params: dict, unchanged: str | None = None) -> Augmented:
    """The edited text with its indefinite articles fitted to the words now after them
    (recorded under ``articles``); a text left as it was is dropped as ``unchanged``."""
    new, articles = fit_articles(new, analysis.pieces, analysis.protected)
    if unchanged is not None and new == analysis.text:
        return Augmented(value=new, dropped=unchanged)
    return Augmented(value=new, params={**params, "articles": articles} if articles else params)


# ---------------------------------------------------------------------- functional core
def swap_words(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Swap two random words, ``max(1, int(alpha * words))`` times; protected words stay put."""
    text, words = analysis.text, analysis.units
    movable = _free(analysis.unit_groups, len(words))
    if len(movable) < 2:
        return Augmented(value=text, dropped="fewer than two words can be swapped")
    count = max(1, int(alpha * len(words)))
    draws = rng.random(2 * count).tolist()
    slots = [word for _, _, word in words]
    swapped = []
    size = len(movable)
    for step in range(count):
        first = _index(draws[2 * step], size)
        second = _index(draws[2 * step + 1], size - 1)
        second += second >= first
        i, j = movable[first], movable[second]
        swapped.append([slots[i], slots[j]])
        slots[i], slots[j] = slots[j], slots[i]
    new = splice(text, [(start, end, slots[i]) for i, (start, end, word) in enumerate(words) if slots[i] != word])
    return _edited(analysis, new, {"swapped": swapped}, "the swapped words were identical")


def delete_words(analysis: TextAnalysis, rng: np.random.Generator, *, p: float) -> Augmented:
    """Delete each word with probability ``p`` (at least one, never all, and never every word that
    is no English stop word: *What is HTML ?* does not become *What is ?*); protected words stay."""
    text, words = analysis.text, analysis.units
    deletable = _free(analysis.unit_groups, len(words))
    if len(words) < 2 or not deletable:
        return Augmented(value=text, dropped="the text has no word that can be deleted without deleting every word")
    draws = rng.random(len(deletable)).tolist()
    chosen = [i for i, draw in enumerate(draws) if draw < p] or [min(range(len(draws)), key=draws.__getitem__)]
    if len(chosen) == len(words):  # keep the word least likely to go
        chosen.remove(max(chosen, key=draws.__getitem__))
    deleted = {deletable[i] for i in chosen}
    content = analysis.content_units
    if content and content <= deleted:  # keep the content word least likely to go
        chosen.remove(max((i for i in chosen if deletable[i] in content), key=draws.__getitem__))
        others = [i for i in range(len(draws)) if deletable[i] not in content]
        if not chosen and not others:
            return Augmented(value=text, dropped="deleting any word would leave no word that is not a stop word")
        deleted = {deletable[i] for i in chosen or [min(others, key=draws.__getitem__)]}
    return _edited(analysis, delete(text, words, deleted), {"deleted": [words[i][2] for i in sorted(deleted)]})


def replace_synonyms(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Replace ``max(1, int(alpha * words))`` words by fitting synonyms (see :class:`hfaug.Synonym`)."""
    draws = rng.random(2 * len(analysis.found.indices)).tolist()
    count = max(1, int(alpha * analysis.word_count))
    return synonym_edit(analysis, draws, count=count)


def insert_synonyms(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Insert a synonym of a random word after a random word, ``max(1, int(alpha * words))`` times.

    Synonyms come from words that :class:`hfaug.Synonym` could replace (fitting part of speech and
    inflection); nothing is inserted inside a protected phrase.
    """
    text, units, groups, found = analysis.text, analysis.units, analysis.unit_groups, analysis.found
    if not found.indices:
        return Augmented(value=text, dropped=NO_CANDIDATE)
    slots = [
        index
        for index in range(len(units))
        if groups is None or groups[index] < 0 or index + 1 == len(units) or groups[index + 1] != groups[index]
    ]
    count = max(1, int(alpha * len(units)))
    draws = rng.random(3 * count).tolist()
    edits = []
    inserted = []
    for step in range(count):
        source = _index(draws[3 * step], len(found.indices))
        form = found.replacements[source].pick(draws[3 * step + 1])
        if case_of(analysis.words[found.indices[source]][2]) == "upper":
            form = with_case(form, "upper")
        after = slots[_index(draws[3 * step + 2], len(slots))]
        point = _outside(units[after][1], analysis.protected_spans)
        edits.append((point, point, " " + form))
        inserted.append([form, units[after][2]])
    return _edited(analysis, splice(text, edits), {"inserted": inserted})


def _outside(point: int, spans: list[tuple[int, int]]) -> int:
    """``point``, or the end of the protected span it falls inside (a term can end in punctuation: ``C++``)."""
    return next((end for start, end in spans if start < point < end), point)


# ---------------------------------------------------------------------- augmenters
class RandomSwap(TextAugmenter):
    """EDA's random swap: exchange random pairs of words.

    ``max(1, int(alpha * number of words))`` swaps of two random words. Words swap places in
    their slots, so punctuation and whitespace stay where they are;
    protected words never move. ``hfaug_params`` records ``{"swapped": [[word, word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Share of the words swapped (Wei & Zou's ``alpha_rs``).
        protected (`list[str]`, defaults to `()`): Words and phrases that never move (case-insensitive).
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomSwap(alpha=0.2, seed=1)({"text": "a gentle , funny film"})["text"]
        'gentle a , funny film'
    """

    name = "eda.swap"

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        protected: Sequence[str] = (),
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha)
        self.protected = check_terms(self.name, protected)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [swap_words(analysis, rng, alpha=self.alpha) for analysis, rng in zip(texts, rngs)]


class RandomDeletion(TextAugmenter):
    """EDA's random deletion: delete each word with probability ``p``.

    At least one word is deleted (the reference may delete none) and never all of them, nor all
    that are not English stop words (*What is HTML ?* never becomes *What is ?*, a copy that tells
    nothing of its label).
    A deleted word takes one adjacent run of whitespace with it; punctuation stays;
    protected words are never deleted. ``hfaug_params`` records ``{"deleted": [word, ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        p (`float`, defaults to 0.1): Probability that each word is deleted (Wei & Zou's ``p_rd``).
        protected (`list[str]`, defaults to `()`): Words and phrases never deleted (case-insensitive).
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomDeletion(p=0.2, seed=2)({"text": "a gentle , funny film"})["text"]
        'gentle , funny film'
    """

    name = "eda.delete"

    def __init__(
        self,
        column: str = "text",
        *,
        p: float = 0.1,
        protected: Sequence[str] = (),
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = check_probability(self.name, "p", p)
        self.protected = check_terms(self.name, protected)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [delete_words(analysis, rng, p=self.p) for analysis, rng in zip(texts, rngs)]


class RandomInsertion(TextAugmenter):
    """EDA's random insertion: insert synonyms of words of the text at random places.

    ``max(1, int(alpha * number of words))`` times, a synonym of a random word is inserted after
    a random word. Synonyms are those :class:`hfaug.Synonym` would use (WordNet, fitting part of speech and
    inflection; stop words and protected words are not sources). Nothing is inserted inside a
    protected phrase. ``hfaug_params`` records ``{"inserted": [[synonym, after word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Insertions per word (Wei & Zou's ``alpha_ri``).
        protected (`list[str]`, defaults to `()`): Words and phrases kept whole (case-insensitive).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words whose synonyms are not inserted.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomInsertion(seed=3)({"text": "a gentle , funny film"})["text"]
        'a gentle , funny comic film'
    """

    name = "eda.insert"

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
    drawn uniformly among the operations whose rate is above zero. As in the paper, one ``alpha``
    sets all four rates; ``alpha_sr``, ``alpha_ri``, ``alpha_rs`` and ``p_rd`` override it per
    operation (0 disables one). With ``N`` words, synonym replacement replaces ``max(1, int(alpha_sr * N))`` words (see
    :class:`hfaug.Synonym`), insertion inserts ``max(1, int(alpha_ri * N))`` synonyms (see
    :class:`RandomInsertion`), swap makes ``max(1, int(alpha_rs * N))`` swaps (see
    :class:`RandomSwap`) and deletion deletes each word with probability ``p_rd`` (see
    :class:`RandomDeletion`). Punctuation, whitespace and protected terms are kept. The paper
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
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> eda = hfaug.EDA(alpha=0.05, n=16, keep_original=True)
        >>> bigger = ds.map(eda, batched=True)
    """

    name = "eda"

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

    def operations(self) -> list[tuple[str, Callable[[TextAnalysis, np.random.Generator], Augmented]]]:
        """The enabled operations, as ``(name, function(analysis, rng))``."""
        rates = self.rates()
        functions = {
            "synonym": functools.partial(replace_synonyms, alpha=rates["synonym"]),
            "insert": functools.partial(insert_synonyms, alpha=rates["insert"]),
            "swap": functools.partial(swap_words, alpha=rates["swap"]),
            "delete": functools.partial(delete_words, p=rates["delete"]),
        }
        return [(name, functions[name]) for name, rate in rates.items() if rate > 0]

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        operations = self.operations()
        results = []
        for analysis, rng in zip(analyses(values, self.protected, stopword_set(self.stopwords)), rngs):
            name, operation = operations[_index(float(rng.random()), len(operations))]
            result = operation(analysis, rng)
            results.append(
                Augmented(
                    value=result.value,
                    params={"operation": name, **result.params},
                    dropped=None if result.dropped is None else f"{name}: {result.dropped}",
                )
            )
        return results
