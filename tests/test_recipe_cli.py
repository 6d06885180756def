"""`hfaug apply`, `hfaug show` and `hfaug preview`: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datasets import Dataset, DatasetDict

import hfaug
from hfaug._version import __version__
from hfaug import shipped as shipped_recipes
from hfaug.cli.main import main

import toy_augmenters  # noqa: F401  (registers test.shout and test.fragile)
from processes import ends_within, stopped_at_the_end

ROOT = Path(__file__).resolve().parents[1]
CLINC = ROOT / "recipes" / "data" / "clinc150"
TOY = {"name": "toy", "column": "text", "label_column": "intent", "augmenters": [{"name": "test.shout", "p": 0.3}], "n": 1, "seed": 1}


@pytest.fixture
def toy_recipe(tmp_path) -> Path:
    path = tmp_path / "toy.yaml"
    path.write_text(yaml.safe_dump(TOY))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def error_line(err: str) -> str:
    """The error line: the last line of stderr (progress bars may come before it)."""
    lines = [line for line in err.replace("\r", "\n").splitlines() if line.strip()]
    assert lines, "nothing on stderr"
    return lines[-1]


# ---------------------------------------------------------------------------- apply
def test_apply_writes_a_version_folder_and_says_where(capsys, toy_recipe, tmp_path):
    code, out, _ = run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--out", tmp_path / "out")
    assert code == 0
    folders = [path for path in (tmp_path / "out").iterdir()]
    assert len(folders) == 1 and folders[0].name.startswith("toy-")
    assert f"version {folders[0].name} written to {folders[0]}" in out
    assert "train: 300 -> 600 rows (augmented: 278 copies changed, 22 the same as their source)\n" in out
    assert "test: 100 -> 100 rows (kept as is)\n" in out
    assert (folders[0] / "preview" / "index.html").is_file()


def test_apply_stopped_by_an_error_in_the_data_leaves_no_output_folder(capsys, tmp_path):
    (tmp_path / "nolabel.yaml").write_text(yaml.safe_dump({**TOY, "label_column": "intents"}))
    code, _, err = run(capsys, "apply", tmp_path / "nolabel.yaml", "--dataset", CLINC, "--out", tmp_path / "new" / "out")
    assert code == 2 and "column 'intents' not found" in error_line(err)
    assert not (tmp_path / "new").exists()


def test_apply_counts_the_changed_copies_that_repeat_an_earlier_copy_of_their_row(capsys, tmp_path):
    (tmp_path / "shout.yaml").write_text(yaml.safe_dump({**TOY, "label_column": None, "n": 3, "augmenters": [{"name": "test.shout", "p": 1.0}]}))
    (tmp_path / "data.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    code, out, _ = run(capsys, "apply", tmp_path / "shout.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path / "out")
    assert code == 0
    assert "train: 2 -> 8 rows (augmented: 6 copies changed (4 repeating an earlier copy of their row))\n" in out


def test_apply_counts_copies_with_errors_and_dropped_and_warns_when_none_changed(capsys, tmp_path):
    (tmp_path / "swap.yaml").write_text(yaml.safe_dump({"name": "swap", "column": "text", "augmenters": ["eda.swap"]}))
    (tmp_path / "data.jsonl").write_text('{"text": "one"}\n{"text": null}\n{"text": "two"}\n')
    code, out, err = run(capsys, "apply", tmp_path / "swap.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path)
    assert code == 0
    assert "train: 3 -> 4 rows (augmented: 0 copies changed, 1 kept unchanged with an error, 2 dropped)\n" in out
    warning = error_line(err)
    assert warning.startswith(
        "hfaug apply: warning: no copy of split 'train' differs from its source: 1 kept unchanged with an error (their "
        "hfaug_error column says which); 2 dropped by the augmenters (nothing to change, or skipped on error) "
        f"(hfaug show {tmp_path / 'swap-'}"
    )
    assert warning.endswith(" counts them by augmenter and filter and lists the commonest errors)")


def test_show_lists_the_most_common_error_reasons(capsys, tmp_path):
    (tmp_path / "swap.yaml").write_text(yaml.safe_dump({"name": "swap", "column": "text", "augmenters": ["eda.swap"]}))
    (tmp_path / "data.jsonl").write_text('{"text": null}\n{"text": "  "}\n{"text": null}\n{"text": "one two"}\n')
    run(capsys, "apply", tmp_path / "swap.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path)
    [folder] = [path for path in tmp_path.iterdir() if path.is_dir()]
    code, out, _ = run(capsys, "show", folder)
    assert code == 0
    errors = [line.strip() for line in out.splitlines() if line.startswith("  error x")]
    assert errors == ["error x2: the text is None", "error x1: the text is empty or whitespace only"]


def test_show_prints_control_characters_of_the_data_as_escapes(capsys, tmp_path):
    # texts and labels were printed raw: escape sequences in the data cleared the screen or retitled the terminal
    recipe = {"name": "swap", "column": "text", "label_column": "label", "augmenters": ["eda.swap"]}
    (tmp_path / "swap.yaml").write_text(yaml.safe_dump(recipe))
    row = {"text": "a nice film \x1b[2J\x1b]0;pwned\x07 indeed", "label": "\x1b[41mgood\x1b[0m"}
    (tmp_path / "data.jsonl").write_text(json.dumps(row) + "\n")
    run(capsys, "apply", tmp_path / "swap.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path)
    [folder] = [path for path in tmp_path.iterdir() if path.is_dir()]
    code, out, _ = run(capsys, "show", folder)
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "  before [\\x1b[41mgood\\x1b[0m]: a nice film \\x1b[2J\\x1b]0;pwned\\x07 indeed" in out


def test_apply_warns_that_the_filters_removed_the_copies(capsys, tmp_path):
    recipe = {"column": "text", "augmenters": ["eda.swap"], "filters": [{"name": "length_ratio", "min_ratio": 5, "max_ratio": 10}]}
    (tmp_path / "swap.yaml").write_text(yaml.safe_dump(recipe))
    (tmp_path / "data.jsonl").write_text('{"text": "one two three"}\n{"text": "four five six seven"}\n')
    code, out, err = run(capsys, "apply", tmp_path / "swap.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path)
    assert code == 0
    assert "train: 2 -> 2 rows (augmented: 0 copies changed, 2 dropped)\n" in out
    assert error_line(err).startswith(
        "hfaug apply: warning: no copy of split 'train' differs from its source: 2 removed by the filters "
        "(length_ratio 2): loosen them (hfaug show "
    )


def test_apply_warns_of_a_single_file_named_as_held_out_data_as_of_its_other_warnings(capsys, toy_recipe, tmp_path):
    # the warning was printed bare, without the command's "hfaug apply: warning: "
    shutil.copy(CLINC / "test.jsonl", tmp_path / "test.jsonl")
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "test.jsonl", "--out", tmp_path / "out")
    assert code == 0
    assert (
        f"hfaug apply: warning: {str(tmp_path / 'test.jsonl')!r} is named as held-out data, but a single file is read "
        "as split 'train', which recipes augment; augment the training data and leave held-out data as it is (or name "
        "the file's split: --split NAME, in Python splits=[NAME])\n"
    ) in err


def test_apply_reads_a_single_file_as_the_split_named(capsys, toy_recipe, tmp_path):
    code, out, _ = run(capsys, "apply", toy_recipe, "--dataset", CLINC / "train.jsonl", "--split", "train", "--out", tmp_path)
    assert code == 0 and "train: 300 -> 600 rows (augmented: 278 copies changed, 22 the same as their source)" in out


def test_apply_twice_gives_the_same_version(capsys, toy_recipe, tmp_path):
    run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--split", "train", "--out", tmp_path / "a")
    run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--split", "train", "--out", tmp_path / "b", "--num-proc", "1", "--batch-size", "7")
    [first], [second] = (list((tmp_path / name).iterdir()) for name in ("a", "b"))
    assert first.name == second.name
    assert (first / "data" / "train-00000-of-00001.parquet").read_bytes() == (second / "data" / "train-00000-of-00001.parquet").read_bytes()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["apply", "{tmp}/nothing.yaml", "--dataset", "{clinc}"], "hfaug apply: error: recipe file '{tmp}/nothing.yaml' not found"),
        (["apply", "{recipe}", "--dataset", "{tmp}/missing.jsonl"], "hfaug apply: error: dataset '{tmp}/missing.jsonl' not found: no such file or folder"),
        (
            ["apply", "{recipe}", "--dataset", "{clinc}/trian.jsonl"],
            "dataset '{clinc}/trian.jsonl' not found: no such file or folder (nor a valid Hub dataset id). Did you mean 'train.jsonl'?",
        ),
        (["apply", "{recipe}", "--dataset", "{clinc}/README.md"], "unsupported file type '.md'"),
        (["apply", "{recipe}", "--dataset", "{clinc}", "--split", "validation"], "has no split 'validation'; it has ['train', 'test']"),
        (["apply", "{bad}", "--dataset", "{clinc}"], "augmenters[0]: no augmenter named 'test.shoot'. Did you mean 'test.shout'?"),
        (
            ["apply", "{nocolumn}", "--dataset", "{clinc}"],
            "hfaug apply: error: recipe column (split 'train'): column 'utterance' not found; the dataset has columns "
            "'text', 'intent'. Set the recipe's 'column' to one of them.",
        ),
        (
            ["apply", "{nolabel}", "--dataset", "{clinc}"],
            "hfaug apply: error: recipe label_column (split 'train'): column 'intents' not found; the dataset has "
            "columns 'text', 'intent'. Set the recipe's 'label_column' to one of them.",
        ),
        (["apply", "{recipe}", "--dataset", "{clinc}", "--split", "test"], "this recipe augments none of the splits ['test']"),
        (["apply", "{recipe}", "--dataset", "{clinc}", "--out", "{tmp}/afile"], "output folder '{tmp}/afile' is a file; pass a folder"),
        (["apply", "{recipe}", "--dataset", "{clinc}", "--out", "{tmp}/afile/sub"], "cannot create the output folder '{tmp}/afile/sub' (Not a directory)"),
        (["apply", "{recipe}", "--dataset", "{tmp}/blank.jsonl"], "dataset file '{tmp}/blank.jsonl' holds no rows; pass a file with data"),
        (["apply", "{recipe}", "--dataset", "{tmp}/header.csv"], "dataset file '{tmp}/header.csv' holds no rows; pass a file with data"),
        (["apply", "{recipe}", "--dataset", "{tmp}/broken.jsonl"],
         "cannot read the data in '{tmp}/broken.jsonl': ArrowInvalid: JSON parse error"),
        (["apply", "{recipe}", "--dataset", "{tmp}/emptysplit"],
         "split 'validation' of '{tmp}/emptysplit' holds no rows; pass --split (in Python: splits=) for the splits that have rows"),
        (["apply", "{oneword}", "--dataset", "{tmp}/emptysplit/train.jsonl"],
         "the augmented data: split 'train' has no rows, and `load_dataset` cannot read an empty split back; the recipe left "
         "no copy (4 could not differ from their source row, 0 were dropped by its filters); set keep_original: true"),
        (["apply", "{recipe}", "--dataset", "{tmp}/emptyfirst", "--split", "validation"],  # a StopIteration traceback
         "the data file '{tmp}/emptyfirst/train.jsonl' (split 'train') of '{tmp}/emptyfirst' holds no rows, and `datasets` "
         "reads the columns of every split from it; fill or remove it"),
        (["apply", "{tmp}", "--dataset", "{clinc}"], "recipe '{tmp}' is a folder (it holds bad.yaml, latin1.yaml,"),
        (["apply", "{recipe}", "--dataset", "{tmp}/nodata"],  # datasets: "The directory at ... doesn't contain any data files"
         "the folder '{tmp}/nodata' holds no data files (it holds notes.docx); pass a folder of .csv, .tsv, .json, .jsonl, "
         ".parquet or .arrow files, a folder written by `hfaug apply` or save_to_disk, a single file or a Hub dataset id"),
        (["apply", "{tmp}/latin1.yaml", "--dataset", "{clinc}"],
         "recipe '{tmp}/latin1.yaml' is not UTF-8 text (byte 0xe9 at position 9); save it as UTF-8"),
        (["apply", "{recipe}", "--dataset", "{clinc}", "--revision", "v1"],
         "'{clinc}' is a local folder, and a revision applies to Hub datasets only; leave out --revision"),
        (["apply", "{recipe}", "--dataset", "{clinc}/train.jsonl", "--revision", "v1"],
         "'{clinc}/train.jsonl' is a local file, and a revision applies to Hub datasets only; leave out --revision"),
        (["apply", "{recipe}", "--dataset", "{clinc}/train.jsonl", "--config", "plus"],
         "'{clinc}/train.jsonl' is a single file, which has no configurations; leave out --config"),
        (["apply", "{recipe}", "--dataset", "{tmp}/emptysplit", "--config", "plus"],  # datasets: BuilderConfig 'plus' not found
         "the folder '{tmp}/emptysplit' has no configuration 'plus': a local folder has one, 'default', unless its README.md "
         "declares others ('configs' in its metadata); leave out --config (in Python: config=)"),
        (["apply", "{recipe}", "--dataset", "{tmp}/configs", "--config", "alhpa"],
         "the folder '{tmp}/configs' has no configuration 'alhpa'; its README.md declares 'alpha', 'beta': pass one of "
         "them with --config (in Python: config=). Did you mean 'alpha'?"),
        (["apply", "{recipe}", "--dataset", "{tmp}/configs"],  # datasets: Config name is missing, with a Python example
         "the folder '{tmp}/configs' has several configurations and none is the default; its README.md declares "
         "'alpha', 'beta': pass one of them with --config (in Python: config=)"),
        (["apply", "{recipe}", "--dataset", "{tmp}/saved", "--config", "plus"],  # the configuration was ignored
         "'{tmp}/saved' is a folder saved by datasets (save_to_disk), which has no configurations; leave out --config"),
        (["show", "{tmp}"], "holds no augmented dataset version"),
        (["preview", "{tmp}/nowhere"], "'{tmp}/nowhere' not found"),
    ],
    ids=[
        "missing-recipe", "missing-file", "misspelt-file", "file-type", "missing-split", "bad-recipe", "missing-column",
        "missing-label-column",
        "test-split",
        "out-is-a-file", "out-under-a-file", "blank-file", "header-only-file", "broken-file", "empty-split-file",
        "emptied-split", "empty-first-file", "recipe-folder", "folder-without-data", "latin1-recipe", "revision-of-a-folder", "revision-of-a-file", "config-of-a-file",
        "config-of-a-folder", "config-a-folder-lacks", "no-config-of-a-folder-of-several", "config-of-a-saved-folder",
        "show-empty", "preview-missing",
    ],
)
def test_user_errors_exit_2_with_one_line(capsys, tmp_path, toy_recipe, argv, message):
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump({**TOY, "augmenters": ["test.shoot"]}))
    (tmp_path / "nocolumn.yaml").write_text(yaml.safe_dump({**TOY, "column": "utterance"}))
    (tmp_path / "nolabel.yaml").write_text(yaml.safe_dump({**TOY, "label_column": "intents"}))
    (tmp_path / "afile").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n\n")
    (tmp_path / "header.csv").write_text("text,intent\n")
    (tmp_path / "broken.jsonl").write_text('{"text": "hello", "intent": 1}\n{"text": "hel\n')
    with_empty_split(tmp_path / "emptysplit")
    (tmp_path / "emptyfirst").mkdir()
    (tmp_path / "emptyfirst" / "train.jsonl").write_text("")
    (tmp_path / "emptyfirst" / "validation.jsonl").write_text('{"text": "hello", "intent": 0}\n')
    (tmp_path / "nodata").mkdir()
    (tmp_path / "nodata" / "notes.docx").write_text("not a data file")
    (tmp_path / "latin1.yaml").write_bytes("name: café\n".encode("latin-1"))
    with_configurations(tmp_path / "configs")
    Dataset.from_dict({"text": ["hello"], "intent": [0]}).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "oneword.yaml").write_text(yaml.safe_dump({**TOY, "augmenters": ["eda.swap"], "n": 2, "keep_original": False}))
    names = {"tmp": tmp_path, "clinc": CLINC, "recipe": toy_recipe, "bad": tmp_path / "bad.yaml", "nocolumn": tmp_path / "nocolumn.yaml",
             "nolabel": tmp_path / "nolabel.yaml", "oneword": tmp_path / "oneword.yaml"}
    code, out, err = run(capsys, *(arg.format(**names) for arg in argv))
    assert code == 2
    line = error_line(err)
    assert line.startswith(f"hfaug {argv[0]}: error: ")
    assert message.format(**names).replace("hfaug apply: error: ", "") in line
    assert not list(tmp_path.glob("out*"))


@pytest.mark.parametrize("row", [0, 2, 4], ids=["first", "middle", "last"])
def test_a_number_among_the_texts_of_a_file_is_told_by_its_row(capsys, toy_recipe, tmp_path, row):
    # the error named the column's type, Json(decode=True), which does not lead to the row among thousands
    rows = [{"text": f"a text of row {index}", "intent": 0} for index in range(5)]
    rows[row]["text"] = 5
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(one) + "\n" for one in rows))
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "mixed.jsonl", "--out", tmp_path / "out")
    assert code == 2
    assert error_line(err) == (
        "hfaug apply: error: recipe column (split 'train'): test.shout: column 'text' holds texts but, in 1 of 5 rows, "
        f"other values, so datasets typed it Json(decode=True) (row index {row}: 5 (int)); fix those rows in the data "
        '(quote a value meant as text, e.g. "5" for 5, or drop the row) and load it again'
    )


def test_a_number_among_the_texts_of_a_slice_is_told_by_its_row_in_that_slice(capsys, toy_recipe, tmp_path):
    # it said "row index 1", which is row 3 of the file: the user could not tell the indices counted from the slice
    rows = [{"text": f"a text of row {index}", "intent": 0} for index in range(5)]
    rows[3]["text"] = 5
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(one) + "\n" for one in rows))
    argv = ("apply", toy_recipe, "--dataset", tmp_path / "mixed.jsonl", "--split", "train[2:]", "--out", tmp_path / "out")
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert error_line(err) == (
        "hfaug apply: error: recipe column (split 'train'): test.shout: column 'text' holds texts but, in 1 of 3 rows, "
        "other values, so datasets typed it Json(decode=True) (row index 1 of train[2:]: 5 (int)); fix those rows in the "
        'data (quote a value meant as text, e.g. "5" for 5, or drop the row) and load it again'
    )


def test_a_file_without_texts_in_the_recipe_column_is_told_by_the_columns_type(capsys, toy_recipe, tmp_path):
    (tmp_path / "numbers.jsonl").write_text('{"text": 5, "intent": 0}\n{"text": 6, "intent": 1}\n')
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "numbers.jsonl", "--out", tmp_path / "out")
    assert code == 2
    assert error_line(err).startswith(
        "hfaug apply: error: recipe column (split 'train'): test.shout: column 'text' holds Value('int64'), not text."
    )


def with_configurations(folder: Path) -> Path:
    """A data folder whose README.md declares the configurations 'alpha' and 'beta', a file each."""
    folder.mkdir()
    for name in ("alpha", "beta"):
        (folder / f"{name}.jsonl").write_text('{"text": "hello", "intent": 0}\n')
    declared = [{"config_name": name, "data_files": [{"split": "train", "path": f"{name}.jsonl"}]} for name in ("alpha", "beta")]
    (folder / "README.md").write_text(f"---\n{yaml.safe_dump({'configs': declared})}---\n")
    return folder


def with_empty_split(folder: Path) -> Path:
    """A data folder whose train file holds two one-word rows and whose validation file is empty."""
    folder.mkdir()
    (folder / "train.jsonl").write_text('{"text": "hello", "intent": 0}\n{"text": "bye", "intent": 1}\n')
    (folder / "validation.jsonl").write_text("")
    return folder


def test_a_split_without_rows_is_left_out_with_split(capsys, toy_recipe, tmp_path):
    folder = with_empty_split(tmp_path / "data")
    code, out, _ = run(capsys, "apply", toy_recipe, "--dataset", folder, "--split", "train", "--out", tmp_path / "out")
    assert code == 0 and "train: 2 -> 4 rows (augmented: " in out


def test_a_saved_dataset_dict_with_an_empty_split_is_read_split_by_split(capsys, toy_recipe, tmp_path):
    train = Dataset.from_dict({"text": ["hello there", "bye now"], "intent": [0, 1]})
    DatasetDict({"train": train, "validation": train.select([])}).save_to_disk(str(tmp_path / "saved"))
    code, out, _ = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "saved", "--split", "train", "--out", tmp_path / "out")
    assert code == 0 and "train: 2 -> 4 rows (augmented: " in out
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "saved", "--out", tmp_path / "out")
    assert code == 2 and f"split 'validation' of '{tmp_path / 'saved'}' holds no rows" in error_line(err)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--num-proc", "0", "argument --num-proc: expected a number >= 1, got 0"),
        ("--batch-size", "-5", "argument --batch-size: expected a number >= 1, got -5"),
        ("--samples", "-1", "argument --samples: expected a number >= 0, got -1"),
        ("--num-proc", "two", "argument --num-proc: expected a whole number, got 'two'"),
    ],
)
def test_counts_are_checked_when_the_command_line_is_read(capsys, tmp_path, toy_recipe, option, value, message):
    with pytest.raises(SystemExit) as exit_:
        main(["apply", str(toy_recipe), "--dataset", str(CLINC), "--out", str(tmp_path / "out"), option, value])
    assert exit_.value.code == 2
    assert error_line(capsys.readouterr().err) == f"hfaug apply: error: {message}"
    assert not (tmp_path / "out").exists()


def test_a_missing_model_is_one_line(capsys, tmp_path):
    recipe = tmp_path / "bt.yaml"
    recipe.write_text(yaml.safe_dump({"column": "text", "augmenters": [{"name": "backtranslate", "models": {"en-de": str(tmp_path / "no-model"), "de-en": str(tmp_path / "no-model")}}]}))
    code, _, err = run(capsys, "apply", recipe, "--dataset", CLINC, "--split", "train", "--out", tmp_path / "out")
    assert code == 2
    line = error_line(err)
    assert line.startswith(f"hfaug apply: error: the model for en-de: there is no folder {tmp_path / 'no-model'}. Pass the folder")
    assert not (tmp_path / "out").exists()  # refused while the recipe was read, before any data


def test_the_console_script_exits_2_with_one_line_on_stderr(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "hfaug", "apply", str(tmp_path / "none.yaml"), "--dataset", str(CLINC)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"hfaug apply: error: recipe file '{tmp_path / 'none.yaml'}' not found; pass the path of a recipe YAML file")


def test_a_key_error_of_hfaugs_own_code_shows_its_traceback_to_be_reported(capsys, monkeypatch):
    from hfaug.cli import list_command

    monkeypatch.setattr(list_command, "_describe", lambda kind, name: {"kind": kind, "name": name})  # keys missing
    with pytest.raises(KeyError, match="required"):  # a bug: not told as the user's error in one line
        main(["list"])
    assert run(capsys, "recipes", "sst2-ed")[0] == 2  # hfaug's own KeyError, raised to tell the user, still is


def test_an_uncached_hub_dataset_offline_says_how_to_get_it(tmp_path):
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf-home")}  # an empty cache
    result = subprocess.run(
        [sys.executable, "-m", "hfaug", "apply", str(ROOT / "recipes" / "clinc150-intents.yaml"), "--dataset", "someone/no-such-dataset"],
        capture_output=True, text=True, check=False, env=environment, cwd=tmp_path,
    )
    assert result.returncode == 1  # as push: the Hub is out of reach, not a user error
    assert error_line(result.stderr) == (
        "hfaug apply: error: Hub dataset 'someone/no-such-dataset' is not in the local cache, and HF_HUB_OFFLINE=1 "
        f"forbids downloading it (nor is there a local file or folder 'someone/no-such-dataset' in {str(tmp_path)!r}); "
        "load it once where the Hub is reachable (it is then cached), or pass a local file or folder"
    )


@pytest.mark.parametrize("dataset", [".", "./", "{here}"])
def test_an_output_folder_inside_the_dataset_folder_is_refused(capsys, toy_recipe, tmp_path, monkeypatch, dataset):
    with_empty_split(tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    dataset = dataset.format(here=tmp_path / "data")
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", dataset, "--split", "train")  # the default --out: out
    assert code == 2
    assert error_line(err) == (
        f"hfaug apply: error: the output folder 'out' is inside the dataset folder {dataset!r}, whose data files the "
        "next run would read with it; pass an --out outside that folder"
    )
    assert not (tmp_path / "data" / "out").exists()


def test_concurrency_without_the_ray_engine_is_refused(capsys, toy_recipe, tmp_path):
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--out", tmp_path / "out", "--concurrency", "2")
    assert code == 2
    assert error_line(err) == "hfaug apply: error: --concurrency applies to --engine ray only (its actors or tasks at once); pass --engine ray, or leave it out"
    assert not (tmp_path / "out").exists()


def test_num_proc_with_the_ray_engine_is_refused_naming_the_flag_to_use(capsys, toy_recipe, tmp_path):
    args = ("--dataset", CLINC, "--out", tmp_path / "out", "--engine", "ray", "--num-proc", "2")
    code, _, err = run(capsys, "apply", toy_recipe, *args)
    assert code == 2
    assert error_line(err) == (
        "hfaug apply: error: --num-proc sets the processes of the local engine; with --engine ray, Ray decides the "
        "parallelism: pass --concurrency N for its actors or tasks at once, or leave it out"
    )
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- shipped recipes
SHIPPED = "audio-classification, clinc150-intents, image-classification, sst2-eda, sst2-efficacy, trec-efficacy"


@pytest.fixture
def shipped(monkeypatch, tmp_path):
    """The shipped recipes read from the repository's recipes/ folder, which an install holds as the
    package hfaug.recipes (test_packaging.py checks a built wheel), with a working folder without them."""
    monkeypatch.setattr(shipped_recipes, "_folder", lambda: ROOT / "recipes")
    monkeypatch.chdir(tmp_path)


def apply_by_name(capsys, name: str) -> str:
    """What ``hfaug apply NAME`` prints, on two intents in a file."""
    Path("train.jsonl").write_text('{"text": "what is my balance", "intent": 0}\n{"text": "book a flight", "intent": 1}\n')
    code, out, err = run(capsys, "apply", name, "--dataset", "train.jsonl", "--out", "out", "--no-preview")
    assert code == 0, err
    return out


def test_apply_takes_a_shipped_recipe_by_name(capsys, shipped):
    assert "version clinc150-intents-" in apply_by_name(capsys, "clinc150-intents")


def test_a_recipe_file_comes_before_the_shipped_recipe_of_its_name(capsys, shipped, tmp_path):
    (tmp_path / "clinc150-intents").write_text(yaml.safe_dump(TOY))
    assert "version toy-" in apply_by_name(capsys, "clinc150-intents")


def test_a_folder_named_like_a_shipped_recipe_does_not_hide_it(capsys, shipped, tmp_path):
    (tmp_path / "clinc150-intents").mkdir()
    assert "version clinc150-intents-" in apply_by_name(capsys, "clinc150-intents")


@pytest.mark.parametrize(
    ("argument", "ending"),
    [
        ("my-recipe.yaml", ""),
        ("clinc150", ". Did you mean 'clinc150-intents'?"),
        ("sst2-eda.yaml", ". Did you mean 'sst2-eda'?"),
        ("sst2_eda", ". Did you mean 'sst2-eda'?"),
    ],
)
def test_a_recipe_that_is_neither_a_file_nor_shipped_lists_the_shipped_ones_and_the_closest(
    capsys, shipped, argument, ending
):
    code, _, err = run(capsys, "apply", argument, "--dataset", CLINC)
    assert code == 2
    assert error_line(err) == (
        f"hfaug apply: error: recipe file {argument!r} not found; pass the path of a recipe YAML file, "
        f"or the name of a shipped recipe: {SHIPPED}{ending}"
    )


def test_an_empty_recipe_argument_is_refused(capsys, shipped):
    code, _, err = run(capsys, "apply", "", "--dataset", CLINC)
    assert code == 2
    assert error_line(err) == (
        "hfaug apply: error: recipe path is empty; pass the path of a recipe YAML file, "
        f"or the name of a shipped recipe: {SHIPPED}"
    )


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("apply", f"recipe YAML file, or the name of a shipped recipe: {SHIPPED}"),
        ("preview", "Write preview/index.html in the version folder DIR (or in DIR/<version> when DIR holds one version)"),
        ("push", "e.g. the local server of `python -m hfaug.hubserver`."),
    ],
)
def test_help_names_what_an_install_has(capsys, shipped, command, says):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "".join(says.split()) in "".join(capsys.readouterr().out.split())  # as argparse wraps it


# ---------------------------------------------------------------------------- show / preview
@pytest.fixture
def written(capsys, toy_recipe, tmp_path) -> Path:
    assert run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--out", tmp_path / "out", "--samples", "4", "--no-preview")[0] == 0
    return tmp_path / "out"


def test_show_prints_the_summary_and_samples(capsys, written):
    code, out, _ = run(capsys, "show", written, "--samples", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("version     toy-")
    assert "splits      train 300 -> 600, test 100 -> 100 (as is)" in lines
    assert any(line.startswith("  test.shout ") and "300 copies" in line for line in lines)
    assert "samples     2 of 4" in lines
    assert sum(line.startswith("  before [") for line in lines) == 2


@pytest.fixture
def no_hub(monkeypatch):
    def went_to_the_hub(*args, **kwargs):
        raise AssertionError("a local folder was looked up on the Hub")

    monkeypatch.setattr("hfaug.hub.manifests.load_manifest", went_to_the_hub)


@pytest.mark.parametrize("inside", [False, True], ids=["out", "out/version"])
def test_show_with_a_version_reads_a_local_folder(capsys, written, no_hub, inside):
    [folder] = list(written.iterdir())
    code, out, _ = run(capsys, "show", folder if inside else written, "--version", folder.name)
    assert code == 0
    assert out.splitlines()[:2] == [f"version     {folder.name}  (hfaug {__version__})", f"folder      {folder}"]


def test_show_with_a_version_of_a_missing_folder_given_as_a_path_is_told_it_is_missing(capsys, tmp_path, no_hub):
    code, _, err = run(capsys, "show", tmp_path / "no-out", "--version", "v1")
    assert code == 2
    assert "not found" in error_line(err) and "Repo id" not in err


def test_show_names_a_version_that_a_folder_of_several_does_not_hold(capsys, written, no_hub):
    [folder] = list(written.iterdir())
    shutil.copytree(folder, written / "toy-000000000000")  # sorts first
    shutil.copytree(folder, written / f".{folder.name}.old-4242")  # left by an interrupted replace: no version
    code, _, err = run(capsys, "show", written, "--version", "toy-typo")
    assert code == 2
    assert error_line(err) == (
        f"hfaug show: error: {str(written)!r} has no version 'toy-typo'; it holds 'toy-000000000000', "
        f"{folder.name!r}: ask for one of them"
    )


def test_show_refuses_a_version_the_local_folder_does_not_hold(capsys, written, no_hub):
    [folder] = list(written.iterdir())
    code, _, err = run(capsys, "show", folder, "--version", "toy-000000000000")
    assert code == 2
    assert error_line(err) == (
        f"hfaug show: error: {str(folder)!r} holds version {folder.name!r}, not 'toy-000000000000'; "
        f"ask for {folder.name!r}, or pass the folder of version 'toy-000000000000'"
    )


def test_show_counts_the_copies_the_augmenters_dropped(written):
    from hfaug.cli.show_command import summary_lines
    from hfaug.versioned import read_manifest

    folder, manifest = read_manifest(written)
    manifest["stats"]["splits"]["train"]["dropped_by_augmenters"] = 3
    lines = summary_lines(manifest, where=("folder", str(folder)), samples=0)
    assert "splits      train 300 -> 600 (3 copies dropped by the augmenters), test 100 -> 100 (as is)" in lines


def test_push_refuses_a_folder_whose_rows_were_edited(capsys, written):
    [folder] = list(written.iterdir())
    path = folder / "data" / "train-00000-of-00001.parquet"
    Dataset.from_parquet(str(path)).map(lambda row: {"text": row["text"].upper()}).to_parquet(str(path))
    code, _, err = run(capsys, "push", written, "me/toy")
    assert code == 2
    assert error_line(err) == (
        f"hfaug push: error: {str(folder)!r}: the rows of split 'train' are not those its manifest records (their "
        "content fingerprint differs): the folder was changed after it was written; write the version again"
    )


def test_push_refuses_a_folder_that_lost_the_data_files_of_a_split_naming_it(capsys, written):
    [folder] = list(written.iterdir())
    (folder / "data" / "test-00000-of-00001.parquet").unlink()
    code, _, err = run(capsys, "push", written, "me/toy")
    assert code == 2
    assert error_line(err) == (
        f"hfaug push: error: {str(folder)!r}: no data files for split 'test' in data/; write the version again"
    )


def test_push_of_a_data_file_that_is_not_parquet_is_one_line_saying_to_write_the_version_again(capsys, written):
    [folder] = list(written.iterdir())
    next((folder / "data").glob("train-*.parquet")).write_text("no parquet data\n" * 4)  # damaged after it was written
    code, _, err = run(capsys, "push", written, "me/toy")
    assert code == 2
    assert error_line(err) == (
        f"hfaug push: error: {str(folder)!r}: its data files cannot be read (ArrowInvalid: Parquet magic bytes not found "
        "in footer. Either the file is corrupted or this is not a parquet file.): the folder was changed after it was "
        "written; write the version again"
    )


def test_show_of_a_manifest_that_is_not_json_is_one_line_saying_to_write_the_version_again(capsys, written):
    [folder] = list(written.iterdir())
    (folder / "manifest.json").write_text('{"version": ')  # cut short, as by a full disk
    code, out, err = run(capsys, "show", folder)
    assert (code, out) == (2, "")
    assert err == (
        f"hfaug show: error: {str(folder / 'manifest.json')!r} is not valid JSON (Expecting value: line 1 column 13 "
        "(char 12)); write the version again with `hfaug apply`\n"
    )
    (folder / "manifest.json").write_bytes(b"\xff\xfe{}")  # overwritten by other data
    code, out, err = run(capsys, "show", folder)
    assert (code, out) == (2, "")
    assert err == (
        f"hfaug show: error: {str(folder / 'manifest.json')!r} is not valid JSON ('utf-8' codec can't decode byte 0xff "
        "in position 0: invalid start byte); write the version again with `hfaug apply`\n"
    )


def test_preview_writes_the_page(capsys, written):
    [folder] = list(written.iterdir())
    assert not (folder / "preview" / "index.html").exists()
    code, out, _ = run(capsys, "preview", written)
    assert code == 0 and out.strip() == str(folder / "preview" / "index.html")
    assert (folder / "preview" / "index.html").read_text().count('<section class="sample"') == 4


def test_preview_tells_the_warnings_hfaug_logs_as_its_own(capsys, written):
    # they were printed bare, without the command's "hfaug preview: warning: "
    [folder] = list(written.iterdir())
    (folder / "preview" / "samples.parquet").unlink()
    code, _, err = run(capsys, "preview", written)
    assert code == 0
    assert err == (
        f"hfaug preview: warning: {folder} has no preview/samples.parquet, which holds the 4 before/after samples the "
        "manifest lists: the page shows none (`hfaug show` prints them as text; apply the recipe again to write them)\n"
    )


def test_preview_of_damaged_sample_rows_writes_the_page_without_them_saying_to_write_the_version_again(
    capsys, written, caplog
):
    # it failed on pyarrow's bare "Could not open Parquet input source ...: Parquet magic bytes not found"
    [folder] = list(written.iterdir())
    (folder / "preview" / "samples.parquet").write_text("garbage\n")
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        code, out, _ = run(capsys, "preview", written)
    assert code == 0 and out.strip() == str(folder / "preview" / "index.html")
    assert (folder / "preview" / "index.html").read_text().count('<section class="sample"') == 0
    assert [record.getMessage() for record in caplog.records if record.name.startswith("hfaug")] == [
        f"{folder / 'preview' / 'samples.parquet'} cannot be read (ArrowInvalid: Parquet magic bytes not found in "
        "footer. Either the file is corrupted or this is not a parquet file.): it was changed after the version was "
        "written, so its before/after sample rows are left out; write the version again to have them"
    ]


def test_a_version_folder_with_damaged_sample_rows_loads_without_them(written):
    [folder] = list(written.iterdir())
    (folder / "preview" / "samples.parquet").write_bytes(b"")
    dataset, _ = hfaug.load_version_dir(folder)
    assert dataset.samples is None and dataset["train"].num_rows == 600


def test_preview_of_a_folder_of_several_versions_asks_for_one_as_preview_takes_it(capsys, written):
    # it said to pass the version's name "to `hfaug show` with --version", which preview has not
    [folder] = list(written.iterdir())
    shutil.copytree(folder, written / "toy-other")
    written_at = (folder / "manifest.json").stat().st_mtime + 10
    os.utime(written / "toy-other" / "manifest.json", (written_at, written_at))
    code, _, err = run(capsys, "preview", written)
    assert code == 2
    assert error_line(err) == (
        f"hfaug preview: error: {str(written)!r} holds 2 versions ({', '.join(sorted([folder.name, 'toy-other']))}); "
        f"pass one of them, e.g. {str(written / 'toy-other')!r} (the latest written)"
    )


# ---------------------------------------------------------------------------- apply into a folder of versions
def _fake_version(folder: Path) -> Path:
    """A version folder as far as the commands can tell (it holds a manifest of hfaug's)."""
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"version": folder.name, "splits": {}, "stats": {}}))
    return folder


