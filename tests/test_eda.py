"""The EDA operations (Wei & Zou, 2019): swap, deletion, insertion, and EDA itself."""

from __future__ import annotations

import itertools

import json
import re
from collections import Counter

import pytest
from datasets import Dataset
from text_checks import copies_with_sources, params_of

import hfaug
from hfaug.text.stopwords import ENGLISH
from hfaug.text.synonym import analyses
from hfaug.text.wordforms import replacements
from hfaug.text.words import ABBREVIATIONS, WORD_RE, find_words, is_negation, join_contractions, stopword_set


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def slots(text: str) -> list[tuple[int, int, str]]:
    """The words with their spans, with contractions written apart joined (``it 's``) and a title or an initial with
    the point after it where whitespace and another word follow (``mr. lopez``): what EDA moves and deletes."""
    found = join_contractions(text, find_words(text))
    return [
        (start, end + 1, text[start : end + 1])
        if index + 1 < len(found) and takes_its_point(text, end, word)
        else (start, end, word)
        for index, (start, end, word) in enumerate(found)
    ]


def takes_its_point(text: str, end: int, word: str) -> bool:
    """Whether ``word``, which ends at ``end``, is a title or an initial (not *I*) with a point and whitespace after it."""
    abbreviation = word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word.lower() != "i")
    return abbreviation and text[end : end + 1] == "." and text[end + 1 : end + 2].isspace()


def units(text: str) -> list[str]:
    """The units of :func:`slots`."""
    return [unit for _, _, unit in slots(text)]


def blind(items: list[str]) -> list[str]:
    """``items`` in lower case, with every ``an`` read as ``a``: the operations may fit an article to its new
    neighbour and move a sentence's capital."""
    return ["a" if item.lower() in ("a", "an") else item.lower() for item in items]


def layout(text: str) -> str:
    """``text`` with every unit replaced by ``_``: the slots and what lies between them."""
    parts, last = [], 0
    for start, end, _ in slots(text):
        parts += [text[last:start], "_"]
        last = end
    return "".join(parts) + text[last:]


def params(out) -> list[dict]:
    return [json.loads(value) for value in out["hfaug_params"]]


def is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(item in remaining for item in short)


@pytest.fixture(scope="module")
def rows(text_mix) -> list[str]:
    """Two SST-2 sentences and two TREC questions."""
    return list(text_mix["text"][:2]) + list(text_mix["text"][40:42])


def test_swap_gives_exact_outputs_for_a_fixed_seed(rows):
    out = hfaug.RandomSwap(seed=7)({"text": rows})
    assert out["text"] == [
        "a stirring , funny and finally and re-imagining of beauty transporting the beast and 1930s horror films",
        "apparently the from reassembled cutting-room floor of any given daytime soap .",
        "How did serfdom develop and in then leave Russia ?",  # the question word, its auxiliary, subject and verb stay
        "What films featured the Doyle Popeye character ?",  # and what it asks for
    ]
    assert params(out)[0] == {"swapped": [["transporting", "and"]]}


def test_deletion_gives_exact_outputs_for_a_fixed_seed(rows):
    out = hfaug.RandomDeletion(seed=7)({"text": rows})
    assert out["text"] == [
        "a stirring , funny and re-imagining of beauty and the beast and 1930s horror",  # numbers stay
        "apparently reassembled from cutting-room floor of any given soap .",
        "How did serfdom develop in then leave Russia ?",
        "What films featured the character Doyle ?",  # the word before the question mark too
    ]
    assert params(out)[0] == {"deleted": ["finally", "transporting", "films"]}


def test_insertion_gives_exact_outputs_for_a_fixed_seed(rows):
    out = hfaug.RandomInsertion(seed=7)({"text": rows})
    assert out["text"] == [
        "a stirring , funny and finally laughable transporting re-imagining of beauty and the beast and 1930s horror films",
        "apparently reassembled from seemingly the cutting-room floor of any given daytime soap .",
        "How did serfdom develop in and then leave Russia ?",  # no word with a synonym to insert: kept
        "What films featured flicks the character Popeye Doyle ?",  # not inside what the question asks for
    ]
    assert params(out)[0] == {"inserted": [["laughable", "finally"]]}


def test_eda_gives_exact_outputs_for_a_fixed_seed(rows):
    out = hfaug.EDA(seed=7, n=4)({"text": rows[3:]})
    assert out["text"] == [
        "What films featured the character had Popeye Doyle ?",
        "What films featured the Popeye Doyle ?",
        "What films had the character Popeye Doyle ?",
        "What films featured the character Doyle ?",
    ]
    assert [row["operation"] for row in params(out)] == ["insert", "delete", "synonym", "delete"]


@pytest.mark.parametrize(
    ("augmenter", "text", "expected", "record"),
    [
        (
            hfaug.RandomDeletion(p=0.2, seed=3),
            "gooding offers a sweet , ingratiating performance as an old hand",
            "offers a sweet , ingratiating performance as a hand",
            {"deleted": ["gooding", "old"], "articles": [["an", "a", "hand"]]},
        ),
        (
            hfaug.RandomInsertion(alpha=0.2, seed=2),
            "a gentle film about an unusual friendship",
            "a gentle film about a motion picture unusual friendship",
            {"inserted": [["motion picture", "an"]], "articles": [["an", "a", "motion"]]},
        ),
        (
            hfaug.RandomSwap(alpha=0.2, seed=1),
            "an old man tells a story",
            "man old a tells a story",
            {"swapped": [["an", "man"]], "articles": [["an", "a", "tells"]]},
        ),
    ],
)
def test_an_article_fits_the_word_an_operation_put_after_it(augmenter, text, expected, record):
    out = augmenter({"text": text})
    assert out["text"] == expected
    assert json.loads(out["hfaug_params"]) == record


@pytest.mark.parametrize(
    ("text", "seed", "expected"),
    [
        ("How can you become an unusual FBI agent ?", 5, "How can you become an FBI agent ?"),  # *an F-B-I*
        ("he is an old 8-year-old dog", 15, "he is an 8-year-old dog"),  # *an eight-year-old*
    ],
)
def test_an_article_stays_before_an_acronym_or_a_number_read_with_a_vowel_sound(text, seed, expected):
    out = hfaug.RandomDeletion(p=0.2, seed=seed)({"text": text})
    assert out["text"] == expected
    assert "articles" not in json.loads(out["hfaug_params"])


@pytest.mark.parametrize(
    ("augmenter", "text", "expected"),
    [
        (hfaug.RandomSwap(seed=1), "Killed by whom was Gandhi ?", "Was by whom killed Gandhi ?"),
        (hfaug.RandomDeletion(seed=3), "Heavier objects travel downhill faster ?", "Objects travel downhill faster ?"),
        (
            hfaug.RandomSwap(alpha=0.5, seed=1),
            "Great film . I loved it . Name it .",
            "I film . It loved it . Name great .",
        ),
        (hfaug.RandomSwap(seed=1), "killed by whom was gandhi ?", "was by whom killed gandhi ?"),  # lower case stays so
    ],
)
def test_a_sentence_that_began_with_a_capital_gives_it_to_its_new_first_word(augmenter, text, expected):
    assert augmenter({"text": text})["text"] == expected


