"""`make demo` (scripts/demo.py): the shipped recipes on the shipped data, end to end."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_demo_writes_three_versioned_datasets_and_says_where(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    folders = sorted(path for path in tmp_path.iterdir() if (path / "manifest.json").is_file())
    assert [folder.name.rsplit("-", 1)[0] for folder in folders] == ["audio-classification", "clinc150-intents", "image-classification"]
    for folder in folders:
        assert f"open {folder / 'preview' / 'index.html'}" in result.stdout
        assert (folder / "README.md").is_file()
    clinc = json.loads((folders[1] / "manifest.json").read_text())
    assert {key: clinc["splits"]["test"][key] for key in ("rows", "augmented")} == {"rows": 100, "augmented": False}
    assert clinc["source"]["path"] == "recipes/data/clinc150"
    assert clinc["stats"]["splits"]["train"]["rows_in"] == 300


def test_help_describes_the_demo_in_full(capsys):
    spec = importlib.util.spec_from_file_location("demo", ROOT / "scripts" / "demo.py")
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    with pytest.raises(SystemExit) as stopped:
        demo.main(["--help"])
    assert stopped.value.code == 0
    description = " ".join(capsys.readouterr().out.split("options:")[0].split())
    assert description.endswith(
        "write the versioned results (data, dataset card, manifest, before/after preview) under out/demo/."
    )


def test_an_output_folder_that_is_a_file_is_refused_before_any_work(tmp_path):
    taken = tmp_path / "afile"
    taken.write_text("")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py"), "--out", str(taken)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith(
        f"error: output folder {str(taken)!r} is a file; pass a folder (new or existing)"
    )
    assert "==" not in result.stdout  # no recipe ran
