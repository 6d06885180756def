"""Streaming: streamed rows equal the map-style rows, in order; streamed output written as
Parquet shards; recipes on streamed sources."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasets import (
    Array2D,
    ClassLabel,
    Dataset,
    Features,
    Image,
    IterableDataset,
    IterableDatasetDict,
    List,
    Value,
    config,
    load_dataset,
)
from datasets.table import InMemoryTable

import hfaug
from hfaug import Synonym
from hfaug.shards import ShardWriter, write_parquet_shards
from hfaug.streaming import materialize
from hfaug.versioned import save
from hfaug.versioning import content_fingerprint
from media_samples import image_bytes, image_dataset
from toy_augmenters import Shout


@pytest.fixture(scope="module")
def sst2_file(data_dir):
    return str(data_dir / "sst2" / "validation.jsonl")  # 872 rows


@pytest.fixture(scope="module")
def sst2_labelled(sst2_train):
    """1500 SST-2 rows with a ClassLabel label."""
    return sst2_train.select(range(1500)).cast_column("label", ClassLabel(names=["negative", "positive"]))


def test_iterable_map_gives_the_map_style_rows_in_order(sst2_labelled):
    aug = Synonym(p=0.3, n=2, keep_original=True, seed=1)
    expected = sst2_labelled.map(aug, batched=True, batch_size=200).to_list()
    assert list(sst2_labelled.to_iterable_dataset(num_shards=3).map(aug, batched=True, batch_size=200)) == expected


def test_augment_of_a_streamed_jsonl_equals_the_map_style_result(sst2_file):
    stream = load_dataset("json", data_files=sst2_file, split="train", streaming=True)
    table = load_dataset("json", data_files=sst2_file, split="train")
    expected = hfaug.augment(table, Synonym(p=0.2, seed=7), n=3).to_list()
    assert list(hfaug.augment(stream, Synonym(p=0.2, seed=7), n=3)) == expected


def test_streamed_rows_do_not_depend_on_the_batch_size(sst2_labelled):
    stream = sst2_labelled.to_iterable_dataset()
    small = list(hfaug.augment(stream, Shout(seed=2), n=2, batch_size=7))
    assert small == list(hfaug.augment(stream, Shout(seed=2), n=2, batch_size=1000))


def test_streamed_output_keeps_the_source_types():
    table = pa.table(
        {"text": pa.array(["a quiet film", "loud and long"], pa.large_string()), "label": pa.array([0, 1], pa.int32())}
    )
    source = Dataset(InMemoryTable(table))
    expected = hfaug.augment(source, Shout(), n=2)
    streamed = hfaug.augment(source.to_iterable_dataset(), Shout(), n=2)
    assert streamed.features == expected.features
    assert next(streamed.with_format("arrow").iter(batch_size=10)).schema == expected.data.schema


@pytest.mark.parametrize("format_type", ["numpy", "torch", "pandas", "arrow"])
def test_a_formatted_stream_is_augmented_as_its_rows_and_keeps_its_format(sst2_labelled, format_type):
    stream = sst2_labelled.select(range(20)).to_iterable_dataset()
    out = hfaug.augment(stream.with_format(format_type), Shout(seed=1), n=2)
    assert list(out.with_format(None)) == list(hfaug.augment(stream, Shout(seed=1), n=2))
    source_batch = next(stream.with_format(format_type).iter(batch_size=4))
    assert type(next(out.iter(batch_size=4))["label"]) is type(source_batch["label"])


def test_num_proc_does_not_apply_to_a_stream(sst2_labelled):
    with pytest.raises(TypeError, match="num_proc does not apply to an IterableDataset"):
        hfaug.augment(sst2_labelled.to_iterable_dataset(), Shout(), num_proc=2)


def test_streamed_output_written_as_shards_reads_back_as_the_map_style_result(sst2_labelled, tmp_path):
    expected = hfaug.augment(sst2_labelled, Shout(seed=3), n=2)
    paths = write_parquet_shards(hfaug.augment(sst2_labelled.to_iterable_dataset(), Shout(seed=3), n=2), tmp_path)
    assert [path.name for path in paths] == ["train-00000-of-00001.parquet"]
    back = load_dataset("parquet", data_files=[str(path) for path in paths], split="train")
    assert back.features == expected.features
    assert back.to_list() == expected.to_list()


def test_images_read_from_files_are_written_into_the_shards(tmp_path):
    # the shards held the source images' paths alone: read back, they failed once the files moved
    from PIL import Image as PILImage

    PILImage.new("RGB", (4, 3), (200, 10, 10)).save(tmp_path / "red.png")
    stream = Dataset.from_dict({"image": [str(tmp_path / "red.png")]}).cast_column("image", Image()).to_iterable_dataset()
    paths = write_parquet_shards(stream, tmp_path / "out")
    (tmp_path / "red.png").unlink()

    back = load_dataset("parquet", data_files=[str(path) for path in paths], split="train").cast_column("image", Image())
    assert back[0]["image"].getpixel((3, 2)) == (200, 10, 10)


@pytest.mark.parametrize("named", ["gone.png", "https://example.invalid/cat.png", ""], ids=["missing", "url", "folder"])
def test_an_image_that_cannot_be_read_into_the_shards_is_named(tmp_path, named):
    # a bare "[Errno 2] No such file or directory" (or IsADirectoryError), naming no split nor what to do
    path = named if "://" in named else str(tmp_path / named)
    rows = Dataset.from_dict({"image": [path]}).cast_column("image", Image(decode=False))
    with pytest.raises(OSError) as unread:
        write_parquet_shards(rows, tmp_path / "out")
    assert re.fullmatch(
        rf"a cell of split 'train' names {re.escape(repr(path))} \((FileNotFound|IsADirectory)Error\), which cannot be "
        r"read to write its bytes into the shards; fix the path, or drop such rows first",
        str(unread.value),
    )


def test_a_new_shard_starts_at_max_shard_size_and_rows_keep_their_order(sst2_labelled, tmp_path):
    stream = hfaug.augment(sst2_labelled.to_iterable_dataset(), Shout(seed=3), n=2)
    paths = write_parquet_shards(stream, tmp_path, split="validation", max_shard_size="100KB", batch_size=500)
    assert [path.name for path in paths] == [f"validation-{i:05d}-of-00005.parquet" for i in range(5)]
    rows = [row for path in paths for row in pq.read_table(path).to_pylist()]
    assert rows == hfaug.augment(sst2_labelled, Shout(seed=3), n=2).to_list()


def test_batches_seen_while_writing_are_the_rows_written(sst2_labelled, tmp_path):
    seen = []
    write_parquet_shards(sst2_labelled.to_iterable_dataset(), tmp_path, on_batch=seen.append, batch_size=400)
    assert [table.num_rows for table in seen] == [400, 400, 400, 300]


def test_writing_shards_of_something_else_than_a_dataset_is_refused(tmp_path):
    with pytest.raises(TypeError) as refused:
        write_parquet_shards([1], tmp_path)
    assert str(refused.value) == (
        "write_parquet_shards: expected a Dataset or IterableDataset, got list; build one, e.g. "
        "Dataset.from_list(rows), or pass one split of a dict (ds['train'])"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_empty_stream_with_features_writes_one_empty_shard(tmp_path):
    features = Features({"text": Value("string")})
    empty = IterableDataset.from_generator(_no_rows, features=features)
    paths = write_parquet_shards(empty, tmp_path)
    assert [path.name for path in paths] == ["train-00000-of-00001.parquet"]
    assert pq.read_table(paths[0]).num_rows == 0


def _no_rows():
    yield from ()


def test_writing_nothing_without_features_says_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="no rows to write for split 'train' and no features"):
        ShardWriter(tmp_path).close()


def test_a_failed_write_leaves_no_shards(sst2_labelled, tmp_path):
    broken = sst2_labelled.select(range(50)).map(lambda row, i: {"text": None if i == 30 else row["text"]}, with_indices=True)
    stream = hfaug.augment(broken.to_iterable_dataset(), Shout(on_error="raise"), n=1, batch_size=10)
    with pytest.raises(hfaug.InvalidValue, match="the text is None"):
        write_parquet_shards(stream, tmp_path, max_shard_size="1KB", batch_size=10)
    assert list(tmp_path.iterdir()) == []


def test_shards_are_not_written_among_earlier_shards_of_the_split(sst2_labelled, tmp_path):
    earlier = write_parquet_shards(sst2_labelled.select(range(200)), tmp_path, max_shard_size="10KB", batch_size=100)
    with pytest.raises(FileExistsError, match=r"holds shards of split 'train' \(train-00000-of-00002.parquet, train-0"):
        write_parquet_shards(hfaug.augment(sst2_labelled.to_iterable_dataset(), Shout(), n=1), tmp_path)
    assert sorted(tmp_path.iterdir()) == earlier


def test_shards_of_another_split_share_the_folder(sst2_labelled, tmp_path):
    write_parquet_shards(sst2_labelled.select(range(20)), tmp_path, split="train")
    write_parquet_shards(sst2_labelled.select(range(20, 30)), tmp_path, split="validation")
    back = load_dataset("parquet", data_dir=str(tmp_path))
    assert {name: split.num_rows for name, split in back.items()} == {"train": 20, "validation": 10}


def test_a_second_writer_of_a_split_being_written_in_the_folder_is_refused(tmp_path):
    rows = Dataset.from_dict({"text": ["first"]})
    with ShardWriter(tmp_path, features=rows.features) as first:
        with pytest.raises(FileExistsError) as refusal:
            ShardWriter(tmp_path)
        first.write(rows.to_dict())
    assert str(refusal.value) == (
        f"another writer is writing shards of split 'train' in {str(tmp_path)!r}, which would be read back with "
        "the new ones; wait until it ends, or pass another folder or split"
    )
    assert load_dataset("parquet", data_dir=str(tmp_path), split="train")["text"] == ["first"]


def test_writers_of_other_splits_write_in_the_folder_at_once(tmp_path):
    with ShardWriter(tmp_path, split="train") as train, ShardWriter(tmp_path, split="validation") as validation:
        train.write({"text": ["a", "b"]})
        validation.write({"text": ["c"]})
    back = load_dataset("parquet", data_dir=str(tmp_path))
    assert {name: split["text"] for name, split in back.items()} == {"train": ["a", "b"], "validation": ["c"]}


def test_a_writer_killed_midway_neither_blocks_the_next_nor_leaves_files_that_are_read(tmp_path):
    killed = (
        "import sys; from hfaug.shards import ShardWriter; writer = ShardWriter(sys.argv[1], max_shard_size=1); "
        "[writer.write({'text': [f'killed {i}']}) for i in range(3)]; print('writing', flush=True); sys.stdin.read()"
    )
    process = _python(killed, str(tmp_path))
    assert process.stdout.readline() == "writing\n"
    process.kill()
    process.wait()
    write_parquet_shards(Dataset.from_dict({"text": ["rerun"]}), tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["train-00000-of-00001.parquet"]
    assert load_dataset("parquet", data_dir=str(tmp_path), split="train")["text"] == ["rerun"]


def _python(code, *args, env=None):
    """A Python process that runs ``code`` with ``args``, its stdin and stdout piped as text."""
    command = [sys.executable, "-c", code, *args]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


def _none_then_text():
    for i in range(12):
        yield {"text": None if i < 5 else f"a good film {i}", "label": i % 2}


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
def test_a_column_of_none_in_the_first_batch_of_an_untyped_stream_says_how_to_type_it(write, tmp_path):
    stream = IterableDataset.from_generator(_none_then_text)
    with pytest.raises(TypeError, match=r"column 'text' of split 'train' has type null, as its first 5 values .*cast"):
        write(stream, tmp_path, batch_size=5)


def _none_throughout():
    for i in range(12):
        yield {"text": None, "label": i % 2}


def test_a_column_of_none_throughout_an_untyped_stream_is_written_as_a_null_column(tmp_path):
    write_parquet_shards(IterableDataset.from_generator(_none_throughout), tmp_path, batch_size=5)
    written = load_dataset("parquet", data_dir=str(tmp_path), split="train")
    assert (written.features["text"].dtype, written["text"], written["label"]) == ("null", [None] * 12, [0, 1] * 6)


def _none_in_the_first_row():
    yield {"text": None, "label": 0}
    yield {"text": "the movie was good", "label": 1}


def test_a_recipe_on_an_untyped_generator_stream_with_none_in_its_first_row_gives_the_loaded_result():
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": ["synonym"]})
    streamed = recipe.apply(IterableDataset.from_generator(_none_in_the_first_row))
    loaded = recipe.apply(Dataset.from_list(list(_none_in_the_first_row())))
    assert (streamed.version, streamed.stats) == (loaded.version, loaded.stats)
    assert streamed.to_list() == loaded.to_list()


def test_an_untyped_stream_cast_to_its_types_writes_a_column_that_starts_with_none(tmp_path):
    features = Features({"text": Value("string"), "label": Value("int64")})
    stream = IterableDataset.from_generator(_none_then_text).cast(features)
    paths = write_parquet_shards(stream, tmp_path, batch_size=5)
    assert pq.read_table(paths[0]).to_pylist() == list(_none_then_text())


def _stream_of(rows):
    """An untyped generator stream of ``rows``."""

    def rows_in_order():
        yield from rows

    return IterableDataset.from_generator(rows_in_order)


def _written_rows(write, stream, folder):
    """The rows that ``write`` (`materialize` or `write_parquet_shards`) stored, read back."""
    written = write(stream, folder, batch_size=1)
    return written.to_list() if isinstance(written, Dataset) else pq.read_table(written[0]).to_pylist()


def test_unsigned_integers_past_int64_are_written_in_a_typed_stream(tmp_path):
    rows = [{"text": "a", "hash": 2**64 - 1}, {"text": "b", "hash": 12}]
    stream = IterableDataset.from_generator(lambda: iter(rows), features=Features({"text": Value("string"), "hash": Value("uint64")}))
    assert pq.read_table(write_parquet_shards(stream, tmp_path)[0]).to_pylist() == rows


def test_arrow_batches_of_an_extension_type_are_written_as_they_are(tmp_path):
    ones = [[1.0, 1.0], [1.0, 1.0]]
    data = Dataset.from_dict({"m": [ones] * 3}, features=Features({"m": Array2D((2, 2), "float32")}))
    with ShardWriter(tmp_path) as writer:
        for batch in data.with_format("arrow").iter(batch_size=2):
            writer.write(batch)
    assert pq.read_table(writer.paths[0]).to_pylist() == [{"m": ones}] * 3


TYPE_THE_STREAM = (
    "; type the stream with features that hold all its values: features= where it is made (load_dataset, "
    "IterableDataset.from_generator) or stream.cast(features)"
)


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
def test_a_later_value_that_the_types_of_the_first_batch_would_change_says_how_to_type_the_stream(write, tmp_path):
    stream = _stream_of([{"text": "a b", "score": 1}, {"text": "c d", "score": 2.5}])
    with pytest.raises(TypeError) as refused:
        write(stream, tmp_path, batch_size=1)
    assert str(refused.value) == (
        "column 'score' of split 'train' cannot hold 2.5 (row index 1, a Value('float64')) unchanged in its type "
        "Value('int64'), which comes from the stream's features or, where it has none, its first batch" + TYPE_THE_STREAM
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
@pytest.mark.parametrize(
    ("first", "later", "refusal"),
    [
        ([1, 2], [0.5], "cannot hold [0.5] (row index 1, a List(Value('float64'))) unchanged in its type List(Value('int64'))"),
        (
            {"x": 1}, {"x": 2, "y": "z"},
            "cannot hold {'x': 2, 'y': 'z'} (row index 1, a {'x': Value('int64'), 'y': Value('string')}) unchanged in "
            "its type {'x': Value('int64')}",
        ),
        (7, "007", "cannot hold '007' (row index 1, a Value('string')) unchanged in its type Value('int64')"),
        (7, "3", "cannot hold '3' (row index 1, a Value('string')) unchanged in its type Value('int64')"),
        (True, 2, "cannot hold 2 (row index 1, a Value('int64')) unchanged in its type Value('bool')"),
        ("x1", 7.0, "cannot hold 7.0 (row index 1, a Value('float64')) unchanged in its type Value('string')"),
        ("x1", True, "cannot hold True (row index 1, a Value('bool')) unchanged in its type Value('string')"),
        ([True], [0, 2], "cannot hold [0, 2] (row index 1, a List(Value('int64'))) unchanged in its type List(Value('bool'))"),
        (
            {"x": "a"}, {"x": 1.5},
            "cannot hold {'x': 1.5} (row index 1, a {'x': Value('float64')}) unchanged in its type {'x': Value('string')}",
        ),
    ],
    ids=[
        "list of floats", "struct with a new key", "text of digits", "text of a number", "number as a bool",
        "float as text", "bool as text", "numbers in a list of bools", "number in a struct's text",
    ],
)
def test_no_later_value_is_changed_to_fit_the_types_of_the_first_batch(write, first, later, refusal, tmp_path):
    stream = _stream_of([{"text": "a b", "value": first}, {"text": "c d", "value": later}])
    with pytest.raises(TypeError, match=re.escape(f"column 'value' of split 'train' {refusal}")):
        write(stream, tmp_path, batch_size=1)


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
@pytest.mark.parametrize(
    ("first", "later", "stored"),
    [
        (1, None, None), (1, 2.0, 2), ({"x": 1, "y": "a"}, {"x": 2}, {"x": 2, "y": None}), ([0.5], [2], [2.0]),
        ("x1", 10005, "10005"),
    ],
    ids=["none", "whole float", "struct without a key", "integer in a list of floats", "integer as its digits"],
)
def test_a_later_value_that_the_types_of_the_first_batch_hold_is_written(write, first, later, stored, tmp_path):
    stream = _stream_of([{"text": "a b", "value": first}, {"text": "c d", "value": later}])
    assert _written_rows(write, stream, tmp_path) == [{"text": "a b", "value": first}, {"text": "c d", "value": stored}]


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
def test_a_column_that_later_rows_lack_is_written_as_none(write, tmp_path):
    stream = _stream_of([{"text": "a b", "label": 1}, {"text": "c d"}])
    assert _written_rows(write, stream, tmp_path) == [{"text": "a b", "label": 1}, {"text": "c d", "label": None}]


@pytest.mark.parametrize("write", [write_parquet_shards, materialize])
def test_a_column_that_only_later_rows_have_says_how_to_type_the_stream(write, tmp_path):
    stream = _stream_of([{"text": "a b"}, {"text": "c d", "label": 1}])
    with pytest.raises(TypeError) as refused:
        write(stream, tmp_path, batch_size=1)
    assert str(refused.value) == (
        "split 'train' has a column 'label' from row index 1 that its types do not have (they have 'text'), which "
        "come from the stream's features or, where it has none, its first batch" + TYPE_THE_STREAM
    )


def test_a_typed_stream_whose_map_makes_values_its_features_cannot_hold_is_not_written(tmp_path):
    features = Features({"score": Value("int64")})
    scores = Dataset.from_dict({"score": [1, 2]}, features=features).to_iterable_dataset()
    stream = scores.map(lambda row: {"score": row["score"] + 0.5}, features=features)
    with pytest.raises(TypeError, match=re.escape("column 'score' of split 'train' cannot hold 1.5 (row index 0, a")):
        write_parquet_shards(stream, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_recipe_on_an_untyped_stream_whose_later_batch_needs_other_types_says_how_to_type_it():
    rows = [{"text": f"a good movie number {i}", "score": 1} for i in range(1000)] + [{"text": "bad film", "score": 2.5}]
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": ["eda.swap"]})
    with pytest.raises(TypeError, match=re.escape("column 'score' of split 'train' cannot hold 2.5 (row index 1000, a")):
        recipe.apply(_stream_of(rows))


def test_a_materialized_stream_has_the_rows_and_fingerprint_of_the_loaded_data(sst2_file, tmp_path):
    stream = load_dataset("json", data_files=sst2_file, split="train", streaming=True)
    loaded = load_dataset("json", data_files=sst2_file, split="train")
    written = materialize(stream, tmp_path)
    assert written.to_list() == loaded.to_list()
    assert content_fingerprint(written) == content_fingerprint(loaded)


def test_a_recipe_on_a_stream_gives_the_version_of_the_loaded_data(sst2_file, tmp_path):
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": [{"name": "synonym", "p": 0.3}], "n": 2, "seed": 3})
    loaded = recipe.apply(load_dataset("json", data_files=sst2_file, split="train"))
    streamed = recipe.apply(load_dataset("json", data_files=sst2_file, split="train", streaming=True))
    assert (streamed.version, streamed.stats) == (loaded.version, loaded.stats)
    assert streamed.to_list() == loaded.to_list()
    folder = save(streamed, tmp_path, preview=False)
    assert sorted(path.name for path in (folder / "data").iterdir()) == ["train-00000-of-00001.parquet"]


def test_an_augmented_stream_materializes_with_columns_that_are_all_none_in_a_batch(tmp_path):
    features = Features({"text": Value("string"), "note": Value("string"), "tags": List(Value("string"))})
    rows = Dataset.from_dict(
        {"text": ["a quiet film", "loud and long", "a good story", "thin plot"], "note": [None, "n1", None, "n2"],
         "tags": [[], ["x"], [], ["y"]]},
        features=features,
    )
    stream = hfaug.augment(rows.to_iterable_dataset(), Shout(seed=1), n=1, batch_size=1)  # a batch of one row
    written = materialize(stream, tmp_path, batch_size=4)
    assert written.features == stream.features
    assert written.to_list() == hfaug.augment(rows, Shout(seed=1), n=1).to_list()


@pytest.mark.parametrize("format_type", ["numpy", "torch", "pandas", "arrow"])
def test_a_formatted_stream_materializes_as_its_rows(format_type, tmp_path):
    rows = Dataset.from_dict({"text": ["a quiet film", "loud and long"], "label": [0, 1]})
    assert materialize(rows.to_iterable_dataset().with_format(format_type), tmp_path).to_list() == rows.to_list()


def test_a_materialized_stream_keeps_the_stored_bytes_of_its_images(tmp_path):
    cells = [image_bytes("RGB", "JPEG", seed=seed) for seed in range(3)]
    source = image_dataset(cells)
    written = materialize(source.to_iterable_dataset(), tmp_path)
    assert written.features == source.features
    assert [cell["bytes"] for cell in written.cast_column("image", Image(decode=False))["image"]] == cells


def test_materializing_again_into_the_same_folder_is_refused_and_keeps_the_first_result(tmp_path):
    rows = Dataset.from_dict({"text": [f"first {i}" for i in range(1000)]})
    first = materialize(rows.to_iterable_dataset(), tmp_path)
    with pytest.raises(FileExistsError, match=r"train.arrow' already exists, and a Dataset materialized there earlier"):
        materialize(Dataset.from_dict({"text": ["second"]}).to_iterable_dataset(), tmp_path)
    assert first.to_list() == rows.to_list()


def test_a_failed_materialize_leaves_no_file_in_the_way(tmp_path):
    with pytest.raises(TypeError):
        materialize(IterableDataset.from_generator(_none_then_text), tmp_path, batch_size=5)
    assert list(tmp_path.iterdir()) == []
    good = Dataset.from_dict({"text": ["fine"] * 10}).to_iterable_dataset()
    with pytest.raises(TypeError):  # the second split fails: the first split's file goes too
        materialize(IterableDatasetDict({"train": good, "test": IterableDataset.from_generator(_none_then_text)}), tmp_path, batch_size=5)
    assert list(tmp_path.iterdir()) == []


def _materialize_in_a_process(cache, then=""):
    """A Python process that materializes a one-row stream in ``cache``, prints where, then runs ``then``."""
    code = (
        "from datasets import Dataset; from hfaug.streaming import materialize; "
        "ds = materialize(Dataset.from_dict({'text': ['other']}).to_iterable_dataset()); "
        f"print(ds.cache_files[0]['filename'], flush=True); {then}"
    )
    return _python(code, env={**os.environ, "HF_DATASETS_CACHE": str(cache)})


def test_a_materialization_in_the_cache_is_removed_by_the_next_once_its_process_has_ended(tmp_path, monkeypatch):
    ended = _materialize_in_a_process(tmp_path)
    assert ended.wait() == 0
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(tmp_path))
    written = materialize(Dataset.from_dict({"text": ["kept"]}).to_iterable_dataset())
    assert list(tmp_path.rglob("*.arrow")) == [Path(written.cache_files[0]["filename"])]
    assert written["text"] == ["kept"]


def test_a_materialization_in_the_cache_stays_while_its_process_lives(tmp_path, monkeypatch):
    living = _materialize_in_a_process(tmp_path, then="input(); print(ds.to_list())")
    path = living.stdout.readline().strip()
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(tmp_path))
    materialize(Dataset.from_dict({"text": ["mine"]}).to_iterable_dataset())
    assert living.communicate("\n")[0] == "[{'text': 'other'}]\n"
    assert Path(path).is_file()


def test_a_cache_folder_without_a_lock_file_is_left_where_it_is(tmp_path, monkeypatch):
    """Releases before the lock made their folders without one: nothing tells that their process has ended."""
    unlocked = tmp_path / "hfaug-stream-unlocked"
    unlocked.mkdir()
    (unlocked / "train.arrow").write_bytes(b"read by a living process")
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(tmp_path))
    materialize(Dataset.from_dict({"text": ["mine"]}).to_iterable_dataset())
    assert (unlocked / "train.arrow").read_bytes() == b"read by a living process"
    assert not (tmp_path / "hfaug-stream-unlocked.lock").exists()


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to give the lock file to another user")
def test_a_cache_folder_whose_lock_file_is_another_users_is_left_where_it_is(tmp_path, monkeypatch):
    """In a cache shared by several users, another user's folder is theirs to remove, even where we can lock it."""
    theirs = tmp_path / "hfaug-stream-theirs"
    theirs.mkdir()
    (theirs / "train.arrow").write_bytes(b"another user's copy")
    lock = tmp_path / "hfaug-stream-theirs.lock"
    lock.touch(mode=0o666)
    os.chown(lock, 65534, 65534)
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(tmp_path))
    materialize(Dataset.from_dict({"text": ["mine"]}).to_iterable_dataset())
    assert (theirs / "train.arrow").read_bytes() == b"another user's copy"
    assert lock.exists()


