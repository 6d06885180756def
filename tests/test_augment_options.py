"""What ``hfaug.augment`` takes besides the augmenters, and what it refuses before any work."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from datasets import ClassLabel, Dataset, DatasetDict, Features, IterableDatasetDict, Value

import hfaug
from hfaug import provenance
from hfaug.errors import ColumnError
from hfaug.schema import output_features
from toy_augmenters import Shout

PROVENANCE_COLUMNS = [provenance.SOURCE_ID, provenance.AUGMENTER, provenance.COPY, provenance.PARAMS, provenance.ERROR]


@pytest.fixture
def rows() -> Dataset:
    return Dataset.from_dict({"text": ["the film was good", "a bad movie"], "label": [1, 0]})


@pytest.mark.parametrize("format_type", ["numpy", "torch"])
def test_a_formatted_dataset_shows_the_provenance_columns_in_its_rows(rows, format_type):
    out = hfaug.augment(rows.with_format(format_type), Shout(seed=1))
    assert list(out[0]) == ["text", "label", *PROVENANCE_COLUMNS]
    assert out.format["columns"] == out.column_names


def test_columns_left_out_of_a_format_stay_out_and_the_provenance_columns_are_added(rows):
    out = hfaug.augment(rows.with_format("numpy", columns=["label"], output_all_columns=False), Shout(seed=1))
    assert list(out[0]) == ["label", *PROVENANCE_COLUMNS]


def test_a_removed_column_is_left_out_of_the_format(rows):
    out = hfaug.augment(rows.with_format("numpy"), Shout(seed=1), remove_columns=["label"])
    assert list(out[0]) == ["text", *PROVENANCE_COLUMNS]


@pytest.mark.parametrize(
    ("option", "remedy"),
    [
        ({"with_indices": True}, "drop it"),
        ({"input_columns": ["text"]}, r"drop it, and pass column=\.\.\. to choose the column augmented"),
        ({"fn_kwargs": {"p": 0.2}}, r"set them on the augmenter instead, e.g\. hfaug\.Synonym\(p=0\.2\)"),
    ],
)
@pytest.mark.parametrize("streamed", [False, True])
def test_map_options_that_hand_the_augmenter_other_arguments_are_refused(rows, option, remedy, streamed, monkeypatch):
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    data = rows.to_iterable_dataset() if streamed else rows
    name = next(iter(option))
    with pytest.raises(TypeError, match=rf"^hfaug.augment: {name}= does not apply: the augmenter takes whole rows.*; {remedy}$"):
        hfaug.augment(data, Shout(), **option)


@pytest.mark.parametrize("streamed", [False, True])
def test_dropping_the_last_batch_is_refused_before_any_work(rows, streamed, monkeypatch):
    # it silently left out whole source rows, different ones for each batch_size and num_proc
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    data = rows.to_iterable_dataset() if streamed else rows
    with pytest.raises(TypeError, match=r"^hfaug.augment: drop_last_batch=True would leave out .*select the rows"):
        hfaug.augment(data, Shout(), batch_size=3, drop_last_batch=True)


def test_an_unknown_option_is_told_the_map_options_taken_without_those_refused(rows):
    with pytest.raises(TypeError, match=r"the options of Dataset.map: with_rank, batched, batch_size, drop_last_batch,"):
        hfaug.augment(rows, Shout(), batch_sise=8)


@pytest.mark.parametrize("num_proc", ["2", 2.0, True, 0, -1])
def test_num_proc_must_be_a_whole_number_of_processes(rows, num_proc):
    with pytest.raises(ValueError) as raised:
        hfaug.augment(rows, Shout(), num_proc=num_proc)
    assert str(raised.value) == (
        f"hfaug.augment: num_proc must be an int of at least 1 (processes on this machine) or None for one; got {num_proc!r}"
    )


@pytest.mark.parametrize("batch_size", ["8", 8.0, True])
def test_batch_size_must_be_a_whole_number(rows, batch_size):
    # datasets failed with a bare TypeError ('<=' not supported between instances of 'str' and 'int')
    with pytest.raises(TypeError) as raised:
        hfaug.augment(rows, Shout(), batch_size=batch_size)
    assert str(raised.value) == (
        f"hfaug.augment: batch_size must be a whole number of rows per batch, got {batch_size!r}; pass e.g. batch_size=1000"
    )


@pytest.mark.parametrize(
    ("data", "remedy"),
    [
        ([{"text": "a good film"}], r"datasets\.Dataset\.from_list\(rows\)"),
        ({"text": ["a good film"]}, r"datasets\.Dataset\.from_dict\(columns\)"),
        (pd.DataFrame({"text": ["a good film"]}), r"datasets\.Dataset\.from_pandas\(frame\)"),
        ("train.jsonl", r"load one with datasets\.load_dataset\(\.\.\.\)"),
        # what was said of these failed as written: from_pandas(series), from_list(texts)
        (pd.Series(["a good film"]), r"datasets\.Dataset\.from_pandas\(series\.to_frame\('text'\)\)"),
        (["a good film", "a bad film"], r"datasets\.Dataset\.from_dict\(\{'text': texts\}\)"),
        (np.array(["a good film"]), r"datasets\.Dataset\.from_dict\(\{'text': array\.tolist\(\)\}\)"),
        ((text for text in ["a good film"]), r"datasets\.Dataset\.from_generator\(function\)"),
    ],
    ids=["rows", "columns", "frame", "path", "series", "texts", "array", "generator"],
)
def test_data_that_is_no_dataset_is_refused_saying_how_to_make_one(data, remedy):
    with pytest.raises(
        TypeError,
        match=rf"^hfaug.augment needs a datasets.Dataset, DatasetDict, IterableDataset or IterableDatasetDict, "
        rf"got {type(data).__name__}; .*{remedy}",
    ):
        hfaug.augment(data, Shout())


def test_a_dict_of_splits_is_told_to_become_a_dataset_dict(rows):
    with pytest.raises(TypeError, match=r"got dict; make one with datasets\.DatasetDict\(splits\)$"):
        hfaug.augment({"train": rows}, Shout())


@pytest.fixture
def splits(rows) -> DatasetDict:
    return DatasetDict({"train": rows, "validation": rows})


def test_one_split_name_is_refused_saying_to_pass_a_list(splits):
    with pytest.raises(TypeError) as raised:
        hfaug.augment(splits, Shout(), splits="train")
    assert str(raised.value) == (
        "hfaug.augment: splits must be a list of split names, got 'train'; pass a list, e.g. splits=['train']"
    )


def test_an_unknown_split_is_named_with_the_splits_there_are(splits):
    with pytest.raises(ValueError) as raised:
        hfaug.augment(splits, Shout(), splits=["train", "tests"])
    assert str(raised.value) == (
        "hfaug.augment: the dataset has no split named 'tests'; it has splits ['train', 'validation']. "
        "Pass splits= among them"
    )


def test_a_set_of_augmenters_is_refused_as_unordered(rows):
    with pytest.raises(TypeError, match=r"^hfaug.augment: augmenters must be a list \(a set has no order"):
        hfaug.augment(rows, {"test.shout", "test.fragile"})


def test_no_augmenters_are_refused(rows):
    with pytest.raises(ValueError, match=r"^hfaug.augment: give at least one augmenter$"):
        hfaug.augment(rows, [])


@pytest.mark.parametrize(
    ("augmenters", "option", "example"),
    [
        ("synonym", {"on_error": "skip"}, r"hfaug\.Synonym\(on_error='skip'\)"),
        (["test.shout", "synonym"], {"p": 0.2}, r"Shout\(p=0\.2\)"),
        (hfaug.OneOf(["synonym", "test.shout"]), {"max_replacements": 2}, r"hfaug\.Synonym\(max_replacements=2\)"),
    ],
)
def test_an_augmenter_parameter_given_as_an_option_is_told_to_go_on_the_augmenter(rows, augmenters, option, example):
    name = next(iter(option))
    hint = rf"{name} is a parameter of the augmenter: set it there, e\.g\. {example}\."
    with pytest.raises(TypeError, match=rf"^hfaug.augment: unknown option {name}=\. {hint} It takes augmenters, "):
        hfaug.augment(rows, augmenters, **option)


@pytest.mark.parametrize(("mode", "composite"), [("one_of", "OneOf"), ("sequence", "Sequential")])
def test_on_error_given_as_an_option_with_several_augmenters_is_told_to_go_on_the_combination(rows, mode, composite):
    # it was told to go on the first augmenter (hfaug.Synonym(on_error='skip')), which then disagreed with the others
    with pytest.raises(TypeError) as caught:
        hfaug.augment(rows, ["synonym", "test.shout"], mode=mode, on_error="skip")
    assert str(caught.value).startswith(
        "hfaug.augment: unknown option on_error=. on_error applies to every copy of the combination: set it there, "
        f"e.g. hfaug.augment(ds, hfaug.{composite}([...], on_error='skip')). It takes augmenters, "
    )


def test_one_augmenter_makes_its_own_n_copies_unless_n_is_given(rows):
    aug = Shout(n=3, seed=1)
    assert hfaug.augment(rows, aug)[provenance.COPY] == [0, 1, 2, 3] * 2
    assert hfaug.augment(rows, aug, n=2)[provenance.COPY] == [0, 1, 2] * 2


def test_several_augmenters_make_one_copy_per_row_unless_n_is_given(rows):
    assert hfaug.augment(rows, [Shout(n=3), Shout(p=1.0, n=2)])[provenance.COPY] == [0, 1] * 2
    assert hfaug.augment(rows, [Shout(n=3), Shout(p=1.0)], n=2)[provenance.COPY] == [0, 1, 2] * 2


def test_held_out_splits_are_returned_as_they_are_unless_listed(rows):
    four = DatasetDict({"train": rows, "validation": rows, "test": rows, "dev": rows})
    out = hfaug.augment(four, Shout(seed=1), n=2)
    assert [name for name in out if out[name] is four[name]] == ["validation", "test", "dev"]
    listed = hfaug.augment(four, Shout(seed=1), n=2, splits=["validation"])
    assert [name for name in listed if listed[name] is four[name]] == ["train", "test", "dev"]


@pytest.mark.parametrize("option", ["new_fingerprint", "cache_file_name"])
def test_an_option_that_names_one_result_is_refused_for_several_splits(option, tmp_path):
    rows = Dataset.from_dict({"text": ["a good film", "a bad film"], "label": [1, 0]})
    splits = DatasetDict({"train": rows, "extra": rows.map(lambda row: {"text": row["text"].upper()})})
    value = "mine" if option == "new_fingerprint" else str(tmp_path / "out.arrow")
    with pytest.raises(ValueError, match=rf"^hfaug.augment: {option}= names the result of one map, but 2 splits are "
                       r"augmented \('train', 'extra'\), and each would get the first's rows; augment each split alone"):
        hfaug.augment(splits, hfaug.RandomSwap(seed=0), **{option: value})
    assert hfaug.augment(splits, hfaug.RandomSwap(seed=0), splits=["extra"], **{option: value})["extra"]["text"][0].isupper()


@pytest.mark.parametrize("streamed", [False, True])
def test_features_given_to_cast_a_column_keep_the_provenance_columns(rows, streamed):
    # datasets raised KeyError: 'hfaug_source_id' (a stream listed only the given columns in its features)
    features = Features({"text": Value("string"), "label": ClassLabel(names=["neg", "pos"])})
    out = hfaug.augment(rows.to_iterable_dataset() if streamed else rows, Shout(seed=1), features=features)
    assert out.features == output_features(features)
    assert [row["label"] for row in out] == [label for label in rows["label"] for _ in range(2)]
    if not streamed:  # no rows out: the same features
        assert hfaug.augment(rows.select([]), Shout(seed=1), features=features).features == output_features(features)


def splits_of_different_columns(rows: Dataset, streamed: bool) -> DatasetDict | IterableDatasetDict:
    """A labelled split with a ``meta`` column, and an unlabelled one of other texts without it."""
    unlabelled = Dataset.from_dict({"text": ["an honest story", "the plot is thin"]})
    splits = {"train": rows.add_column("meta", ["a", "b"]), "unsup": unlabelled}
    if streamed:
        return IterableDatasetDict({name: split.to_iterable_dataset() for name, split in splits.items()})
    return DatasetDict(splits)


@pytest.mark.parametrize("streamed", [False, True])
def test_a_split_without_the_column_is_refused_before_any_split_is_augmented(rows, streamed, monkeypatch):
    # the first split was augmented (all its work), then the other failed without saying which split it was
    splits = splits_of_different_columns(rows, streamed)
    splits["unsup"] = splits["unsup"].rename_column("text", "sentence")
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    with pytest.raises(ColumnError, match=r"^split 'unsup': test\.shout: column 'text' not found; the dataset has "
                       r"columns 'sentence'\..* Or leave the split out: splits=\['train'\]$"):
        hfaug.augment(splits, Shout(seed=1), splits=["train", "unsup"])


@pytest.mark.parametrize("streamed", [False, True])
def test_columns_to_remove_are_removed_from_the_splits_that_have_them(rows, streamed):
    # a split without the column raised the ValueError of `datasets`, after the splits before it were augmented
    out = hfaug.augment(splits_of_different_columns(rows, streamed), Shout(seed=1), remove_columns=["meta"],
                        splits=["train", "unsup"])
    assert list(out["train"].features) == ["text", "label", *PROVENANCE_COLUMNS]
    assert list(out["unsup"].features) == ["text", *PROVENANCE_COLUMNS]
    assert [row["text"] for row in out["unsup"]][::2] == ["an honest story", "the plot is thin"]


def test_a_column_to_remove_that_no_split_has_is_refused(rows, monkeypatch):
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    with pytest.raises(ValueError, match=r"^hfaug\.augment: remove_columns names 'mtea', which no split augmented has; "
                       r"they have columns 'text', 'label', 'meta'$"):
        hfaug.augment(splits_of_different_columns(rows, False), Shout(seed=1), remove_columns="mtea",
                      splits=["train", "unsup"])


@pytest.mark.parametrize("streamed", [False, True])
def test_a_column_to_remove_that_the_dataset_lacks_is_refused(rows, streamed, monkeypatch):
    # a stream left the misspelt column's namesake in the result, silently; a Dataset raised the error of `datasets`
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    with pytest.raises(ValueError, match=r"^hfaug\.augment: remove_columns names 'lable', which the dataset has not; "
                       r"it has columns 'text', 'label'$"):
        hfaug.augment(rows.to_iterable_dataset() if streamed else rows, Shout(seed=1), remove_columns=["lable"])
