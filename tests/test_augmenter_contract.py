"""The augmenter contract every augmenter inherits from :class:`hfaug.Augmenter`."""

from __future__ import annotations

import json
import logging
import os
import pickle
import random
import re
import threading

import numpy as np
import pyarrow as pa
import pytest
from datasets import Array3D, Dataset, DatasetDict, Features, concatenate_datasets, Image, IterableDataset, IterableDatasetDict, Json, List, Value, load_from_disk
from datasets import load_dataset
from datasets.table import InMemoryTable

import hfaug
from hfaug import TextAugmenter, provenance
from hfaug.errors import ColumnError
from hfaug.schema import output_features
from toy_augmenters import Fragile, NeedsPackage, PlainDefaults, ProcessId, SentenceSuffixed, Shout, Suffixed


def test_per_example_map_transforms_rows_in_place(sst2_small):
    out = sst2_small.map(Shout(seed=1))
    assert len(out) == len(sst2_small)
    assert out["label"] == sst2_small["label"]
    assert out[0]["text"] == (
        "A stirring , FUNNY and FINALLY transporting re-imagining OF beauty and the BEAST AND 1930s HORROR FILMS"
    )
    assert set(provenance.COLUMNS) <= set(out.column_names)
    assert out[0]["hfaug_augmenter"] == "test.shout"
    assert json.loads(out[0]["hfaug_params"]) == {"count": 9}


def test_batched_map_expands_copies_and_carries_columns(sst2_small):
    out = sst2_small.map(Shout(n=3, keep_original=True, seed=1), batched=True)
    assert len(out) == 4 * len(sst2_small)
    assert out["label"] == [label for label in sst2_small["label"] for _ in range(4)]
    assert out["hfaug_copy"][:8] == [0, 1, 2, 3, 0, 1, 2, 3]
    assert out["hfaug_augmenter"][:4] == ["original", "test.shout", "test.shout", "test.shout"]
    assert out["text"][0] == sst2_small["text"][0]
    assert len(set(out["hfaug_source_id"][:4])) == 1
    assert out["hfaug_source_id"][0] != out["hfaug_source_id"][4]


def test_copies_are_not_all_the_same(sst2_small):
    out = sst2_small.map(Shout(n=3, seed=1), batched=True)
    assert len(set(out["text"][:3])) == 3


def test_several_copies_need_batched_map(sst2_small):
    with pytest.raises(ValueError, match=r"^test.shout: n=2 changes the number of rows, which needs a batched map"):
        sst2_small.map(Shout(n=2))
    with pytest.raises(ValueError, match=r"^test.shout: keep_original=True and on_error='skip' change the number"):
        sst2_small.map(Shout(keep_original=True, on_error="skip"))


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
@pytest.mark.parametrize("num_proc", [1, 2])
def test_output_is_byte_identical_for_any_batch_size_and_num_proc(sst2_small, batch_size, num_proc):
    reference = sst2_small.map(Shout(n=2, keep_original=True, seed=5), batched=True, batch_size=1000)
    out = sst2_small.map(
        Shout(n=2, keep_original=True, seed=5), batched=True, batch_size=batch_size, num_proc=num_proc
    )
    assert out.data.table.equals(reference.data.table)


def test_source_ids_do_not_depend_on_batching_when_a_list_column_has_nulls():
    data = Dataset.from_dict(
        {"text": ["a b", "c d", "e f", "g h"], "tags": [None, ["x"], None, ["y", "z"]], "label": [0, 1, 0, 1]}
    )
    ids = {
        batch_size: data.map(Shout(seed=5), batched=True, batch_size=batch_size)["hfaug_source_id"]
        for batch_size in (1, 2, 3, 4)
    }
    assert ids[1] == ids[2] == ids[3] == ids[4]
    labelled = Dataset.from_dict({"text": ["a b"], "label": [0]}).map(Shout(seed=5), batched=True)
    assert ids[1][0] != labelled["hfaug_source_id"][0]  # the row's null tags are part of its id


def test_rows_do_not_depend_on_row_order(sst2_small):
    aug = Shout(n=2, seed=5)
    forward = sst2_small.map(aug, batched=True, batch_size=9)
    backward = sst2_small.select(range(len(sst2_small) - 1, -1, -1)).map(aug, batched=True, batch_size=4)

    def keyed(ds):
        return sorted(zip(ds["hfaug_source_id"], ds["hfaug_copy"], ds["text"]))

    assert keyed(forward) == keyed(backward)


def test_an_empty_dataset_gets_the_provenance_columns_too(sst2_small):
    empty = hfaug.augment(sst2_small.select([]), Shout(seed=1), n=2)
    assert empty.num_rows == 0
    assert empty.features == hfaug.augment(sst2_small.select(range(2)), Shout(seed=1), n=2).features


def test_a_dataset_whose_every_row_is_skipped_gets_the_provenance_columns_too():
    ds = Dataset.from_dict({"text": [None, "  ", None], "label": [0, 1, 0]})
    out = hfaug.augment(ds, Shout(on_error="skip"), n=2, keep_original=False)
    assert out.num_rows == 0
    assert out.features == output_features(ds.features)


def test_streaming_gives_the_same_rows_in_the_same_order(sst2_small):
    aug = Shout(n=2, keep_original=True, seed=5)
    mapped = hfaug.augment(sst2_small, aug, n=2, batch_size=16)
    streamed = hfaug.augment(sst2_small.to_iterable_dataset(num_shards=3), aug, n=2, batch_size=5)
    assert list(streamed) == mapped.to_list()


def test_seed_changes_the_output(sst2_small):
    first = sst2_small.map(Shout(seed=1))
    second = sst2_small.map(Shout(seed=2))
    assert first["text"] != second["text"]


def test_config_round_trips_through_the_registry():
    aug = Shout(p=0.25, n=3, seed=9, on_error="skip")
    rebuilt = hfaug.get("test.shout", **json.loads(json.dumps(aug.config())))
    assert rebuilt == aug
    assert rebuilt.config() == {
        "column": "text", "p": 0.25, "n": 3, "keep_original": False, "seed": 9, "on_error": "skip",
    }


def test_pickling_carries_only_the_config():
    aug = Shout(p=0.25)
    aug.calls = 12
    aug.heavy_model = object()  # lazily loaded state must never be serialised
    clone = pickle.loads(pickle.dumps(aug))
    assert clone == aug
    assert clone.calls == 0
    assert not hasattr(clone, "heavy_model")


@pytest.mark.parametrize(
    ("run", "where"),
    [
        (lambda ds: hfaug.augment(ds, Shout(seed=2)), "the dataset"),
        (lambda ds: ds.map(Shout(seed=2), batched=True), "this batch"),
    ],
    ids=["augment", "map"],
)
def test_rows_joined_to_augmented_ones_without_provenance_are_refused_naming_what_to_do(run, where):
    # concatenate_datasets filled their provenance with nulls: a bare TypeError deep in the map
    ds = Dataset.from_dict({"text": ["a b", "c d"]})
    joined = concatenate_datasets([ds, hfaug.augment(ds, Shout(seed=1))])
    with pytest.raises(ColumnError, match=rf"2 row\(s\) of {where} have no value in the provenance column 'hfaug_source_id'.*keep_original=True.*remove_columns\(\["):
        run(joined)