def test_apply_into_a_folder_of_other_versions_says_which_folder_show_and_push_need(capsys, toy_recipe, tmp_path):
    _fake_version(tmp_path / "out" / "toy-000000000000")
    argv = ["apply", toy_recipe, "--dataset", CLINC, "--split", "train", "--out", tmp_path / "out", "--no-preview"]
    code, out, _ = run(capsys, *argv)
    [folder] = [path for path in (tmp_path / "out").iterdir() if path.name != "toy-000000000000"]
    assert code == 0
    assert out.splitlines()[-1] == (
        f"{tmp_path / 'out'} also holds 1 other version: pass this version's folder, {folder}, to hfaug show, preview "
        "and push"
    )


def test_apply_into_a_version_folder_is_refused_before_augmenting(capsys, toy_recipe, tmp_path):
    # the new version was written inside the old one's folder, and went with it
    version = _fake_version(tmp_path / "out" / "toy-000000000000")
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", CLINC, "--out", version)
    assert code == 2
    assert error_line(err) == (
        f"hfaug apply: error: output folder {str(version)!r} is a version folder (it holds manifest.json): a "
        "version written in it would be deleted with that version; pass the folder that holds the versions, "
        f"{str(tmp_path / 'out')!r}"
    )
    assert [path.name for path in version.iterdir()] == ["manifest.json"]


