"""Version folders: Hub layout that `load_dataset` reads, the manifest, and the dataset card."""

from __future__ import annotations

import copy
import datetime
import errno
import json
import os
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml
from datasets import (
    ClassLabel,
    Dataset,
    DatasetDict,
    Features,
    Image,
    Json,
    List,
    Translation,
    Value,
    load_dataset,
    load_from_disk,
)
from huggingface_hub import DatasetCard

from hfaug import provenance, versioned
from hfaug.errors import HfaugError
from hfaug.card import render_card
from hfaug.recipe import Recipe
from hfaug.hub import push_to_hub
from hfaug.versioned import attach, find_version_dir, load_version_dir, manifest_json, save
from hfaug.versioning import content_fingerprint

import toy_augmenters  # noqa: F401  (registers test.shout and test.fragile)
from media_samples import audio_bytes, image_bytes, tone

ROOT = Path(__file__).resolve().parents[1]

RECIPE = {
    "name": "toy",
    "description": "Shouted reviews.",
    "license": "cc-by-4.0",
    "column": "text",
    "label_column": "label",
    "augmenters": [{"name": "test.shout", "p": 0.3}],
    "n": 2,
    "seed": 3,
    "filters": [{"name": "duplicates", "lowercase": False}],
}


@pytest.fixture(scope="module")
def augmented(sst2_small: Dataset, data_dir) -> DatasetDict:
    test = load_dataset("json", data_files={"test": str(data_dir / "sst2" / "test.jsonl")}, split="test")
    data = DatasetDict({"train": sst2_small.select(range(30)), "test": test.select(range(10))})
    return Recipe.from_dict(RECIPE).apply(data, source={"kind": "file", "path": "reviews.jsonl"}, samples=5)


@pytest.fixture(scope="module")
def folder(augmented, tmp_path_factory):
    return save(augmented, tmp_path_factory.mktemp("out"))


def test_a_version_folder_has_the_hub_layout(folder, augmented):
    assert folder.name == augmented.version
    files = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    assert files == [
        "README.md",
        "data/test-00000-of-00001.parquet",
        "data/train-00000-of-00001.parquet",
        "manifest.json",
        "preview/index.html",
        "preview/samples.parquet",
    ]


def test_load_version_dir_gives_back_what_was_saved(folder, augmented):
    loaded, manifest = load_version_dir(folder.parent)
    assert loaded.version == augmented.version == manifest["version"]
    for split in ("train", "test"):
        assert loaded[split].features == augmented[split].features
        assert loaded[split].to_list() == augmented[split].to_list()
    assert manifest == json.loads(json.dumps(augmented.manifest))


def test_load_dataset_reads_the_folder_through_its_card(folder, augmented):
    loaded = load_dataset(str(folder))
    assert sorted(loaded) == ["test", "train"]
    assert loaded["train"].to_list() == augmented["train"].to_list()


def test_the_manifest_describes_the_version(augmented):
    manifest = augmented.manifest
    assert manifest["recipe"] == Recipe.from_dict(RECIPE).to_dict()
    assert manifest["source"]["path"] == "reviews.jsonl" and manifest["source"]["splits"] == {"train": 30, "test": 10}
    assert set(manifest["source"]["fingerprint"]) == {"train", "test"}
    assert manifest["splits"] == {
        "train": {"rows": 86, "augmented": True, "fingerprint": content_fingerprint(augmented["train"])},
        "test": {"rows": 10, "augmented": False, "fingerprint": content_fingerprint(augmented["test"])},
    }
    assert manifest["provenance"] == provenance.DESCRIPTIONS
    assert len(manifest["samples"]) == 5
    sample = manifest["samples"][0]
    assert sample["before"] in augmented["train"]["text"] and len(sample["after"]) == 2


def test_saving_the_same_version_again_replaces_it_naming_the_files_it_loses(folder, augmented, caplog):
    (folder / "stray.txt").write_text("left over")
    (folder / "README.md").write_text("edited")
    assert save(augmented, folder.parent) == folder
    assert not (folder / "stray.txt").exists()
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.versioned.saving"] == [
        f"replacing the version folder {folder}, whose files README.md, stray.txt this save does not write as they were "
        "(edited, or written with other options): keep files of your own outside version folders"
    ]
    caplog.clear()
    save(augmented, folder.parent)
    assert not [record for record in caplog.records if record.name == "hfaug.versioned.saving"]


def test_saving_the_same_rows_read_from_another_path_replaces_the_version_naming_both_paths(augmented, tmp_path, caplog):
    # it said the files were "edited, or written with other options"
    folder = save(augmented, tmp_path, preview=False)
    source = {**augmented.manifest["source"], "path": "reviews.csv"}
    moved = attach(augmented, {**augmented.manifest, "source": source}, samples=augmented.samples)
    assert save(moved, tmp_path, preview=False) == folder
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.versioned.saving"] == [
        f"replacing the version folder {folder}: the same rows were read from 'reviews.csv', where its README.md, "
        "manifest.json record 'reviews.jsonl'"
    ]
    assert json.loads((folder / "manifest.json").read_text())["source"]["path"] == "reviews.csv"


def test_saving_the_same_rows_read_from_another_path_over_an_edited_card_tells_it_as_edited(augmented, tmp_path, caplog):
    # it said only that the rows were read from another path, and the card's edits went unmentioned
    folder = save(augmented, tmp_path, preview=False)
    (folder / "README.md").write_text("edited")
    source = {**augmented.manifest["source"], "path": "reviews.csv"}
    save(attach(augmented, {**augmented.manifest, "source": source}, samples=augmented.samples), tmp_path, preview=False)
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.versioned.saving"] == [
        f"replacing the version folder {folder}, whose files README.md, manifest.json this save does not write as they "
        "were (edited, or written with other options): keep files of your own outside version folders"
    ]


