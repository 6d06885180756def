"""Words of a text with their character spans, and edits that leave everything else in place.

Word-level augmenters (synonyms, EDA, character noise) share this module: a *word* is a run
of letters and digits, possibly joined by inner apostrophes or hyphens (``don't``,
``re-imagining``), a number with inner points or commas (``3.50``, ``1,000``) or an
abbreviation with points (``U.S.``); URLs and e-mail addresses hold none. Punctuation,
whitespace and anything else between words is never changed: augmenters replace, move or
delete words by their spans.
"""

from __future__ import annotations

import bisect
import functools
import html.entities
import numbers
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Literal

import regex

from hfaug.text.stopwords import LISTS as STOPWORD_LISTS

APOSTROPHES = ("'", "’", "‘", "ʼ", "´", "`", "＇")
"""The apostrophes of contractions: straight, typographic, and the marks keyboards and fonts give for them
(``don´t``, ``don`t``, ``donʼt``), all read as ``'``."""
GAP_APOSTROPHES = ("'", "’", "ʼ", "＇")
"""Those of :data:`APOSTROPHES` that, apart from a word, stand for an apostrophe (``it 's``, ``the Pilgrims'``):
``‘`` and the backtick there open quotes (``Dial ‘M’ for Murder``, ``press `d` to delete``)."""
_STRAIGHT = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))
_WORD = (
    r"[^\W_]+(?:(?:[" + "".join(APOSTROPHES) + r"\u00ad\u200c\u200d\u2060-]|[.,:/](?<=\d.)(?=\d)|\.(?<=[^\W\d_]\.)(?<![^\W_]{3}\.)(?=[^\W\d_](?![^\W_])))[^\W_]+)*"
    r"(?:\.(?<=\.[^\W\d_]\.))?"
)
_SIGNS = "$€£¥₹₩₽¢＄￥％٪"
WORD_RE = re.compile(rf"(?:[{_SIGNS}](?=\d))?{_WORD}(?:(?<=\d)[%{_SIGNS}])?")
"""A word: letters or digits, with inner apostrophes (:data:`APOSTROPHES`), hyphens (soft ones too) or joiners, or points, commas,
colons or slashes between digits (``3.50``, ``1,000``, ``10:30``, ``12/03/2024``), a number with its currency sign or per
cent sign (``$12.99``, ``12,50€``, ``10%``: moved or deleted whole); or an abbreviation written with points (``o.k.``,
``U.S.``, ``Ph.D.``)."""
_SIGN_RE = re.compile(f"[%{_SIGNS}]")


def _compiled(pattern: str) -> dict[bool, tuple[Any, Any]]:
    """The patterns of words and of text cut at words (gaps and words alternately), by whether the text is not ASCII:
    then combining marks (Unicode's ``M`` categories) are part of words, as in Hindi (``फिल्म``), Thai and accents
    written apart (``e`` and U+0301)."""
    marked = pattern.replace(r"[^\W\d_]", r"[\p{L}\p{Nl}\p{No}\p{M}]").replace(r"[^\W_]", r"[\p{L}\p{N}\p{M}]")
    return {
        False: (re.compile(pattern), re.compile(f"({pattern})")),
        True: (regex.compile(marked), regex.compile(f"({marked})")),
    }


_WORD_PATTERNS = {True: _compiled(WORD_RE.pattern), False: _compiled(_WORD)}  # by whether the text holds a sign


def _patterns(text: str) -> tuple[Any, Any]:
    """:data:`WORD_RE` and the pattern that cuts ``text`` at words, for ``text``: the signs left out of a text without
    any (most texts: the pattern without them is a fifth faster)."""
    plain = text.isascii()
    signed = ("$" in text or "%" in text) if plain else _SIGN_RE.search(text) is not None
    return _WORD_PATTERNS[signed][not plain]


