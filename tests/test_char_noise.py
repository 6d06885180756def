"""hfaug.CharNoise: keyboard, OCR and random character noise with nlpaug's tables."""

from __future__ import annotations

import itertools
import json
import math
import re
import subprocess
import sys
import unicodedata

import pytest

import hfaug
from hfaug.text.char_noise import noise_table
from hfaug.text.words import WORD_RE


@pytest.fixture(scope="module")
def questions(trec_train) -> list[str]:
    return list(trec_train["text"][:3])


def changes(out) -> list[list[list[str]]]:
    return [json.loads(params).get("changed", []) for params in out["hfaug_params"]]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"kind": "keyboard"},
            [
                "How did zetfdoj dsveool in and then lsavf Russia ?",
                "What cilmd featured the chxracree Popejw Doyle ?",
                "How can I find a oisy of feoenrihies ' real mwmes ?",
            ],
        ),
        (
            {"kind": "keyboard", "digits": True, "symbols": True, "change_case": True},
            [
                "How did xeffdoH dWveKo9 in and then lWav4 Russia ?",
                "What EilmQ featured the chqracge4 PopeJs Doyle ?",
                "How can I find a Oisy of SePehriHies ' real mqmes ?",
            ],
        ),
        (
            {"kind": "ocr"},
            [
                "How did 8ekfdum develop in and then 1eave Ru88ia ?",
                "What films featoked the chakactek Pupeye Doyle ?",
                "How can I find a 1i8t of celebrities ' kea1 name8 ?",
            ],
        ),
        (
            {"kind": "random", "action": "swap"},
            [
                "How did ersfdmo edevolp in and then lavee Russia ?",
                "What iflsm featured the hcraactre Ppoeey Doyle ?",
                "How can I find a ilts of celbreities ' real nmase ?",
            ],
        ),
        (
            {"kind": "random", "action": "delete"},
            [
                "How did efdo deep in and then ave Russia ?",
                "What ilm featured the cracte Peye Doyle ?",
                "How can I find a is of celbits ' real nes ?",
            ],
        ),
    ],
)
def test_fixed_seed_gives_exact_outputs(questions, options, expected):
    assert hfaug.CharNoise(seed=7, **options)({"text": questions})["text"] == expected


def test_keyboard_noise_replaces_characters_by_neighbouring_keys(text_mix):
    table = noise_table("keyboard")
    out = text_mix.map(hfaug.CharNoise(kind="keyboard", seed=1), batched=True)
    pairs = [pair for row in changes(out) for pair in row]
    assert len(pairs) > 100
    for word, noisy in pairs:
        assert len(noisy) == len(word)
        assert all(new in table[old] for old, new in zip(word, noisy) if new != old)


def typos(out) -> list[tuple[str, str]]:
    """(old, new) for every character that the noise changed."""
    return [(old, new) for row in changes(out) for word, noisy in row for old, new in zip(word, noisy) if new != old]


def same_case_letter(old: str, new: str) -> bool:
    return new.isalpha() and new.isupper() == old.isupper()


def test_keyboard_neighbours_of_a_letter_are_the_letters_around_it_in_its_case():
    assert noise_table("keyboard")["a"] == ("q", "s", "w", "x", "z")
    assert noise_table("keyboard")["A"] == ("Q", "S", "W", "X", "Z")


def test_keyboard_noise_keeps_case_and_types_no_digits_or_symbols_by_default(text_mix):
    found = typos(text_mix.map(hfaug.CharNoise(kind="keyboard", seed=1), batched=True))
    assert len(found) > 100
    assert any(old.isupper() for old, _ in found)  # capitals take noise too, in capitals
    assert [(old, new) for old, new in found if not same_case_letter(old, new)] == []


@pytest.mark.parametrize(
    ("option", "is_its_typo"),
    [
        ("digits", lambda old, new: new.isdigit()),
        ("symbols", lambda old, new: not new.isalnum()),
        ("change_case", lambda old, new: new.isalpha() and new.isupper() != old.isupper()),
    ],
)
def test_each_keyboard_option_turns_on_its_own_typos(text_mix, option, is_its_typo):
    found = typos(text_mix.map(hfaug.CharNoise(kind="keyboard", seed=1, **{option: True}), batched=True))
    assert any(is_its_typo(old, new) for old, new in found)
    assert all(is_its_typo(old, new) or same_case_letter(old, new) for old, new in found)