@pytest.mark.parametrize("as_splits", [False, True])
def test_rows_joined_after_augmented_ones_are_refused_before_any_work(as_splits, monkeypatch):
    # the batches of augmented rows before them were augmented first: all the work but the last batch
    ds = Dataset.from_dict({"text": ["a b", "c d"]})
    augmented = hfaug.augment(ds, Shout(seed=1))
    joined = concatenate_datasets([augmented, ds])
    monkeypatch.setattr(Shout, "augment_batch", lambda *args: pytest.fail("refused only after work started"))
    split = "split 'more': " if as_splits else ""
    with pytest.raises(ColumnError, match=rf"^{split}test\.shout: 2 row\(s\) of the dataset have no value in the provenance column 'hfaug_source_id'"):
        hfaug.augment(DatasetDict({"train": augmented, "more": joined}) if as_splits else joined, Shout(seed=2), batch_size=1)
    monkeypatch.undo()
    assert len(hfaug.augment(joined.select(range(4)), Shout(seed=2))) == 8  # only the rows selected count


def test_values_with_a_plain_equivalent_are_configured_and_recorded_as_plain_data():
    # a frozenset default was configured as it was: its order, so the version id, changed with PYTHONHASHSEED, and
    # writing the card failed after the work; NumPy numbers were recorded in hfaug_params as text ("2")
    aug = PlainDefaults()
    assert aug.config() == {
        "column": "text", "stopwords": ["a", "an", "the"], "mode": "words", "p": 0.5, "k": 2, "folder": "words",
        "n": 1, "keep_original": False, "seed": 0, "on_error": "keep",
    }
    assert json.loads(aug({"text": ["b a"]})["hfaug_params"][0]) == {"k": 2, "at": [0, 1], "words": ["a", "b"]}


def test_a_parameter_not_stored_under_its_name_is_named_with_what_to_do():
    class Renamed(TextAugmenter):
        def __init__(self, column="text", *, prob=0.5, n=1, keep_original=False, seed=0, on_error="keep"):
            super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
            self.p = prob

    with pytest.raises(AttributeError, match=r"^Renamed: the __init__ parameter prob is not stored under its own name.*self\.<name>"):
        Renamed().config()


def test_a_batch_built_of_a_datasets_column_is_augmented_as_one_of_lists():
    # ds["text"] (a lazy Column, not a list) was taken for one example: its copy kept it with an error
    ds = Dataset.from_dict({"text": ["a b c", "d e f"], "label": [0, 1]})
    assert Shout(seed=4, n=2)({"text": ds["text"], "label": ds["label"]}) == Shout(seed=4, n=2)(ds[:])


def test_an_augmenter_drawing_from_the_global_generators_is_warned_of_once(caplog):
    # its rows differed in every run, whatever the seed, and nothing said so
    class Numbered(TextAugmenter):
        def augment_batch(self, values, rngs):
            return [f"{text} {np.random.randint(10)}" for text in values]

    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.OneOf([Shout(seed=1)])({"text": ["a b"]})
        hfaug.OneOf([Numbered("text")])({"text": ["a b"]})  # a combination's child, named as itself
        hfaug.OneOf([Numbered("text", seed=2)])({"text": ["c d"]})
    assert [record.getMessage().split(";")[0] for record in caplog.records] == [
        "Numbered: augment_batch drew from Python's or NumPy's global random generator, so its rows differ in every "
        "run whatever the seed"
    ]


def test_another_threads_draws_from_the_global_generators_are_not_taken_for_the_augmenters(caplog):
    # a service's other request handlers drew meanwhile: a Synonym was warned of, once and for good
    started, drawn, done = threading.Event(), threading.Event(), threading.Event()

    class WaitsForADraw(Shout):
        name = "test.waits_for_a_draw"

        def augment_batch(self, values, rngs):
            started.set()
            assert drawn.wait(10)
            return super().augment_batch(values, rngs)

    def other_request():
        assert started.wait(10)
        random.random()
        drawn.set()
        done.wait(10)

    other = threading.Thread(target=other_request)
    other.start()
    try:
        with caplog.at_level(logging.WARNING, logger="hfaug"):
            assert WaitsForADraw(p=1.0)({"text": ["a b"]})["text"] == ["A B"]
    finally:
        done.set()
        other.join()
    assert caplog.records == []


def test_an_augmenter_without_the_base_parameters_is_told_to_take_them():
    # hfaug.augment said "unknown parameter 'keep_original'", which the user never passed
    class Minimal(TextAugmenter):
        def __init__(self, column="text", *, seed=0):
            super().__init__(column, seed=seed)

        def augment_batch(self, values, rngs):
            return [f"{text}!" for text in values]

    with pytest.raises(TypeError, match=r"^Minimal: Minimal.__init__ does not take keep_original, which the class it derives "
                       r"from takes and hfaug.augment.*super\(\).__init__\(\*\*kwargs\)$"):
        hfaug.augment(Dataset.from_dict({"text": ["a b"]}), Minimal())


def test_parameters_passed_on_as_kwargs_are_configured_and_pickled():
    # `def __init__(self, suffix="!", **kwargs): super().__init__(**kwargs)`: the config held only `suffix`, so a
    # num_proc map rebuilt each worker's copy with the default seed
    aug = Suffixed(suffix="?", column="sentence", p=0.7, seed=5)
    assert aug.config() == {"suffix": "?", "column": "sentence", "p": 0.7, "seed": 5}
    assert pickle.loads(pickle.dumps(aug)).config() == aug.config()
    ds = Dataset.from_dict({"sentence": [f"word {i} here" for i in range(8)]})
    assert ds.map(aug, num_proc=2)["sentence"] == ds.map(aug)["sentence"]
    fixed = SentenceSuffixed(seed=5)  # sets column itself: rebuilding must not pass it again
    assert fixed.config() == {"suffix": "!", "seed": 5}
    assert pickle.loads(pickle.dumps(fixed)) == fixed and fixed.replace(seed=6).column == "sentence"


def _saved(dataset: Dataset, path) -> Dataset:
    dataset.save_to_disk(str(path))
    return load_from_disk(str(path))


def test_same_config_hits_the_cache_and_a_new_seed_misses_it(sst2_small, tmp_path, caplog):
    ds = _saved(sst2_small, tmp_path / "src")
    with caplog.at_level(logging.INFO, logger="datasets"):
        first = ds.map(Shout(seed=1), batched=True)
        again = ds.map(Shout(seed=1), batched=True)
        other = ds.map(Shout(seed=2), batched=True)
        bigger = ds.map(Shout(seed=1, p=0.9), batched=True)
    assert first.cache_files == again.cache_files
    assert first._fingerprint == again._fingerprint
    assert other._fingerprint != first._fingerprint
    assert bigger._fingerprint not in (first._fingerprint, other._fingerprint)
    assert "couldn't be hashed properly" not in caplog.text


@pytest.mark.parametrize("bad", [None, "", "   \n\t"])
def test_bad_values_are_kept_with_the_error_recorded(bad):
    ds = Dataset.from_dict({"text": ["fine words here", bad], "id": [1, 2]})
    out = ds.map(Shout(n=2, seed=1), batched=True)
    assert out["text"][2:] == [bad, bad]
    assert out["id"] == [1, 1, 2, 2]
    assert out["hfaug_error"][:2] == ["", ""]
    assert all(error for error in out["hfaug_error"][2:])


def test_non_string_values_are_kept_with_the_error_recorded():
    # A mixed-type column cannot exist in Arrow: call the map function on a Python batch.
    out = Shout()({"text": ["fine words", 5], "id": [1, 2]})
    assert out["text"] == ["FINE WORDS", 5]
    assert out["hfaug_error"] == ["", "expected a string, got int"]


@pytest.mark.parametrize(("batched", "on_error"), [(True, "keep"), (False, "keep"), (True, "skip")])
def test_ds_map_on_a_column_of_the_wrong_type_fails_at_its_first_row(batched, on_error):
    ds = Dataset.from_dict({"text": ["fine words", "more words"], "label": [0, 1], "title": [None, None]})
    with pytest.raises(hfaug.ColumnError) as raised:
        ds.map(Shout(column="label", on_error=on_error), batched=batched)
    assert str(raised.value) == (
        "test.shout: column 'label' holds Value('int64'), not text. The dataset has columns 'text', 'label', 'title'; "
        "test.shout can augment 'text': pass column='text'."
    )
    with pytest.raises(hfaug.ColumnError, match=r"^test\.shout: column 'title' has no values, only nulls"):
        ds.map(Shout(column="title", on_error=on_error), batched=batched)
    ds.select([0]).map(Shout(column="text", on_error=on_error), batched=batched)