@pytest.mark.parametrize(
    "text",
    ["Gandhi led which movement ?", "I loved this film .", "NASA launched what ?", "Apple sued whom , and why did Apple win ?"],
)
def test_a_name_i_or_an_acronym_keeps_its_capital_when_it_moves(text):
    opener = text.split()[0]  # *Apple* is a name here: written so inside the sentence too
    copies = hfaug.RandomSwap(alpha=0.5, n=10, seed=1)({"text": [text]})["text"]
    assert any(copy.split()[0] != opener for copy in copies)
    assert all(opener in copy.split() and copy[:1].isupper() for copy in copies)


def test_a_first_word_capitalised_only_for_standing_first_loses_the_capital_inside():
    copies = hfaug.RandomSwap(alpha=0.5, n=10, seed=1)({"text": ["Apple pie is made how ?"]})["text"]
    moved = [copy for copy in copies if not copy.startswith("Apple")]
    assert moved and all("apple" in copy.split() and copy[:1].isupper() for copy in moved)


@pytest.mark.parametrize(
    "augmenter", [hfaug.RandomSwap(alpha=0.3, n=2, seed=1), hfaug.RandomDeletion(p=0.3, n=2, seed=1)]
)
def test_trec_copies_start_with_a_capital_and_a_moved_question_word_is_in_lower_case(text_mix, augmenter):
    trec = text_mix.filter(lambda row: row["source"] == "trec")
    out = trec.map(augmenter.replace(keep_original=True), batched=True)
    for source, row in copies_with_sources(out):
        opener, *rest = units(row["text"])
        assert not opener[:1].islower(), (source, row["text"])  # *11 famous martyrs .*: no letter to capitalise
        if units(source)[0].lower() in ENGLISH:
            assert units(source)[0] not in rest, (source, row["text"])


def test_swap_keeps_the_words_and_their_slots(text_mix):
    out = text_mix.map(hfaug.RandomSwap(alpha=0.3, n=2, seed=1, keep_original=True), batched=True)
    pairs = copies_with_sources(out)
    # *Who killed Gandhi ?*, *What do Mormons believe ?*: all their words stay; *When was Ozzy Osbourne born ?*: one other
    assert len(pairs) == 2 * (len(text_mix) - 3)
    for source, row in pairs:
        assert sorted(blind(units(row["text"]))) == sorted(blind(units(source)))
        assert layout(row["text"]) == layout(source)


def test_swap_makes_alpha_times_words_swaps(text_mix):
    out = text_mix.map(hfaug.RandomSwap(alpha=0.3, seed=1, keep_original=True), batched=True)
    for source, row in copies_with_sources(out):
        swaps, count = params_of(row)["swapped"], max(1, int(0.3 * len(units(source))))
        # swaps that undid each other (two words to move: *Why do heavier objects travel downhill faster ?*) get one more
        undone = len(swaps) == count + 1 and all(sorted(pair) == sorted(swaps[0]) for pair in swaps)
        assert len(swaps) == count or undone, (source, swaps)


def test_protected_words_never_move():
    text = "What 's the tallest building in New York City ?"
    out = hfaug.RandomSwap(alpha=0.5, n=30, seed=1, protected=["new york", "tallest"])({"text": [text]})
    assert len(set(out["text"])) > 10
    for augmented in out["text"]:
        assert [units(augmented)[index] for index in (2, 5, 6)] == ["tallest", "New", "York"]


def test_deletion_keeps_order_and_punctuation_and_never_deletes_everything(text_mix):
    out = text_mix.map(hfaug.RandomDeletion(p=0.5, n=2, seed=1, keep_original=True), batched=True)
    pairs = copies_with_sources(out)
    # *Who killed Gandhi ?*, *What do Mormons believe ?*: all their words stay
    assert len(pairs) == 2 * (len(text_mix) - 2)
    for source, text, record in [(source, row["text"], params_of(row)) for source, row in pairs]:
        assert is_subsequence(blind(units(text)), blind(units(source)))
        assert 1 <= len(record["deleted"]) < len(units(source))
        assert len(units(text)) == len(units(source)) - len(record["deleted"])
        assert [char for char in layout(text) if char not in " _"] == [char for char in layout(source) if char not in " _"]


def test_deletion_at_p_one_keeps_one_word_of_a_text_of_stop_words_only():
    copies = hfaug.RandomDeletion(p=1.0, n=10, seed=1)({"text": ["it is what it is", "what is it ?"]})["text"]
    assert [len(units(copy)) for copy in copies] == [1] * 10
    question = hfaug.RandomDeletion(p=1.0, seed=1)({"text": "what is it ?"})  # a question's words, all kept
    assert question["hfaug_error"] == (
        "dropped: every word is protected, a negation, a number, or one that opens a question or ends a phrase"
    )


@pytest.mark.parametrize(
    ("text", "deleted", "expected"),
    [
        ("a b c d", {1, 2}, "a d"),
        ("great movie", {1}, "great"),
        ("Funny movie", {0}, "movie"),
        ("a stirring funny, and", {2}, "a stirring, and"),
        ("a stirring , funny and", {2}, "a stirring , and"),
        ("Hello  world\n\tagain   there.", {2}, "Hello  world\n\tthere."),
        ("one two\nthree", {1}, "one\nthree"),
        ('"Hello world"', {0}, '"world"'),
        ("(5 apples)", {0}, "(apples)"),
        ("$5 off today", {0}, "off today"),  # a price goes with its sign (it left "$ off today")
        ("# 5 off today", {0}, "# off today"),  # a sign stays apart from a word it is apart from
        (".NET answers.com rocks", {0}, ". answers.com rocks"),
        ("foo the\u200bbar", {1}, "foo\u200b bar"),  # a zero-width space shows no gap: the space stays
        ("foo the\u200bbar", {1, 2}, "foo\u200b"),
        ("foo bar the\u200b", {2}, "foo bar\u200b"),
        # punctuation after a word that opens a line stays on that line (the lines were merged: *app.: sent*)
        ("the app.\nStatus: sent", {2}, "the app.\n: sent"),
        ("arrived.\r\n\r\nUpdate: the bank", {1}, "arrived.\r\n\r\n: the bank"),
        ("one\n  two: three", {1}, "one\n: three"),
        ("one\u2028two: three", {1}, "one\u2028: three"),
        ("one.\ntwo", {1}, "one."),
    ],
)
def test_a_deleted_word_takes_one_run_of_whitespace_with_it(text, deleted, expected):
    from hfaug.text.words import delete

    assert delete(text, find_words(text), deleted) == expected


def test_a_protected_term_is_protected_in_another_unicode_form_and_with_another_apostrophe():
    # protected=["café"] lost the NFD café in 16-17 of 30 copies, and "McDonald's" lost "McDonald’s" in 13
    for text, term in [("i loved the cafe\u0301 near the station", "caf\u00e9"), ("a McDonald’s burger near the station", "McDonald's")]:
        copies = hfaug.RandomDeletion(p=0.5, n=30, seed=1, protected=[term])({"text": [text]})["text"]
        kept = "cafe\u0301" if "cafe" in text else "McDonald’s"
        assert all(kept in copy for copy in copies)


