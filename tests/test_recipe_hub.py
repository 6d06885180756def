"""`hfaug apply` on a Hub dataset id, through the real client against the local Hub server:
the resolved revision is recorded in the manifest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from local_hub import ROOT, LocalHub

RECIPE = ROOT / "recipes" / "clinc150-intents.yaml"
PUSH = """
import sys
from datasets import load_dataset
from huggingface_hub import HfApi
data = load_dataset(sys.argv[1])
data.push_to_hub(sys.argv[2])
api = HfApi()
api.create_tag(sys.argv[2], tag="v1", repo_type="dataset")
print(api.dataset_info(sys.argv[2]).sha)
"""


def run(hub: LocalHub, home: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), env=hub.env(home), capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    server = LocalHub(tmp_path_factory.mktemp("hub-data")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pushed(hub, tmp_path_factory) -> str:
    """The shipped CLINC150 subset, pushed as me/clinc150 (tagged v1); its commit hash."""
    result = run(hub, tmp_path_factory.mktemp("pusher"), sys.executable, "-c", PUSH, str(ROOT / "recipes" / "data" / "clinc150"), "me/clinc150")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def apply(hub: LocalHub, home: Path, *args: str) -> dict:
    result = run(hub, home, sys.executable, "-m", "hfaug", "apply", str(RECIPE), "--dataset", "me/clinc150", "--out", str(home / "out"), "--no-preview", *args)
    assert result.returncode == 0, result.stderr[-3000:]
    [folder] = [path for path in (home / "out").iterdir()]
    return json.loads((folder / "manifest.json").read_text())


@pytest.mark.slow
def test_a_hub_dataset_is_recorded_with_its_resolved_revision(hub, pushed, tmp_path):
    manifest = apply(hub, tmp_path)
    assert manifest["source"] == {
        "kind": "hub",
        "id": "me/clinc150",
        "revision": pushed,
        "splits": {"train": 300, "test": 100},
        "fingerprint": manifest["source"]["fingerprint"],
    }
    assert {key: manifest["splits"]["test"][key] for key in ("rows", "augmented")} == {"rows": 100, "augmented": False}


@pytest.mark.slow
def test_a_tag_resolves_to_the_same_commit_and_version(hub, pushed, tmp_path):
    by_branch = apply(hub, tmp_path / "main")
    by_tag = apply(hub, tmp_path / "tag", "--revision", "v1")
    assert by_tag["source"]["revision"] == pushed
    assert by_tag["version"] == by_branch["version"]


@pytest.mark.slow
def test_an_unknown_hub_dataset_is_one_line(hub, tmp_path):
    result = run(hub, tmp_path, sys.executable, "-m", "hfaug", "apply", str(RECIPE), "--dataset", "me/nothing-here", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "hfaug apply: error: dataset 'me/nothing-here' not found: no such local file or folder, and no such dataset "
        "on the Hub (or it is private: log in with `hf auth login` or set HF_TOKEN)"
    )