def test_ds_map_of_a_media_augmenter_on_a_column_of_another_kind_fails_before_any_row():
    # its values were each kept with an error ('cannot read the image file ...'), not refused as by hfaug.augment
    ds = Dataset.from_dict({"text": ["a fine film", "a dull one"], "label": [1, 0]})
    with pytest.raises(hfaug.ColumnError) as raised:
        ds.map(hfaug.ImageAugment(ops=["hflip"], column="text"), batched=True)
    assert str(raised.value) == (
        "image: column 'text' holds Value('string'), not images (one that holds them as files or bytes reads as such "
        "with ds.cast_column('text', datasets.Image())). The dataset has columns 'text', 'label', none of which image "
        "can augment."
    )


@pytest.mark.parametrize(
    ("augmenter", "cell", "feature"),
    [
        (hfaug.AudioAugment(ops=["gain"], column="clip"), {"array": [0.0, 0.5], "sampling_rate": 16000}, "Audio"),
        (hfaug.ImageAugment(ops=["hflip"], column="clip"), {"bytes": b"\x89PNG", "path": "a.png"}, "Image"),
    ],
    ids=["audio-arrays", "image-bytes"],
)
def test_augment_on_a_column_of_media_cells_tells_the_cast_and_no_advice_for_nested_fields(augmenter, cell, feature):
    # it said "none of which audio can augment", then told to copy a chat's first message into a column of its own
    ds = Dataset.from_dict({"clip": [cell], "label": [1]})
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(ds, augmenter)
    assert str(raised.value).endswith(
        f"ds.cast_column('clip', datasets.{feature}())). The dataset has columns 'clip', 'label', none of which "
        f"{augmenter.name} can augment before that cast."
    )


def test_a_text_augmenter_on_a_column_of_media_cells_gets_no_advice_for_nested_fields():
    ds = Dataset.from_dict({"clip": [{"array": [0.0, 0.5], "sampling_rate": 16000}], "text": ["fine words"]})
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(ds, Shout(column="clip"))
    assert str(raised.value).endswith(
        "not text. The dataset has columns 'clip', 'text'; test.shout can augment 'text': pass column='text'."
    )


@pytest.mark.parametrize(
    "feature", [Array3D((4, 4, 3), "uint8"), List(Image())], ids=["array3d", "list-of-images"]
)
def test_ds_map_of_an_image_augmenter_on_arrays_or_lists_of_images_fails_before_any_row(feature):
    # every row was kept with "expected an image ..., got list", and nothing said so
    ds = Dataset.from_dict({"image": [[]] if isinstance(feature, List) else [np.zeros((4, 4, 3), np.uint8).tolist()]})
    ds = ds.cast_column("image", feature)
    with pytest.raises(hfaug.ColumnError, match=rf"^image: column 'image' holds {re.escape(repr(feature))}, not images"):
        ds.map(hfaug.ImageAugment(ops=["hflip"]), batched=True)


def _rows_of_mixed_types():
    yield {"text": "fine words here", "label": 0}
    yield {"text": 42, "label": 1}
    yield {"text": "more words", "label": 0}


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_a_stream_value_of_another_type_is_kept_with_the_error_whatever_the_batch_size(batch_size):
    stream = IterableDataset.from_generator(_rows_of_mixed_types)  # no features: its values keep their own types
    out = list(stream.map(Shout(seed=1), batched=True, batch_size=batch_size))
    assert [row["hfaug_error"] for row in out] == ["", "expected a string, got int", ""]
    assert [row["text"] for row in out][1] == 42


def test_under_raise_a_bad_stored_file_is_named_by_its_whole_path(tmp_path):
    bad = tmp_path / "line_3" / "camera_B" / "train" / "scratch" / "IMG_20240412_101117.jpg"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"not an image")
    ds = Dataset.from_dict({"image": [{"bytes": None, "path": str(bad)}]}).cast_column("image", Image())
    with pytest.raises(hfaug.InvalidValue, match=rf"of row [0-9a-f]{{32}} \(file '{re.escape(str(bad))}'\): cannot decode"):
        hfaug.augment(ds, hfaug.ImageAugment(ops=["hflip"], on_error="raise"))


def test_under_raise_a_library_error_names_the_value_that_raised_it():
    ds = Dataset.from_dict({"text": ["abc", "a boom here", "xyz"]})
    with pytest.raises(RuntimeError, match="library exploded") as raised:
        ds.map(Fragile(on_error="raise"), batched=True)
    assert raised.value.__notes__ == [
        "test.fragile: raised while augmenting column 'text', value 'a boom here'; pass on_error='keep' to keep "
        "such rows unchanged with the error recorded"
    ]


def test_bad_values_can_be_skipped():
    ds = Dataset.from_dict({"text": ["fine words here", None, " "], "id": [1, 2, 3]})
    out = ds.map(Shout(n=2, on_error="skip"), batched=True)
    assert out["id"] == [1, 1]


def test_augment_logs_how_many_copies_were_left_out(caplog):
    ds = Dataset.from_dict({"text": ["fine words here", None, " ", "more words"]})
    with caplog.at_level(logging.INFO, logger="hfaug"):
        hfaug.augment(ds, Shout(on_error="skip"), n=2)
        hfaug.augment(ds, Shout(), n=2)
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug"] == [
        "hfaug.augment: test.shout left out 4 of 12 rows: copies skipped (on_error='skip': their row could not be "
        "augmented) or that could not differ from their source",
        "hfaug.augment: test.shout could not augment 4 of its 8 copies, from 2 of 4 source rows; they are kept as "
        "their source, with the reason in hfaug_error (most often, 2 times: the text is None)",
    ]


def test_the_warning_of_copies_not_augmented_counts_source_rows_and_names_the_split(caplog):
    # ten rows of None were counted as 1 source row (they share a source id), and the split was not named
    ds = Dataset.from_dict({"text": ["fine words here", *[None] * 10, "more words"]}, split="train")
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(ds, Shout(), n=2)
        hfaug.augment(ds, Shout(), n=2, keep_original=False)
    assert [record.getMessage().split("; they are kept")[0] for record in caplog.records if record.name == "hfaug"] == [
        "hfaug.augment: test.shout could not augment 20 of its 24 copies of split 'train', from 10 of 12 source rows",
        "hfaug.augment: test.shout could not augment 20 of its 24 copies of split 'train', from 1 of 12 source rows, "
        "counting rows of equal values once",
    ]


def test_the_warning_of_copies_not_augmented_names_the_split_of_a_hand_built_dataset_dict(caplog):
    # the splits of DatasetDict({...}) have no split of their own: the warnings did not say which split held the rows
    train = Dataset.from_dict({"text": ["fine words here", None, ""]})
    splits = DatasetDict({"train": train, "extra": Dataset.from_dict({"text": [None, "more words"]})})
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(splits, Shout(), n=1)
    assert [record.getMessage().split("; they are kept")[0] for record in caplog.records if record.name == "hfaug"] == [
        "hfaug.augment: test.shout could not augment 2 of its 3 copies of split 'train', from 2 of 3 source rows",
        "hfaug.augment: test.shout could not augment 1 of its 2 copies of split 'extra', from 1 of 2 source rows",
    ]


