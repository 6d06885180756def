"""Indefinite articles: the one that fits the word after it (*a*/*an*), and a text's articles made to fit the words
that an edit put after them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hfaug.text.words.cutting import find_words, patterns, split_words
from hfaug.text.words.letter_case import case_of, with_case
from hfaug.text.words.protected_terms import protected_groups
from hfaug.text.words.sentences import starts_sentence


# Words read with a vowel sound first (``an``): a vowel letter, except "yoo" and "w" sounds
# (*unit*, *usual*, *USB*, *Ukrainian*, *European*, *one*; the letter U in *U-turn*); a silent h (*hour*); a letter
# read alone (*an X-ray*).
_VOWEL_SOUND_RE = re.compile(
    r"(?:[aio]|e(?!u|we)|u(?!-|sb|kr|ni(?=[cfloqstvx])(?!ll)|nanim|[bcfgkrstvz][aeiouy])|ho(?:ur|nest|nou?r)|heir|[fhlmnrsx](?![a-z]))",
    re.IGNORECASE,
)
_VOWEL_SOUND_LETTERS = frozenset("aefhilmnorsx")
"""Letters whose names start with a vowel sound (*ef*, *aitch*, *oh*, ...)."""
_W_SOUND_RE = re.compile(r"one(?![a-z])|one-|onetime|once", re.IGNORECASE)
_CAPITALS_RE = re.compile(r"[A-Z]{2,}(?![A-Za-z])")
"""A word in capitals (``FBI``, ``MRI's``, ``HUGE``): an acronym read letter by letter, or a word."""
_DIGITS_RE = re.compile(r"[0-9]+")
ARTICLES = frozenset({"a", "an"})
_NO_NOUN_PHRASE = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "by", "for", "from", "with",
        "into", "onto", "upon", "as", "if", "is", "are", "am", "was", "were", "be", "been", "it", "its", "i", "he",
        "she", "we", "they", "you", "me", "him", "us", "them", "this", "that", "these", "those", "not",
    }
)  # fmt: skip
"""Words that never follow an indefinite article: one moved before them is not made to fit them."""


def article_for(word: str, article: str) -> str:
    """The indefinite article ``article`` (``a``/``an``, in any case) that fits before ``word``.

    A word in capitals after an article that is not (``an FBI agent``, ``a HUGE fan``) may be read
    letter by letter or as a word: ``article`` is kept unless both readings take the same one.

    Example:
        >>> article_for("outstanding film", "a"), article_for("useful", "An"), article_for("8-year-old", "a")
        ('an', 'A', 'an')
    """
    digits = _DIGITS_RE.match(word)
    if digits:
        fitting = _article_for_number(digits.group())
    elif word[1:2] == ".":  # an abbreviation, read letter by letter: *a U.S. soldier*, *an F.B.I. agent*
        fitting = _article_for_letter(word[0])
    else:
        fitting = "an" if _VOWEL_SOUND_RE.match(word) and not _W_SOUND_RE.match(word) else "a"
        if not article.isupper() and _CAPITALS_RE.match(word) and _article_for_letter(word[0]) != fitting:
            return article
    case = "upper" if article == "A" and case_of(word) == "upper" else case_of(article)
    return fitting if case is None else with_case(fitting, case)


def _article_for_letter(letter: str) -> str:
    """The article before ``letter`` read by its name (*an F*, *an M*; *a U*)."""
    return "an" if letter.lower() in _VOWEL_SOUND_LETTERS else "a"


def _article_for_number(digits: str) -> str:
    """The article before a number whose first digits (before a point or comma) are ``digits``, as it is
    spoken: *an* before *eight*, *eighty*, *eight hundred*, ..., and *eleven* or *eighteen* alone or
    before *thousand*, *million*, ... or *hundred* (*an 11th*, *an 18,000*, *an 1800s*; *a 180*, *a 1,100*)."""
    eleven_or_eighteen = digits[:2] in ("11", "18") and (len(digits) % 3 == 2 or len(digits) == 4)
    return "an" if digits[0] == "8" or eleven_or_eighteen else "a"


def is_article(pieces: Sequence[str], index: int) -> bool:
    """Whether word ``index`` of :func:`~hfaug.text.words.cutting.split_words` ``pieces`` is an indefinite article
    before a word.

    It is ``a``/``an`` followed by whitespace and a word: in lower case, or capitalised where a
    sentence starts or before a word in capitals. A capital ``A`` elsewhere is a letter
    (*Plan A*, *vitamin A*).
    """
    word = pieces[2 * index + 1]
    if word.lower() not in ARTICLES or 2 * index + 3 >= len(pieces) or not pieces[2 * index + 2].isspace():
        return False
    return word.islower() or starts_sentence(pieces, index) or case_of(pieces[2 * index + 3]) == "upper"


_ARTICLE_AND_SPACE_RE = re.compile(r"(?<![^\W_])([aA][nN]?)\s+")
"""An indefinite article and the whitespace after it, as :func:`is_article` wants them, in an ASCII text (whose words
are runs of letters and digits, as the lookbehind has them, and what joins them)."""


def _may_misfit(text: str) -> bool:
    """Whether an indefinite article of ``text`` may not fit the word after it: a quick look, before ``text`` is cut into
    words, that spares it most texts (all in ASCII whose articles, if any, fit: most copies of a text)."""
    if not text.isascii():
        return True
    word = patterns(text)[0]
    for match in _ARTICLE_AND_SPACE_RE.finditer(text):
        following = word.match(text, match.end())
        if following is not None and _refitted(match.group(1), following.group()) != match.group(1):
            return True
    return False


def _refitted(article: str, following: str) -> str:
    """The indefinite article that fits ``following``, the word after ``article``: ``article`` itself before a word
    that opens no noun phrase (*a cat a and dog* after a swap: *an and* fits nothing better)."""
    if following.lower() in _NO_NOUN_PHRASE:
        return article
    return article_for(following, article)


def fit_articles(text: str, source: Sequence[str], protected: tuple[str, ...] = ()) -> tuple[str, list[list[str]]]:
    """``text`` with each indefinite article made to fit the word now after it, where that pair
    of words is not in the ``source`` text (its :func:`~hfaug.text.words.cutting.split_words` pieces), and the
    changes as ``[article, new article, next word]``.

    Pairs found in the source are left alone, and so are protected words.

    Example:
        >>> fit_articles("an film about a old man", split_words("an old film about a man"))
        ('a film about an old man', [['an', 'a', 'film'], ['a', 'an', 'old']])
    """
    if not _may_misfit(text):
        return text, []
    pieces = split_words(text)
    groups = protected_groups(text, find_words(text), protected) if protected else None
    before: set[tuple[str, str]] | None = None
    changes = []
    spelled_as_article = (index for index, word in enumerate(pieces[1::2]) if word.lower() in ARTICLES)
    for index in spelled_as_article:
        if not is_article(pieces, index) or (groups is not None and groups[index] >= 0):
            continue
        article, following = pieces[2 * index + 1], pieces[2 * index + 3]
        fitting = _refitted(article, following)
        if fitting == article:
            continue
        if before is None:
            before = {
                (source[i].lower(), source[i + 2].lower()) for i in range(1, len(source) - 2, 2) if source[i + 1].isspace()
            }
        if (article.lower(), following.lower()) not in before:
            pieces[2 * index + 1] = fitting
            changes.append([article, fitting, following])
    return ("".join(pieces) if changes else text), changes
