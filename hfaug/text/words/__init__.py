"""Words of a text with their character spans, and edits that leave everything else in place.

Word-level augmenters (synonyms, EDA, character noise) share this package: a *word* is a run
of letters and digits, possibly joined by inner apostrophes or hyphens (``don't``,
``re-imagining``), a number with inner points or commas (``3.50``, ``1,000``) or an
abbreviation with points (``U.S.``); URLs and e-mail addresses hold none. Punctuation,
whitespace and anything else between words is never changed: augmenters replace, move or
delete words by their spans.

One job a module: cutting a text into words (:mod:`.cutting`), numbers and abbreviations among them
(:mod:`.numerals`), negations (:mod:`.negations`), where sentences start (:mod:`.sentences`), letter case
(:mod:`.letter_case`), indefinite articles (:mod:`.articles`), edits by spans (:mod:`.edits`), and the
``protected`` and ``stopwords`` arguments (:mod:`.protected_terms`, :mod:`.stop_words`).
"""

from hfaug.text.words.articles import ARTICLES, article_for, fit_articles, is_article
from hfaug.text.words.cutting import (
    APOSTROPHES,
    CLITICS,
    GAP_APOSTROPHES,
    NON_WORD_RE,
    WORD_RE,
    Word,
    find_words,
    is_clitic,
    join_contractions,
    leading_word,
    pieces_of,
    spans_of,
    split_words,
    straight_apostrophes,
)
from hfaug.text.words.edits import delete, splice
from hfaug.text.words.letter_case import Case, case_of, with_case
from hfaug.text.words.negations import NEGATIONS, is_negation, negates
from hfaug.text.words.numerals import (
    NUMBER_WORDS,
    is_abbreviation,
    is_number,
    is_roman_numeral,
    is_spelled_number,
    opens_with_digits,
)
from hfaug.text.words.protected_terms import check_terms, protected_groups, protected_spans
from hfaug.text.words.sentences import ABBREVIATIONS, SENTENCE_ENDS, starts_sentence
from hfaug.text.words.stop_words import StopwordsSpec, check_stopwords, stopword_set

__all__ = [
    "ABBREVIATIONS",
    "APOSTROPHES",
    "ARTICLES",
    "CLITICS",
    "Case",
    "GAP_APOSTROPHES",
    "NEGATIONS",
    "NON_WORD_RE",
    "NUMBER_WORDS",
    "SENTENCE_ENDS",
    "StopwordsSpec",
    "WORD_RE",
    "Word",
    "article_for",
    "case_of",
    "check_stopwords",
    "check_terms",
    "delete",
    "find_words",
    "fit_articles",
    "is_abbreviation",
    "is_article",
    "is_clitic",
    "is_negation",
    "is_number",
    "is_roman_numeral",
    "is_spelled_number",
    "join_contractions",
    "leading_word",
    "negates",
    "opens_with_digits",
    "pieces_of",
    "protected_groups",
    "protected_spans",
    "spans_of",
    "splice",
    "split_words",
    "starts_sentence",
    "stopword_set",
    "straight_apostrophes",
    "with_case",
]