def test_augment_logs_how_many_copies_could_not_differ(caplog):
    ds = Dataset.from_dict({"text": ["ok", "the cat sat on the mat"]})  # one word: nothing to swap
    with caplog.at_level(logging.INFO, logger="hfaug"):
        hfaug.augment(ds, hfaug.RandomSwap(), n=2, keep_original=False)
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug"] == [
        "hfaug.augment: eda.swap left out 2 of 4 rows: copies that could not differ from their source"
    ]
    splits = DatasetDict({"train": ds, "extra": Dataset.from_dict({"text": ["ok", "ok"]})})
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="hfaug"):
        hfaug.augment(splits, hfaug.RandomSwap(), n=2, keep_original=False)
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug"] == [
        "hfaug.augment: eda.swap left out 2 of 4 rows of split 'train': copies that could not differ from their source",
        "hfaug.augment: eda.swap left out 4 of 4 rows of split 'extra': copies that could not differ from their source",
    ]


def test_bad_values_can_raise_with_a_clear_message():
    ds = Dataset.from_dict({"text": ["fine words here", None]})
    with pytest.raises(hfaug.InvalidValue, match=r"of row [0-9a-f]{32} \(value None\): the text is None.*on_error='keep'"):
        ds.map(Shout(on_error="raise"), batched=True)
    long_blank = Dataset.from_dict({"text": ["fine words here", " " * 100]})
    with pytest.raises(hfaug.InvalidValue, match=r"of row [0-9a-f]{32} \(value '\s{12}\.\.\.\s{13}'\): the text is empty"):
        long_blank.map(Shout(on_error="raise"), batched=True)


def test_a_library_crash_only_affects_its_own_rows():
    ds = Dataset.from_dict({"text": ["abc", "a boom here", "xyz"]})
    out = ds.map(Fragile(), batched=True)
    assert out["text"] == ["cba", "a boom here", "zyx"]
    assert out["hfaug_error"] == ["", "RuntimeError: library exploded in <Parser>", ""]  # no address: deterministic
    with pytest.raises(RuntimeError, match="library exploded"):
        ds.map(Fragile(on_error="raise"), batched=True)


def test_a_missing_package_stops_the_map_with_one_error_instead_of_an_error_per_row():
    ds = Dataset.from_dict({"text": ["abc", "xyz"]})
    with pytest.raises(hfaug.MissingDependency, match=r"^test.needs_package needs a package that is not installed "
                       r"\(ModuleNotFoundError: No module named 'hfaug_test_package_not_installed'\); install it in this "
                       r"environment and run again\.$"):
        ds.map(NeedsPackage(), batched=True)


def test_texts_of_any_script_and_size_do_not_crash():
    texts = ["😀 emoji only 🎉", "漢字のテキスト です", "שלום עולם مرحبا", "word " * 20_000]
    out = Dataset.from_dict({"text": texts}).map(Shout(seed=3), batched=True)
    assert out["hfaug_error"] == [""] * 4
    assert [len(text) for text in out["text"]] == [len(text) for text in texts]


def test_a_wrong_column_fails_before_any_work_and_names_the_columns(sst2_small):
    aug = Shout(column="sentence")
    with pytest.raises(hfaug.ColumnError, match=r"column 'sentence' not found.*'text', 'label'"):
        hfaug.augment(sst2_small, aug, n=2)
    assert aug.calls == 0


def test_an_example_whose_column_holds_a_list_is_refused_with_a_clear_error():
    ds = Dataset.from_dict({"text": [["a", "good", "movie"], ["bad", "film", "here"]], "label": [1, 0]})
    message = (
        r"^test.shout: column 'text' holds a list of 3 items in one example, not a value to augment \(pass batched=True "
        r"if this was meant as a batch\)\. To augment its tokens as a text, join them"
    )
    with pytest.raises(hfaug.ColumnError, match=message):
        Shout()({"text": ["a", "good", "movie"], "label": 1})
    with pytest.raises(hfaug.ColumnError) as raised:  # Dataset.map tells its features: a list column, no batch
        ds.map(Shout())
    assert str(raised.value).startswith(
        "test.shout: column 'text' holds List(Value('string')), not text. The dataset has columns 'text', 'label', none "
        "of which test.shout can augment. To augment its tokens as a text, join them"
    )


@pytest.mark.parametrize("on_error", ["keep", "skip"])
@pytest.mark.parametrize(
    "columns",
    [{"tokens": [["the", "film", "was", "good"]], "ner_tags": [[0, 0, 0, 0]]}, {"tokens": [["the", "film", "was", "good"]]}],
    ids=["with-tags", "alone"],
)
def test_an_example_whose_every_column_holds_a_list_of_one_length_is_refused_too(columns, on_error):
    message = (
        r"^test.shout: column 'tokens' holds List\(Value\('string'\)\), not text\. The dataset has columns .*"
        r"To augment its tokens as a text, join them"
    )
    with pytest.raises(hfaug.ColumnError, match=message):
        Dataset.from_dict(columns).map(Shout(column="tokens", on_error=on_error))


def test_a_column_of_the_wrong_type_fails_before_any_work(sst2_small):
    with pytest.raises(
        hfaug.ColumnError,
        match=r"column 'label' holds .*int64.*not text\. The dataset has columns 'text', 'label'; test\.shout can augment "
        r"'text': pass column='text'\.$",
    ):
        hfaug.augment(sst2_small, Shout(column="label"))


def test_texts_among_other_values_are_refused_naming_the_rows_of_the_others(tmp_path):
    # datasets types such a column Json: the error named that type, which does not lead to the rows
    rows = [{"text": "a fine text"}, {"text": 5}, {"text": None}, {"text": "more"}, *[{"text": [number]} for number in range(3)]]
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    ds = load_dataset("json", data_files=str(tmp_path / "mixed.jsonl"), split="train")
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(ds, Shout())
    assert str(raised.value) == (
        "test.shout: column 'text' holds texts but, in 4 of 7 rows, other values, so datasets typed it "
        "Json(decode=True) (row index 1: 5 (int), row index 4: [0] (list), row index 5: [1] (list), and 1 more); fix "
        'those rows in the data (quote a value meant as text, e.g. "5" for 5, or drop the row) and load it again'
    )


def test_texts_among_other_values_of_a_stream_are_refused_saying_what_to_do(tmp_path):
    # the error named the type Json and no way out
    rows = [{"text": "a fine text"}, {"text": 5}, {"text": "more"}]
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    stream = load_dataset("json", data_files=str(tmp_path / "mixed.jsonl"), split="train", streaming=True)
    with pytest.raises(hfaug.ColumnError) as raised:
        hfaug.augment(stream, Shout())
    assert str(raised.value) == (
        "test.shout: column 'text' holds Json(decode=True), not text: datasets types a column so when its values are "
        "of several types, such as a number among texts in a JSON Lines file. Fix the rows that are not text in the "
        'data (quote a value meant as text, e.g. "5" for 5, or drop the row) and load it again; hfaug.augment names '
        "them in the data loaded without streaming. The dataset has columns 'text', none of which test.shout can "
        "augment."
    )


def test_a_column_of_the_wrong_type_names_every_column_that_fits_or_none():
    dataset = Dataset.from_dict({"label": [1], "text": ["a"], "title": ["b"], "score": [0.5]})
    with pytest.raises(hfaug.ColumnError, match=r"test\.shout can augment 'text', 'title': pass column='text' \(or another of them\)\.$"):
        hfaug.augment(dataset, Shout(column="label"))
    with pytest.raises(hfaug.ColumnError, match=r"has columns 'label', 'score', none of which test\.shout can augment\.$"):
        hfaug.augment(dataset.select_columns(["label", "score"]), Shout(column="label"))


