"""AEDA (Karimi et al., 2021): random punctuation marks between words."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from datasets import Dataset
from text_checks import copies_with_sources, params_of

import hfaug
from hfaug.text.aeda import MARKS
from hfaug.text.words import find_words, join_contractions


def units(text: str) -> list[str]:
    return [unit for _, _, unit in join_contractions(text, find_words(text))]


@pytest.fixture(scope="module")
def sst2_copies() -> list[tuple[str, dict]]:
    with open("../shared/data/sst2/train.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:300]
    out = Dataset.from_dict({"text": texts}).map(hfaug.AEDA(n=4, keep_original=True, seed=7), batched=True)
    return copies_with_sources(out)


def test_exact_copies_for_a_fixed_seed():
    out = hfaug.AEDA(n=3, seed=2)({"text": ["a gentle , funny film"]})
    assert out["text"] == ["a gentle , funny : film", "? a gentle , funny film", "a . gentle , funny ; film"]
    assert [json.loads(params) for params in out["hfaug_params"]] == [
        {"inserted": [[":", "film"]]},
        {"inserted": [["?", "a"]]},
        {"inserted": [[".", "gentle"], [";", "film"]]},
    ]


def test_only_marks_are_added_each_before_a_different_word(sst2_copies):
    for source, row in sst2_copies:
        inserted = params_of(row)["inserted"]
        assert units(row["text"]) == units(source)  # every word stays, in its order
        most = int(0.3 * len(units(source))) + 1
        assert 1 <= len(inserted) <= most
        added = Counter(row["text"].split()) - Counter(source.split())
        assert added == Counter(mark for mark, _ in inserted) and set(added) <= set(MARKS)
        marked = [(mark, word) for mark, word in zip(row["text"].split(), row["text"].split()[1:]) if mark in MARKS]
        for mark, word in inserted:  # before the token the word starts in: SST-2's *-lrb-*, *wo n't*
            assert any(mark == before and word.split()[0] in token for before, token in marked)


def test_counts_and_marks_are_spread_as_the_paper_draws_them(sst2_copies):
    counts = Counter(len(params_of(row)["inserted"]) for _, row in sst2_copies)
    marks = Counter(mark for _, row in sst2_copies for mark, _ in params_of(row)["inserted"])
    assert counts[1] > counts[4] > 0  # uniform in 1 .. int(0.3 * words) + 1: short texts only reach low counts
    assert set(marks) == set(MARKS) and min(marks.values()) > 0.1 * sum(marks.values())


def test_ratio_bounds_the_number_of_marks():
    text = "one two three four five six seven eight nine ten"
    out = hfaug.AEDA(ratio=0.1, n=50, seed=3)({"text": [text]})
    assert {len(json.loads(params)["inserted"]) for params in out["hfaug_params"]} == {1, 2}


def test_no_mark_goes_inside_a_protected_phrase_or_a_contraction():
    aug = hfaug.AEDA(ratio=1.0, protected=["new york"], n=40, seed=4)
    out = aug({"text": ["i do n't love new york in june"]})
    for text in out["text"]:
        assert "new york" in text and "do n't" in text
    assert {word for params in out["hfaug_params"] for _, word in json.loads(params)["inserted"]} == {
        "i",
        "do n't",
        "love",
        "new",
        "in",
        "june",
    }


def test_no_mark_goes_inside_a_protected_phrase_that_opens_the_text():
    out = hfaug.AEDA(ratio=1.0, protected=["new york city"], n=40, seed=4)({"text": ["new york city was lovely"]})
    assert all("new york city" in text for text in out["text"])
    inserted = {word for params in out["hfaug_params"] for _, word in json.loads(params)["inserted"]}
    assert inserted == {"new", "was", "lovely"}


def test_a_mark_goes_before_a_whole_token():
    out = hfaug.AEDA(ratio=1.0, n=20, seed=6)({"text": ["(hello) -lrb- world -rrb-"]})
    for text in out["text"]:
        assert [token for token in text.split() if token not in MARKS] == ["(hello)", "-lrb-", "world", "-rrb-"]


def test_own_marks_and_their_errors():
    out = hfaug.AEDA(marks=["..."], ratio=1.0, seed=1)({"text": "short text"})
    assert out["text"] in ("... short text", "short ... text", "... short ... text")
    with pytest.raises(TypeError, match=r"marks must be a list of punctuation marks, e.g. marks=\['!', '\?'\]"):
        hfaug.AEDA(marks="!?")
    with pytest.raises(ValueError, match="at least one punctuation mark"):
        hfaug.AEDA(marks=[])
    with pytest.raises(ValueError, match="without letters, digits or spaces, got 'a'"):
        hfaug.AEDA(marks=[",", "a"])
    with pytest.raises(ValueError, match=r"aeda: ratio must be a number in \(0, 1\], got 0"):
        hfaug.AEDA(ratio=0)


def test_a_text_without_words_is_dropped_with_the_reason():
    out = Dataset.from_dict({"text": ["😀 🎉 ...", "a film"]}).map(hfaug.AEDA(n=1, seed=0), batched=True)
    assert out["text"][0] == "😀 🎉 ..."
    assert out["hfaug_error"][0] == "dropped: the text has no word to put a punctuation mark before"
    assert out["hfaug_error"][1] == ""


def test_a_set_of_marks_is_refused_as_its_order_changes_from_run_to_run():
    with pytest.raises(TypeError, match=r"^aeda: marks must be a list of punctuation marks \(a set has no order, and "
                       r"the order decides which mark each draw gives\), got \{'[!?]', '[!?]'\}; pass a list, "
                       r"e\.g\. marks=\['!', '\?'\]$"):
        hfaug.AEDA(marks={"!", "?"})


@pytest.mark.parametrize("marks", [None, 5, {"!": 1}])
def test_marks_that_are_not_a_list_are_refused(marks):
    with pytest.raises(TypeError, match=r"^aeda: marks must be a list of punctuation marks, got .*; pass a list, "
                       r"e\.g\. marks=\['\.', ';', '\?', ':', '!', ','\]$"):
        hfaug.AEDA(marks=marks)