_ENTITIES = "|".join(sorted(html.entities.name2codepoint, key=len, reverse=True))  # *&amp;*, *&eacute;*, not *R&B;*
_TAGS = "|".join(
    sorted(
        """a abbr address article aside audio b bdi bdo big blockquote body br button canvas caption center cite code col
        colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2
        h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main mark meta meter nav noscript
        object ol optgroup option output p picture pre progress q s samp script section select small source span strike
        strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video
        wbr""".split(),
        key=len,
        reverse=True,
    )
)
_LIST_MARKER = r"[ \t]*\d{1,3}[.)](?=[ \t])"
_DOMAINS = r"(?:com|org|net|edu|gov|io|info|biz|ai|app|dev|co|ly|tv|uk|de|fr|eu|ca|au|jp|nl|ch)"  # not *it*, *in*: *end.It was*
NON_WORD_RE = re.compile(
    # each part that runs over letters, digits or hyphens starts where they do (else tried from each of them: a line of
    # 10,000 hyphens took seconds)
    r"(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:{_DOMAINS}|(?:co|ac)\.[a-z]{{2}})(?:\.[a-z]{{2}})?(?![\w-])(?:/\S*)?"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?-i:[a-z]{2,24})/\S*"  # a domain with a path: *bit.ly/3xYz*, not *end.Yes/no*
    r"|(?<![\w#@])[#@]\w+"
    r"|(?<![\w-])-[lr][rsc]b-(?![\w-])"
    rf"|(?-i:&(?:{_ENTITIES}|#\d+|#x[0-9a-f]+);)"  # an HTML entity: *&amp;*, not *R&B;*
    rf"|</?(?:{_TAGS})(?:\s*/?>|\s+[^<>\n]*=[^<>\n]*>)|(?<!\w)<(?:{_TAGS})\s+[^<>\n]*>"  # an HTML tag: *<b>*, *</b>*,
    # *<a href="/faq">*, *<td nowrap>*; not *a<b and c>d*
    r"|(?<![\w`])`(?![`\s])(?=[^`\n]*?[\s.,;:=/\\()\[\]{}<>$#@*+|_-])[^`\n]+(?<![`\s])`(?![\w`])"  # code: *`pip install`*,
    # not a word quoted (*press `d` to delete*), nor SST-2's *`` quotes ''*
    r"|\]\([^()\s]*\)"  # a Markdown link's target: *[help](/help/billing)*
    r"|(?<![\w/])(?:~|\.{1,2})?/[\w.~-]+/[\w.~-]+(?:/[\w.~-]*)*"  # a file path: */home/me/notes.txt*, not */very/*
    rf"|(?m:^{_LIST_MARKER})"  # a numbered list's marker: *1. Open the app*, *2) Tap*
    # a fenced code block, to a closing fence of its character, as long at least, or to the end: one of backticks holds
    # no backtick on its first line (```print(1)``` opens none), and a fence on the only line of a text opens none
    r"|(?ms:^[ \t]*(?P<fence>`{3,}(?=[^`\n]*\n)|~{3,}(?=[^\n]*\n)).*?"
    r"(?:^[ \t]*(?P=fence)(?:(?<=`)`*|(?<=~)~*)[ \t]*$|\Z))",
    re.IGNORECASE,
)
"""A URL (``https://...``, ``www...``, ``answers.com``, ``bbc.co.uk/news``, ``bit.ly/3xYz``), an e-mail address, a hashtag
(``#blessed``), a handle (``@support``), a Penn Treebank bracket (SST-2's ``-lrb-`` for ``(``), an HTML tag or entity,
code in backticks (inline or a fenced block), a Markdown link's target, a file path or a numbered list's marker at the
start of a line: never a word, so never changed, moved or deleted."""
_NON_WORD_HINT_RE = re.compile(
    rf"[@#]|`(?![`\s])|```|~~~|&[a-zA-Z#]|</?[a-zA-Z]|://|www\.|WWW\.|\.(?:{_DOMAINS}|{_DOMAINS.upper()}|ac)\b|\.[a-z]+/|\]\(|-[lrLR][rscRSC][bB]-|/[\w.~-]+/"
)  # short parts of one case: it runs on every text

