"""Opening the data a recipe runs on: the same rows give the same data, whatever the file type."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

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
        f"cannot read the data in {str(path)!r}: {cause}. Fix the data, or give a .csv/.tsv/.json/.jsonl/.parquet/.arrow file, a "
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

    from hfaug.sources.read_errors import unreadable_told

    def load_into_a_full_cache(path):
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/cache/json/data.arrow")
        except OSError as full:
            raise DatasetGenerationError("An error occurred while generating the dataset") from full

    with pytest.raises(hfaug.HfaugError) as error, unreadable_told(repr(str(tmp_path / "rows.jsonl")), []):
        load_into_a_full_cache(tmp_path / "rows.jsonl")
    assert str(error.value) == (
        f"cannot load {str(tmp_path / 'rows.jsonl')!r}: No space left on device (/cache/json/data.arrow), which is no "
        "fault of the file; free space or fix the permissions there, or point HF_DATASETS_CACHE at a writable disk with room"
    )



def failing_load(monkeypatch, error: OSError) -> None:
    """Make `datasets`' load_dataset, as hfaug calls it, raise ``error``."""

    def load_dataset(*args, **kwargs):
        raise error

    monkeypatch.setattr("hfaug.sources.single_file.load_dataset", load_dataset)


@pytest.mark.parametrize(
    ("code", "reason", "failed"),
    [
        ("EACCES", "Permission denied", "home/datasets/json/data.lock"),  # a cache folder of someone else
        ("EROFS", "Read-only file system", "home/datasets"),  # a cache on a read-only disk
        ("EACCES", "Permission denied", "home"),  # a cache under a HOME that does not exist (/nonexistent)
        ("EEXIST", "File exists", "home/datasets"),  # HF_DATASETS_CACHE naming a file
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


@pytest.mark.parametrize("kind", ["folder", "dict", "one"])
def test_an_unknown_split_of_a_folder_names_it_by_its_full_path_as_other_errors_of_folders(kinds, kind, tmp_path, monkeypatch):
    # a saved Dataset was named by the path as given, a saved DatasetDict and a folder of data files by the full path
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as caught:
        load_source(kinds[kind].name, splits=["validation"])
    assert str(caught.value).startswith(f"dataset {str(kinds[kind])!r} has no split 'validation'; it has [")


def test_a_slice_that_selects_no_rows_names_the_folder_by_its_full_path(kinds, tmp_path, monkeypatch):
    # it named it by the path as given, unlike the unknown split's message
    monkeypatch.chdir(tmp_path)
    with pytest.raises(hfaug.HfaugError) as caught:
        load_source(kinds["one"].name, splits=["train[10:]"])
    assert str(caught.value) == (
        f"--split 'train[10:]' selects none of the 4 rows of split 'train' of {str(kinds['one'])!r}; pass a slice within them"
    )


def test_a_slice_that_selects_no_rows_is_refused(kinds):
    with pytest.raises(hfaug.HfaugError, match=r"^--split 'train\[10:\]' selects none of the 4 rows of split 'train' of "
                       r"'.*'; pass a slice within them$"):
        load_source(str(kinds["file"]), splits=["train[10:]"])


# ---------------------------------------------------------------------------- folders `datasets` would misread
def folder_of(folder, files: dict[str, str]):
    """The folder ``folder`` holding ``files``, by name, with their text."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return str(folder)


ROW_CSV, ROW_JSONL = "text\nhello\n", '{"text": "hello"}\n'


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["Train.csv", "Test.csv", "Dev.csv"], r"^split 'train' of the folder '.*' reads 'Dev\.csv', 'Test\.csv', whose "
         r"names say they are held out: `datasets` takes split names from lower-case file names only, so it took them "
         r"for training rows\. Rename them \(e\.g\. Test\.csv to test\.csv\), or pass each file alone: --dataset FILE --split NAME$"),
        (["train.csv", "TEST.csv"], r"^no split of the folder '.*' reads 'TEST\.csv' \(it reads 'train' from 'train\.csv'\): "
         r"`datasets` takes split names from lower-case file names \(train\.csv, test\.csv, validation\.csv\) and reads one "
         r"file type per folder\. Rename them \(e\.g\. Test\.csv to test\.csv\), move out those that hold no rows, or pass "
         r"each file alone: --dataset FILE --split NAME$"),
        (["train.csv", "train.jsonl"], r"^no split of the folder '.*' reads 'train\.csv' \(it reads 'train' from 'train\.jsonl'\)"),
    ],
    ids=["capitalised", "upper-case-test", "two-file-types"],
)
def test_a_folder_whose_files_datasets_would_misread_is_refused_naming_them(tmp_path, files, message):
    folder = folder_of(tmp_path, {name: ROW_JSONL if name.endswith(".jsonl") else ROW_CSV for name in files})
    with pytest.raises(hfaug.HfaugError, match=message):
        load_source(folder)


def test_files_of_no_rows_hidden_ones_and_those_of_a_version_beside_the_data_are_left_alone(tmp_path):
    folder = folder_of(tmp_path, {"train.csv": ROW_CSV, "README.md": "# rows\n", "notes.txt": "from excel\n",
                                  ".cache/old.csv": ROW_CSV, "~$train.csv": "lock", "dataset_info.json": "{}", "images/logo.png": "",
                                  "v1/README.md": "---\nconfigs: []\n---\n", "v1/manifest.json": "{}"})
    assert load_source(folder)[0]["train"]["text"] == ["hello"]


def test_an_image_folder_keeps_its_other_files_and_classes_of_any_name(tmp_path):
    for image in ("Test/a.png", "Prod/b.png", "cat/Dev.png"):
        (tmp_path / image).parent.mkdir(exist_ok=True)
        PIL.Image.new("RGB", (4, 4)).save(tmp_path / image)
    (tmp_path / "classes.json").write_text('{"0": "Prod"}')
    data = load_source(str(tmp_path))[0]
    assert list(data) == ["train"] and data["train"].features["label"].names == ["Prod", "Test", "cat"]


def test_a_folder_whose_card_names_its_files_is_read_as_the_card_says(tmp_path):
    folder = folder_of(tmp_path, {"README.md": "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n"
                                               "    path: train.csv\n  sep: ';'\n  na_values: ['-']\n---\n",
                                  "train.csv": "text;score\nhello, you;1.5\nbye;-\n"})
    assert load_source(folder)[0]["train"].to_dict() == {"text": ["hello, you", "bye"], "score": [1.5, None]}


def test_a_folder_is_read_with_one_builder_more_than_its_splits(tmp_path, monkeypatch):
    import datasets.inspect
    import datasets.load

    import hfaug.sources.folders

    built, load_dataset_builder = [], datasets.load.load_dataset_builder

    def counted(*args, **kwargs):
        built.append(args)
        return load_dataset_builder(*args, **kwargs)

    for module in (datasets.load, datasets.inspect, hfaug.sources.folders):
        monkeypatch.setattr(module, "load_dataset_builder", counted)
    load_source(folder_of(tmp_path, {"train.csv": ROW_CSV, "test.csv": ROW_CSV}))
    assert len(built) == 3


def test_a_folder_given_by_a_link_is_checked_as_itself(tmp_path):
    folder_of(tmp_path / "real", {"train.csv": ROW_CSV, "Test.csv": ROW_CSV})
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(hfaug.HfaugError, match=r"^no split of the folder '.*link' reads 'Test\.csv' \(it reads 'train' "
                       r"from 'train\.csv'\)"):
        load_source(str(tmp_path / "link"))


# ---------------------------------------------------------------------------- text that is not UTF-8, CSV dialects
@pytest.mark.parametrize("kind", ["file", "folder"])
def test_json_lines_that_are_not_utf8_are_refused_naming_the_file(tmp_path, kind):
    (tmp_path / "train.jsonl").write_text(ROW_JSONL)
    (tmp_path / "test.jsonl").write_bytes('{"text": "café"}\n'.encode("cp1252"))
    with pytest.raises(hfaug.HfaugError, match=r"^'.*test\.jsonl' is not UTF-8 text \(column 'text'\); save it as UTF-8 "
                       r"\(in Excel: Save As 'CSV UTF-8'\)$"):
        load_source(str(tmp_path / "test.jsonl") if kind == "file" else str(tmp_path))


def test_a_csv_file_that_is_not_utf8_is_refused_naming_it_in_its_folder(tmp_path):
    (tmp_path / "train.csv").write_text(ROW_CSV)
    (tmp_path / "test.csv").write_bytes("text\ncafé\n".encode("cp1252"))
    with pytest.raises(hfaug.HfaugError, match=r"^'.*test\.csv' is not UTF-8 text \(byte 0xe9\); save it as UTF-8 "
                       r"\(in Excel: Save As 'CSV UTF-8'\)$"):
        load_source(str(tmp_path))


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_csv_cells_are_missing_as_datasets_reads_them_on_the_hub(tmp_path, kind):
    (tmp_path / "train.csv").write_text("text,score\nhello,1.5\nworld,NA\n")
    data = load_source(str(tmp_path / "train.csv") if kind == "file" else str(tmp_path))[0]["train"]
    assert data.features["score"].dtype == "float64" and data["score"] == [1.5, None]


@pytest.mark.parametrize(
    ("header", "told"),
    [
        ("text;intent", r"separated by semicolons, not commas \(its header reads 'text;intent'\); save it with commas "
                        r"\(in Excel: Save As 'CSV UTF-8'\), or read it in Python with pandas\.read_csv\(path, sep=';'\) "
                        r"and pass datasets\.Dataset\.from_pandas\(frame\)$"),
        ("text\tintent", r"separated by tabs, not commas \(its header reads 'text\\tintent'\); name it \.tsv$"),
    ],
    ids=["semicolons", "tabs"],
)
def test_a_csv_file_separated_otherwise_than_by_commas_is_told_so(tmp_path, header, told):
    sep = header[4]
    (tmp_path / "rows.csv").write_text(f"{header}\nhello, you{sep}greet\n")
    with pytest.raises(hfaug.HfaugError, match=rf"^'.*rows\.csv' is {told}"):
        load_source(str(tmp_path / "rows.csv"))


def test_a_file_reads_as_it_does_in_a_folder_compressed_tab_separated_or_arrow(stored):
    import gzip

    rows = Dataset.from_json(str(stored / "rows.jsonl"))
    (stored / "rows.jsonl.gz").write_bytes(gzip.compress((stored / "rows.jsonl").read_bytes()))
    rows.to_csv(stored / "rows.tsv", sep="\t", index=False)
    with pa.OSFile(str(stored / "rows.arrow"), "wb") as sink, pa.ipc.new_stream(sink, rows.data.schema) as writer:
        writer.write_table(rows.data.table)
    for name in ("rows.jsonl.gz", "rows.tsv", "rows.arrow"):
        assert load_source(str(stored / name))[0]["train"].to_list() == rows.to_list()


@pytest.mark.parametrize(("name", "splits", "warned"), [("Test.csv", None, True), ("dev2.csv", None, True),
                         ("train_test.csv", None, False), ("test.csv", ["test"], False)])
def test_a_single_file_named_as_held_out_data_read_as_train_is_warned_of(tmp_path, caplog, name, splits, warned):
    (tmp_path / name).write_text(ROW_CSV)
    load_source(str(tmp_path / name), splits=splits)
    warnings = [record.getMessage() for record in caplog.records if record.name == "hfaug.sources.single_file"]
    assert warnings == ([
        f"{str(tmp_path / name)!r} is named as held-out data, but a single file is read as split 'train', which recipes "
        "augment; augment the training data and leave held-out data as it is (or name the file's split: --split NAME, "
        "in Python splits=[NAME])"
    ] if warned else [])


@pytest.mark.parametrize(
    ("name", "content"), [("rows.csv", ""), ("rows.parquet", ""), ("rows.json", "[]")], ids=["empty-csv", "empty-parquet", "empty-json-list"]
)
def test_a_file_of_no_rows_is_refused_naming_it(tmp_path, name, content):
    (tmp_path / name).write_text(content)
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(str(tmp_path / name))
    assert str(refused.value) == f"dataset file {str(tmp_path / name)!r} holds no rows; pass a file with data"


def test_a_file_named_with_glob_characters_is_read_as_itself(tmp_path):
    # `set[12].jsonl` read `set1.jsonl` and `set2.jsonl`; `only[x].jsonl` "held no rows"
    for name in ("set1.jsonl", "set2.jsonl"):
        (tmp_path / name).write_text('{"text": "a neighbour"}\n')
    for name in ("set[12].jsonl", "only[x].jsonl", "any*?.jsonl"):
        (tmp_path / name).write_text(ROW_JSONL)
        data, described = load_source(str(tmp_path / name))
        assert (data["train"]["text"], described["path"]) == (["hello"], str(tmp_path / name))


def test_a_folder_named_with_glob_characters_or_a_path_with_a_chain_is_refused_saying_what_to_do(tmp_path):
    (tmp_path / "e[x]").mkdir()
    (tmp_path / "e[x]" / "train.jsonl").write_text(ROW_JSONL)
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(str(tmp_path / "e[x]"))
    assert str(refused.value) == (
        f"cannot read the folder {str(tmp_path / 'e[x]')!r}: `datasets` looks for its data files through a pattern made "
        "of its path, where '[' would match other files (or none); rename the folder (or the one above it that holds "
        "it), or pass its files one by one: --dataset FILE --split NAME"
    )
    (tmp_path / "x::y.jsonl").write_text(ROW_JSONL)
    with pytest.raises(hfaug.HfaugError, match=r"^cannot read '.*x::y\.jsonl': `datasets` reads '::' in a path as a chain of "
                       r"file systems \(fsspec's URLs\); rename it without '::'$"):
        load_source(str(tmp_path / "x::y.jsonl"))


@pytest.mark.parametrize("name", ["rows.csv", "rows.jsonl", "train/rows.json"])
def test_a_parquet_or_arrow_file_named_as_text_is_refused_naming_its_type(stored, name):
    # a Parquet file named .csv was told to be saved as UTF-8, and one named .jsonl failed on pyarrow's JSON parse error
    rows = Dataset.from_dict({"text": ["a good film"], "label": [1]})
    for kind, write in (("Parquet", rows.to_parquet), ("Arrow", lambda path: rows.save_to_disk(path))):
        target = stored / kind / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "Parquet":
            write(target)
        else:
            write(stored / "saved")
            shutil.copyfile(next((stored / "saved").glob("*.arrow")), target)
        suffix = Path(name).suffix
        extension = {"Parquet": ".parquet", "Arrow": ".arrow"}[kind]
        with pytest.raises(hfaug.HfaugError) as refused:
            load_source(str(stored / kind / name.split("/")[0]))
        assert str(refused.value) == (
            f"{str(target)!r} is a {kind} file, not {suffix} as its name says; rename it to "
            f"{target.stem}{extension}"
        )


def test_a_csv_file_whose_header_starts_as_parquet_does_is_read(tmp_path):
    # a header naming the genes PAR1 and PAR2 was refused as a Parquet file
    (tmp_path / "genes.csv").write_text("PAR1,PAR2,label\n0.5,0.25,1\n")
    data, _ = load_source(str(tmp_path / "genes.csv"))
    assert data["train"].to_list() == [{"PAR1": 0.5, "PAR2": 0.25, "label": 1}]


@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("rows.csv", "holds JSON, not comma-separated values as its name says; rename it to rows.jsonl"),
        ("rows.tsv", "holds JSON, not tab-separated values as its name says; rename it to rows.jsonl"),
        ("rows.jsonl", "holds no JSON rows (its first line reads 'text,label'); rename it to rows.csv if it is CSV"),
        ("rows.json", "holds no JSON rows (its first line reads 'text,label'); rename it to rows.csv if it is CSV"),
    ],
)
def test_json_named_as_csv_and_csv_named_as_json_are_refused_naming_what_they_hold(stored, name, told):
    # each failed on the parse error of the other format (pandas' 'Expected 3 fields in line 3, saw 4'; pyarrow's
    # 'JSON parse error: Invalid value. in row 0')
    source = stored / ("rows.csv" if name.startswith("rows.json") else "rows.jsonl")
    (stored / "misnamed").mkdir()
    shutil.copyfile(source, stored / "misnamed" / name)
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(str(stored / "misnamed" / name))
    assert str(refused.value) == f"{str(stored / 'misnamed' / name)!r} {told}"


@pytest.mark.parametrize(
    ("name", "first_lines", "told"),
    [
        ("rows.csv", "\n\n", "holds JSON, not comma-separated values as its name says; rename it to rows.jsonl"),
        ("rows.jsonl", "\r\n", "holds no JSON rows (its first line reads 'text,label'); rename it to rows.csv if it is CSV"),
    ],
)
def test_a_misnamed_file_is_told_by_its_first_line_that_is_not_blank(stored, name, first_lines, told):
    # the CSV reader skips blank lines, so JSON Lines after one were read as CSV columns without error
    source = stored / ("rows.csv" if name.endswith(".jsonl") else "rows.jsonl")
    (stored / "misnamed").mkdir()
    (stored / "misnamed" / name).write_text(first_lines + source.read_text(), newline="")
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(str(stored / "misnamed" / name))
    assert str(refused.value) == f"{str(stored / 'misnamed' / name)!r} {told}"


def test_json_lines_named_csv_whose_first_row_is_longer_than_the_look_is_refused(tmp_path):
    # the look at a first line is cut at 64 KiB; a cut JSON row did not parse and the file was read as CSV
    rows = Dataset.from_dict({"text": ["word " * 20_000, "short"], "label": [1, 0]})
    rows.to_json(tmp_path / "rows.csv")
    with pytest.raises(hfaug.HfaugError, match=r"holds JSON, not comma-separated values as its name says; rename it to rows\.jsonl$"):
        load_source(str(tmp_path / "rows.csv"))


def test_two_splits_of_one_file_are_refused(tmp_path):
    (tmp_path / "rows.jsonl").write_text(ROW_JSONL)
    with pytest.raises(ValueError, match=r"^a single file holds one split; pass one --split \(its name\), not \['train', 'test'\]$"):
        load_source(str(tmp_path / "rows.jsonl"), splits=["train", "test"])


def test_a_json_object_holding_the_rows_in_a_list_is_told_how_to_read_them(tmp_path):
    (tmp_path / "squad.json").write_text('{"version": "1", "data": [{"text": "a"}, {"text": "b"}]}')
    with pytest.raises(hfaug.HfaugError, match=r"^'.*squad\.json' holds one JSON object, not rows; if its rows are in "
                       r"the list 'data', save them as JSON Lines \(one object a line\), or read them in Python with "
                       r"load_dataset\('json', data_files=path, field='data'\) and pass that Dataset$"):
        load_source(str(tmp_path / "squad.json"))


def test_a_large_json_object_holding_lists_of_rows_of_other_lengths_is_told_how_to_read_them(tmp_path):
    # CLINC150's data_full.json: pretty-printed, larger than pyarrow's block, its lists of rows of other lengths
    splits = {"train": [[f"utterance {i}", "greet"] for i in range(6000)], "test": [["hello there", "greet"]]}
    (tmp_path / "data_full.json").write_text(json.dumps(splits, indent=4))
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(str(tmp_path / "data_full.json"))
    assert str(refused.value) == (
        f"{str(tmp_path / 'data_full.json')!r} holds one JSON object, not rows; if its rows are in one of the lists "
        "'train', 'test', save them as JSON Lines (one object a line), or read them in Python with "
        "load_dataset('json', data_files=path, field='train') and pass that Dataset"
    )


def test_a_folder_of_data_files_of_several_types_is_told_so(tmp_path):
    folder = folder_of(tmp_path, {"train.csv": ROW_CSV, "test.jsonl": ROW_JSONL})
    with pytest.raises(hfaug.HfaugError, match=r"^the folder '.*' holds data files of several types \('test\.jsonl', "
                       r"'train\.csv'\), and `datasets` reads one type per folder: save them in one "
                       r"type \(e\.g\. all \.csv\), or pass each file alone: --dataset FILE --split NAME$"):
        load_source(folder)


@pytest.mark.parametrize(
    ("files", "named", "renamed"),
    [
        ({"train.CSV": ROW_CSV, "test.CSV": ROW_CSV}, "'test.CSV', 'train.CSV'", "test.CSV to test.csv"),
        ({"train.csv": ROW_CSV, "test.Csv": ROW_CSV}, "'test.Csv'", "test.Csv to test.csv"),
        ({"My.Train.csv": ROW_CSV, "dev.JSONL.GZ": ROW_CSV}, "'dev.JSONL.GZ'", "dev.JSONL.GZ to dev.jsonl.gz"),
    ],
    ids=["every file", "one file", "compressed"],
)
def test_a_folder_of_data_files_typed_in_capitals_is_told_to_rename_them(tmp_path, files, named, renamed):
    folder = folder_of(tmp_path, files)
    with pytest.raises(hfaug.HfaugError) as refused:
        load_source(folder)
    assert str(refused.value) == (
        f"the folder {folder!r} holds {named}, whose type is written in capitals: `datasets` reads data files by "
        f"lower-case extensions only. Rename them (e.g. {renamed}), or pass each file alone: --dataset FILE --split NAME"
    )


def test_an_office_lock_file_read_with_the_data_is_named_as_such(tmp_path):
    folder = Path(folder_of(tmp_path, {"data.csv": ROW_CSV}))
    (folder / "~$data.csv").write_bytes(b"\xffowner\x00")
    with pytest.raises(hfaug.HfaugError) as raised:
        load_source(str(folder))
    assert str(raised.value) == (
        f"{str(folder / '~$data.csv')!r} is the lock file of a file open in Excel or another office program, not data: "
        "close that file, or delete the lock file"
    )