def test_saving_the_same_version_over_an_edited_card_tells_it_as_edited(augmented, tmp_path, caplog):
    folder = save(augmented, tmp_path, preview=False)
    (folder / "README.md").write_text("edited")
    save(augmented, tmp_path, preview=False)
    assert [record.getMessage() for record in caplog.records if record.name == "hfaug.versioned.saving"] == [
        f"replacing the version folder {folder}, whose files README.md this save does not write as they were "
        "(edited, or written with other options): keep files of your own outside version folders"
    ]


def test_a_version_is_saved_in_and_loaded_from_a_folder_named_from_the_home_folder(augmented, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert save(augmented, "~/out", preview=False) == tmp_path / "home" / "out" / augmented.version
    assert (tmp_path / "home" / "out" / augmented.version / "manifest.json").is_file() and not (tmp_path / "~").exists()
    assert load_version_dir("~/out")[1]["version"] == augmented.version


def test_a_version_written_in_a_folder_named_with_glob_characters_loads(augmented, tmp_path):
    # `datasets` read the folder's path as a pattern: "At least one valid data file must be specified"
    loaded, manifest = load_version_dir(save(augmented, tmp_path / "v[1]*", preview=False))
    assert (loaded.version, loaded["train"].to_list()) == (augmented.version, augmented["train"].to_list())


def test_writing_a_version_again_keeps_its_folder_in_place(augmented, tmp_path):
    folder = save(augmented, tmp_path, preview=False)
    before = folder.stat().st_ino
    assert save(augmented, tmp_path, preview=False) == folder
    assert folder.stat().st_ino == before  # readers of the folder never saw it go
    assert sorted(path.name for path in tmp_path.iterdir()) == [augmented.version]


def test_a_changed_version_folder_is_replaced_whole_never_emptied_in_place(augmented, tmp_path, monkeypatch):
    folder = save(augmented, tmp_path, preview=False)
    (folder / "stray.txt").write_text("left over")
    removed = []
    remove = shutil.rmtree
    monkeypatch.setattr(shutil, "rmtree", lambda path, **options: (removed.append(Path(path)), remove(path, **options)))
    assert save(augmented, tmp_path, preview=False) == folder
    assert folder not in removed and not (folder / "stray.txt").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [augmented.version]


def test_a_version_another_run_writes_at_the_same_time_is_kept(augmented, tmp_path, monkeypatch):
    pid, raced = os.getpid(), []
    rename = Path.rename

    def rename_after_another_run(path: Path, target: Path) -> Path:
        if path.name == f".{augmented.version}.partial-{pid}" and not raced:
            raced.append(path)
            with monkeypatch.context() as other_run:  # another process writes the same version meanwhile
                other_run.setattr(os, "getpid", lambda: pid + 1)
                save(augmented, tmp_path, preview=False)
        return rename(path, target)

    monkeypatch.setattr(Path, "rename", rename_after_another_run)
    assert save(augmented, tmp_path, preview=False) == tmp_path / augmented.version
    assert raced and sorted(path.name for path in tmp_path.iterdir()) == [augmented.version]
    assert load_version_dir(tmp_path)[0]["train"].to_list() == augmented["train"].to_list()


def test_a_full_disk_is_named_with_the_output_folder_and_nothing_of_the_version_is_left(augmented, tmp_path, monkeypatch):
    writes = versioned.saving.write_version_shards

    def fills_the_disk(data, folder, split):
        writes(data, folder, split)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(versioned.saving, "write_version_shards", fills_the_disk)
    with pytest.raises(OSError) as raised:
        save(augmented, tmp_path, preview=False)
    assert raised.value.errno == errno.ENOSPC
    assert str(raised.value) == (
        f"[Errno {errno.ENOSPC}] writing version {augmented.version} into {str(tmp_path)!r} failed: No space left on "
        "device; nothing of it was kept. Free space there, or write it to another folder (hfaug apply --out; in Python, "
        "save's directory)"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_empty_split_is_refused_before_anything_is_written(sst2_small, tmp_path):
    data = DatasetDict({"train": sst2_small.select(range(4)), "validation": sst2_small.select([])})
    augmented = Recipe.from_dict({**RECIPE, "splits": ["train", "validation"]}).apply(data)
    assert augmented["validation"].column_names == augmented["train"].column_names

    with pytest.raises(HfaugError, match=r"^hfaug.versioned.save: split 'validation' has no rows, and `load_dataset`"):
        save(augmented, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_split_the_recipe_emptied_is_refused_saying_why(tmp_path):
    one_word = Dataset.from_dict({"text": ["fine", "good", "bad", "dull"]})
    recipe = {"name": "swaps", "column": "text", "augmenters": ["eda.swap"], "n": 2, "keep_original": False}
    augmented = Recipe.from_dict(recipe).apply(one_word)

    with pytest.raises(HfaugError) as refused:
        save(augmented, tmp_path / "out")
    assert str(refused.value).endswith(
        "cannot read an empty split back; the recipe left no copy (8 could not differ from their source row, 0 were "
        "dropped by its filters); set keep_original: true in the recipe to keep the source rows, lower n or loosen "
        "its filters"
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda train: train.filter(lambda row: row["hfaug_copy"] == 0),
        lambda train: train.rename_column("label", "sentiment"),
        lambda train: train.remove_columns("hfaug_params"),
        lambda train: train.select_columns(["text", "label"]),
        lambda train: train.with_format("numpy"),
    ],
    ids=["filter", "rename_column", "remove_columns", "select_columns", "with_format"],
)
def test_a_transformed_version_is_plain_data(sst2_small, change):
    version = Recipe.from_dict(RECIPE).apply(sst2_small.select(range(10)))
    changed = change(version)
    assert type(changed) is Dataset and not hasattr(changed, "manifest")
    assert version.manifest["version"] == version.version  # the original keeps its version


def test_a_version_shows_its_version_first_as_plain_data_does_not(augmented, sst2_small):
    split = Recipe.from_dict(RECIPE).apply(sst2_small.select(range(10)))
    for versioned, plain in ((augmented, DatasetDict(augmented)), (split, split.filter(lambda row: True))):
        kind = type(plain).__name__
        shown = repr(plain).replace(f"{kind}({{\n", f"Versioned{kind}({{\n    version: {versioned.version!r},\n", 1)
        assert repr(versioned) == shown != repr(plain)
    assert repr(augmented).startswith(f"VersionedDatasetDict({{\n    version: {augmented.version!r},\n    train: Dataset({{\n")


def test_data_changed_after_apply_is_not_saved_as_the_version(augmented, tmp_path):
    without_test = DatasetDict(augmented)
    del without_test["test"]
    changed = type(augmented)(without_test)
    changed.manifest, changed.version = augmented.manifest, augmented.version
    with pytest.raises(HfaugError, match=r"^hfaug.versioned.save: the data is not version 'toy-[0-9a-f]{12}' as recipe"):
        save(changed, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("write", "action"), [(save, "hfaug.versioned.save"), (push_to_hub, "push_to_hub")], ids=["save", "push_to_hub"]
)
def test_a_split_replaced_by_other_rows_is_not_written_as_the_version(augmented, tmp_path, write, action):
    changed = attach(DatasetDict(augmented), augmented.manifest)
    changed["train"] = changed["train"].map(lambda row: {"text": row["text"].upper()})
    with pytest.raises(HfaugError) as refused:
        write(changed, str(tmp_path / "out") if write is save else "me/toy")  # refused before the Hub is asked
    assert str(refused.value) == (
        f"{action}: split 'train' holds other rows than version {augmented.version!r} as recipe.apply made it (their "
        "content fingerprint differs from its manifest's). Changed data is no longer that version; apply the recipe "
        "to the data you want (e.g. the filtered source) to make a version of it"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_folder_whose_data_changed_is_refused_when_loaded(augmented, tmp_path):
    folder = save(augmented, tmp_path / "out")
    extra = folder / "data" / "train-00000-of-00001.parquet"
    extra.with_name("train-00001-of-00001.parquet").write_bytes(extra.read_bytes())
    with pytest.raises(HfaugError, match=r"its data files hold \{'train': \d+, 'test': 10\} rows per split, but its manifest says"):
        load_version_dir(folder)


def shout_train_texts(folder: Path) -> None:
    """Rewrite the train data file of the version ``folder`` with every text upper-cased: same rows, same schema."""
    path = folder / "data" / "train-00000-of-00001.parquet"
    Dataset.from_parquet(str(path)).map(lambda row: {"text": row["text"].upper()}).to_parquet(str(path))


def test_a_folder_whose_rows_were_edited_is_refused_when_loaded(augmented, tmp_path):
    folder = save(augmented, tmp_path / "out")
    shout_train_texts(folder)
    with pytest.raises(HfaugError) as refused:
        load_version_dir(folder)
    assert str(refused.value) == (
        f"{str(folder)!r}: the rows of split 'train' are not those its manifest records (their content fingerprint "
        "differs): the folder was changed after it was written; write the version again"
    )


def test_a_folder_that_lost_the_data_files_of_a_split_is_refused_naming_it(augmented, tmp_path):
    folder = save(augmented, tmp_path / "out", preview=False)
    (folder / "data" / "test-00000-of-00001.parquet").unlink()
    with pytest.raises(FileNotFoundError) as refused:
        load_version_dir(folder)
    assert str(refused.value) == f"{str(folder)!r}: no data files for split 'test' in data/; write the version again"


def test_a_folder_whose_manifest_records_no_fingerprints_still_loads(augmented, tmp_path):
    folder = save(augmented, tmp_path / "out")
    manifest = json.loads((folder / "manifest.json").read_text())
    for entry in manifest["splits"].values():
        del entry["fingerprint"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    loaded, _ = load_version_dir(folder)
    assert loaded.version == augmented.version and loaded["train"].to_list() == augmented["train"].to_list()


def test_a_split_that_lacks_a_column_of_the_first_reads_back_as_the_same_version(sst2_small, tmp_path):
    data = DatasetDict({"train": sst2_small.select(range(6)), "test": sst2_small.select(range(6, 10)).remove_columns("label")})
    augmented = Recipe.from_dict(RECIPE).apply(data)
    loaded, _ = load_version_dir(save(augmented, tmp_path, preview=False))
    assert loaded.version == augmented.version and loaded["test"]["label"] == [None] * 4


def test_text_stored_as_string_view_is_augmented_filtered_saved_and_read_back_as_other_text(sst2_small, tmp_path):
    # the augmenters refused such a column as "not text"; a filtered version of it failed in pyarrow's take
    data = DatasetDict({"train": sst2_small.select(range(12)).map(lambda row: {"note": row["text"][:5]})})
    plain = Recipe.from_dict(RECIPE).apply(data)
    viewed = DatasetDict(
        {"train": data["train"].cast_column("text", Value("string_view")).cast_column("note", Value("string_view"))}
    )

    augmented = Recipe.from_dict(RECIPE).apply(viewed)
    loaded, _ = load_version_dir(save(augmented, tmp_path))

    assert augmented.manifest["stats"]["filters"] == plain.manifest["stats"]["filters"]
    assert augmented.manifest["stats"]["filters"][0]["rows_dropped"] > 0  # a filtered split: an indices mapping
    assert loaded.version == augmented.version
    assert loaded["train"].features["note"] == Value("string_view")
    assert loaded["train"].to_list() == plain["train"].to_list()


def test_a_split_with_the_columns_of_the_first_in_another_order_reads_back_as_the_same_version(sst2_small, tmp_path):
    data = DatasetDict({"train": sst2_small.select(range(6)), "test": sst2_small.select(range(6, 10)).select_columns(["label", "text"])})
    augmented = Recipe.from_dict(RECIPE).apply(data)
    loaded, _ = load_version_dir(save(augmented, tmp_path, preview=False))
    assert loaded.version == augmented.version
    assert loaded["test"].column_names == augmented["train"].column_names
    assert loaded["test"].to_list() == augmented["test"].select_columns(augmented["train"].column_names).to_list()


def test_a_folder_with_several_versions_asks_for_one_and_gives_the_latest_written_as_example(tmp_path):
    # the example was the first in sort order: after an upgrade, the version written before it
    for name, written_at in (("toy-aaa", 1_000), ("toy-bbb", 2_000)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
        os.utime(tmp_path / name / "manifest.json", (written_at, written_at))
    with pytest.raises(FileNotFoundError) as refused:
        find_version_dir(tmp_path)
    assert str(refused.value) == (
        f"{str(tmp_path)!r} holds 2 versions (toy-aaa, toy-bbb); pass one of them, e.g. "
        f"{str(tmp_path / 'toy-bbb')!r} (the latest written)"
    )
    assert find_version_dir(tmp_path / "toy-aaa") == tmp_path / "toy-aaa"


def test_a_file_or_a_foreign_manifest_is_not_read_as_a_version(folder, tmp_path):
    with pytest.raises(NotADirectoryError, match=r"README.md' is a file; pass a folder written by `hfaug apply`"):
        load_version_dir(folder / "README.md")
    (tmp_path / "manifest.json").write_text("[]")
    with pytest.raises(ValueError, match=r"is not a manifest written by hfaug \(it lacks version, splits, stats\)"):
        load_version_dir(tmp_path)


def test_a_manifest_edited_to_lack_a_key_hfaug_writes_is_refused_naming_it(folder, tmp_path):
    # `hfaug show` said "error: recipe", and `hfaug push` published it
    edited = shutil.copytree(folder, tmp_path / "edited")
    manifest = json.loads((edited / "manifest.json").read_text())
    del manifest["recipe"], manifest["source"]
    (edited / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ValueError) as refused:
        load_version_dir(edited)
    assert str(refused.value) == (
        f"{str(edited / 'manifest.json')!r} lacks recipe, source, which every manifest hfaug writes holds (the file was "
        "edited after it was written); write the version again with `hfaug apply`"
    )


def test_hfaug_show_of_a_manifest_edited_inside_is_one_line_naming_the_field(folder, tmp_path, capsys):
    from hfaug.cli.main import main

    edited = shutil.copytree(folder, tmp_path / "edited")
    manifest = json.loads((edited / "manifest.json").read_text())
    del manifest["stats"]["filters"]
    (edited / "manifest.json").write_text(json.dumps(manifest))
    assert main(["show", str(edited)]) == 2  # was a traceback of the KeyError: not a bug of hfaug's
    assert capsys.readouterr().err == (
        f"hfaug show: error: the manifest of {edited} lacks field 'filters' or holds it in another form than hfaug "
        "writes (it was edited after it was written); write the version again with `hfaug apply`\n"
    )
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["stats"]["splits"]["train"]["labels"] = {str(label): {"rows_in": 0, "rows_out": 0} for label in range(9)}
    (edited / "manifest.json").write_text(json.dumps(manifest))
    assert main(["show", str(edited)]) == 2  # was a traceback of an IndexError
    assert "holds it in another form than hfaug writes" in capsys.readouterr().err


def test_a_folder_without_a_version_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match="holds no augmented dataset version"):
        find_version_dir(tmp_path)


def test_load_version_dir_refuses_a_folder_that_is_not_a_path():
    with pytest.raises(TypeError) as refused:
        load_version_dir(None)
    assert str(refused.value) == (
        "load_version_dir: directory must be a path (str or os.PathLike), got None; pass a folder written by "
        "`hfaug apply` (OUT or OUT/<version>)"
    )


# ---------------------------------------------------------------------------- card
@pytest.fixture(scope="module")
def card(augmented) -> str:
    return render_card(augmented.manifest, augmented)


def test_the_card_metadata_lets_load_dataset_find_the_splits(card):
    data = DatasetCard(card).data
    assert data.configs == [
        {"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}, {"split": "test", "path": "data/test-*"}]}
    ]
    assert data.license == "cc-by-4.0" and "hfaug" in data.tags
    assert [split["num_examples"] for split in data.dataset_info["splits"]] == [86, 10]
    assert data.size_categories == ["n<1K"]  # the Hub's search filters by it


def test_the_card_names_the_version_source_and_recipe(card, augmented):
    assert f"version **`{augmented.version}`**" in card
    assert "made from `reviews.jsonl`" in card and "Shouted reviews." in card
    assert "```yaml\n" + Recipe.from_dict(RECIPE).to_yaml() + "```" in card


def test_the_card_counts_rows_per_augmenter_and_filter(card, augmented):
    counts = augmented.stats["augmenters"]["test.shout"]
    row = f"| `test.shout` | {counts['rows_out']} | {counts['changed']} | {counts['repeats']} | {counts['unchanged']} | 0 | {counts['filtered']} |"
    assert row in card
    assert "| train | yes | 30 | 86 |" in card and "| test | no (written as is) | 10 | 10 |" in card
    report = augmented.stats["filters"][0]
    assert f"| `duplicates` | {report['rows_checked']} | {report['rows_dropped']} |" in card


def test_the_card_counts_the_rows_of_each_label_of_the_augmented_splits(card, augmented):
    train = augmented["train"]
    originals = train.filter(lambda row: row[provenance.COPY] == 0)["label"]
    rows = [f"| {label} | {originals.count(label)} | {list(train['label']).count(label)} |" for label in (0, 1)]
    assert f"## Rows per label\n\n`train`:\n\n| label | rows in | rows out |\n|---|---:|---:|\n{rows[0]}\n{rows[1]}\n" in card
    assert "`test`:" not in card and "labels" not in augmented.stats["splits"]["test"]


def test_the_card_quotes_label_names_that_differ_only_in_whitespace(augmented):
    manifest = copy.deepcopy(augmented.manifest)
    manifest["stats"]["splits"]["train"]["labels"] = {"pos": {"rows_in": 1, "rows_out": 2}, "pos ": {"rows_in": 3, "rows_out": 6}}
    assert "| pos | 1 | 2 |\n| 'pos ' | 3 | 6 |\n" in render_card(manifest, augmented)


def test_the_card_explains_every_provenance_column_in_full(card):
    html = markdown_html(card)
    for name, meaning in provenance.DESCRIPTIONS.items():
        cell = re.search(rf"<td><code>{name}</code></td>\s*<td>(.*?)</td>", html, re.S).group(1)
        assert unescape(cell) == meaning


def test_the_card_shows_before_and_after_samples(card, augmented):
    sample = augmented.manifest["samples"][0]
    after = sample["after"][0]
    assert "| label | before | after | augmenter |" in card
    assert f"| {sample['label']} | {sample['before']} | {after['value']} | `{after['augmenter']}` |" in card


def test_card_cells_stay_on_one_line_and_escape_pipes():
    from hfaug.card import _cell

    assert _cell("a | b\nc <b>") == "a \\| b c &lt;b>"


def markdown_html(text: str) -> str:
    """``text`` as HTML: CommonMark, GFM tables and strikethrough (markdown-it-py, installed with rich)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


@pytest.mark.parametrize(
    "text",
    [
        "a | pipe",
        "back\\|slash and \\ alone",
        "&lt;b&gt; is markup &amp; co",
        "*not bold* and _not italic_ and ~~not struck~~",
        "![x](http://tracker.example/p.png)",
        "[click](http://evil.example)",
        "a `tick` and ``two``",
        "<b>bold</b> <http://auto.link>",
    ],
)
def test_card_cells_show_data_text_literally(text):
    from hfaug.card import _cell

    html = markdown_html(f"| h |\n|---|\n| {_cell(text)} |\n")
    cell = re.search(r"<td>(.*?)</td>", html, re.S).group(1)
    assert "<" not in cell.replace("&lt;", "")  # no markup: no emphasis, link, image or code span
    assert unescape(cell) == text


def test_a_folder_card_loads_the_version_from_the_folder(card):
    assert 'ds = load_dataset("<this folder>")' in card
    assert "revision=" not in card


def test_a_card_for_the_hub_names_the_repository_and_the_tag(augmented, card):
    from hfaug.card import for_hub

    on_hub = render_card(augmented.manifest, augmented, repo_id="me/toy", tag="v1")
    assert 'ds = load_dataset("me/toy", revision="v1")' in on_hub and "<this folder>" not in on_hub
    # the card gave only the load without hfaug: that with it reads the manifest and statistics too
    assert '# import hfaug; ds = hfaug.load("me/toy", version="v1")' in on_hub
    assert for_hub(card, "me/toy", "v1") == on_hub  # a folder's card, as `hfaug push` uploads it


def test_a_description_with_a_code_block_stays_out_of_the_recipe_block(sst2_small):
    from markdown_it import MarkdownIt

    description = "Load it with:\n\n```python\nds = load_dataset('x')\n```\n\nor ````` five `````."
    version = Recipe.from_dict({**RECIPE, "description": description}).apply(sst2_small.select(range(4)))
    recipe_section = render_card(version.manifest, version).split("## Recipe")[1]
    [fence] = [token for token in MarkdownIt("commonmark").parse(recipe_section) if token.type == "fence"]
    assert fence.info == "yaml" and yaml.safe_load(fence.content) == version.manifest["recipe"]


LABELS = Features(
    {
        "text": Value("string"),
        "labels": List(ClassLabel(names=["animal", "weather", "time"])),
        "single": ClassLabel(names=["A", "B"]),
        "unlabelled": ClassLabel(names=["A", "B"]),
        "score": Value("float64"),
    }
)


@pytest.fixture(scope="module")
def labelled() -> Dataset:
    texts = ["the quick brown fox jumps", "a lazy dog sleeps all day", "birds sing in the early morning"]
    return Dataset.from_dict(
        {
            "text": texts,
            "labels": [[0], [0, 2], [1]],
            "single": [0, None, 1],
            "unlabelled": [0, -1, 1],  # how a ClassLabel stores a missing label
            "score": [0.5, float("nan"), 1.5],  # how pandas stores a missing number
        },
        features=LABELS,
    )


def label_version(labelled: Dataset, label_column: str):
    recipe = {"name": "lab", "column": "text", "label_column": label_column, "augmenters": ["eda.swap"], "seed": 2}
    return Recipe.from_dict(recipe).apply(labelled)


def test_multi_label_samples_show_class_names(labelled):
    version = label_version(labelled, "labels")
    assert [sample["label"] for sample in version.manifest["samples"]] == ["animal", "animal, time", "weather"]
    assert "| animal, time | a lazy dog sleeps all day |" in render_card(version.manifest, version)


@pytest.mark.parametrize(
    ("label_column", "shown"), [("single", "A"), ("unlabelled", "A"), ("score", 0.5)], ids=["None", "-1", "NaN"]
)
def test_a_missing_label_is_shown_as_nothing_in_the_card_and_the_summary(labelled, label_column, shown):
    from hfaug.cli.show_command import summary_lines

    version = label_version(labelled, label_column)
    samples = version.manifest["samples"]
    assert samples[0]["label"] == shown and "label" not in samples[1]
    assert "|  | a lazy dog sleeps all day |" in render_card(version.manifest, version)
    lines = summary_lines(version.manifest, where=("folder", "out"), samples=3)
    assert "  before: a lazy dog sleeps all day" in lines and f"  before [{shown}]: the quick brown fox jumps" in lines


def test_a_manifest_with_a_number_json_cannot_hold_is_refused_saying_where_it_may_come_from():
    with pytest.raises(ValueError, match=r"^the manifest cannot be written as JSON \(Out of range float values .*: a "
                       r"number it records is NaN or infinite; record a finite number or None in augmenter parameters"):
        manifest_json({"source": {"weight": float("nan")}})


def test_the_card_describes_data_files_by_their_format_not_as_a_dataset_name(data_dir):
    rows = load_dataset("json", data_files=str(data_dir / "sst2" / "train.jsonl"), split="train").select(range(6))
    version = Recipe.from_dict(RECIPE).apply(rows)
    assert version.manifest["source"]["description"] == "json data files"
    assert "made from json data files by the recipe below" in render_card(version.manifest, version)


def test_the_meaning_of_hfaug_augmenter_covers_the_names_a_sequence_writes():
    texts = ["the quick brown fox jumps high", "a lazy dog sleeps all day long", None]
    recipe = {"column": "text", "mode": "sequence", "augmenters": ["eda.swap", "char.noise"], "n": 2}
    version = Recipe.from_dict(recipe).apply(Dataset.from_dict({"text": texts}))
    assert set(version[provenance.AUGMENTER]) == {"original", "eda.swap+char.noise", "sequence"}
    meaning = provenance.DESCRIPTIONS[provenance.AUGMENTER]
    assert "'original'" in meaning and "joined with '+'" in meaning and "'sequence'" in meaning


def media_folder(root: Path, kind: str) -> Path:
    """An imagefolder or audiofolder (``kind``) with one file per label."""
    for seed, label in enumerate(("cat", "dog")):
        folder = root / "train" / label
        folder.mkdir(parents=True)
        if kind == "image":
            (folder / "a.png").write_bytes(image_bytes(seed=seed))
        else:
            (folder / "a.wav").write_bytes(audio_bytes(tone(440.0 + 100 * seed, seconds=0.1)))
    return root


def folder_fingerprint(root: Path, kind: str) -> str:
    return content_fingerprint(load_dataset(f"{kind}folder", data_dir=str(root), split="train"))


@pytest.mark.parametrize("kind", ["image", "audio"])
def test_a_media_folder_has_the_fingerprint_of_its_files_wherever_they_are(kind, tmp_path):
    here = media_folder(tmp_path / "here", kind)
    there = shutil.copytree(here, tmp_path / "elsewhere" / "there")
    load_dataset(f"{kind}folder", data_dir=str(here), split="train").save_to_disk(tmp_path / "saved")
    fingerprint = folder_fingerprint(here, kind)
    assert folder_fingerprint(there, kind) == fingerprint
    assert content_fingerprint(load_from_disk(tmp_path / "saved")) == fingerprint  # the files embedded


@pytest.mark.parametrize("kind", ["image", "audio"])
def test_any_change_to_a_media_file_changes_the_fingerprint(kind, tmp_path):
    root = media_folder(tmp_path, kind)
    file = next((root / "train" / "cat").iterdir())
    seen = {folder_fingerprint(root, kind)}
    file.write_bytes(image_bytes(seed=7) if kind == "image" else audio_bytes(tone(300.0, seconds=0.1)))
    seen.add(folder_fingerprint(root, kind))
    file.rename(file.with_stem("b"))
    seen.add(folder_fingerprint(root, kind))
    assert len(seen) == 3


def test_samples_of_a_media_folder_are_described_by_their_files_not_named_by_their_paths(tmp_path):
    # the manifest and the card showed the original as {"bytes": null, "path": "/tmp/.../a.png"}, pushed with them
    rows = load_dataset("imagefolder", data_dir=str(media_folder(tmp_path / "here", "image")), split="train")
    version = Recipe.from_dict({"column": "image", "augmenters": [{"name": "image", "ops": ["hflip"]}]}).apply(rows, samples=2)
    befores = [sample["before"] for sample in version.manifest["samples"]]
    assert befores == [sample["after"][0]["value"] for sample in version.manifest["samples"]]
    assert all(re.fullmatch(r"image \d+x\d+ RGB PNG", before) for before in befores), befores
    next((tmp_path / "here" / "train" / "cat").iterdir()).unlink()  # a file gone: its path is no description either
    gone = Recipe.from_dict({"column": "image", "augmenters": [{"name": "image", "ops": ["hflip"]}]}).apply(rows, samples=2)
    assert "image (no stored bytes)" in [sample["before"] for sample in gone.manifest["samples"]]
    assert str(tmp_path) not in json.dumps(gone.manifest["samples"])


def test_a_missing_media_file_is_fingerprinted_as_missing(tmp_path):
    file = tmp_path / "a.png"
    file.write_bytes(image_bytes())
    rows = Dataset.from_dict({"image": [str(file)]}, features=Features({"image": Image()}))
    present = content_fingerprint(rows)
    file.unlink()
    assert content_fingerprint(rows) != present


def test_nested_media_files_are_fingerprinted_by_their_content(tmp_path):
    for seed in range(2):
        (tmp_path / f"{seed}.png").write_bytes(image_bytes(seed=seed))
    features = Features({"images": List(Image()), "meta": {"cover": Image()}})
    rows = {"images": [[str(tmp_path / "0.png"), str(tmp_path / "1.png")]], "meta": [{"cover": str(tmp_path / "1.png")}]}
    Dataset.from_dict(rows, features=features).save_to_disk(tmp_path / "saved")
    assert content_fingerprint(Dataset.from_dict(rows, features=features)) == content_fingerprint(load_from_disk(tmp_path / "saved"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("shapes.parquet", "b7ca528a611ddb0479de73a0836eff16"), ("tones.parquet", "66c562ab4e9d4de7066a52b1516774c0")],
)
def test_fingerprints_of_media_held_in_the_data_are_unchanged(name, expected):
    rows = load_dataset("parquet", data_files=str(ROOT / "recipes" / "data" / name), split="train")
    assert content_fingerprint(rows) == expected


def test_fingerprints_of_text_are_unchanged(sst2_small):
    assert content_fingerprint(sst2_small) == "14e82df425338b1e3a4b8f35e05ae8ee"


def _rows_with_an_indices_mapping() -> tuple[Dataset, Dataset]:
    """(rows kept by a filter and a shuffle, over an indices mapping; the same rows without one)."""
    features = Features({"text": Value("string"), "label": ClassLabel(names=["neg", "pos"]), "tokens": List(Value("int32"))})
    base = Dataset.from_dict(
        {"text": [f"review {i} " * (i % 5) for i in range(3000)], "label": [i % 2 for i in range(3000)], "tokens": [[i, i % 7] for i in range(3000)]},
        features=features,
    )
    mapped = base.filter(lambda row: row["label"] == 1 or row["tokens"][1] == 3).shuffle(seed=0)
    assert mapped._indices is not None
    return mapped, mapped.flatten_indices()


@pytest.mark.parametrize("shard_bytes", [None, 10_000])
def test_shards_of_rows_over_an_indices_mapping_are_the_files_to_parquet_writes(tmp_path, monkeypatch, shard_bytes):
    import pyarrow.parquet as pq

    from hfaug.versioned import parquet_shards

    if shard_bytes is not None:
        monkeypatch.setattr(parquet_shards, "MAX_SHARD_BYTES", shard_bytes)
    gathered = []
    gather = parquet_shards.write_parquet_gathered
    monkeypatch.setattr(parquet_shards, "write_parquet_gathered", lambda *args, **kwargs: gathered.append(gather(*args, **kwargs)))
    mapped, flat = _rows_with_an_indices_mapping()
    folder = tmp_path / "mapped"
    folder.mkdir()
    paths = parquet_shards.write_version_shards(mapped, folder, "train")
    count = len(paths)
    assert (count > 1) == (shard_bytes is not None) and len(gathered) == count  # pyarrow's take, not to_parquet's gather
    for index, path in enumerate(paths):
        shard = mapped.shard(num_shards=count, index=index, contiguous=True) if count > 1 else mapped
        shard.to_parquet(str(tmp_path / "reference.parquet"))
        assert path.read_bytes() == (tmp_path / "reference.parquet").read_bytes()
        assert pq.read_schema(path).equals(pq.read_schema(tmp_path / "reference.parquet"), check_metadata=True)
    (tmp_path / "reference.parquet").unlink()
    flat_folder = tmp_path / "flat"
    flat_folder.mkdir()
    flat_paths = parquet_shards.write_version_shards(flat, flat_folder, "train")
    assert pq.read_schema(paths[0]).equals(pq.read_schema(flat_paths[0]), check_metadata=True)
    loaded, expected = load_dataset(str(folder), split="train"), load_dataset(str(flat_folder), split="train")
    assert loaded.features == expected.features == flat.features
    assert loaded.to_dict() == expected.to_dict() == flat.to_dict()


def test_the_card_of_plain_data_pushed_as_a_version_loads_it_with_and_without_hfaug():
    # it showed only hfaug.load: a reader without hfaug was given no way to load the data
    from hfaug.hub.card_commit import card_text

    splits = DatasetDict({"train": Dataset.from_dict({"text": ["a", "b"]})})
    card = card_text(splits, splits, "me/plain", "v1", None)
    assert card.split("```python\n")[1].split("```")[0] == (
        "from datasets import load_dataset\n\n"
        'ds = load_dataset("me/plain", revision="v1")\n'
        '# or, with hfaug: import hfaug; ds = hfaug.load("me/plain", version="v1")\n'
    )


@pytest.mark.parametrize(
    ("links", "what"),
    [
        ({"out": "nowhere"}, "is a symbolic link to 'nowhere', which does not exist"),
        ({"out": "other", "other": "out"}, "is a symbolic link that leads back to itself (a loop)"),
        ({"out": "file.txt"}, "is a symbolic link to the file 'file.txt'"),
    ],
    ids=["dangling", "loop", "to-a-file"],
)
def test_an_output_folder_that_is_a_symbolic_link_to_no_folder_says_what_it_is(tmp_path, monkeypatch, links, what):
    # each was reported as "is a file"
    from hfaug.versioned import prepare_output_dir

    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.txt").touch()
    for link, target in links.items():
        (tmp_path / link).symlink_to(target)
    with pytest.raises(HfaugError) as error:
        prepare_output_dir("out")
    assert str(error.value) == f"output folder 'out' {what}; pass a folder (new or existing)"


@pytest.mark.parametrize("inside", ["", "sub"], ids=["the-version-folder", "a-folder-inside-it"])
def test_an_output_folder_in_a_version_folder_is_refused_naming_the_folder_to_pass(tmp_path, monkeypatch, inside):
    # the new version was written inside the old one's folder: replacing that one deleted it
    from hfaug.versioned import prepare_output_dir

    monkeypatch.chdir(tmp_path)
    _fake_version(tmp_path / "out" / "toy-aaa")
    given = str(Path("out", "toy-aaa", inside))
    with pytest.raises(HfaugError) as refused:
        prepare_output_dir(given)
    where = "inside the version folder 'out/toy-aaa'" if inside else "a version folder (it holds manifest.json)"
    assert str(refused.value) == (
        f"output folder {given!r} is {where}: a version written in it would be deleted with that version; pass "
        "the folder that holds the versions, 'out'"
    )
    assert sorted(path.name for path in (tmp_path / "out").rglob("*")) == ["manifest.json", "toy-aaa"]


def _fake_version(folder: Path) -> None:
    """A version folder as far as the output checks can tell (a manifest of hfaug's)."""
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"version": folder.name, "splits": {}, "stats": {}}))


def test_an_output_folder_below_another_programs_manifest_is_no_version_folder(tmp_path, monkeypatch):
    from hfaug.versioned import prepare_output_dir

    (tmp_path / "manifest.json").write_text(json.dumps({"name": "my web app", "version": "1.0"}))
    monkeypatch.chdir(tmp_path)
    assert prepare_output_dir("augmented") == Path("augmented")


def test_an_output_folder_reached_through_a_link_into_a_version_folder_is_refused(tmp_path, monkeypatch):
    from hfaug.versioned import prepare_output_dir

    monkeypatch.chdir(tmp_path)
    _fake_version(tmp_path / "out" / "toy-aaa")
    Path("shortcut").symlink_to(Path("out", "toy-aaa"))
    with pytest.raises(HfaugError, match=r"^output folder 'shortcut/new' is inside the version folder 'out/toy-aaa'"):
        prepare_output_dir("shortcut/new")


def test_saving_into_a_version_folder_is_refused(augmented, folder):
    with pytest.raises(HfaugError, match=re.escape(f"pass the folder that holds the versions, {str(folder.parent)!r}")):
        save(augmented, folder, preview=False)
    assert sorted(path.name for path in folder.iterdir() if path.is_dir()) == ["data", "preview"]


def test_reading_a_versions_samples_writes_nothing_to_the_datasets_cache(augmented, tmp_path, monkeypatch):
    # Dataset.from_parquet copied samples.parquet into the cache (a new entry per staging folder, media
    # included) and printed "Generating train split" after every hfaug apply
    import datasets

    from hfaug.versioned import load_samples

    folder = save(augmented, tmp_path / "out", preview=False)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(tmp_path / "cache"))
    samples = load_samples(folder)
    assert samples.to_list() == augmented.samples.to_list() and samples.features == augmented.samples.features
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        ({"kind": "file", "path": "r9/a`b`c.jsonl"}, "made from ``r9/a`b`c.jsonl`` by the recipe below"),
        ({"kind": "hub", "id": "me/data", "revision": "v`1"}, "made from the Hub dataset `me/data` at revision ``v`1`` by"),
        ({"kind": "dataset", "description": "my_data *v2*\n\n# notes"}, "made from my\\_data \\*v2\\* # notes by the recipe"),
    ],
)
def test_the_cards_sentence_names_the_source_literally(augmented, source, sentence):
    # a path with backticks ended its code span early; a description's Markdown formatted the sentence, and a blank
    # line in it broke the paragraph
    assert sentence in render_card({**augmented.manifest, "source": source}, augmented)