_LIST_MARKER_RE = re.compile(rf"(?m:^){_LIST_MARKER}")  # apart from the hint above: tried at its every place, a third
# slower

Word = tuple[int, int, str]
"""``(start, end, text)`` of a word in its text."""

Case = Literal["lower", "title", "upper"]

SENTENCE_ENDS = frozenset(".!?…")
"""Marks that end a sentence when whitespace follows them."""
_QUOTES_AND_BRACKETS = frozenset("\"“”'‘’([{«»¿¡")
_INVISIBLE = regex.compile(r"\p{Cf}+")  # zero-width spaces and joiners: they part words but show no gap
ABBREVIATIONS = frozenset("mr mrs ms dr prof st mt jr sr rev gen col capt lt sgt gov sen rep vs etc no".split())
"""Words that a full stop follows without ending the sentence (``Mr. Bean``), besides initials."""
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen".split()
)
"""Cardinal numbers written as words (and the parts of those with hyphens: *twenty-four*)."""
_ROMAN_NUMERAL_RE = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})", re.IGNORECASE)
"""Roman numerals up to 39 (*ii*, *XIV*), as sequels, kings and wars are numbered; the empty string too."""
_DIGITS_ONLY_RE = re.compile(r"[.,/:]?\d+(?:[.,/:]\d+)*")
"""A number in digits, with points, commas, slashes or colons between them (``1,728``, ``.22``, ``20/20``)."""
_NUMBER_PARTS_RE = re.compile(r"[ -]")
_LEADING_WORD_RE = re.compile(r"[^\s" + "".join(APOSTROPHES) + "]+")
NEGATIONS = frozenset(
    """
    not no never nor neither none nobody nothing nowhere cannot without
    hardly barely scarcely seldom rarely
    aint arent cant couldnt didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt neednt shant
    shouldnt wasnt werent wont wouldnt
    """.split()
)
"""Words that negate what they stand in (in any case), adverbs of negation too (*hardly*, *rarely*), with every
word that ends in ``n't`` (``don't``, SST-2's ``ca n't``). Deletion and swap keep them by default: *you wo n't be
disappointed* never becomes *you be disappointed*, nor *are not entertaining* *are entertaining not*; a synonym
negates where its word does and only there (*barely*: *hardly*, not *just*; *jargon*: not *cant*)."""


def find_words(text: str) -> list[Word]:
    """The words of ``text`` with their spans.

    URLs, e-mail addresses, hashtags, handles and bracket tokens (``-lrb-``) hold no words: they stay
    as they are.

    Example:
        >>> find_words("It's a re-imagining, isn't it?")
        [(0, 4, "It's"), (5, 6, 'a'), (7, 19, 're-imagining'), (21, 26, "isn't"), (27, 29, 'it')]
        >>> find_words("see www.films.com now")
        [(0, 3, 'see'), (18, 21, 'now')]
    """
    pattern = _patterns(text)[0]
    words = [(match.start(), match.end(), match.group()) for match in pattern.finditer(text)]
    if not _may_hold_non_words(text):
        return words
    spans = [match.span() for match in NON_WORD_RE.finditer(text)]
    starts, ends = [start for start, _ in spans], [end for _, end in spans]
    return [word for word in words if not _overlaps(word[0], word[1], starts, ends)]


