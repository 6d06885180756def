"""The benchmark scripts' argument handling: data they cannot find is one line and exit status 2, before any work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("script", ["bench_text.py", "bench_backtranslate.py"])
def test_a_missing_data_file_is_one_usage_error(tmp_path, script):
    # it was a FileNotFoundError traceback, after the models were built for bench_backtranslate
    missing = tmp_path / "train.jsonl"
    done = run(script, "--data", str(missing), "--quick")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"{script}: error: --data {str(missing)!r}: no such file; pass SST-2's train.jsonl"


def test_bench_hub_names_a_missing_version_folder_in_one_line(tmp_path):
    # it was a FileNotFoundError traceback
    missing = tmp_path / "out"
    done = run("bench_hub.py", str(missing))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"bench_hub: error: {str(missing)!r} not found; pass a folder written by `hfaug apply` (OUT or OUT/<version>)"
    ]


@pytest.mark.parametrize(
    ("script", "option", "value", "expected"),
    [
        ("bench_backtranslate.py", "--sentences", "0", "a number >= 1, got 0"),
        ("bench_backtranslate.py", "--batch-size", "-4", "a number >= 1, got -4"),
        ("bench_media.py", "--repeat", "0", "a number >= 1, got 0"),
        ("bench_media.py", "--images", "-1", "a number >= 1, got -1"),
        ("bench_media.py", "--seconds", "0", "a number > 0, got 0"),
        ("bench_scale.py", "--rows", "0", "a number >= 1, got 0"),
        ("bench_text.py", "--memory-rows", "-5", "a number >= 1, got -5"),
    ],
)
def test_a_count_that_is_not_positive_is_one_usage_error(script, option, value, expected):
    # it was taken, and the benchmark crashed or printed figures of nothing
    done = run(script, option, value)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"{script}: error: argument {option}: expected {expected}"


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--dtypes", "float32,fp8", "--dtypes 'float32,fp8': 'fp8' is none of float32, bfloat16, float16"),
        (
            "--fixed-tokens",
            "1",
            "--fixed-tokens 1: hfaug generates all but the last token, which is its end of sentence; pass 2 or more",
        ),
    ],
)
def test_back_translation_settings_it_cannot_time_are_refused_before_models_are_built(option, value, expected):
    # they failed after the models were built and nlpaug had run
    done = run("bench_backtranslate.py", option, value)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"bench_backtranslate.py: error: {expected}"
