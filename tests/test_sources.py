"""Opening the data a recipe runs on: the same rows give the same data, whatever the file type."""

from __future__ import annotations

import logging

import PIL.Image
import pyarrow as pa
import pytest
from datasets import Dataset

import hfaug
from hfaug.sources import load_source


@pytest.fixture()
def stored(tmp_path):
    rows = Dataset.from_dict({"text": ["a good film", "a bad plot , really", "fine"], "label": [1, 0, 1]})
    rows.to_json(tmp_path / "rows.jsonl")
    rows.to_csv(tmp_path / "rows.csv", index=False)
    rows.to_parquet(tmp_path / "rows.parquet")
    return tmp_path


def test_csv_text_loads_as_string_like_json_lines_and_parquet(stored):
    assert Dataset.from_csv(str(stored / "rows.csv")).data.schema.field("text").type == pa.large_string()
    loaded = {suffix: load_source(str(stored / f"rows.{suffix}"))[0]["train"] for suffix in ("jsonl", "csv", "parquet")}
    assert loaded["csv"].features == loaded["jsonl"].features == loaded["parquet"].features
    assert loaded["csv"].data.table.equals(loaded["jsonl"].data.table)
    recipe = hfaug.Recipe.from_dict({"name": "rows", "column": "text", "augmenters": ["eda.swap"], "n": 2, "seed": 1})
    versions = {suffix: recipe.apply(data) for suffix, data in loaded.items()}
    assert versions["csv"].version == versions["jsonl"].version == versions["parquet"].version
    assert versions["csv"].data.table.equals(versions["jsonl"].data.table)


def test_a_folder_datasets_cannot_read_is_refused_with_its_reason(tmp_path):
    for split, area in (("train", "0.5"), ("test", "1")):  # an image folder whose metadata disagree on a type
        (tmp_path / split).mkdir()
        PIL.Image.new("RGB", (8, 8)).save(tmp_path / split / "part.png")
        (tmp_path / split / "metadata.csv").write_text(f"file_name,defect_area\npart.png,{area}\n")
    with pytest.raises(hfaug.HfaugError, match=r"^`datasets` cannot read the folder '.*': .*different features.*"
                       r"Fix that, so that datasets.load_dataset\(folder\) reads it$"):
        load_source(str(tmp_path))


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (
            b"not parquet\n",
            "ArrowInvalid: Parquet magic bytes not found in footer. Either the file is corrupted or this is not a "
            "parquet file",
        ),
        (b"PAR1" + bytes(100) + b"PAR1", "OSError: Couldn't deserialize thrift: No more data to read"),
    ],
    ids=["not-parquet", "corrupt-footer"],
)
def test_a_parquet_file_that_cannot_be_read_is_refused_naming_it(tmp_path, content, cause):
    path = tmp_path / "rows.parquet"
    path.write_bytes(content)
    with pytest.raises(hfaug.HfaugError) as raised:
        load_source(str(path))
    assert str(raised.value) == (
        f"cannot read the data in {str(path)!r}: {cause}. Fix the file, or give a .jsonl/.csv/.parquet file, a "
        "dataset folder or a Hub id"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rows.parquet", b"not parquet\n"),
        ("rows.jsonl", b'{"text": "a b c"}\n{"text": "cut'),
        ("rows.csv", b"a,b\n1,2\n3,4,5\n"),
    ],
)
def test_a_file_datasets_cannot_read_is_told_by_hfaug_alone(tmp_path, caplog, name, content):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(hfaug.HfaugError, match=f"^cannot read the data in '.*{name}': "):
        load_source(str(tmp_path / name))
    assert [record.getMessage() for record in caplog.records] == []  # no line of `datasets` before hfaug's
    assert logging.getLogger("datasets.packaged_modules").level == logging.NOTSET  # its level restored


@pytest.mark.parametrize("spelt", [".", "./"])
def test_the_current_folder_loads_as_by_its_full_path(stored, monkeypatch, spelt):
    for other_type in ("rows.csv", "rows.parquet"):  # a data folder holds one file type
        (stored / other_type).unlink()
    monkeypatch.chdir(stored)
    data, described = load_source(spelt)
    assert data["train"]["text"] == load_source(str(stored))[0]["train"]["text"] == ["a good film", "a bad plot , really", "fine"]
    assert described == {"kind": "folder", "path": spelt}


def test_a_full_cache_disk_is_not_blamed_on_the_file(tmp_path):
    # `datasets` reports a write into its cache that fails (ENOSPC) as a DatasetGenerationError of the file: the
    # message said the file was broken and to fix it
    import errno

    from datasets.exceptions import DatasetGenerationError

    from hfaug.sources import _readable

    def load_into_a_full_cache(path):
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/cache/json/data.arrow")
        except OSError as full:
            raise DatasetGenerationError("An error occurred while generating the dataset") from full

    with pytest.raises(hfaug.HfaugError) as error:
        _readable(load_into_a_full_cache, tmp_path / "rows.jsonl")
    assert str(error.value) == (
        f"cannot load {str(tmp_path / 'rows.jsonl')!r}: No space left on device (/cache/json/data.arrow), which is no "
        "fault of the file; free space or fix the permissions there, or point HF_DATASETS_CACHE at a writable disk with room"
    )