def test_the_cards_source_table_says_which_rows_a_slice_took():
    from hfaug.card import _source_rows

    source = {"kind": "local", "path": "rows.jsonl", "splits": {"train": 20}, "slices": {"train": "train[:20]"}}
    assert _source_rows(source)[-1] == ("rows taken from `train`", "`train[:20]`")


SHOUT_ALL = {"column": "text", "augmenters": [{"name": "test.shout", "p": 1.0}], "n": 1}


def test_a_version_with_columns_parquet_stores_as_other_types_loads_back(tmp_path):
    # Parquet stores date64 as date32 and time32[s] as time32[ms]: the features read back are those
    features = Features({"text": Value("string"), "day": Value("date64"), "at": Value("time32[s]")})
    rows = {"text": ["a good movie"], "day": [datetime.date(2024, 1, 2)], "at": [datetime.time(12, 30)]}
    augmented = Recipe.from_dict(SHOUT_ALL).apply(Dataset.from_dict(rows, features=features))
    loaded, _ = load_version_dir(save(augmented, tmp_path, preview=False))
    assert loaded.version == augmented.version
    assert loaded["train"].select_columns(["day", "at"]).to_list() == augmented.select_columns(["day", "at"]).to_list()


def test_a_version_with_a_translation_column_beside_a_json_one_is_saved(tmp_path):
    # datasets' own size estimate fails on such columns (AttributeError)
    features = Features({"text": Value("string"), "pair": Translation(languages=["de", "en"]), "meta": Json()})
    rows = {"text": ["a good movie"], "pair": [{"de": "gut", "en": "good"}], "meta": [{"a": 1}]}
    augmented = Recipe.from_dict(SHOUT_ALL).apply(Dataset.from_dict(rows, features=features))
    loaded, _ = load_version_dir(save(augmented, tmp_path, preview=False))
    assert loaded["train"].select_columns(["pair", "meta"]).to_list() == augmented.select_columns(["pair", "meta"]).to_list()