def test_deletion_never_removes_protected_words():
    text = "Name an art gallery in New York ."
    out = hfaug.RandomDeletion(p=0.9, n=20, seed=1, protected=["New York"])({"text": [text]})
    assert all("in New York ." in augmented or "New York ." in augmented for augmented in out["text"])
    assert all(augmented.count("New York") == 1 for augmented in out["text"])


def test_deletion_keeps_the_word_between_two_numbers():
    # *what is 4 x 4* was *what is 4 4* in 50 of 50 seeds
    copies = hfaug.RandomDeletion(p=0.5, n=10, seed=0)({"text": ["what is 4 x 4 please", "what is 55 times 300 then"]})
    assert len(copies["text"]) == 20
    assert all(" 4 x 4" in copy or " 55 times 300" in copy for copy in copies["text"])


def test_the_word_that_opens_a_question_and_numbers_stay():
    # *Does many engines how a Boeing 737 have ?*, *when am i paid for overtime* -> *am i paid for overtime*, *what is 4 + 4* -> *what is + 4*:
    # 16% of TREC's copies lost the question's type
    texts = ["How many engines does a Boeing 737 have ?", "when am i paid for overtime", "set a timer for 5 minutes . Why not ?"]
    swapped = hfaug.RandomSwap(alpha=0.5, n=20, seed=0)({"text": texts})["text"]
    deleted = hfaug.RandomDeletion(p=0.5, n=20, seed=0)({"text": texts})["text"]
    for copy in swapped[:20] + deleted[:20]:
        assert copy.startswith("How many ")
    assert all(copy.startswith("when ") for copy in swapped[20:40] + deleted[20:40])
    assert all("5 " in copy and ". Why " in copy for copy in deleted[40:])
    assert len(set(swapped[:20])) > 5 and len(set(deleted[40:])) > 5
    assert all(". Why " in copy for copy in swapped[40:])  # a later sentence's question word too
    others = ["In what year did the war end ?", "How long is human gestation ?"]
    for copy in hfaug.RandomSwap(alpha=0.5, n=10, seed=0)({"text": others})["text"]:
        assert copy.startswith(("In what ", "How long "))


def test_deletion_keeps_a_word_that_is_no_stop_word():
    out = hfaug.RandomDeletion(p=0.9, n=20, seed=1)({"text": ["so it is HTML"]})
    # never *so it is*: a copy that tells nothing of what it was about
    assert set(out["text"]) == {"HTML", "is HTML", "it HTML", "so HTML"}
    # *What is* opens the question, and *HTML* ends it: nothing is left to delete
    asked = hfaug.RandomDeletion(p=0.9, seed=1)({"text": "What is HTML ?"})
    assert asked["hfaug_error"] == "dropped: every word is protected, a negation, a number, or one that opens a question or ends a phrase"
    out = hfaug.EDA(n=40, seed=1, alpha_rs=0.0, alpha_ri=0.0, alpha_sr=0.0, p_rd=0.9)({"text": ["What does LOL mean ?"]})
    assert all("LOL" in text or "mean" in text.lower() for text in out["text"])
    protected = hfaug.RandomDeletion(p=0.9, seed=1, protected=["so it is"])({"text": "so it is HTML"})
    assert protected["text"] == "so it is HTML"
    assert protected["hfaug_error"] == "dropped: the only word that may be deleted is its one word that is not a stop word, which deletion keeps"


NEGATED = [
    "the dragons are the real stars of reign of fire and you wo n't be disappointed .",
    "i don't know where i left my phone",
    "there 's not one decent performance and never a clever line , no .",
    "i cant find my phone",
]
NEGATION_RE = re.compile(r"\b(?:not|never|no|cant)\b|n't\b")


@pytest.mark.parametrize(
    "augmenter",
    [hfaug.RandomDeletion(p=0.5, n=20, seed=1), hfaug.EDA(alpha_sr=0, alpha_ri=0, alpha_rs=0, p_rd=0.5, n=20, seed=1)],
)
def test_deletion_never_deletes_a_negation_by_default(augmenter):
    for text in NEGATED:
        copies = augmenter({"text": [text]})["text"]
        assert len(copies) == 20
        assert all(NEGATION_RE.findall(copy) == NEGATION_RE.findall(text) for copy in copies), text


@pytest.mark.parametrize("apostrophe", ["‘", "ʼ", "´", "`", "＇"])
def test_a_negation_written_with_a_mark_used_as_an_apostrophe_is_kept(apostrophe):
    # don´t (a keyboard's acute accent) was split into don and t, or not read as a negation: 18-31 of 40 copies lost it
    text = f"i don{apostrophe}t like this movie at all"
    copies = hfaug.RandomDeletion(p=0.5, n=40, seed=1)({"text": [text]})["text"]
    assert all(f"don{apostrophe}t" in copy for copy in copies)


def test_an_opening_quote_before_a_letter_is_no_contraction():
    # with ‘ and ` read as apostrophes, "Dial ‘M’" joined M to Dial as a contraction written apart
    assert units("Dial ‘M’ for Murder") == ["Dial", "M", "for", "Murder"]
    assert units("press `d` to delete") == ["press", "d", "to", "delete"]


def test_a_soft_hyphen_or_a_joiner_inside_a_word_keeps_it_one_word():
    # "infor\u00admation" was two words, and deletion left half of it
    assert units("the infor\u00admation we\u2060ll keep") == ["the", "infor\u00admation", "we\u2060ll", "keep"]


def test_sampled_parameters_are_written_as_the_text_is():
    # {"deleted": ["caf\u00e9"]}: neither searchable nor readable as written
    params = hfaug.RandomDeletion(p=0.9, seed=1)({"text": ["café au lait crème brûlée"]})["hfaug_params"][0]
    assert "\\u" not in params and any(word in params for word in ("café", "crème", "brûlée"))


def test_deletion_may_delete_negations_when_asked_and_never_counts_one_as_a_content_word():
    unguarded = hfaug.RandomDeletion(p=0.5, n=20, seed=1, keep_negations=False)
    copies = [copy for text in NEGATED for copy in unguarded({"text": [text]})["text"]]
    assert any(NEGATION_RE.findall(copy) == [] for copy in copies)
    kept = hfaug.RandomDeletion(p=0.9, n=20, seed=1)({"text": ["i cant find my phone"]})["text"]
    assert all({"find", "phone"} & set(units(copy)) for copy in kept)  # never *cant*


def test_single_words_are_not_deleted():
    out = hfaug.RandomDeletion(seed=1)({"text": ["Wonderful !"]})
    assert out["text"] == ["Wonderful !"]
    assert out["hfaug_error"] == ["dropped: the text has no word that can be deleted without deleting every word"]


def test_swap_exchanges_only_different_words():
    out = hfaug.RandomSwap(n=10, seed=1)({"text": ["very very good", "ha ha ha"]})
    assert len(out["text"]) == 10 and "very very good" not in out["text"]
    same = hfaug.RandomSwap(seed=1)({"text": "ha ha ha"})
    assert same["hfaug_error"] == "dropped: the words that can be swapped are all the same"