BLOCKED_CLI = """
import os, sys
from hfaug import TextAugmenter, register
from hfaug.cli.main import main

@register
class Blocks(TextAugmenter):
    name = "test.blocks"

    calls = 0

    def augment_batch(self, values, rngs):
        self.calls += 1
        if self.calls == 2:  # the first batch is written: the map's partial file exists
            os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two processes' lines never interleave
            os.read(int(os.environ["NEVER_WRITTEN"]), 1)  # nothing is ever written: blocks until the process ends
        return values

sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers end with their parent on Linux")
def test_sigterm_ends_apply_with_143_its_workers_and_its_partial_files(tmp_path):
    (tmp_path / "blocks.yaml").write_text(yaml.safe_dump({"name": "blocks", "column": "text", "augmenters": ["test.blocks"]}))
    (tmp_path / "data.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n' * 2)
    (tmp_path / "tmp").mkdir()
    never_written, writer = os.pipe()
    environment = {**os.environ, "NEVER_WRITTEN": str(never_written), "HF_DATASETS_CACHE": str(tmp_path / "cache")}
    argv = ["apply", tmp_path / "blocks.yaml", "--dataset", tmp_path / "data.jsonl", "--out", tmp_path / "out"]
    with (
        subprocess.Popen(
            [sys.executable, "-c", BLOCKED_CLI, *map(str, argv), "--num-proc", "2", "--batch-size", "1"],
            pass_fds=(never_written,), env={**environment, "TMPDIR": str(tmp_path / "tmp")}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        ) as command,
        stopped_at_the_end(command, never_written, writer) as workers,
    ):
        workers |= {int(command.stdout.readline()) for _ in range(2)} - {command.pid}  # both shards are being mapped
        command.terminate()
        assert command.wait(timeout=10) == 143
        assert error_line(command.stderr.read()) == "hfaug: terminated"
        assert all(ends_within(worker, 10) for worker in workers)
    assert not [path.name for path in (tmp_path / "cache").rglob("tmp*")] + os.listdir(tmp_path / "tmp")


# ---------------------------------------------------------------------------- apply on part of a split
def applied(capsys, recipe: Path, out: Path, *args: str) -> tuple[str, dict]:
    """What ``hfaug apply RECIPE --dataset CLINC ARGS`` prints, and its version's manifest."""
    code, printed, err = run(capsys, "apply", recipe, "--dataset", CLINC, "--out", out, "--no-preview", *args)
    assert code == 0, err
    [folder] = list(out.iterdir())
    return printed, json.loads((folder / "manifest.json").read_text())


