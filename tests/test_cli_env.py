"""The command line where its environment is unusual: closed or ASCII standard streams, paths that are not
UTF-8, a datasets cache that cannot be written."""

from __future__ import annotations

import io
import os
import sys

import pytest
import yaml
from datasets.utils.tqdm import enable_progress_bars

from hfaug.cli.main import main

ROWS = '{"text": "un café noir"}\n{"text": "une crème brûlée"}\n'


@pytest.fixture
def inputs(tmp_path):
    """A recipe and a small data file with non-ASCII text."""
    (tmp_path / "swap.yaml").write_text(yaml.safe_dump({"name": "swap", "column": "text", "augmenters": ["eda.swap"], "seed": 1}))
    (tmp_path / "rows.jsonl").write_text(ROWS, encoding="utf-8")
    return tmp_path


def apply_argv(inputs, dataset: str, out: str) -> list[str]:
    return ["apply", str(inputs / "swap.yaml"), "--dataset", dataset, "--out", out]


@pytest.mark.parametrize(
    ("option", "why"),
    [("--dataset", "the version's manifest and card cannot record"), ("--out", "the version cannot be written to")],
)
def test_a_path_that_is_not_utf8_is_refused_before_any_work(capsys, inputs, option, why):
    latin1 = os.fsdecode(bytes(inputs) + b"/caf\xe9")  # a name in Latin-1: its byte 0xe9 is no UTF-8
    paths = {"--dataset": str(inputs / "rows.jsonl"), "--out": str(inputs / "out")}
    if option == "--dataset":
        os.rename(paths["--dataset"], latin1 + ".jsonl")
        paths["--dataset"] = latin1 + ".jsonl"
    else:
        paths["--out"] = latin1
    assert main(apply_argv(inputs, paths["--dataset"], paths["--out"])) == 2
    shown = os.fsencode(paths[option]).decode("utf-8", "backslashreplace")
    assert capsys.readouterr().err == (
        f"hfaug apply: error: {option} '{shown}' is not valid UTF-8 (a name in another encoding, such as Latin-1), "
        f"which {why}; rename it, or link to it under a UTF-8 name (ln -s)\n"
    )
    assert sorted(os.listdir(inputs)) == sorted(["swap.yaml", os.path.basename(paths["--dataset"])])


def test_apply_with_stderr_closed_runs_without_progress_bars(inputs, monkeypatch):
    enable_progress_bars()
    monkeypatch.setattr(sys, "stderr", None)  # as Python sets it for `hfaug apply ... 2>&-`
    assert main(apply_argv(inputs, str(inputs / "rows.jsonl"), str(inputs / "out"))) == 0
    assert len(list((inputs / "out").iterdir())) == 1


def test_output_to_an_ascii_console_escapes_other_characters(inputs, monkeypatch):
    assert main(apply_argv(inputs, str(inputs / "rows.jsonl"), str(inputs / "out"))) == 0
    console = io.TextIOWrapper(io.BytesIO(), encoding="ascii")  # stdout in the C locale, without UTF-8 mode
    monkeypatch.setattr(sys, "stdout", console)
    [folder] = (inputs / "out").iterdir()
    assert main(["show", str(folder)]) == 0
    console.flush()
    printed = console.buffer.getvalue().decode("ascii")
    assert "  before: un caf\\xe9 noir\n" in printed and console.encoding == "ascii"
    assert console.errors == "strict"  # as it was: main() called from an application's code leaves its streams alone


def test_a_datasets_cache_that_cannot_be_written_is_one_line_naming_it(capsys, inputs, monkeypatch):
    import datasets

    (inputs / "file").write_text("")
    cache = inputs / "file" / "datasets"  # cannot be made: a file is in the way
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(cache))
    assert main(apply_argv(inputs, str(inputs / "rows.jsonl"), str(inputs / "out"))) == 2
    assert capsys.readouterr().err == (
        f"hfaug apply: error: the datasets cache folder {str(cache)!r} is not writable (Not a directory: "
        f"{str(cache)!r}); set HF_DATASETS_CACHE to a folder you can write\n"
    )