def failing_load(monkeypatch, error: OSError) -> None:
    """Make `datasets`' load_dataset, as hfaug calls it, raise ``error``."""

    def load_dataset(*args, **kwargs):
        raise error

    monkeypatch.setattr("hfaug.sources.load_dataset", load_dataset)


@pytest.mark.parametrize(
    ("code", "reason", "failed"),
    [
        ("EACCES", "Permission denied", "home/datasets/json/data.lock"),  # a cache folder of someone else
        ("EROFS", "Read-only file system", "home/datasets"),  # a cache on a read-only disk
        ("EACCES", "Permission denied", "home"),  # a cache under a HOME that does not exist (/nonexistent)
    ],
)
def test_a_datasets_cache_that_cannot_be_written_is_named_with_the_variable_to_set(stored, monkeypatch, code, reason, failed):
    import errno

    import datasets

    cache, failed = stored / "home" / "datasets", str(stored / failed)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(cache))
    failing_load(monkeypatch, OSError(getattr(errno, code), reason, failed))
    with pytest.raises(hfaug.HfaugError) as error:
        load_source(str(stored / "rows.jsonl"))
    assert str(error.value) == (
        f"the datasets cache folder {str(cache)!r} is not writable ({reason}: {failed!r}); set HF_DATASETS_CACHE to a "
        "folder you can write"
    )
    assert isinstance(error.value.__cause__, OSError)


def test_a_permission_error_outside_the_datasets_cache_is_left_as_it_is(stored, monkeypatch):
    import datasets

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(stored / "home" / "datasets"))
    failing_load(monkeypatch, PermissionError(13, "Permission denied", str(stored / "home" / "other")))
    with pytest.raises(PermissionError):
        load_source(str(stored / "rows.jsonl"))


# ---------------------------------------------------------------------------- part of a split: --split 'train[:100]'
@pytest.fixture()
def kinds(tmp_path):
    """The same four train rows (and two test rows) as a file, a folder of data files, a saved `DatasetDict` and a
    saved `Dataset`."""
    from datasets import DatasetDict

    train = Dataset.from_dict({"text": ["zero", "one", "two", "three"]})
    (tmp_path / "files").mkdir()
    train.to_json(tmp_path / "files" / "train.jsonl")
    Dataset.from_dict({"text": ["t0", "t1"]}).to_json(tmp_path / "files" / "test.jsonl")
    DatasetDict({"train": train, "test": Dataset.from_dict({"text": ["t0", "t1"]})}).save_to_disk(tmp_path / "dict")
    train.save_to_disk(tmp_path / "one")
    return {"file": tmp_path / "files" / "train.jsonl", "folder": tmp_path / "files", "dict": tmp_path / "dict", "one": tmp_path / "one"}


@pytest.mark.parametrize("kind", ["file", "folder", "dict", "one"])
@pytest.mark.parametrize(
    ("spec", "rows"),
    [
        ("train[:2]", ["zero", "one"]),
        ("train[-1:]", ["three"]),
        ("train[25%:75%]", ["one", "two"]),
        ("train[:1]+train[3:]", ["zero", "three"]),
    ],
)
def test_a_slice_loads_those_rows_as_the_split_it_names_and_is_recorded(kinds, kind, spec, rows):
    data, described = load_source(str(kinds[kind]), splits=[spec])
    assert list(data) == ["train"] and data["train"]["text"] == rows
    assert described["slices"] == {"train": spec}


def test_a_whole_split_records_no_slice(kinds):
    data, described = load_source(str(kinds["folder"]), splits=["test", "train[:1]"])
    assert {name: split["text"] for name, split in data.items()} == {"test": ["t0", "t1"], "train": ["zero"]}
    assert described["slices"] == {"train": "train[:1]"}
    assert "slices" not in load_source(str(kinds["folder"]), splits=["train"])[1]


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_two_slices_of_one_split_are_refused(kinds, kind):
    with pytest.raises(ValueError, match=r"^--split 'train\[:2\]' and 'train\[2:\]' both take rows of split 'train', "
                       r"which names them in the version; pass one --split \(in Python: splits=\) per split, "
                       r"e\.g\. 'train\[:2\]\+train\[2:\]' for the rows of both$"):
        load_source(str(kinds[kind]), splits=["train[:2]", "train[2:]"])


@pytest.mark.parametrize("spec", ["train[:a]", "train+test", "my-split"])
def test_a_split_that_is_neither_a_name_nor_a_slice_of_one_is_refused(kinds, spec):
    with pytest.raises(ValueError, match=r"--split '.*' is neither a split name .* nor a slice of one split"):
        load_source(str(kinds["folder"]), splits=[spec])


@pytest.mark.parametrize("kind", ["folder", "dict"])
def test_an_unknown_split_is_told_the_closest_one(kinds, kind):
    with pytest.raises(ValueError, match=r"has no split 'trian'; it has \['(train|test)', '(train|test)'\]\. Did you mean 'train'\?$"):
        load_source(str(kinds[kind]), splits=["trian[:2]"])


def test_a_slice_that_selects_no_rows_is_refused(kinds):
    with pytest.raises(hfaug.HfaugError, match=r"^--split 'train\[10:\]' selects none of the 4 rows of split 'train' of "
                       r"'.*'; pass a slice within them$"):
        load_source(str(kinds["file"]), splits=["train[10:]"])