def test_the_size_of_images_held_by_path_beside_a_translation_column_counts_their_files(tmp_path):
    from hfaug.versioned import estimated_nbytes

    paths = [tmp_path / f"{seed}.png" for seed in range(4)]
    for seed, path in enumerate(paths):
        path.write_bytes(image_bytes(seed=seed, size=(128, 96)))
    features = Features({"image": Image(), "pair": Translation(languages=["de", "en"])})
    rows = {"image": [str(path) for path in paths], "pair": [{"de": "gut", "en": "good"}] * 4}
    dataset = Dataset.from_dict(rows, features=features)
    files = sum(path.stat().st_size for path in paths)
    assert files < estimated_nbytes(dataset) < files + dataset.data.nbytes
    assert files / 2 < estimated_nbytes(dataset.select([0, 2])) < files


def test_local_paths_pinned_by_content_are_left_out_of_what_the_version_id_hashes():
    from hfaug.versioning import pinned_by_content

    pinned = "<pinned by its content>"
    table = {"name": "nlpaug", "dict_of_path": "/home/a/ocr.json", "aug_p": 0.1, "revisions": {"dict_of_path": "content-1"}}
    assert pinned_by_content(table) == {**table, "dict_of_path": pinned}
    model = {"name": "semantic_similarity", "model": "/home/a/minilm", "revision": "content-2"}
    assert pinned_by_content([model, {**model, "model": "org/minilm", "revision": "abc"}]) == [{**model, "model": pinned}, {**model, "model": "org/minilm", "revision": "abc"}]
    directions = {"models": {"en-de": "/m/en-de", "de-en": "Helsinki-NLP/opus-mt-de-en"}, "revisions": {"en-de": "content-3", "de-en": "abc"}}
    assert pinned_by_content(directions)["models"] == {"en-de": pinned, "de-en": "Helsinki-NLP/opus-mt-de-en"}
    sound = {"op": "background_noise", "source": [{"dataset": "/d", "split": "train"}, "/n.wav"], "revision": "content-4"}
    assert pinned_by_content(sound)["source"] == [{"dataset": pinned, "split": "train"}, pinned]
