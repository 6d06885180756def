"""WordNet synonym replacement that keeps part of speech, inflection, case and layout."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.arguments import check_count, check_probability
from hfaug.augmenter.on_error import OnError
from hfaug.lazy import cached_property
from hfaug.seeding import uniforms
from hfaug.text.base import TextAugmenter
from hfaug.text.stopwords import ENGLISH
from hfaug.text.synonym_candidates import ReplaceableWords, candidates
from hfaug.text.words.articles import article_for, is_article
from hfaug.text.words.cutting import Word, join_contractions, spans_of, split_words
from hfaug.text.words.letter_case import case_of, with_case
from hfaug.text.words.protected_terms import check_terms, protected_groups, protected_spans
from hfaug.text.words.stop_words import StopwordsSpec, check_stopwords, stopword_set

NO_CANDIDATE = "no word has a WordNet synonym that fits (all are stop words, protected, or unknown)"


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