def test_keyboard_options_round_trip_through_a_json_config(questions):
    aug = hfaug.CharNoise(digits=True, change_case=True, seed=7)
    config = json.loads(json.dumps(aug.config()))
    assert (config["digits"], config["symbols"], config["change_case"]) == (True, False, True)
    rebuilt = hfaug.get("char.noise", **config)
    assert rebuilt == aug
    assert rebuilt({"text": questions})["text"] == aug({"text": questions})["text"]


def test_ocr_noise_uses_ocr_confusions(text_mix):
    table = noise_table("ocr")
    out = text_mix.map(hfaug.CharNoise(kind="ocr", seed=1), batched=True)
    for word, noisy in (pair for row in changes(out) for pair in row):
        assert all(new in table[old] for old, new in zip(word, noisy) if new != old)


def test_counts_follow_nlpaug_word_and_character_shares(text_mix):
    out = text_mix.map(hfaug.CharNoise(kind="random", word_p=0.2, char_p=0.3, seed=1), batched=True)
    for source, row, error in zip(text_mix["text"], changes(out), out["hfaug_error"]):
        if error:
            assert error.startswith("dropped: no word can take random noise")
            continue
        assert 1 <= len(row) <= min(max(1, math.ceil(0.2 * len(WORD_RE.findall(source)))), 10)
        for word, noisy in row:
            assert sum(a != b for a, b in zip(word, noisy)) <= max(1, math.ceil(0.3 * len(word)))


def test_whitespace_layout_and_protected_terms_are_untouched():
    text = "Which  New York\tmuseum shows\nmodern paintings ?"
    aug = hfaug.CharNoise(kind="random", action="insert", word_p=1.0, n=10, seed=3, protected=["new york"])
    for noisy in aug({"text": [text]})["text"]:
        assert re.findall(r"\s+", noisy) == re.findall(r"\s+", text)
        assert "New York" in noisy
        assert noisy.endswith(" ?")


def test_a_protected_term_that_opens_the_text_is_untouched():
    aug = hfaug.CharNoise(word_p=1.0, n=10, seed=1, protected=["wonderful"])
    for noisy in aug({"text": ["Wonderful performances throughout this film"]})["text"]:
        assert noisy.split()[0] == "Wonderful"


@pytest.mark.parametrize("kind, action", [("keyboard", "substitute"), ("ocr", "substitute")] + [
    ("random", action) for action in ("substitute", "insert", "swap", "delete")
])
def test_inner_apostrophes_and_hyphens_stay_where_they_are(kind, action):
    text = "don't it's sci-fi 75-minute rock'n'roll"
    aug = hfaug.CharNoise(kind=kind, action=action, word_p=1.0, n=10, seed=3)
    for noisy in aug({"text": [text]})["text"]:
        assert [re.sub(r"[^'-]", "", word) for word in noisy.split()] == ["'", "'", "-", "-", "''"]


@pytest.mark.parametrize("action", ["substitute", "insert", "swap", "delete"])
def test_a_letter_and_its_combining_marks_change_together(action):
    # noise on *tre\u0300s* put the accent on another letter (*yrs\u0300s*), Hindi's vowel signs on a random one
    text = unicodedata.normalize("NFD", "le café très frais") + " फिल्म पसंद"
    clusters = {"e\u0301", "e\u0300", "फि", "ल्", "सं"}
    for noisy in hfaug.CharNoise(kind="random", action=action, word_p=1.0, char_p=0.5, n=10, seed=3)({"text": [text]})["text"]:
        marks = [at for at, char in enumerate(noisy) if unicodedata.category(char).startswith("M")]
        assert {noisy[at - 1] + noisy[at] for at in marks} <= {cluster[-2:] for cluster in clusters}, noisy