def test_swap_takes_a_and_an_for_the_same_word():
    # the articles fitted to the words after them undid the swap of *an* with *a*: 7 copies of EDA(n=4) on SST-2's,
    # TREC's and CLINC150's training texts were dropped as unchanged, 4 more kept a swap that did nothing
    out = hfaug.RandomSwap(seed=13)({"text": "What mythical figure carries an hourglass and a scythe ?"})
    assert (out["text"], out["hfaug_params"]) == (
        "What mythical figure carries hourglass an and a scythe ?",
        '{"swapped": [["an", "hourglass"]]}',
    )


ARTICLES_AND_THE = {"a", "an", "the"}


def clashes(text: str) -> list[tuple[str, str]]:
    """The pairs of words side by side in ``text`` that are the same word or two articles (*a a*, *an the*)."""
    pairs = itertools.pairwise(text.lower().split())
    return [(a, b) for a, b in pairs if a == b or (a in ARTICLES_AND_THE and b in ARTICLES_AND_THE)]


CLASHING_TEXTS = [
    "a fan film that for the uninitiated plays better on video with the sound turned down .",
    "you ... get a sense of good intentions derailed by a failure to seek and strike just the right tone .",
    "a little less extreme than in the past , with longer exposition sequences between them , and with fewer gags .",
    "all in all , a great party .",
    "as immaculate as stuart little 2 is , it could be a lot better .",
    "What is the difference between a classical and an acoustic guitar ?",
    "hate it because it 's lousy .",  # *hate because it it 's lousy*: a word before its contraction
    "if i want music , i 'll buy the soundtrack .",
    "this is not one of the movies you 'd want to watch if you only had a week to live .",
]
"""Texts that swaps and deletions had given a word beside the same word, or an article beside another."""


def test_swap_puts_no_word_beside_the_same_word_nor_an_article_beside_another():
    # *delivers a a punch*, *an a piece*, *the the*: 1,003 of the 47,132 swap copies (n=4) of SST-2's and TREC's
    # training texts had one
    out = hfaug.RandomSwap(seed=1)({"text": "an edgy thriller that delivers a surprising punch ."})
    assert out["text"] == "a delivers thriller that edgy a surprising punch ."  # not *delivers edgy ... that an a surprising*
    for seed in range(30):
        assert [copy for copy in hfaug.RandomSwap(alpha=0.3, seed=seed)({"text": CLASHING_TEXTS})["text"] if clashes(copy)] == []
    tie = hfaug.RandomSwap(seed=0)({"text": "How do I tie a tie ?"})  # only *a* and the second *tie* may move
    assert tie["hfaug_error"] == "dropped: every swap would put a word beside the same word, or an article beside another"


def test_deletion_puts_no_word_beside_the_same_word_nor_an_article_beside_another():
    # *as necessary as* -> *as as*, *all in all* -> *all all*: 140 of the 47,392 deletion copies (n=4) of SST-2's and
    # TREC's training texts had one
    out = hfaug.RandomDeletion(seed=4)({"text": "this feature is about as necessary as a hole in the head"})
    assert out["text"] == "this feature about as necessary as a hole in the head"  # not *this feature about as as a hole*
    assert json.loads(out["hfaug_params"]) == {"deleted": ["is"]}
    for seed in range(30):
        assert [copy for copy in hfaug.RandomDeletion(p=0.3, seed=seed)({"text": CLASHING_TEXTS})["text"] if clashes(copy)] == []
    tie = hfaug.RandomDeletion(seed=0)({"text": "How do I tie a tie ?"})  # only *a* may go
    assert tie["hfaug_error"] == (
        "dropped: deleting any word that may be deleted would put a word beside the same word, or an article beside another"
    )


def test_insertion_never_inserts_synonyms_of_number_words():
    texts = ["send fifty dollars from me to carrie", "start a timer for two minutes", "buy five"]
    out = hfaug.RandomInsertion(alpha=0.5, n=10, seed=1)({"text": texts})
    inserted = [form for record in params(out) for form, _ in record["inserted"]]
    assert len(out["text"]) == 30
    assert not [form for form in inserted if re.search(r"\d", form)]
    numbers_only = hfaug.RandomInsertion(seed=1)({"text": "Who were the five Marx brothers ?"})
    assert numbers_only["hfaug_error"] == "dropped: only number words have synonyms, and those are never inserted"


def test_insertion_into_a_text_in_capitals_inserts_capitals():
    out = hfaug.RandomInsertion(n=4, seed=0)({"text": ["THE FILM WAS GREAT", "WORST MOVIE EVER MADE"]})
    inserted = [form for record in params(out) for form, _ in record["inserted"]]
    assert len(inserted) == 8 and all(form == form.upper() for form in inserted)
    assert all(text == text.upper() for text in out["text"])


def test_deletion_never_deletes_exactly_every_content_word():
    # "so it is HTML" never becomes "so it is": a deletion of all its content words, and no more, keeps one
    content = {"so it is HTML": {"html"}, "Who wrote Hamlet": {"wrote", "hamlet"}, "he is in Paris": {"paris"}}
    out = hfaug.RandomDeletion(p=0.3, n=40, seed=0)({"text": list(content)})
    sources = [text for text in content for _ in range(40)]
    assert [copy for copy, source in zip(out["text"], sources) if not content[source] & set(copy.lower().split())] == []


def test_insertion_never_puts_a_word_beside_itself():
    # "can you slow slow down", "motorcycles motorcycles": 11 of 80 copies; then "put put off off", a phrase's ends
    # compared the wrong way round, and "pic pic", two insertions after one word
    texts = [
        "can you slow down your speech",
        "camera mounts on bikes , skateboards , and motorcycles provide a view .",
        "they put off the meeting",
        "the kids liked the film",
    ]
    copies = [hfaug.RandomInsertion(alpha=0.3, seed=seed)({"text": [text]})["text"][0] for seed in range(100) for text in texts]
    assert [copy for copy in copies if any(a == b for a, b in itertools.pairwise(copy.lower().split()))] == []