def _overlaps(start: int, end: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint spans ``zip(starts, ends)``."""
    first_ending_after = bisect.bisect_right(ends, start)
    return first_ending_after < len(starts) and starts[first_ending_after] < end


def _may_hold_non_words(text: str) -> bool:
    """Whether ``text`` may hold what :data:`NON_WORD_RE` matches (a cheap test before it)."""
    if _NON_WORD_HINT_RE.search(text) is not None:
        return True
    if "\n" in text:
        return _LIST_MARKER_RE.search(text) is not None
    return (text[:1].isdigit() or text[:1] in " \t") and _LIST_MARKER_RE.match(text) is not None


def straight_apostrophes(text: str) -> str:
    """``text`` with every mark of :data:`APOSTROPHES` as ``'`` (``don’t`` -> ``don't``)."""
    if text.isascii():  # most words: a tenth of the time of translate
        return text.replace("`", "'") if "`" in text else text
    return text.translate(_STRAIGHT)


CLITICS = frozenset("s re m ll ve d t".split())
"""What follows the apostrophe of a contraction written apart (SST-2's ``it 's``, ``they 'll``, ``can 't``)."""


def is_clitic(word: str, gap: str) -> bool:
    """Whether ``word``, after ``gap``, is the second part of a contraction written apart (``'s``, ``n't``)."""
    lower = word.lower()
    return (lower in CLITICS and gap.endswith(GAP_APOSTROPHES)) or straight_apostrophes(lower) == "n't"


def join_contractions(text: str, words: Sequence[Word]) -> list[Word]:
    """``words`` with each contraction written apart joined to the word before it.

    Example:
        >>> text = "it 's a film i ca n't forget"
        >>> [word for _, _, word in join_contractions(text, find_words(text))]
        ["it 's", 'a', 'film', 'i', "ca n't", 'forget']
    """
    if not any(apostrophe in text for apostrophe in APOSTROPHES):  # no contraction: nothing to join
        return list(words)
    units: list[Word] = []
    for start, end, word in words:
        if units and is_clitic(word, text[units[-1][1] : start]):
            first = units[-1][0]
            units[-1] = (first, end, text[first:end])
        else:
            units.append((start, end, word))
    return units


def opens_with_digits(word: str) -> bool:
    """Whether ``word`` opens with digits, after a currency sign if any: a number (``10%``, ``$5``, ``3D``,
    ``1970s``), not a name with digits in it (``ps4``, ``w-2``)."""
    return word.lstrip(_SIGNS)[:1].isdigit()


@functools.lru_cache(maxsize=1 << 16)
def is_number(word: str) -> bool:
    """Whether ``word`` is or holds a number: a digit (``15``, ``24-hour``) or a number word (``twenty-four``,
    ``one-armed``; :data:`NUMBER_WORDS`)."""
    return any(char.isdigit() for char in word) or not NUMBER_WORDS.isdisjoint(word.lower().split("-"))


def leading_word(unit: str) -> str:
    """The first word of a unit up to any apostrophe (``It 's`` -> ``It``, ``What's`` -> ``What``)."""
    match = _LEADING_WORD_RE.match(unit)
    return match.group() if match else unit


@functools.lru_cache(maxsize=1 << 16)
def is_negation(unit: str) -> bool:
    """Whether a unit (a word, or a contraction written apart) negates: in :data:`NEGATIONS`, or in ``n't``."""
    lower = straight_apostrophes(unit.lower())
    return lower.endswith("n't") or leading_word(lower) in NEGATIONS


def negates(phrase: str) -> bool:
    """Whether a phrase holds a word that negates (:func:`is_negation`: WordNet's *cant* for *jargon*)."""
    return any(map(is_negation, phrase.split()))


def is_spelled_number(phrase: str) -> bool:
    """Whether ``phrase`` (lower case) is a number and nothing else: in digits (``40``, ``1,728``), in words
    (``forty-nine``, ``one hundred``; :data:`NUMBER_WORDS`) or a Roman numeral (``xii``); not a phrase that
    only holds one (``one-armed bandit``, ``1990s``, ``dozen eggs``)."""
    return is_roman_numeral(phrase) or all(
        part in NUMBER_WORDS or _DIGITS_ONLY_RE.fullmatch(part) for part in _NUMBER_PARTS_RE.split(phrase)
    )


