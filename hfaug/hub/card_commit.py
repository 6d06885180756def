"""The card commit of a push, on top of its data commit: the dataset card, the manifest and the before/after
sample rows; and the check, before the tag, that the commit holds the whole version."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from datasets import Dataset, DatasetDict
from huggingface_hub import CommitOperationAdd, CommitOperationDelete, DatasetCard, HfApi, RepoFile
from huggingface_hub.repocard import REGEX_YAML_BLOCK
from huggingface_hub.utils.sha import git_hash

from hfaug import provenance
from hfaug.card import render_card
from hfaug.errors import HfaugError
from hfaug.hub.repository import SAMPLES_PATH, download, entries
from hfaug.media_preview import media_kind
from hfaug.versioned.layout import CARD, MANIFEST
from hfaug.versioned.manifests import manifest_json
from hfaug.versioned.parquet_shards import write_version_shards

_DATASETS_CARD_KEYS = ("configs", "dataset_info")  # what `load_dataset` reads from the card


def _holds(entry: RepoFile, data: bytes) -> bool:
    """Whether the repository file ``entry`` holds ``data``: an LFS file by its SHA-256, another by its git
    blob id."""
    if entry.lfs is not None:
        return entry.lfs.sha256 == hashlib.sha256(data).hexdigest()
    return entry.blob_id == git_hash(data)


def _all_shards(split: str, present: Mapping[str, RepoFile]) -> bool:
    """Whether ``present`` holds every data shard of ``split`` (``data/<split>-00000-of-00003.parquet``, ...)."""
    pattern = re.compile(rf"data/{re.escape(split)}-(\d+)-of-(\d+)\.parquet")
    shards = [tuple(map(int, found.groups())) for found in map(pattern.fullmatch, present) if found]
    counts = {count for _, count in shards}
    return len(counts) == 1 and sorted(index for index, _ in shards) == list(range(counts.pop()))


def card_text(
    dataset: Dataset | DatasetDict, splits: DatasetDict, repo_id: str, tag: str, manifest: Mapping[str, Any] | None
) -> str:
    """The card of a version made by a recipe (see `hfaug.card`); for other data, a short one
    with the version, the splits and the provenance columns."""
    if manifest is not None:
        return render_card(dict(manifest), dataset, repo_id=repo_id, tag=tag)
    rows = "\n".join(f"| {name} | {splits[name].num_rows} |" for name in splits)
    columns = {name for split in splits.values() for name in split.column_names}
    lines = [f"# {repo_id}", "", f"Tag `{tag}`, pushed with hfaug (not made by a recipe: no version id).", ""]
    lines += ["| split | rows |", "|---|---|", rows]
    if any(name in columns for name in provenance.COLUMNS):
        lines += ["", "## Provenance columns", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {provenance.DESCRIPTIONS[name]} |" for name in provenance.COLUMNS if name in columns]
    lines += [
        "",
        "## Loading this version",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'ds = load_dataset("{repo_id}", revision="{tag}")',
        f'# or, with hfaug: import hfaug; ds = hfaug.load("{repo_id}", version="{tag}")',
        "```",
        "",
    ]
    return "\n".join(lines)


def refuse_unreadable_card(text: str) -> None:
    """Refuse a card (an edited ``README.md``) whose YAML metadata cannot be read, before anything is sent: the card
    is committed after the data, which would reach ``main`` without a card or a tag."""
    try:
        entry = DatasetCard(text).data.get("hfaug")
        if entry is None or isinstance(entry, dict):
            return
        problem = f"its hfaug entry, which push fills in, is not a mapping of keys to values (got {entry!r})"
    except yaml.YAMLError as error:  # a MarkedYAMLError names the problem and where it is
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        problem += _where(text, getattr(error, "problem_mark", None))
    except ValueError:  # huggingface_hub's "repo card metadata block should be a dict"
        problem = "it is not a mapping of keys to values (e.g. 'license: mit')"
    except TypeError:  # the metadata given as keyword arguments: a key that YAML reads as a number or a date
        block = REGEX_YAML_BLOCK.search(text)
        keys = yaml.safe_load(block.group(2)) if block is not None else {}
        key = next((key for key in keys if not isinstance(key, str)), "")
        problem = f"a key of it is not text ({key}); quote it: '{key}': ..."
    raise HfaugError(
        "push_to_hub: the YAML metadata of the dataset card (between the '---' lines at its top) cannot be read: "
        f"{problem}; correct it ({CARD} of a version folder) and push again"
    )


def _where(text: str, mark: yaml.Mark | None) -> str:
    """`` (line N of README.md)``: the line of ``text`` that ``mark``, in its YAML metadata, points at."""
    block = REGEX_YAML_BLOCK.search(text)
    if mark is None or block is None:
        return ""
    lines_before = text[: block.start(2)].count("\n")
    return f" (line {lines_before + mark.line + 1} of {CARD})"


def refuse_files_left_out(
    api: HfApi, repo_id: str, head: str, splits: Mapping[str, Dataset], files: Mapping[str, bytes]
) -> None:
    """Refuse to tag ``head`` when it lacks files of the version, or holds another version's in their
    place: the card, manifest and samples committed (``files``), and every data shard of each split.
    The Hub leaves out of a commit, without an error, what a ``.gitignore`` in the repository matches."""
    present = entries(api, repo_id, head)
    missing = [path for path, data in files.items() if path not in present or not _holds(present[path], data)]
    missing += [f"data/{split}-*.parquet" for split in splits if not _all_shards(split, present)]
    if missing:
        raise HfaugError(
            f"push_to_hub: {', '.join(missing)} did not reach {repo_id} (commit {head[:12]}), and the version was "
            "not tagged: a .gitignore in the repository leaves out the files it matches; remove those patterns from "
            "it (or delete it) and push again"
        )


def version_files(manifest: Mapping[str, Any] | None, samples: Dataset | None) -> dict[str, bytes]:
    """The files that describe a version made by a recipe, by path: its manifest and its
    before/after sample rows (media embedded, as in a version folder); none for other data."""
    if manifest is None:
        return {}
    files = {MANIFEST: manifest_json(manifest).encode()}
    if samples is not None:
        _refuse_samples_naming_files(samples)
        with tempfile.TemporaryDirectory(prefix="hfaug-samples-") as folder:
            files[SAMPLES_PATH] = write_version_shards(samples, Path(folder), None)[0].read_bytes()
    return files


def _refuse_samples_naming_files(samples: Dataset) -> None:
    """Refuse sample media cells without bytes, whose writing would embed (and upload) the local file they
    name: hfaug embeds the bytes of every sample it writes, so they come from a folder changed or written
    elsewhere."""
    rows = samples.data.table.to_pylist()  # as stored: a few rows, never decoded
    for name, feature in samples.features.items():
        named = [path for row in rows for path in _files_named(row[name], feature)]
        if named:
            raise HfaugError(
                f"push_to_hub: {SAMPLES_PATH} holds {len(named)} {name!r} cells without bytes that name "
                f"files (e.g. {named[0]!r}); hfaug embeds the bytes of every sample it writes, so "
                "this version was changed or written elsewhere: write it again with hfaug apply, then push it"
            )


def _files_named(value: Any, feature: Any) -> list[str]:
    """The paths of the media cells without bytes in ``value``, a stored value of ``feature``, at any depth."""
    if media_kind(feature) is not None:
        return [value["path"]] if isinstance(value, dict) and value.get("bytes") is None and value.get("path") else []
    if isinstance(feature, dict) and isinstance(value, dict):
        return [path for key, inner in feature.items() for path in _files_named(value.get(key), inner)]
    inner = getattr(feature, "feature", None)  # List, LargeList, Sequence
    if inner is not None and isinstance(value, list):
        return [path for item in value for path in _files_named(item, inner)]
    return []


def commit_card(
    api: HfApi,
    repo_id: str,
    data_commit: str,
    text: str,
    files: Mapping[str, bytes],
    tag: str,
    version_id: str | None,
    fingerprint: dict[str, str],
) -> tuple[str, dict[str, bytes]]:
    """Commit the card (keeping the YAML that ``datasets`` wrote) and the version's ``files`` on
    top of ``data_commit``, removing another version's that this one lacks; returns the new head
    (the data commit when nothing changed) and the files committed, by path. The card's ``hfaug``
    metadata records the version id (as its text names it; None for data without a manifest), the tag
    that loads it and the content fingerprint of each split."""
    written = DatasetCard(open(download(api, repo_id, CARD, data_commit), encoding="utf-8").read())
    metadata = {key: written.data[key] for key in _DATASETS_CARD_KEYS if written.data.get(key) is not None}
    card = _with_metadata(text, metadata, {"version": version_id, "tag": tag, "content": fingerprint})
    committed = {CARD: card.encode(), **files}
    operations: list[CommitOperationAdd | CommitOperationDelete] = [
        CommitOperationAdd(path, data) for path, data in committed.items()
    ]
    operations += [
        CommitOperationDelete(path)
        for path in (MANIFEST, SAMPLES_PATH)
        if path not in files and api.file_exists(repo_id, path, repo_type="dataset", revision=data_commit)
    ]
    head = api.create_commit(
        repo_id,
        operations,
        commit_message=f"Dataset card of version {tag}",
        repo_type="dataset",
        parent_commit=data_commit,
        revision="main",
    ).oid
    return head, committed


def _with_metadata(text: str, metadata: Mapping[str, Any], hfaug_metadata: Mapping[str, Any]) -> str:
    """``text`` (a card, with or without YAML metadata) with ``metadata`` set in its YAML and
    ``hfaug_metadata`` merged into its ``hfaug`` entry."""
    if not text.startswith("---"):
        text = f"---\n{yaml.safe_dump({'hfaug': {}})}---\n\n{text}"
    card = DatasetCard(text)
    for key, value in metadata.items():
        card.data[key] = value
    card.data["hfaug"] = {**(card.data.get("hfaug") or {}), **hfaug_metadata}
    return str(card)