def test_insertion_puts_no_synonym_beside_the_same_word_nor_an_article_beside_another():
    # *nice piece of work work .*, *What year did Apartheid start start out ?*: 10 of the 39,044 insertion copies (n=4)
    # of SST-2's and TREC's training texts, where every place but beside the same word was beside its source
    work = hfaug.RandomInsertion(seed=0)({"text": "nice piece of work ."})
    assert work["text"] == "nice piece work of work ."
    assert json.loads(work["hfaug_params"]) == {"inserted": [["work", "piece"]]}
    start = hfaug.RandomInsertion(seed=0)({"text": "What year did Apartheid start ?"})  # *start out* fits only after *start*
    assert start["hfaug_error"] == (
        "dropped: every place would put the synonyms drawn beside the same word, or an article beside another"
    )
    assert hfaug.RandomInsertion(seed=1)({"text": "What year did Apartheid start ?"})["text"] == (
        "What year did Apartheid start begin ?"
    )
    likes = hfaug.RandomInsertion(seed=5)({"text": "a film the likes of which we rarely see"})
    assert likes["text"] == "a film the likes of which the like we rarely see"  # not *a the like film*


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("In what year did Thatcher become prime minister ?", "In what year"),  # not *In what minister*
        ("What city did the Flintstones live in ?", "What city"),  # not *What Flintstones did the city*
        ("How many engines does a Boeing 737 have ?", "How many engines"),
        ("What causes pneumonia in children ?", "What causes pneumonia"),  # not *What pneumonia causes*
        ("Who was the first woman in space ?", "Who was"),
        ("Who wrote the song Yesterday ?", "Who wrote"),  # not *Who the song Yesterday ?*, *Who song wrote ...*
        ("how can i get new insurance", "how can"),  # not *how acquire can i*
    ],
)
def test_swaps_deletions_and_insertions_keep_what_a_question_asks(text, opening):
    operations = [hfaug.RandomSwap(alpha=0.5, n=10, seed=1), hfaug.RandomDeletion(p=0.5, n=10, seed=1)]
    copies = [copy for operation in operations for copy in operation({"text": [text]})["text"]]
    copies += [hfaug.RandomInsertion(alpha=0.5, seed=seed)({"text": text})["text"] for seed in range(20)]
    assert len(copies) > 20 and [copy for copy in copies if not copy.startswith(opening)] == []


def test_the_verb_after_who_stays_where_it_is():
    # *Who invented baseball ?* was *Who baseball ?* in 30 of 30 deletion seeds, *Who baseball invented ?* in 30 of 30
    # swap seeds: the verb after *who*, its subject, is the question's predicate
    text = "Who wrote the song Yesterday ?"
    assert hfaug.RandomSwap(alpha=0.2, n=3, seed=0)({"text": [text]})["text"] == [
        "Who wrote song the Yesterday ?",
        "Who wrote the Yesterday song ?",
        "Who wrote Yesterday song the ?",
    ]
    assert hfaug.RandomDeletion(p=0.3, n=4, seed=0)({"text": [text]})["text"] == [
        "Who wrote the Yesterday ?",
        "Who wrote the Yesterday ?",
        "Who wrote the Yesterday ?",
        "Who wrote song Yesterday ?",
    ]
    short = "Who invented baseball ?"
    assert hfaug.RandomSwap(seed=0)({"text": short})["hfaug_error"] == "dropped: fewer than two words can be swapped"
    assert hfaug.RandomDeletion(seed=0)({"text": short})["hfaug_error"] == (
        "dropped: every word is protected, a negation, a number, or one that opens a question or ends a phrase"
    )


def test_the_auxiliary_after_what_is_asked_for_stays():
    # *What country King Wenceslas rule ?*, *What animal the eyes ?*: 110 of the deletion copies (p=0.1) of TREC's
    # first 3,000 training questions had lost it
    texts = ["What country did King Wenceslas rule ?", "What animal has the biggest eyes ?", "What kind of hat does Bat Masterson wear ?"]
    openings = ("What country did ", "What animal has ", "What kind of hat does ")  # past *of* after *kind*
    for seed in range(20):
        for copy in hfaug.RandomDeletion(p=0.3, seed=seed)({"text": texts})["text"]:
            assert copy.startswith(openings), copy
        for copy in hfaug.RandomSwap(alpha=0.3, seed=seed)({"text": texts})["text"]:
            assert copy.startswith(openings), copy


def test_the_word_for_the_subject_after_the_auxiliary_and_its_verb_stay():
    # *What do Mormons believe ?* -> *What do believe ?*, *Where do chihuahuas come from ?* -> *Where do come from ?*:
    # 215 of the deletion copies (p=0.1) of TREC's first 3,000 training questions lost the word after *WH aux*
    texts = ["Why do people get calluses in winter ?", "How can you become an unusual FBI agent ?"]
    for seed in range(20):
        for copy in hfaug.RandomDeletion(p=0.3, seed=seed)({"text": texts})["text"]:
            assert copy.startswith(("Why do people get ", "How can you become ")), copy
        for copy in hfaug.RandomSwap(alpha=0.3, seed=seed)({"text": texts})["text"]:
            assert copy.startswith(("Why do people get ", "How can you become ")), copy
    # no verb after it, only a verb's other forms, or a name: a modifier or a first name, which may go
    for text, copy in [("What are liver enzymes ?", "What are enzymes ?"), ("What is power steering ?", "What is steering ?"),
                       ("Who is Stephen Hawking ?", "Who is Hawking ?"), ("What is dry ice ?", "What is ice ?")]:
        assert copy in hfaug.RandomDeletion(p=0.5, n=10, seed=0)({"text": [text]})["text"], text
    # a progressive after a pronoun, *be* or *have* after a modal, capitals, an adverb before the verb: all kept
    for text in ["What is he doing now ?", "WHAT DO MORMONS BELIEVE ?"]:
        out = hfaug.RandomDeletion(p=0.3, seed=0)({"text": text})
        assert out["text"] == text and out["hfaug_error"].startswith("dropped: "), out
    for text, copy in [("when was i last paid", "when was i paid"), ("Where did he first meet her ?", "Where did he meet her ?")]:
        assert set(hfaug.RandomDeletion(p=0.5, n=10, seed=0)({"text": [text]})["text"]) == {copy}  # the pronoun stays
    for copy in hfaug.RandomDeletion(p=0.5, n=10, seed=0)({"text": ["What would have happened if Lincoln had lived ?"]})["text"]:
        assert copy.startswith("What would have happened "), copy  # not *What would happened if ...*
    # no subject after *to*, nor after an adverb, whose subject is what is asked for
    assert "What happens to oil ?" in hfaug.RandomDeletion(p=0.5, n=10, seed=0)({"text": ["What happens to used motor oil ?"]})["text"]
    assert "What city is called Gotham ?" in hfaug.RandomDeletion(p=0.3, n=10, seed=0)({"text": ["What city is sometimes called Gotham ?"]})["text"]
    # after *be* or *have*, the participle; the subject's last word before it (*What are known for ?*)
    for seed in range(10):
        for copy in hfaug.RandomDeletion(p=0.5, seed=seed)({"text": ["What are Cushman and Wakefield known for ?"]})["text"]:
            assert copy.endswith("Wakefield known for ?"), copy


def test_deletion_keeps_the_word_that_ends_a_question_or_a_noun_phrase():
    # *What is the history of ?*, *What is the of Ohio ?*, *Who is Snoopy 's ?*: 8% and 2.7% of TREC's copies
    texts = ["What is the history of skateboarding ?", "What is the population of Ohio ?", "Who is Snoopy 's arch-enemy ?"]
    copies = [hfaug.RandomDeletion(p=0.5, seed=seed)({"text": text})["text"] for seed in range(30) for text in texts]
    assert len(set(copies)) > 6
    broken = ("of ?", "the of", "'s ?")
    assert [copy for copy in copies if any(end in copy for end in broken)] == []