def is_roman_numeral(word: str) -> bool:
    """Whether ``word`` is a Roman numeral of two letters or more (``ii``, ``XIV``; single letters are letters)."""
    return len(word) > 1 and _ROMAN_NUMERAL_RE.fullmatch(word) is not None


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` is an abbreviation written with points (``e.g.``, ``U.S.``; not a number: ``3.50``)."""
    return "." in word and not any(char.isdigit() for char in word)


def split_words(text: str) -> list[str]:
    """``text`` cut into gaps and words, alternately: word ``i`` is ``pieces[2 * i + 1]``.

    The gaps (possibly empty) hold everything else, URLs, e-mail addresses and ``-lrb-`` included, so
    ``"".join(pieces) == text``.

    Example:
        >>> split_words("Hi, it's me!")
        ['', 'Hi', ', ', "it's", ' ', 'me', '!']
    """
    if not _may_hold_non_words(text):
        return _patterns(text)[1].split(text)
    return pieces_of(text, find_words(text))


def pieces_of(text: str, words: Sequence[Word]) -> list[str]:
    """``text`` cut at ``words`` (spans into it) into gaps and words, alternately, as :func:`split_words` cuts it."""
    pieces, last = [], 0
    for start, end, word in words:
        pieces += [text[last:start], word]
        last = end
    return [*pieces, text[last:]]


def spans_of(pieces: Sequence[str]) -> list[Word]:
    """The words of :func:`split_words` ``pieces`` with their spans in the text they make up: :func:`find_words` of
    that text, without matching it again."""
    words, at = [], 0
    for gap, word in zip(pieces[::2], pieces[1::2]):
        at += len(gap)
        words.append((at, at + len(word), word))
        at += len(word)
    return words


def case_of(word: str) -> Case | None:
    """``"lower"``, ``"title"`` (``Film``, and single capitals), ``"upper"`` (``NASA``) or ``None`` (``iPhone``)."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if sum(char.isalpha() for char in word) > 1 else "title"
    if word[:1].isupper() and word[1:].islower():
        return "title"
    return None


def with_case(word: str, case: Case | None) -> str:
    """``word`` (lower case) written in ``case`` (as it is for ``None``: a case :func:`case_of` does not name)."""
    if case == "upper":
        return word.upper()
    if case == "title":
        return word[:1].upper() + word[1:]
    return word


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
    """Whether word ``index`` of :func:`split_words` ``pieces`` is an indefinite article before a word.

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
    word = _patterns(text)[0]
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
    of words is not in the ``source`` text (its :func:`split_words` pieces), and the changes as
    ``[article, new article, next word]``.

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


def starts_sentence(pieces: Sequence[str], index: int) -> bool:
    """Whether word ``index`` of :func:`split_words` ``pieces`` opens the text, a sentence, a quote or a bracket.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by whitespace, except a full stop right
    after an initial or an abbreviation (``W.C. Fields``, ``U.S. President``, ``Mr. Bean``; the pronoun
    *I* is no initial: ``so do I. Then``); a quote opens at a quotation mark, but not at a possessive's
    apostrophe (``the Hundred Years ' War``).
    """
    gap = pieces[2 * index]
    mark = gap.rstrip()[-1:]
    if not mark:
        return index == 0
    if mark in _QUOTES_AND_BRACKETS:
        return not _possessive_apostrophe(pieces, index)
    if mark not in SENTENCE_ENDS or not gap[-1].isspace():
        return False
    if mark == "." and gap.startswith(".") and index:
        before = pieces[2 * index - 1]
        return (len(before) > 1 or before == "I") and before.lower() not in ABBREVIATIONS
    return True


def _possessive_apostrophe(pieces: Sequence[str], index: int) -> bool:
    """Whether the gap before word ``index`` is only an apostrophe that ends the word before it, a possessive:
    right after it (``the Pilgrims' Progress``) or, written apart, after one in *s* (TREC's ``the Hundred
    Years ' War``); not an opening quote (``he said ' Hello``)."""
    gap = pieces[2 * index]
    if gap.strip() not in GAP_APOSTROPHES or not index:
        return False
    return not gap[0].isspace() or pieces[2 * index - 1][-1:] in ("s", "S")


def splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced by ``new``.

    Spans must not overlap; ``start == end`` inserts. Insertions at the same place keep their order.
    """
    parts: list[str] = []
    last = 0
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def delete(text: str, words: Sequence[Word], deleted: Collection[int]) -> str:
    """``text`` without the words whose indices are in ``deleted``.

    Each deleted word takes one run of whitespace next to it with it (the one after it, or the
    one before it at the end of the text or before punctuation; a line break is kept over a
    space, and before punctuation). Punctuation and all other whitespace stay as they are.

    Example:
        >>> text = "a stirring , funny and moving film"
        >>> delete(text, find_words(text), {2, 5})
        'a stirring , and moving'
    """
    if not words:
        return text
    parts: list[str] = []
    gap = text[: words[0][0]]
    kept_any = False
    for index, (_, end, word) in enumerate(words):
        following = text[end : words[index + 1][0] if index + 1 < len(words) else len(text)]
        if index in deleted:
            gap = _join_gaps(gap, following, at_start=not kept_any, at_end=index + 1 == len(words))
        else:
            parts.append(gap)
            parts.append(word)
            gap = following
            kept_any = True
    parts.append(gap)
    return "".join(parts)


def _join_gaps(before: str, after: str, *, at_start: bool, at_end: bool) -> str:
    """The text between two words once the word between ``before`` and ``after`` is gone (``after`` ends the text
    where ``at_end``)."""
    tail = len(before) - len(before.rstrip())
    lead = len(after) - len(after.lstrip())
    if after and _INVISIBLE.fullmatch(after) and not at_end:  # `foo the\u200bbar` -> `foo\u200b bar`, not `foo\u200bbar`
        return after + before
    if tail and lead:
        if "\n" in after[:lead] and "\n" not in before[len(before) - tail :]:
            return before[: len(before) - tail] + after
        return before + after[lead:]
    if tail:  # and punctuation after the word: a line break before it stays, to keep that punctuation on its line
        space = before[len(before) - tail :]
        kept = len(space) - len(space.splitlines()[-1]) if after else 0  # through its last line break
        return before[: len(before) - tail + kept] + after
    if lead and at_start and (not before or before[-1] in _QUOTES_AND_BRACKETS):  # `"Hello world"` -> `"world"`
        return before + after[lead:]
    return before + after


# ---------------------------------------------------------------------- parameters
def check_probability(owner: str, name: str, value: float, *, allow_zero: bool = False) -> float:
    """Validate a probability or rate parameter: a number (NumPy's too, returned as a ``float``) in (0, 1], or
    [0, 1] with ``allow_zero``."""
    low_ok = (lambda number: number >= 0) if allow_zero else (lambda number: number > 0)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (low_ok(value) and value <= 1):
        interval = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{owner}: {name} must be a number in {interval}, got {value!r}")
    return float(value)


# ---------------------------------------------------------------------- protected terms
def check_terms(owner: str, terms: Iterable[str]) -> tuple[str, ...]:
    """Validate a ``protected`` argument: a list of words or phrases (a set is kept sorted: :func:`_words_of`)."""
    if isinstance(terms, str):
        raise TypeError(f"{owner}: protected must be a list of words or phrases, e.g. protected=[{terms!r}]")
    if not isinstance(terms, Iterable):
        raise TypeError(
            f"{owner}: protected must be a list of words or phrases, e.g. protected=['New York'] ([] for none); "
            f"got {terms!r}"
        )
    return _words_of(owner, "protected terms", terms, blank=lambda term: not term.strip())


def _words_of(owner: str, kind: str, given: Iterable[str], *, blank: Callable[[str], bool]) -> tuple[str, ...]:
    """The words of ``given`` in their order, or sorted when ``given`` is a set (a set's order changes with
    ``PYTHONHASHSEED``, and with it the config, and so the `datasets` fingerprint, that keeps them); a
    `ValueError` for one that is no string or is ``blank``."""
    words = tuple(given)
    for word in words:
        if not isinstance(word, str) or blank(word):
            raise ValueError(f"{owner}: {kind} must be non-empty strings, got {word!r}")
    return tuple(sorted(words)) if isinstance(given, AbstractSet) else words


@functools.lru_cache(maxsize=128)
def _protected_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    forms = {unicodedata.normalize(form, term) for term in terms for form in ("NFC", "NFD")}  # café either way
    alternatives = sorted(map(_term_pattern, forms), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def _term_pattern(term: str) -> str:
    """``term`` as a pattern: its words apart by any whitespace, an apostrophe as any of :data:`APOSTROPHES`
    (``McDonald's`` protects ``McDonald’s`` too)."""
    marks = "[" + re.escape("".join(APOSTROPHES)) + "]"
    return r"\s+".join("".join(marks if char in APOSTROPHES else re.escape(char) for char in word) for word in term.split())


def protected_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every occurrence of a protected term in ``text``, in order;
    occurrences that overlap (``good film`` and ``film story`` in ``good film story``) are one span.

    Example:
        >>> protected_spans("a good film story", ("good film", "film story"))
        [(2, 17)]
    """
    regex = _protected_regex(terms)
    if regex is None:
        return []
    spans: list[tuple[int, int]] = []
    match = regex.search(text)
    while match is not None:
        start, end = match.span()
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        match = regex.search(text, start + 1)
    return spans


def protected_groups(text: str, words: Sequence[Word], terms: tuple[str, ...]) -> list[int] | None:
    """For each word, ``-1`` if it is free, else the number of the protected occurrence covering it.

    Terms match case-insensitively, as whole words; a phrase matches across any whitespace.
    Returns ``None`` when no term occurs in ``text``.

    Example:
        >>> text = "I love New  York pizza"
        >>> protected_groups(text, find_words(text), ("new york", "pizza"))
        [-1, -1, 0, 0, 1]
    """
    spans = protected_spans(text, terms)
    if not spans:
        return None
    groups = []
    current = 0
    for start, end, _ in words:
        while current < len(spans) and spans[current][1] <= start:
            current += 1
        groups.append(current if current < len(spans) and spans[current][0] < end else -1)
    return groups


# ---------------------------------------------------------------------- stop words
StopwordsSpec = str | Sequence[str] | None


def check_stopwords(owner: str, stopwords: StopwordsSpec) -> str | tuple[str, ...]:
    """Validate a ``stopwords`` argument: the name of a built-in list, a list of words (a set is kept sorted), or
    ``None``."""
    if stopwords is None:
        return ()
    if isinstance(stopwords, str):
        if stopwords not in STOPWORD_LISTS:
            raise ValueError(
                f"{owner}: unknown stop word list {stopwords!r}; pass one of {sorted(STOPWORD_LISTS)}, "
                "a list of words, or None"
            )
        return stopwords
    if not isinstance(stopwords, Iterable):
        raise TypeError(
            f"{owner}: stopwords must be the name of a built-in list ({', '.join(sorted(STOPWORD_LISTS))}), "
            f"a list of words, or None; got {stopwords!r}"
        )
    words = _words_of(owner, "stop words", stopwords, blank=lambda word: not word)
    spaced = next((word for word in words if word != word.strip() or len(word.split()) > 1), None)
    if spaced is not None:  # a stop word is one word as the text splits it: this one would match none
        raise ValueError(
            f"{owner}: stop words are single words without spaces, got {spaced!r}; give phrases, and words to keep "
            f"as they are, as protected=[{' '.join(spaced.split())!r}]"
        )
    return words


@functools.lru_cache(maxsize=64)
def stopword_set(stopwords: str | tuple[str, ...]) -> frozenset[str]:
    """The lower-case stop words a checked ``stopwords`` argument stands for."""
    if isinstance(stopwords, str):
        return STOPWORD_LISTS[stopwords]
    return frozenset(word.lower() for word in stopwords)