@pytest.mark.parametrize(
    "apply", [lambda ds, aug: hfaug.augment(ds, aug, n=2), lambda ds, aug: ds.map(aug, batched=True)], ids=["augment", "map"]
)
def test_augmenting_rows_that_kept_only_some_provenance_columns_is_refused(sst2_small, apply):
    once = hfaug.augment(sst2_small.select(range(4)), Shout(seed=1), n=1)
    slim = once.remove_columns([provenance.COPY, provenance.PARAMS])
    with pytest.raises(ColumnError) as caught:
        apply(slim, Fragile())
    assert str(caught.value) == (
        "test.fragile: the dataset has the provenance column 'hfaug_augmenter' but not 'hfaug_copy', 'hfaug_params', "
        "which augmenting augmented rows reads to name and number the copies of copies. Keep them, or remove the "
        "other provenance columns too to augment the rows as new originals: "
        "ds.remove_columns(['hfaug_source_id', 'hfaug_augmenter', 'hfaug_error'])."
    )


def test_rows_that_dropped_their_error_and_source_id_columns_are_augmented_again(sst2_small):
    once = hfaug.augment(sst2_small.select(range(2)), Shout(seed=1), n=1)
    twice = hfaug.augment(once.remove_columns([provenance.ERROR, provenance.SOURCE_ID]), Shout(seed=2), n=1)
    assert twice[provenance.COPY] == [0, 1, 2, 3] * 2  # the copy kept (1 × 2) and its copy (1 × 2 + 1)
    assert twice[provenance.AUGMENTER] == ["original", "test.shout", "test.shout", "test.shout>test.shout"] * 2


@pytest.mark.parametrize(
    "apply", [lambda ds, aug: hfaug.augment(ds, aug, n=1), lambda ds, aug: ds.map(aug, batched=True)], ids=["augment", "map"]
)
def test_augmenting_rows_that_kept_their_source_id_but_not_their_copy_number_is_refused(sst2_small, apply):
    once = hfaug.augment(sst2_small.select(range(2)), Shout(seed=1), n=1)
    with pytest.raises(ColumnError) as caught:
        apply(once.select_columns(["text", provenance.SOURCE_ID]), Fragile())
    assert str(caught.value) == (
        "test.fragile: the dataset has the provenance column 'hfaug_source_id' but not 'hfaug_copy', which tells "
        "an original (0) from its copies (1..n) among the rows that share a source id; augmented again, they would "
        "all count as originals of one source. Keep 'hfaug_copy' too, or remove 'hfaug_source_id' to augment the "
        "rows as new originals: ds.remove_columns(['hfaug_source_id'])."
    )


def test_a_column_named_like_a_provenance_column_but_of_another_type_is_refused():
    ds = Dataset.from_dict({"text": ["a quiet film", "loud and long"], "hfaug_copy": ["a", "b"]})
    with pytest.raises(ColumnError) as caught:
        hfaug.augment(ds, Shout(), n=1)
    assert str(caught.value) == (
        "test.shout: columns named like provenance columns hold other types ('hfaug_copy' holds Value('string'), "
        "not Value('int64')); the names hfaug_source_id, hfaug_augmenter, hfaug_copy, hfaug_params, hfaug_error are "
        "reserved for provenance. Rename them: ds.rename_columns({'hfaug_copy': NEW_NAME})."
    )


@pytest.mark.parametrize(
    "apply",
    [
        lambda ds: ds.map(Shout()),
        lambda ds: ds.map(Shout(), batched=True),
        lambda ds: ds.map(Shout(n=2, keep_original=True), batched=True),
        lambda ds: list(ds.to_iterable_dataset().map(Shout(), batched=True)),
    ],
    ids=["map", "batched", "batched-copies", "streamed"],
)
def test_ds_map_refuses_a_column_named_like_a_provenance_column_but_of_another_type(apply):
    ds = Dataset.from_dict({"text": ["a quiet film", "loud and long"], "hfaug_copy": ["a", "b"]})
    with pytest.raises(ColumnError) as caught:
        apply(ds)
    assert str(caught.value) == (
        "test.shout: columns named like provenance columns hold other types ('hfaug_copy' holds Value('string'), "
        "not Value('int64')); the names hfaug_source_id, hfaug_augmenter, hfaug_copy, hfaug_params, hfaug_error are "
        "reserved for provenance. Rename them: ds.rename_columns({'hfaug_copy': NEW_NAME})."
    )


def test_provenance_columns_of_other_string_and_integer_types_are_augmented_again(sst2_small):
    once = hfaug.augment(sst2_small.select(range(4)), Shout(seed=1), n=1)
    narrow = once.cast_column(provenance.COPY, Value("int32")).cast_column(provenance.PARAMS, Value("large_string"))
    assert hfaug.augment(narrow, Fragile(), n=1)[provenance.COPY] == hfaug.augment(once, Fragile(), n=1)[provenance.COPY]


def test_invalid_parameters_are_rejected_at_construction():
    with pytest.raises(ValueError, match="on_error must be one of"):
        Shout(on_error="ignore")
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        Shout(n=0)


@pytest.mark.parametrize("seed", [-1, 2**64])
def test_a_seed_outside_64_bits_is_refused_with_the_range(seed):
    with pytest.raises(ValueError) as caught:
        Shout(seed=seed)
    assert str(caught.value) == f"test.shout: seed must be an integer from 0 to 18446744073709551615, got {seed}"


def test_the_largest_seed_augments():
    synonym = hfaug.Synonym(p=1.0, seed=2**64 - 1, on_error="raise")  # draws through RowRandomness.uniforms
    assert synonym({"text": ["a good movie"]})["text"] != ["a good movie"]


@pytest.mark.parametrize("value", ["false", "no", 0, None])
def test_keep_original_must_be_true_or_false(value):
    with pytest.raises(ValueError) as caught:
        Shout(keep_original=value)
    assert str(caught.value) == f"test.shout: keep_original must be True or False, got {value!r}"


def test_numpy_booleans_are_taken_as_plain_booleans():
    assert Shout(keep_original=np.array([True])[0]).config()["keep_original"] is True


def test_numpy_integers_are_taken_as_plain_integers():
    aug = Shout(n=np.int64(2), seed=np.int64(3))
    assert (type(aug.n), type(aug.seed)) == (int, int)
    assert json.loads(json.dumps(aug.config())) == aug.config() == {
        "column": "text", "p": 0.5, "n": 2, "keep_original": False, "seed": 3, "on_error": "keep",
    }


@pytest.mark.parametrize(
    ("build", "plain"),
    [
        (lambda number: hfaug.ImageAugment(ops=[{"op": "hflip", "p": number(0.5)}]).config()["ops"][0]["p"], 0.5),
        (lambda number: hfaug.ImageAugment(ops=["hflip"], quality=number(90)).config()["quality"], 90),
        (lambda number: hfaug.AudioAugment(ops=["gain"], sampling_rate=number(16000)).config()["sampling_rate"], 16000),
        (lambda number: hfaug.filters.get("duplicates", near=number(0.5)).config()["near"], 0.5),
        (lambda number: hfaug.filters.get("length_ratio", max_ratio=number(3)).config()["max_ratio"], 3.0),
        (lambda number: hfaug.filters.get("semantic_similarity", batch_size=number(8)).config()["batch_size"], 8),
        (lambda number: hfaug.filters.get("label_consistency", folds=number(3)).config()["folds"], 3),
        (lambda number: hfaug.BackTranslate(num_beams=number(2)).num_beams, 2),
        (lambda number: hfaug.Recipe(column="text", augmenters=["synonym"], n=number(2)).n, 2),
    ],
    ids=["media op p", "image quality", "audio sampling_rate", "near", "max_ratio", "batch_size", "folds", "num_beams", "recipe n"],
)
def test_numpy_numbers_are_taken_as_plain_numbers_everywhere(build, plain):
    # refused outside the text augmenters: "p must be a number in [0, 1], got np.float32(0.5)"
    number = np.float32 if isinstance(plain, float) else np.int64
    taken = build(number)
    assert (taken, type(taken)) == (plain, type(plain))