def test_deletion_keeps_the_word_before_a_preposition_that_ends_a_question():
    # *What does NASA stand for ?* had become *What does NASA for ?* in 14 of 30 seeds
    texts = ["What does NASA stand for ?", "What city did the Flintstones live in ?", "What is it made of ?", "Who did she talk to ?"]
    copies = [hfaug.RandomDeletion(p=0.3, seed=seed)({"text": text})["text"] for seed in range(30) for text in texts]
    assert [copy for copy, text in zip(copies, texts * 30) if copy.split()[-3:] != text.split()[-3:]] == []
    out = hfaug.RandomDeletion(p=0.3, n=4, seed=0)({"text": ["What are Cushman and Wakefield known for ?"]})
    assert out["text"] == [  # the subject's last word stays before its verb: not *What are known for ?*
        "What are Cushman Wakefield known for ?",
        "What are Cushman Wakefield known for ?",
        "What are Wakefield known for ?",
        "What are and Wakefield known for ?",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "play the next song on my playlist please",  # was *play the next on my playlist*, *play the on my ...*
            ["play the next song on my playlist", "play the song on my playlist please", "play next song on my playlist please"],
        ),
        (
            "switch my insurance plan to a new one",  # was *switch my to a new one*
            ["switch my plan to a new one", "switch plan a new one", "switch insurance to a new one"],
        ),
        (
            "How do you match a name to a social security number ?",  # was *match a a social*, *match a to a*
            [
                "How do you match a name to security number ?",
                "How do you match name to security number ?",
                "How do you match a name a social security number ?",
            ],
        ),
    ],
)
def test_deletion_leaves_no_determiner_without_the_word_that_ends_its_noun_phrase(text, expected):
    # 43 of the deletion copies (p=0.3) of TREC's first 2,000 training questions and 58 of CLINC150's had such a determiner
    assert hfaug.RandomDeletion(p=0.3, n=3, seed=0)({"text": [text]})["text"] == expected


def test_deletion_keeps_the_word_that_ends_a_phrase_whose_determiner_stays():
    # *i need help paying my electric*, *set a new for ten seconds*: the modifiers stayed, so the phrase was not counted
    # as stranded; 1,076 of 11,000 deletion copies (p=0.1) of CLINC150, SST-2 and TREC texts change
    texts = ["i need help paying my electric bill", "set a new timer for ten seconds"]
    kept = 0
    for seed in range(30):
        first, second = hfaug.RandomDeletion(p=0.3, seed=seed)({"text": texts})["text"]
        assert "my" not in first.split() or first.endswith("my electric bill") or first.endswith("my bill"), first
        assert not second.startswith(("set a ", "a ")) or "timer" in second.split(), second
        kept += "my" in first.split()
    assert kept > 10


def test_deletion_leaves_no_two_marks_together():
    # *love , , history*, *, that's confirmed*, *oh , !*: 120 of SST-2's 6,920 deletion copies (p=0.1) had two marks
    # together, 3 now (a word-pair between marks both deleted)
    texts = ["a rumination on love , memory , history .", "yes, that's confirmed", "oh , james !", "Great . Thanks !"]
    for seed in range(30):
        for copy in hfaug.RandomDeletion(p=0.3, seed=seed)({"text": texts})["text"]:
            assert not re.search(r"[,;:.!?]\s*[,;:.!?]|^\s*[,;:]", copy), copy


def test_a_deletion_that_would_only_strand_a_determiner_deletes_another_word():
    # the one word drawn, *song*, would leave *the next* without its noun: *my*, the likeliest of the others, goes instead
    out = hfaug.RandomDeletion(p=0.1, seed=1)({"text": "play the next song on my playlist please"})
    assert out["text"] == "play the next song on playlist please"
    assert json.loads(out["hfaug_params"]) == {"deleted": ["my"]}


@pytest.mark.parametrize(
    "text",
    ["cancel my reservation for dinner", "i want you to address me in italian", "please flip a coin for me, tails i win",
     "find me a flight from ft lauderdale to houston on southwest", "allen 's funniest and most likeable movie in years ."],
)
def test_deletion_leaves_no_preposition_or_to_without_what_it_takes(text):
    # 118 of 5,000 CLINC150 deletion copies (p=0.1) ended in a preposition: *cancel my reservation for*
    takers = {"for", "in", "from", "to", "on"}
    for seed in range(30):
        words = hfaug.RandomDeletion(p=0.3, seed=seed)({"text": text})["text"].replace(",", " ,").split()
        assert all(not (word in takers and following in {",", "."}) for word, following in zip(words, words[1:])), words
        assert words[-1] not in takers, words


def test_a_definition_question_keeps_its_verb():
    out = hfaug.RandomDeletion(p=0.5, seed=0)({"text": "What is titanium ?"})
    assert out["text"] == "What is titanium ?"  # not *What titanium ?*
    assert out["hfaug_error"] == "dropped: every word is protected, a negation, a number, or one that opens a question or ends a phrase"


def test_insertion_never_puts_a_synonym_beside_its_word():
    # *Who founded established the company*, *a fear fright of thunder*: 17% of insertion copies
    texts = ["the kids liked the film", "Who founded the company ?", "What is a fear of thunder ?", "it will take place now"]
    synonyms = {"kids": "children youngsters shavers", "film": "flick pic movie motion", "founded": "established",
                "fear": "fright", "take": "happen occur hap", "place": "happen occur hap"}  # nor inside *take place*
    for seed in range(40):
        for copy in hfaug.RandomInsertion(alpha=0.3, seed=seed)({"text": texts})["text"]:
            pairs = set(itertools.pairwise(copy.lower().split()))
            assert not {(word, other) for word, others in synonyms.items() for other in others.split()} & (
                pairs | {(b, a) for a, b in pairs}
            ), copy


def test_insertion_adds_synonyms_of_words_of_the_text(text_mix):
    out = text_mix.map(hfaug.RandomInsertion(alpha=0.2, n=2, seed=1, keep_original=True), batched=True)
    sources = {}
    for row in out:
        if row["hfaug_copy"] == 0:
            sources[row["hfaug_source_id"]] = row["text"]
            continue
        source = sources[row["hfaug_source_id"]]
        record = json.loads(row["hfaug_params"])["inserted"]
        assert len(record) == max(1, int(0.2 * len(units(source))))
        assert is_subsequence(blind(words(source)), blind(words(row["text"])))
        assert len(words(row["text"])) == len(words(source)) + sum(len(words(form)) for form, _ in record)


def test_a_title_or_an_initial_moves_and_goes_with_its_point_and_nothing_comes_between_them():
    # *where mr. shu is* had become *where american. shu is* (swap), *but. ramsay* (deletion), *mr establishment. shu*
    # (insertion): the word regex keeps the point apart from *mr*, and the point had stayed in place
    text = "where mr. shu is an institution , but ms. ramsay will play"
    swapped = hfaug.RandomSwap(seed=3)({"text": text})
    assert swapped["text"] == "where mr. shu is ms. institution , but a ramsay will play"  # not *ms institution , but an.*
    assert json.loads(swapped["hfaug_params"])["swapped"] == [["ms.", "an"]]
    assert hfaug.RandomDeletion(seed=2)({"text": text})["text"] == "where mr. shu is an institution , but ramsay will play"
    inserted = hfaug.RandomInsertion(seed=0)({"text": text})["text"]
    assert inserted == "where establishment mr. shu is an institution , but ms. ramsay will play"
    for seed in range(20):  # nor between a title and the name it holds to: not *mr. establishment shu*
        copy = hfaug.RandomInsertion(alpha=0.3, seed=seed)({"text": text})["text"]
        assert "mr. shu" in copy and "ms. ramsay" in copy, copy
    # at the text's end the point ends the sentence, and stays
    assert hfaug.RandomSwap(alpha=0.4, seed=5)({"text": "i am baffled by jason x."})["text"] == "am i x by jason baffled."