def test_short_words_and_stop_words_are_left_alone():
    aug = hfaug.CharNoise(kind="keyboard", word_p=1.0, min_chars=5, stopwords="english", seed=2)
    out = aug({"text": "the movie was about nothing but friendship"})
    assert [word for word, _ in json.loads(out["hfaug_params"])["changed"]] == ["movie", "friendship"]


def test_a_text_without_long_words_is_dropped_with_a_reason():
    out = hfaug.CharNoise(seed=1)({"text": ["a bit of it"]})
    assert out["hfaug_error"] == [
        "dropped: no word can take keyboard noise (words under 4 characters, stop words, protected terms and words "
        "in a script other than Latin are left alone)"
    ]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("substitute", ["фихнм был очень хЧрошМм", "们了今今去电京看电影了", "Η τΊιύία ήταν ποήν καλή"]),
        ("insert", ["финлхьм был очень хМороошЧим", "电我今们今了天去们北京看电影了", "Η τύαιΊνία ήταν πονλήύ καλή"]),
    ],
)
def test_random_noise_in_another_script_takes_letters_of_that_script_from_the_text(action, expected):
    # nlpaug's table is ASCII: *фильм* became *фRлvм*, *电影* *e影*
    texts = ["фильм был очень хорошим", "我们今天去北京看电影了", "Η ταινία ήταν πολύ καλή"]
    assert hfaug.CharNoise(kind="random", action=action, seed=2)({"text": texts})["text"] == expected


@pytest.mark.parametrize("kind", ["keyboard", "ocr"])
def test_keyboard_and_ocr_noise_leave_words_in_another_script_alone(kind):
    # their tables are English: the digits of *Фильм2020* took keyboard typos (*Фильм2e20*) or OCR confusions
    aug = hfaug.CharNoise(kind=kind, word_p=1.0, n=10, seed=1, digits=kind == "keyboard")
    for noisy in aug({"text": ["the movie Фильм2020 was wonderful"]})["text"]:
        assert noisy.split()[2] == "Фильм2020"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "typewriter"}, r"kind must be one of \('keyboard', 'ocr', 'random'\)"),
        ({"kind": "keyboard", "action": "swap"}, r"keyboard noise only substitutes characters; use kind='random'"),
        ({"kind": "random", "action": "shuffle"}, r"action must be one of"),
        ({"word_p": 0}, r"word_p must be a number in \(0, 1\]"),
        ({"min_chars": 0}, r"min_chars must be an integer >= 1, got 0"),
        ({"max_words": 0}, r"max_words must be None or an integer >= 1, got 0"),
        ({"kind": "ocr", "digits": True}, r"digits=True is for keyboard noise; ocr noise has its own table"),
        ({"change_case": "no"}, r"change_case must be True or False, got 'no'"),
    ],
)
def test_invalid_parameters_are_rejected_with_a_clear_message(options, message):
    with pytest.raises(ValueError, match=message):
        hfaug.CharNoise(**options)


@pytest.mark.parametrize(
    ("kind", "digits", "symbols", "change_case"),
    [("keyboard", *options) for options in itertools.product([False, True], repeat=3)] + [("ocr", False, False, False), ("random", False, False, False)],
)
def test_the_tables_are_nlpaugs_read_without_loading_it(kind, digits, symbols, change_case):
    # importing nlpaug for them loaded torch: 1.8 s and 840 MB in every process that adds noise (180 MB now)
    import nlpaug.augmenter.char as nac

    if kind == "keyboard":
        model = nac.KeyboardAug(include_numeric=digits, include_special_char=symbols).model.model
    else:
        model = nac.OcrAug().model.model if kind == "ocr" else None
    table = noise_table(kind, digits, symbols, change_case)
    if model is None:
        assert table == tuple(nac.RandomCharAug().model)
        return
    expected = {
        char: tuple(typed for typed in choices if len(typed) == 1 and not typed.isspace() and (change_case or kind == "ocr" or not typed.isalpha() or typed.isupper() == char.isupper()))
        for char, choices in model.items()
        if not char.isspace()
    }
    assert table == {char: choices for char, choices in expected.items() if choices}


def test_adding_noise_does_not_load_torch():
    code = "import sys, hfaug; hfaug.CharNoise(seed=0)({'text': 'a quick test'}); print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == ["False"]