def test_apply_on_a_slice_names_the_split_records_the_slice_and_versions_the_rows(capsys, toy_recipe, tmp_path):
    printed, manifest = applied(capsys, toy_recipe, tmp_path / "part", "--split", "train[:20]", "--split", "test")
    assert "train: 20 -> 40 rows" in printed and "test: 100 -> 100 rows (kept as is)" in printed
    assert manifest["source"]["slices"] == {"train": "train[:20]"} and manifest["source"]["splits"] == {"train": 20, "test": 100}
    _, whole = applied(capsys, toy_recipe, tmp_path / "whole", "--split", "train")
    _, all_rows = applied(capsys, toy_recipe, tmp_path / "all", "--split", "train[:100%]")
    assert all_rows["version"] == whole["version"] != manifest["version"]


def test_apply_help_tells_how_to_take_part_of_a_split(capsys):
    with pytest.raises(SystemExit):
        main(["apply", "--help"])
    assert "train[:200]" in capsys.readouterr().out


def test_a_saved_slice_of_a_split_is_that_split_with_the_slice_recorded(capsys, toy_recipe, tmp_path):
    rows = {"text": ["hello there", "bye now"], "intent": [0, 1]}
    Dataset.from_dict(rows, split="train[:2]").save_to_disk(str(tmp_path / "saved"))  # as load_dataset(split=) names it
    for args in ([], ["--split", "train"]):
        code, out, err = run(
            capsys, "apply", toy_recipe, "--dataset", tmp_path / "saved", "--out", tmp_path / "out", "--no-preview", *args
        )
        assert code == 0, err
        assert "train: 2 -> 4 rows (augmented: " in out
    [folder] = list((tmp_path / "out").iterdir())
    source = json.loads((folder / "manifest.json").read_text())["source"]
    assert source["slices"] == {"train": "train[:2]"} and source["splits"] == {"train": 2}


def test_a_folder_whose_test_file_datasets_would_read_as_train_is_refused_before_any_work(capsys, toy_recipe, tmp_path):
    (tmp_path / "data").mkdir()
    for name in ("Train.csv", "Test.csv"):
        (tmp_path / "data" / name).write_text("text,intent\nhello there,0\n")
    code, _, err = run(capsys, "apply", toy_recipe, "--dataset", tmp_path / "data", "--out", tmp_path / "out")
    assert code == 2 and "split 'train' of the folder" in error_line(err) and "reads 'Test.csv'" in error_line(err)
    assert not (tmp_path / "out").exists()