def test_a_word_that_took_its_point_gives_it_up_before_another():
    # *i met mr. smith.* had become *i met smith mr..* (swap) and *i met mr..* (deletion)
    texts = ["I met Mr. Smith.", "He lives on Main St. now.", "see J. Smith."]
    for seed in range(10):
        for augmenter in (hfaug.RandomSwap(alpha=0.3, seed=seed), hfaug.RandomDeletion(seed=seed)):
            assert [copy for copy in augmenter({"text": texts})["text"] if ".." in copy] == []
    assert hfaug.RandomSwap(seed=0)({"text": "Mr. X."})["text"] == "X Mr."


def test_contractions_written_apart_move_and_go_as_one_word():
    text = "it 's a film i ca n't forget , and i 'm sure they 'll love it"
    pairs = {("it", "'s"), ("ca", "n't"), ("i", "'m"), ("they", "'ll")}
    operations = [
        hfaug.RandomSwap(alpha=0.5, n=10, seed=1),
        hfaug.RandomDeletion(p=0.4, n=10, seed=1),
        hfaug.RandomInsertion(alpha=0.5, n=10, seed=1),
    ]
    for operation in operations:
        for augmented in operation({"text": [text]})["text"]:
            tokens = augmented.split()
            second_parts = [index for index, token in enumerate(tokens) if token in ("'s", "n't", "'m", "'ll")]
            assert all(index and (tokens[index - 1], tokens[index]) in pairs for index in second_parts)
            assert all(tokens[index + 1 :][:1] == ["n't"] for index, token in enumerate(tokens) if token == "ca")


def test_nothing_is_inserted_inside_a_protected_phrase():
    text = "Name an art gallery in New York City ."
    out = hfaug.RandomInsertion(alpha=0.5, n=30, seed=1, protected=["New York City"])({"text": [text]})
    assert all("New York City" in augmented for augmented in out["text"])


@pytest.mark.parametrize("augmenter", [hfaug.RandomInsertion, hfaug.EDA])
def test_nothing_is_inserted_inside_a_protected_term_that_ends_in_punctuation(augmenter):
    texts = ["I write C++ code for the film industry every day .", "I watched the film (the movie) with my friend ."]
    out = augmenter(alpha=0.5, n=20, seed=1, protected=["C++", "(the movie)"])({"text": texts})
    assert all(("C++" in text) != ("(the movie)" in text) for text in out["text"])


def test_protected_phrases_that_overlap_in_a_text_are_both_kept():
    text = "It was a good film story about love ."
    for augmenter in (hfaug.Synonym(p=1.0), hfaug.RandomDeletion(p=0.9), hfaug.RandomSwap(alpha=1.0), hfaug.EDA(alpha=0.5)):
        copies = augmenter.replace(n=20, seed=3, protected=("good film", "film story"))({"text": [text]})["text"]
        assert all("good film story" in copy for copy in copies), augmenter.name


def test_eda_uses_one_operation_per_copy_in_equal_shares(text_mix):
    out = text_mix.map(hfaug.EDA(n=8, seed=3), batched=True)
    shares = Counter(record["operation"] for record in params(out))
    assert set(shares) == {"synonym", "insert", "swap", "delete"}
    assert min(shares.values()) > 0.16 * len(out)  # synonym and insertion: only for rows with a synonym
    for record in params(out):
        assert len(record) == 2 or (len(record) == 3 and "articles" in record)  # the operation, what it did, articles fitted


def test_eda_draws_only_among_operations_that_can_change_the_text(text_mix):
    out = hfaug.EDA(n=8, seed=0)({"text": ["How can you become an FBI agent ?"]})  # no word has a synonym
    assert len(out["text"]) == 8
    assert {record["operation"] for record in params(out)} == {"swap", "delete"}
    # but *Who killed Gandhi ?*, *What do Mormons believe ?*: their words stay, and neither has a synonym that fits
    assert len(text_mix.map(hfaug.EDA(n=4, seed=3), batched=True)) == 4 * (len(text_mix) - 2)


def test_eda_draws_each_operation_that_can_change_the_text_as_often():
    out = hfaug.EDA(n=2000, seed=0)({"text": ["How can you become an FBI agent ?"]})  # only swap and delete can
    operations = [record["operation"] for record in params(out)]
    assert 0.46 < operations.count("swap") / len(operations) < 0.54


def test_eda_drops_a_copy_only_when_no_operation_can_change_the_text():
    out = hfaug.EDA(seed=0)({"text": "FBI ?"})
    assert out["hfaug_error"] == (
        "dropped: synonym: no word has a WordNet synonym that fits (all are stop words, protected, or unknown); "
        "insert: no word has a WordNet synonym that fits (all are stop words, protected, or unknown); "
        "swap: fewer than two words can be swapped; "
        "delete: the text has no word that can be deleted without deleting every word"
    )


def test_eda_rates_follow_the_paper(text_mix):
    eda = hfaug.EDA(alpha=0.05, alpha_rs=0.3, p_rd=0)
    assert eda.rates() == {"synonym": 0.05, "insert": 0.05, "swap": 0.3, "delete": 0.0}
    out = text_mix.map(eda.replace(n=4, keep_original=True, seed=1), batched=True)
    for source, row in copies_with_sources(out):
        record = params_of(row)
        assert record["operation"] != "delete"
        if record["operation"] == "swap":  # more only where the first swaps undid each other
            count = max(1, int(0.3 * len(units(source))))
            first = [sorted(pair) for pair in record["swapped"][:count]]
            assert len(record["swapped"]) == count or (count == 2 and first[0] == first[1])
        if record["operation"] == "synonym":
            assert len(record["replaced"]) <= max(1, int(0.05 * len(words(source))))


def test_eda_with_protected_terms_keeps_them_in_every_copy(trec_train):
    rows = trec_train.filter(lambda row: "New York" in row["text"])
    out = rows.map(hfaug.EDA(alpha=0.3, n=4, seed=2, protected=["New York"]), batched=True)
    assert len(out) > 50
    assert all("New York" in text for text in out["text"])


