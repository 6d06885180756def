"""Words of a text with their character spans: the text cut into words and the gaps between them.

A *word* is a run of letters and digits, possibly joined by inner apostrophes or hyphens (``don't``,
``re-imagining``), a number with inner points or commas (``3.50``, ``1,000``) or an abbreviation with points
(``U.S.``); URLs and e-mail addresses hold none. A contraction written apart (SST-2's ``it 's``) is one unit
(:func:`join_contractions`).
"""

from __future__ import annotations

import bisect
import html.entities
import re
from collections.abc import Sequence
from typing import Any

import regex

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
SIGNS = "$€£¥₹₩₽¢＄￥％٪"
WORD_RE = re.compile(rf"(?:[{SIGNS}](?=\d))?{_WORD}(?:(?<=\d)[%{SIGNS}])?")
"""A word: letters or digits, with inner apostrophes (:data:`APOSTROPHES`), hyphens (soft ones too) or joiners, or points, commas,
colons or slashes between digits (``3.50``, ``1,000``, ``10:30``, ``12/03/2024``), a number with its currency sign or per
cent sign (``$12.99``, ``12,50€``, ``10%``: moved or deleted whole); or an abbreviation written with points (``o.k.``,
``U.S.``, ``Ph.D.``)."""
_SIGN_RE = re.compile(f"[%{SIGNS}]")


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


def patterns(text: str) -> tuple[Any, Any]:
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
_LEADING_WORD_RE = re.compile(r"[^\s" + "".join(APOSTROPHES) + "]+")


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
    pattern = patterns(text)[0]
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


def leading_word(unit: str) -> str:
    """The first word of a unit up to any apostrophe (``It 's`` -> ``It``, ``What's`` -> ``What``)."""
    match = _LEADING_WORD_RE.match(unit)
    return match.group() if match else unit


def split_words(text: str) -> list[str]:
    """``text`` cut into gaps and words, alternately: word ``i`` is ``pieces[2 * i + 1]``.

    The gaps (possibly empty) hold everything else, URLs, e-mail addresses and ``-lrb-`` included, so
    ``"".join(pieces) == text``.

    Example:
        >>> split_words("Hi, it's me!")
        ['', 'Hi', ', ', "it's", ' ', 'me', '!']
    """
    if not _may_hold_non_words(text):
        return patterns(text)[1].split(text)
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