def test_a_failed_materialize_in_the_cache_leaves_nothing_there(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(tmp_path))
    materialize(Dataset.from_dict({"text": ["fine"]}).to_iterable_dataset())
    before = _materializations(tmp_path)
    with pytest.raises(TypeError):
        materialize(IterableDataset.from_generator(_none_then_text), batch_size=5)
    assert _materializations(tmp_path) == before


def _materializations(cache):
    """What materialize wrote in ``cache``, without what `datasets` keeps there."""
    return sorted(path for path in cache.rglob("*") if path.relative_to(cache).parts[0].startswith("hfaug-stream-"))


def test_modules_are_reached_as_attributes_of_the_package():
    code = (
        "import hfaug; print(hfaug.streaming.materialize.__name__, hfaug.schema.output_features.__name__); "
        "hfaug.not_a_module"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.stdout == "materialize output_features\n"
    assert result.stderr.splitlines()[-1] == "AttributeError: module 'hfaug' has no attribute 'not_a_module'"


def test_a_formatted_stream_materializes_and_is_versioned_with_its_format(tmp_path):
    stream = Dataset.from_dict({"text": ["a quiet film", "loud and long"], "label": [0, 1]}).to_iterable_dataset()
    assert materialize(stream.with_format("numpy"), tmp_path).format["type"] == "numpy"
    recipe = hfaug.Recipe(column="text", augmenters=[{"name": "test.shout", "p": 1.0}], n=1, seed=1)
    assert recipe.apply(stream.with_format("numpy")).format["type"] == "numpy"