def test_eda_keeps_every_column_when_expanding(text_mix):
    out = text_mix.map(hfaug.EDA(n=2, keep_original=True, seed=1), batched=True)
    assert out.column_names == [*text_mix.column_names, *hfaug.provenance.COLUMNS]
    assert out["hfaug_augmenter"][:3] == ["original", "eda", "eda"]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: hfaug.EDA(alpha=0), r"every operation has rate 0"),
        (lambda: hfaug.EDA(alpha_sr=-0.1), r"alpha_sr must be a number in \[0, 1\]"),
        (lambda: hfaug.RandomSwap(alpha=0), r"alpha must be a number in \(0, 1\]"),
        (lambda: hfaug.RandomDeletion(p=2), r"p must be a number in \(0, 1\]"),
        (lambda: hfaug.RandomDeletion(keep_negations="no"), r"^eda\.delete: keep_negations must be True or False, got 'no'$"),
        (lambda: hfaug.EDA(keep_negations=0), r"^eda: keep_negations must be True or False, got 0$"),
        (lambda: hfaug.RandomInsertion(stopwords="klingon"), r"unknown stop word list 'klingon'"),
    ],
)
def test_invalid_parameters_are_rejected_with_a_clear_message(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_a_text_too_short_to_swap_is_dropped_from_the_copies():
    ds = Dataset.from_dict({"text": ["Wonderful !", "a gentle film"]})
    out = ds.map(hfaug.RandomSwap(n=2, keep_original=True, seed=1), batched=True)
    assert list(out["hfaug_copy"]) == [0, 0, 1, 2]


def test_copies_of_a_row_share_one_analysis_of_its_text():
    texts = analyses(["a funny film", "Visit New York", "a funny film"], ("new york",), stopword_set("english"))
    assert texts[0] is texts[2] and texts[1] is not texts[0]
    assert [word for _, _, word in texts[1].words] == ["Visit", "New", "York"]
    assert texts[1].groups == [-1, 0, 0]
    assert texts[0].pieces == ["", "a", " ", "funny", " ", "film", ""]
    assert texts[0].found.indices == [1, 2]  # "a" is a stop word


def test_insertion_never_inserts_a_number_for_a_word_that_holds_none():
    # WordNet's *club* has a sense *nine* (a baseball team): *the club nine met*
    out = hfaug.RandomInsertion(alpha=0.5, n=10, seed=1)({"text": ["we joined the club"]})
    inserted = {form for record in params(out) for form, _ in record["inserted"]}
    assert inserted and "nine" not in inserted



def test_deletion_never_deletes_an_adverb_of_negation():
    texts = [
        "hardly a film that comes along every day .",
        "this pathetic junk is barely an hour long .",
        "Rarely , if ever , seldom and scarcely good",
    ]
    adverbs = re.compile(r"\b(?:hardly|barely|rarely|seldom|scarcely)\b", re.IGNORECASE)
    copies = hfaug.RandomDeletion(p=0.5, n=20, seed=1)({"text": texts})["text"]
    for index, copy in enumerate(copies):
        assert adverbs.findall(copy) == adverbs.findall(texts[index // 20]), copy


def test_insertion_never_inserts_a_word_that_negates():
    # WordNet: *jargon* -> *cant* (read as *can't*), *seldom* -> only *rarely*
    out = hfaug.RandomInsertion(alpha=0.5, n=20, seed=1)({"text": ["mired in convoluted jargon", "a film seldom seen"]})
    inserted = [form for record in params(out) for form, _ in record["inserted"]]
    assert len(inserted) == 80 and {"slang", "lingo"} <= set(inserted)
    assert not {"cant", "rarely"} & set(inserted)
    only_negations = hfaug.RandomInsertion(seed=1)({"text": "it is seldom"})
    assert only_negations["hfaug_error"] == (
        "dropped: only negations have synonyms, and those are never inserted"
    )


def test_a_synonym_negates_where_its_word_does_and_only_there():
    assert replacements("barely").forms == ("hardly", "scarcely")  # not *just*, *scarce*
    assert replacements("jargon").forms == ("slang", "lingo", "vernacular")  # not *cant*


SWAPPED_NEGATED = [*NEGATED, "nervous breakdowns are not entertaining .", "this pathetic junk is barely an hour long ."]


def negation_slots(text: str) -> list[tuple[int, str]]:
    return [(index, unit) for index, unit in enumerate(units(text)) if is_negation(unit)]


@pytest.mark.parametrize(
    "augmenter",
    [hfaug.RandomSwap(alpha=0.5, n=10, seed=1), hfaug.EDA(alpha_sr=0, alpha_ri=0, alpha_rs=0.5, p_rd=0, n=10, seed=1)],
)
def test_swap_keeps_negations_in_their_place_by_default(augmenter):
    copies = augmenter({"text": SWAPPED_NEGATED})["text"]
    assert len(copies) == 10 * len(SWAPPED_NEGATED)
    for index, copy in enumerate(copies):
        assert negation_slots(copy) == negation_slots(SWAPPED_NEGATED[index // 10]), copy
    too_short = hfaug.RandomSwap(seed=1)({"text": "not bad"})
    assert too_short["hfaug_error"] == "dropped: fewer than two words can be swapped (negations stay in place)"


def test_negations_with_a_curly_apostrophe_are_never_deleted_nor_moved():
    texts = ["I don’t think this movie is good at all", "She isn’t happy with the ending"]
    deleted = hfaug.EDA(alpha_sr=0, alpha_ri=0, alpha_rs=0, p_rd=0.9, n=10, seed=1)({"text": texts})["text"]
    swapped = hfaug.RandomSwap(alpha=0.5, n=10, seed=1)({"text": texts})["text"]
    for index, (shorter, moved) in enumerate(zip(deleted, swapped)):
        negation = ["don’t", "isn’t"][index // 10]
        assert negation in blind(units(shorter)), shorter
        assert blind(units(moved))[1] == negation, moved


def test_swap_moves_negations_when_asked():
    unguarded = hfaug.RandomSwap(alpha=0.5, n=10, seed=1, keep_negations=False)
    assert hfaug.get("eda.swap", **unguarded.config()) == unguarded
    copies = unguarded({"text": SWAPPED_NEGATED})["text"]
    assert any(negation_slots(copy) != negation_slots(SWAPPED_NEGATED[i // 10]) for i, copy in enumerate(copies))
    with pytest.raises(ValueError, match=r"^eda\.swap: keep_negations must be True or False, got 'no'$"):
        hfaug.RandomSwap(keep_negations="no")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("it is good . " * 2000, ""),
        ("good bad " * 4000, "dropped: every swap would put a word beside the same word, or an article beside another"),
    ],
    ids=["few-words", "no-swap-fits"],
)
def test_swap_checks_each_distinct_word_once_in_a_long_repetitive_text(monkeypatch, text, error):
    # such texts of 100,000 characters took minutes: slot by slot, a swap checked whether each other word fitted beside
    # its new neighbours (1,336,417 checks for 8,000 words of *it is good .*, 4,000,002 to find that none fits)
    from hfaug.text.eda import swap

    checks = []
    clash = swap.clash
    monkeypatch.setattr(swap, "clash", lambda word, following: checks.append(word) or clash(word, following))
    out = hfaug.RandomSwap(seed=0)({"text": text})
    assert out["hfaug_error"] == error
    assert len(checks) < 12 * len(text.split())

def test_swap_in_a_repetitive_text_gives_exact_outputs_for_a_fixed_seed():
    out = hfaug.RandomSwap(alpha=0.2, seed=3)({"text": "it is good . " * 6 + "so good"})
    assert out["text"] == "good is good . it is good . it is good . good is it . it so good . it is good . it is"
    assert params_of(out) == {"swapped": [["is", "so"], ["it", "good"], ["is", "it"], ["it", "good"]]}