def test_numpy_arrays_of_numbers_are_taken_as_lists_and_nothing_else_is_converted():
    recipe = hfaug.Recipe(column="text", augmenters=["synonym", "eda.swap"], weights=np.array([1.0, 3.0]))
    assert recipe.weights == (0.25, 0.75)
    op = hfaug.ImageAugment(ops=[{"op": "random_resized_crop", "size": np.array([32, 32])}]).config()["ops"][0]
    assert op["size"] == [32, 32]
    with pytest.raises(hfaug.RecipeError, match=r"field 'augmenters' expects list, got .* \(set\)"):
        hfaug.Recipe(column="text", augmenters={"synonym", "eda.swap"})  # unordered: refused, not sorted


def test_a_whole_number_for_a_fraction_is_one_configuration_with_its_float():
    # 0 and 0.0 gave two configurations, so two version ids
    assert hfaug.AudioAugment(ops=["gain"], max_clipped_fraction=0) == hfaug.AudioAugment(ops=["gain"], max_clipped_fraction=0.0)


@pytest.mark.parametrize(
    ("build", "shown"),
    [(hfaug.Synonym, "hfaug.Synonym() or the ready instance hfaug.synonym"), (Shout, "Shout()")],
    ids=["hfaug", "own"],
)
@pytest.mark.parametrize("batched", [False, True])
def test_the_class_given_instead_of_an_instance_says_to_build_one(build, shown, batched):
    ds = Dataset.from_dict({"text": ["the film was good"], "label": [1]})
    with pytest.raises(TypeError) as caught:
        ds.map(build, batched=batched)
    assert str(caught.value) == (
        f"{build.name}: column must be a column name, got a row (or batch) of the columns 'text', 'label': Dataset.map "
        f"was given the class itself, not an augmenter, and called it with the data. Pass an instance: {shown}."
    )


@pytest.mark.parametrize(
    "options",
    [
        {"batched": True, "with_indices": True},
        {"batched": True, "input_columns": ["text", "label"]},
        {"fn_kwargs": {"p": 0.9}},
        {"batched": True, "with_indices": True, "with_rank": True},
    ],
    ids=["with_indices", "two-input_columns", "fn_kwargs", "indices-and-rank"],
)
def test_map_options_that_pass_more_or_less_than_whole_rows_are_refused(options):
    ds = Dataset.from_dict({"text": ["the film was good", "a bad movie"], "label": [1, 0]})
    with pytest.raises(TypeError) as caught:
        ds.map(Shout(), **options)
    assert str(caught.value) == (
        "test.shout: an augmenter takes whole rows (or batches of them) and, with with_rank=True, the rank; it "
        "cannot take with_indices, input_columns or fn_kwargs. Map it without them: it reads column 'text' (build it "
        "with column=... to read another) and takes its parameters when built."
    )


class Miscounting(TextAugmenter):
    """Breaks the contract: returns one value too few."""

    name = "test.miscounting"

    def augment_batch(self, values, rngs):
        return [text.upper() for text in values][:-1]


class ReturnsNothing(TextAugmenter):
    """Breaks the contract: returns nothing."""

    name = "test.returns_nothing"

    def augment_batch(self, values, rngs):
        return None


@pytest.mark.parametrize(
    ("augmenter", "returned"), [(Miscounting("text"), "2 items"), (ReturnsNothing("text"), "None")], ids=["count", "none"]
)
@pytest.mark.parametrize("on_error", ["keep", "skip"])
def test_an_augment_batch_that_breaks_the_contract_stops_the_map_at_once(augmenter, returned, on_error):
    ds = Dataset.from_dict({"text": ["the film was good", "a bad movie", "what a great day"]})
    with pytest.raises(hfaug.HfaugError) as caught:
        ds.map(augmenter.replace(on_error=on_error), batched=True)
    assert str(caught.value) == (
        f"{augmenter.name}.augment_batch returned {returned} for 3 values; it must return a list of one result per "
        f"value, in order (the augmented value or an hfaug.Augmented). Fix {type(augmenter).__qualname__}.augment_batch."
    )


def test_augment_with_one_process_runs_in_this_process(sst2_small):
    out = hfaug.augment(sst2_small, ProcessId(), keep_original=False, num_proc=1, load_from_cache_file=False)
    assert set(out["text"]) == {str(os.getpid())}  # not an earlier run's pid, from a kept HF_DATASETS_CACHE


def test_augment_with_two_processes_maps_the_second_half_in_another_process(sst2_small):
    out = hfaug.augment(sst2_small, ProcessId(), keep_original=False, num_proc=2, load_from_cache_file=False)
    half = len(sst2_small) // 2
    assert set(out["text"][:half]) == {str(os.getpid())}
    assert len(set(out["text"][half:]) - {str(os.getpid())}) == 1


def test_augment_removes_remove_columns_before_the_map(sst2_small):
    ds = sst2_small.add_column("extra", list(range(len(sst2_small))))
    out = hfaug.augment(ds, Shout(seed=1), n=2, remove_columns=["extra"])
    assert out.column_names == ["text", "label", *provenance.COLUMNS]
    assert out["text"] == hfaug.augment(sst2_small, Shout(seed=1), n=2)["text"]
    with pytest.raises(ValueError, match="remove_columns names 'text', the column being augmented; remove it from"):
        hfaug.augment(ds, Shout(), remove_columns="text")


@pytest.mark.parametrize("splits", [False, True])
def test_output_is_refused_without_the_ray_engine(sst2_small, tmp_path, splits):
    data = DatasetDict({"train": sst2_small}) if splits else sst2_small
    with pytest.raises(TypeError, match=r"output= is an option of engine='ray'.*hfaug.write_parquet_shards"):
        hfaug.augment(data, Shout(), output=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_options_of_the_ray_engine_are_refused_without_it(sst2_small):
    with pytest.raises(TypeError, match=r"^hfaug.augment: concurrency= is an option of engine='ray'; pass engine="):
        hfaug.augment(sst2_small, Shout(), concurrency=2)
    with pytest.raises(TypeError, match=r"^hfaug.augment: num_gpus=, preserve_order= are options of engine='ray'"):
        hfaug.augment(sst2_small, Shout(), num_gpus=1, preserve_order=False)


@pytest.mark.parametrize(
    "option, hint",
    [
        ("num_procs", "Did you mean 'num_proc'?"),
        ("keep_originals", "Did you mean 'keep_original'?"),
        ("weights", "Weights belong to the combination: hfaug.augment(ds, hfaug.OneOf([...], weights=[...]))."),
    ],
)
@pytest.mark.parametrize("streamed", [False, True])
def test_an_unknown_option_is_refused_before_any_work_with_the_closest(sst2_small, option, hint, streamed):
    data = DatasetDict({"train": sst2_small, "test": sst2_small})
    if streamed:
        data = IterableDatasetDict({name: split.to_iterable_dataset() for name, split in data.items()})
    with pytest.raises(TypeError) as caught:
        hfaug.augment(data, [Shout(), Fragile()], **{option: 2})
    mapper = "IterableDataset.map" if streamed else "Dataset.map"
    assert str(caught.value).startswith(f"hfaug.augment: unknown option {option}=. {hint} It takes augmenters, n, ")
    assert f"and the options of {mapper}: " in str(caught.value)
    assert "batched, batch_size, drop_last_batch, " in str(caught.value)


def test_a_stream_takes_the_options_a_dataset_takes_where_they_apply(sst2_small):
    stream = sst2_small.select(range(3)).to_iterable_dataset()
    out = hfaug.augment(stream, Shout(seed=1), num_proc=1, desc="shouting")
    assert len(list(out)) == 6


def test_augment_column_sets_the_column_every_augmenter_reads(sst2_small):
    ds = sst2_small.rename_column("text", "sentence")
    one = hfaug.augment(ds, "test.shout", n=2, seed=1, column="sentence")
    assert one["sentence"] == hfaug.augment(sst2_small, Shout(seed=1), n=2)["text"]
    several = hfaug.augment(ds, [Shout(p=1.0), Fragile()], n=2, seed=3, column="sentence")
    assert several["sentence"] == hfaug.augment(sst2_small, [Shout(p=1.0), Fragile()], n=2, seed=3)["text"]
    assert several.column_names == ["sentence", "label", *provenance.COLUMNS]


def test_augment_leaves_test_splits_alone(sst2_small):
    dd = DatasetDict({"train": sst2_small, "test": sst2_small.select(range(5))})
    out = hfaug.augment(dd, Shout(seed=1), n=2)
    assert len(out["train"]) == 3 * len(sst2_small)
    assert out["test"].to_list() == dd["test"].to_list()


@pytest.mark.parametrize("format_type", ["numpy", "torch", "pandas", "arrow"])
def test_a_formatted_dataset_is_augmented_as_its_rows_and_keeps_its_format(sst2_small, format_type):
    rows = sst2_small.select(range(20))
    out = hfaug.augment(rows.with_format(format_type), Shout(seed=1), n=2)
    assert out.format["type"] == format_type
    assert out.with_format(None).to_list() == hfaug.augment(rows, Shout(seed=1), n=2).to_list()


@pytest.mark.parametrize("format_type", ["numpy", "torch", "pandas", "arrow"])
@pytest.mark.parametrize("batched", [True, False])
def test_ds_map_on_a_formatted_dataset_says_to_augment_it_unformatted(sst2_small, format_type, batched):
    rows = sst2_small.select(range(4)).with_format(format_type)
    with pytest.raises(ColumnError, match=r"test.shout: got a .+, as Dataset.map passes the rows of a dataset "
                       r"formatted with with_format/set_format; .+ Use hfaug.augment\(ds, aug, ...\)"):
        rows.map(Shout(seed=1), batched=batched)


def test_after_a_library_error_each_row_is_tried_again_with_all_its_copies(monkeypatch):
    calls = []
    real = Fragile.augment_batch

    def recording(self, values, rngs):
        calls.append(list(values))
        return real(self, values, rngs)

    monkeypatch.setattr(Fragile, "augment_batch", recording)
    out = Dataset.from_dict({"text": ["ab", "boom", "cd"]}).map(Fragile(n=2), batched=True)
    assert calls == [
        ["ab", "ab", "boom", "boom", "cd", "cd"],
        ["ab", "ab"],
        ["boom", "boom"],
        ["boom"],
        ["boom"],
        ["cd", "cd"],
    ]
    assert out["text"] == ["ba", "ba", "boom", "boom", "dc", "dc"]


def test_a_copy_that_cannot_differ_is_no_error_even_with_on_error_raise():
    rows = Dataset.from_dict({"text": ["hello", "the cat sat on the mat"]})
    out = rows.map(hfaug.RandomSwap(seed=1, on_error="raise"), batched=True)
    assert out["text"][0] == "hello"
    assert out["hfaug_error"] == ["dropped: fewer than two words can be swapped", ""]
    otf = rows.with_transform(hfaug.OnTheFly(hfaug.RandomSwap(seed=1, on_error="raise")))
    assert otf[:]["text"][0] == "hello"


def test_one_of_draws_an_augmenter_per_copy(sst2_small):
    out = hfaug.augment(sst2_small, [Shout(p=1.0), Fragile()], n=4, keep_original=False, seed=3)
    names = set(out["hfaug_augmenter"])
    assert names == {"test.shout", "test.fragile"}
    shouted = [text for text, name in zip(out["text"], out["hfaug_augmenter"]) if name == "test.shout"]
    assert shouted and all(text == text.upper() for text in shouted)


@pytest.mark.parametrize("weights", [[float("nan"), 1], [float("inf"), 1], ["1", 1], [-1, 2], [0, 0], [1], [True, 1], "12"])
def test_one_of_refuses_weights_it_cannot_draw_with_when_built(weights):
    with pytest.raises(ValueError) as caught:
        hfaug.OneOf([Shout(), Fragile()], weights=weights)
    assert str(caught.value) == f"one_of: weights must be 2 finite numbers >= 0, one per augmenter and not all 0, got {weights!r}"


@pytest.mark.parametrize("mode", ["one_of", "sequence"])
def test_augmenters_that_disagree_on_errors_are_refused(sst2_small, mode):
    with pytest.raises(ValueError) as caught:
        hfaug.augment(sst2_small, [Shout(), Fragile(on_error="raise")], n=2, mode=mode)
    assert str(caught.value) == (
        "hfaug.augment: the augmenters disagree on on_error (test.shout: 'keep', test.fragile: 'raise'); one setting "
        "applies to every copy of a combination, so build them with the same on_error, or give the combination its "
        f"own: hfaug.augment(ds, hfaug.{'OneOf' if mode == 'one_of' else 'Sequential'}([...], on_error='keep'))"
    )


@pytest.mark.parametrize("augmenters", [[Shout()], [Shout(), Fragile()]], ids=["one", "several"])
def test_an_unknown_mode_is_refused(sst2_small, augmenters):
    with pytest.raises(ValueError, match=r"^hfaug.augment: mode must be 'one_of' or 'sequence', got 'sequential'$"):
        hfaug.augment(sst2_small, augmenters, mode="sequential")


@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
def test_a_composite_takes_the_on_error_of_its_augmenters(composite):
    ds = Dataset.from_dict({"text": ["fine text here", "boom goes the text"]})
    assert composite([Fragile(on_error="skip"), Shout(on_error="skip")]).on_error == "skip"
    with pytest.raises(RuntimeError, match="library exploded"):
        ds.map(composite([Fragile(on_error="raise")]), batched=True)


@pytest.mark.parametrize("composite", [hfaug.OneOf, hfaug.Sequential])
def test_a_composite_of_augmenters_that_disagree_on_errors_is_refused_unless_given_one(composite):
    with pytest.raises(ValueError) as caught:
        composite([Shout(), Fragile(on_error="raise")])
    assert str(caught.value) == (
        f"{composite.name}: the augmenters disagree on on_error (test.shout: 'keep', test.fragile: 'raise'); one "
        "setting applies to every copy of a combination, so build them with the same on_error, or give the "
        f"combination its own: hfaug.{composite.__name__}([...], on_error='keep')"
    )
    assert composite([Shout(), Fragile(on_error="raise")], on_error="skip").on_error == "skip"


def test_sequence_applies_every_augmenter_in_order():
    ds = Dataset.from_dict({"text": ["ab cd"]})
    out = hfaug.augment(ds, [Shout(p=1.0), Fragile()], mode="sequence", keep_original=False)
    assert out["text"] == ["DC BA"]
    assert out["hfaug_augmenter"] == ["test.shout+test.fragile"]
    assert json.loads(out["hfaug_params"][0]) == {"steps": [{"count": 2}, {}]}


def test_a_sequence_step_with_nothing_to_change_hands_the_text_to_the_next_step():
    ds = Dataset.from_dict({"text": ["ok"]})  # one word: nothing for eda.swap to swap
    out = ds.map(hfaug.Sequential([hfaug.get("eda.swap"), Shout(p=1.0)]), batched=True)
    assert out.to_list() == [
        {
            "text": "OK",
            "hfaug_source_id": out["hfaug_source_id"][0],
            "hfaug_augmenter": "test.shout",
            "hfaug_copy": 1,
            "hfaug_params": '{"steps": [{"count": 1}]}',
            "hfaug_error": "",
        }
    ]


def test_a_sequence_in_which_no_step_changes_the_text_says_why_for_each():
    ds = Dataset.from_dict({"text": ["ok"]})
    out = ds.map(hfaug.Sequential([hfaug.get("eda.swap"), hfaug.get("eda.delete")]), batched=True)
    assert (out["text"], out["hfaug_augmenter"]) == (["ok"], ["sequence"])
    assert out["hfaug_error"] == [
        "dropped: eda.swap: fewer than two words can be swapped; "
        "eda.delete: the text has no word that can be deleted without deleting every word"
    ]


def test_a_copy_of_a_copy_records_both_steps_and_a_copy_number_of_its_own(sst2_small):
    once = sst2_small.map(Shout(n=2, seed=1), batched=True)
    twice = once.map(Shout(n=3, seed=2), batched=True)
    chained = [row for row in twice if row["hfaug_source_id"] == once[0]["hfaug_source_id"]]
    assert [row["hfaug_copy"] for row in chained] == [4, 5, 6, 7, 8, 9]  # copy p's copies: p × 3 + 1..3
    assert {row["hfaug_augmenter"] for row in chained} == {"test.shout>test.shout"}
    first_step = [json.loads(params) for params in once["hfaug_params"][:2]]
    steps = [json.loads(row["hfaug_params"])["chain"] for row in chained]
    assert [chain[0] for chain in steps] == [first_step[0]] * 3 + [first_step[1]] * 3
    assert all(len(chain) == 2 and "count" in chain[1] for chain in steps)
    thrice = twice.map(Shout(seed=3), batched=True)
    assert len(json.loads(thrice[0]["hfaug_params"])["chain"]) == 3


def test_chained_maps_record_a_repeated_reason_once():
    ds = Dataset.from_dict({"text": [None, " "]})
    thrice = ds.map(hfaug.synonym).map(hfaug.get("eda.swap")).map(hfaug.synonym)
    assert list(thrice["hfaug_error"]) == ["the text is None", "the text is empty or whitespace only"]


def test_a_chain_that_repeats_a_step_keeps_the_reasons_of_the_steps_before():
    ds = Dataset.from_dict({"text": ["ok"]})
    thrice = ds.map(hfaug.get("eda.swap")).map(hfaug.get("eda.delete")).map(hfaug.get("eda.delete"))
    assert thrice["hfaug_error"] == [
        "dropped: fewer than two words can be swapped; "
        "dropped: the text has no word that can be deleted without deleting every word"
    ]


def test_chained_augmentation_keeps_the_source_id(sst2_small):
    once = hfaug.augment(sst2_small, Shout(seed=1), n=1)
    twice = hfaug.augment(once, Fragile(), n=1)
    assert set(twice["hfaug_source_id"]) == set(once["hfaug_source_id"])
    assert twice["hfaug_augmenter"][:4] == ["original", "test.fragile", "test.shout", "test.shout>test.fragile"]


def test_a_json_column_is_carried_as_data_with_the_source_ids_a_map_gives():
    # Json decodes as media features do, but holds plain data: read undecoded (its JSON text), it gave other ids
    ds = Dataset.from_dict(
        {"text": ["a b", "c d"], "meta": [{"a": 1}, {"b": [1, None]}]}, features=Features({"text": Value("string"), "meta": Json()})
    )
    augmented = hfaug.augment(ds, Shout(seed=1), n=1, keep_original=False)
    mapped = ds.map(Shout(seed=1), batched=True)
    assert list(augmented[provenance.SOURCE_ID]) == list(mapped[provenance.SOURCE_ID])
    assert augmented.features["meta"] == Json() and list(augmented["meta"]) == list(mapped["meta"])


@pytest.mark.parametrize(
    "run", [lambda ds: hfaug.augment(ds, Shout(seed=1)), lambda ds: ds.map(Shout(seed=1), batched=True)], ids=["augment", "map"]
)
def test_unsigned_integers_past_int64_in_a_dataset_are_refused_naming_the_column_and_what_to_do(run):
    # `datasets` cannot write them back from a map's Python values: it raised OverflowError after the work
    ds = Dataset(InMemoryTable(pa.table({"text": ["a b"], "id": pa.array([2**64 - 1], pa.uint64())})))
    with pytest.raises(ColumnError, match=r"column 'id' holds 18446744073709551615, past the int64 range.*streamed"):
        run(ds)


@pytest.mark.parametrize(
    ("values", "cast"),
    [
        (pa.array([[1, 2**64 - 1]], pa.list_(pa.uint64())), List(Value("string"))),
        (pa.array([{"h": 2**64 - 1, "n": 1}], pa.struct([("h", pa.uint64()), ("n", pa.int64())])), {"h": Value("string"), "n": Value("int64")}),
    ],
    ids=["list", "struct"],
)
def test_unsigned_integers_past_int64_in_a_list_or_struct_are_refused_with_the_cast_that_keeps_them(values, cast):
    ds = Dataset(InMemoryTable(pa.table({"text": ["a b"], "ids": values})))
    with pytest.raises(ColumnError, match=rf"column 'ids' holds 18446744073709551615, past.*cast_column\('ids', {re.escape(repr(cast))}\)$"):
        ds.map(Shout(seed=1), batched=True)
    kept = ds.cast_column("ids", cast)
    assert kept.map(Shout(seed=1), batched=True)["ids"] == kept["ids"]


def test_a_map_of_rows_without_uint64_columns_does_not_look_through_each_rows_arrow_schema(monkeypatch):
    # the uint64 check walked every row's schema (90-216 us a row of 61 columns); the map's features decide it once
    shout, looked = Shout(seed=1), []

    def watched(row):
        with monkeypatch.context() as patched:
            patched.setattr(pa.types, "is_uint64", lambda type: looked.append(type) or False)
            return shout(row)

    ds = Dataset.from_dict({"text": ["a b", "c d", "e f"], "id": [1, 2, 3]})
    assert ds.map(watched, new_fingerprint="watched")["id"] == [1, 2, 3]
    assert looked == []


def test_building_an_augmenter_reads_its_parameters_once_and_hands_out_copies(monkeypatch):
    # __new__ refusing unknown parameters read the signature twice per object built (7 -> 141 us for Synonym())
    import inspect

    from hfaug.configurable import init_parameters

    Shout(seed=1).replace(p=0.2).config()
    read = []
    signature = inspect.signature
    monkeypatch.setattr(inspect, "signature", lambda *args, **kwargs: read.append(args) or signature(*args, **kwargs))
    Shout(seed=2).replace(p=0.3).config()
    assert read == []
    init_parameters(Shout)["p"] = 1.0
    assert init_parameters(Shout)["p"] == 0.5


@pytest.mark.parametrize("given", ["a text", ["a text", "another"], ("a text",)], ids=["str", "list", "tuple"])
def test_an_augmenter_called_on_texts_says_to_pass_them_as_a_column(given):
    # as nlpaug's augment(text): the message spoke of with_indices, input_columns and fn_kwargs, none of them given
    with pytest.raises(TypeError) as refused:
        Shout()(given)
    with pytest.raises(TypeError, match="got str; to augment values, pass them as a column: .*leave out input_columns"):
        Dataset.from_dict({"text": ["a text"]}).map(Shout(), input_columns=["text"])  # hands over the text alone
    assert str(refused.value) == (
        f"test.shout: an augmenter takes a row or a batch of rows as a dict, got {type(given).__name__}; to augment "
        "values, pass them as a column: aug({'text': values})['text'] (with n=... for several copies each); in "
        "Dataset.map, leave out input_columns: the augmenter reads its column from whole rows"
    )
    with pytest.raises(TypeError, match=r"got a Dataset; augment it with hfaug.augment\(ds, aug\)"):
        Shout()(Dataset.from_dict({"text": ["a text"]}))
