"""Banks of sounds for background noise and impulse responses: a folder of audio files,
a list of files, or the `Audio` column of another dataset.

A source is plain data, so it can sit in a recipe:

- ``"noises/"`` or ``"noise.wav"``: a folder (searched recursively) or a file;
- ``["a.wav", "b.flac"]``: files;
- ``{"dataset": "path/or/hub-id", "split": "train", "column": "audio", "config": None}``:
  a dataset saved with ``save_to_disk`` or loadable with ``load_dataset`` (a local folder of
  data files, or a Hub dataset id; for the latter the op also takes ``"revision"``, a branch,
  tag or commit, and records its commit in its own ``revision`` parameter).

Banks are opened once per process and clips are decoded (mono, resampled) on first use.
:func:`revision` pins the sounds of files and local folders (saved datasets included) to their
content; :func:`hub_commit` pins a Hub dataset to a commit, which is then loaded exactly, online
or offline (from the local Hugging Face cache).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hfaug.audio import codec
from hfaug.content_hash import CONTENT_PREFIX, content_revision, visible_files
from hfaug.errors import HfaugError, InvalidValue
from hfaug.hub_ids import looks_like_path

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".aiff", ".aif", ".au", ".w64", ".opus", ".m4a")
_DATASET_KEYS = {"dataset", "split", "column", "config"}
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_UNKNOWN_SPLIT = re.compile(r"^Unknown split \".*\"\. Should be one of (\[.*\])\.$")  # datasets' words


def normalise(op: str, source: Any) -> Any:
    """``source`` checked and in canonical form (paths as given, dataset defaults filled in).

    Raises:
        ValueError: a missing path, an empty folder, or a malformed dataset source.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            remedy = "give a folder or files of audio"
            if _hub_id_like(str(source)):
                remedy += f", or for the Hub dataset {str(source)!r} {{'dataset': {str(source)!r}}}"
            raise ValueError(f"op {op!r}: the sound source {str(source)!r} does not exist{_where_looked(path)}; {remedy}")
        if path.is_file() and path.suffix.lower() not in AUDIO_SUFFIXES:
            raise ValueError(
                f"op {op!r}: the sound source {str(source)!r} is no audio file ({', '.join(AUDIO_SUFFIXES)}); give a "
                "folder or files of audio"
            )
        if path.is_dir() and not _files(path):
            from hfaug.sources import folder_contents

            raise ValueError(
                f"op {op!r}: the folder {str(source)!r} holds no audio files ({', '.join(AUDIO_SUFFIXES)}): "
                f"{folder_contents(path)}; give a folder of audio files"
            )
        return str(source)
    if isinstance(source, Mapping):
        unknown = set(source) - _DATASET_KEYS
        if "dataset" not in source or unknown:
            raise ValueError(
                f"op {op!r}: a dataset source is {{'dataset': path or hub id, 'split': 'train', 'column': 'audio', "
                f"'config': None, 'revision': None}}; got {dict(source)!r}"
            )
        location = str(source["dataset"])
        if looks_like_path(location) and not Path(location).exists():
            raise ValueError(
                f"op {op!r}: the sound dataset {location!r} does not exist; give a folder saved with save_to_disk "
                "or of data files, or a Hub dataset id (owner/name)"
            )
        return {"dataset": location, "split": source.get("split", "train"),
                "column": source.get("column", "audio"), "config": source.get("config")}
    if isinstance(source, Sequence) and source and all(isinstance(item, (str, Path)) for item in source):
        return [normalise(op, item) for item in source]
    raise ValueError(
        f"op {op!r}: source must be a folder, a file, a list of files or {{'dataset': ...}}; got {source!r}"
    )


def _hub_id_like(name: str) -> bool:
    """Whether ``name`` has the form of a Hub dataset id, ``owner/name``, which a sound source takes as
    ``{"dataset": name}``."""
    from hfaug.hub.names import is_repo_id  # only for this message: the Hub client is not needed otherwise

    return "/" in name and is_repo_id(name)


def _where_looked(path: Path) -> str:
    """Where a missing ``path`` was looked for, for messages: nothing to add for an absolute path."""
    if path.is_absolute():
        return ""
    if str(path).startswith("~"):
        return f" (~ is not expanded: give the full path, {os.path.expanduser(path)})"
    try:
        return f" (a relative path is read from the working folder, {Path.cwd()})"
    except FileNotFoundError:
        return " (a relative path is read from the working folder, which was deleted)"


def on_hub(source: Any) -> bool:
    """Whether a normalised source is a Hub dataset (a dataset id that is no local path)."""
    return isinstance(source, dict) and not Path(source["dataset"]).exists()


def revision(source: Any) -> str:
    """What pins the sounds of a normalised local source: ``content-<hash>`` of its files (a
    dataset folder's files, saved with ``save_to_disk`` or not)."""
    if isinstance(source, list):
        digest = hashlib.blake2b("\n".join(map(revision, source)).encode(), digest_size=16)
        return CONTENT_PREFIX + digest.hexdigest()
    return content_revision(source["dataset"] if isinstance(source, dict) else source)


def hub_commit(op: str, source: dict[str, Any], revision: str | None = None) -> str:
    """The commit that pins a Hub dataset source.

    Args:
        op (`str`): The op's name, for messages.
        source (`dict`): A normalised Hub dataset source.
        revision (`str`, *optional*): A branch, tag or commit hash (default: the default branch).
            A full commit hash is taken as it is, without asking the Hub.

    Where the Hub cannot be asked (``HF_HUB_OFFLINE=1``, or it cannot be reached), a branch or
    tag is resolved from the local Hugging Face cache: the commit last downloaded for it.

    Raises:
        ValueError: No such dataset or revision on the Hub, or the Hub cannot be asked and the
            local cache has no copy of the revision.
    """
    if revision is not None and _COMMIT.match(revision):
        return revision
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

    from hfaug.hub.errors import refusal_told

    repo = source["dataset"]
    reason = "HF_HUB_OFFLINE=1 is set"
    if not constants.HF_HUB_OFFLINE:
        try:
            info = HfApi().dataset_info(repo, revision=revision, timeout=constants.HF_HUB_ETAG_TIMEOUT)
        except RevisionNotFoundError:
            raise ValueError(
                f"op {op!r}: the Hub dataset {repo!r} has no revision {revision!r}; give an existing branch, tag or commit"
            ) from None
        except RepositoryNotFoundError:
            raise ValueError(
                f"op {op!r}: the sound dataset {repo!r} is no local folder and no dataset on the Hub (or it is private: "
                "log in with `hf auth login` or set HF_TOKEN)"
            ) from None
        except HfHubHTTPError as error:  # the Hub answered: a refused token, or a failure of its own
            reason = refusal_told(HfApi().endpoint, error, f"read {repo}")
        except Exception as error:  # network failures of any HTTP client
            reason = f"the Hub cannot be reached ({type(error).__name__})"
        else:
            assert info.sha is not None  # the Hub names the commit of the dataset it describes
            return info.sha
    folder = _cached_snapshot(repo, revision or "main")
    if folder is None:
        cached = _cached_commits(repo)
        raise ValueError(
            f"op {op!r}: cannot find which commit {revision or 'main'!r} of the Hub dataset {repo!r} is: {reason}, "
            "and the local Hugging Face cache does not say ("
            + (f"it holds the commits {', '.join(cached)}" if cached else "it holds no copy of the dataset")
            + f"). Give revision=<a cached commit>, download it once where the Hub is reachable "
            f"(`hf download {repo} --repo-type dataset`), or give a local folder of audio"
        )
    return Path(folder).name


def _saved_dataset(location: str) -> bool:
    return (Path(location) / "dataset_info.json").is_file() or (Path(location) / "dataset_dict.json").is_file()


class SourceError(HfaugError, ValueError):
    """A sound source cannot be opened: no row could be augmented, so the map stops."""


def bank(source: Any, revision: str | None = None) -> SoundBank:
    """The (per-process) bank of a normalised source at ``revision`` (what the op recorded: the
    commit a Hub dataset is loaded at, or the content revision of local files)."""
    return _bank(json.dumps([source, revision], sort_keys=True))


@functools.lru_cache(maxsize=16)
def _bank(key: str) -> SoundBank:
    source, pinned = json.loads(key)
    if pinned is not None and pinned.startswith(CONTENT_PREFIX) and revision(source) != pinned:
        raise SourceError(  # edited between building the op and its first batch here (a num_proc worker's too)
            f"the sound source {source!r} changed since its revision was recorded ({pinned}); build the op again "
            "to use the sounds as they are now (another configuration, so a new version), or restore them"
        )
    return SoundBank(source, pinned)


def _files(folder: Path) -> list[Path]:
    return [path for path in visible_files(folder) if path.suffix.lower() in AUDIO_SUFFIXES]


class SoundBank:
    """Clips to draw from, decoded to mono float32 on first use."""

    def __init__(self, source: Any, revision: str | None = None) -> None:
        self.source = source
        self._cells = _dataset_cells(source, revision) if on_hub(source) else self._resolve(source)
        if not self._cells:
            raise SourceError(f"the sound source {source!r} holds no clips")
        self.clip = functools.lru_cache(maxsize=512)(self._clip)

    @staticmethod
    def _resolve(source: Any) -> list[Any]:
        if isinstance(source, list):
            return [cell for item in source for cell in SoundBank._resolve(item)]
        if isinstance(source, dict):
            return _dataset_cells(source)
        path = Path(source)
        return [str(file) for file in _files(path)] if path.is_dir() else [str(path)]

    def __len__(self) -> int:
        return len(self._cells)

    def clip_named(self, index: int) -> str:
        """Clip ``index`` as messages name it: ``clip 3 (noises/hum.wav) of the sound source 'noises/'``."""
        cell = self._cells[index]
        path = cell if isinstance(cell, str) else cell.get("path") if isinstance(cell, dict) else None
        return f"clip {index}{f' ({path})' if path else ''} of the sound source {self.source!r}"

    def _clip(self, index: int, sample_rate: int) -> np.ndarray:
        """Clip ``index`` as mono float32 at ``sample_rate``.

        Raises:
            InvalidValue: the clip cannot be decoded or has no samples (naming it and the source).
        """
        try:
            sound = codec.decode(self._cells[index])
        except InvalidValue as error:
            raise self._unusable(index, str(error)) from None
        if sound.samples.shape[-1] == 0:
            raise self._unusable(index, codec.NO_SAMPLES)
        samples = sound.samples.mean(axis=0)
        if sound.sample_rate != sample_rate:
            import soxr

            samples = soxr.resample(samples, sound.sample_rate, sample_rate).astype(np.float32)
        return samples

    def _unusable(self, index: int, reason: str) -> InvalidValue:
        return InvalidValue(f"{self.clip_named(index)} cannot be used: {reason}; remove it from the source")


def _dataset_cells(source: dict[str, Any], commit: str | None = None) -> list[Any]:
    import datasets

    location = source["dataset"]
    try:
        if commit is not None:
            data = _hub_dataset(source, commit)
        elif _saved_dataset(location):
            data = datasets.load_from_disk(location)
            if isinstance(data, datasets.DatasetDict):
                if source["split"] not in data:
                    raise _no_split(location, source["split"], str(list(data)))
                data = data[source["split"]]
        else:
            data = datasets.load_dataset(location, source["config"], split=source["split"])
    except SourceError:
        raise
    except Exception as error:
        unknown = _UNKNOWN_SPLIT.match(str(error))
        if isinstance(error, ValueError) and unknown:
            raise _no_split(location, source["split"], unknown.group(1)) from None
        raise SourceError(
            f"cannot load the sound dataset {location!r}: {type(error).__name__}: {error}. Give a dataset saved with "
            "save_to_disk, a loadable dataset id, or a folder of audio files"
        ) from None
    column = source["column"]
    if column not in data.column_names:
        raise SourceError(f"the sound dataset {location!r} has no column {column!r}; it has {data.column_names}")
    feature = data.features[column]
    if type(feature).__name__ == "Audio":
        data = data.cast_column(column, datasets.Audio(decode=False))
    return list(data[column])


def _no_split(location: str, split: str, names: str) -> SourceError:
    """The error for a sound dataset without the ``split`` a source asks for, naming the ones it has."""
    return SourceError(
        f"the sound dataset {location!r} has no split {split!r}; it has {names}: give one of them as the source's 'split'"
    )


def _hub_dataset(source: dict[str, Any], commit: str) -> Any:
    """The split of a Hub dataset at ``commit``: downloaded (or reused) by ``load_dataset``, or,
    where the Hub cannot be asked, read from that commit's files in the local Hugging Face cache
    (``load_dataset`` offline would take whichever version it cached last)."""
    import datasets
    from huggingface_hub import constants

    repo, config, split = source["dataset"], source["config"], source["split"]
    failure: Exception | None = None
    if not constants.HF_HUB_OFFLINE:
        try:
            data = datasets.load_dataset(repo, config, split=split, revision=commit)
        except Exception as error:  # the Hub unreachable (any HTTP client's error), or the data unreadable
            failure = error
        else:
            if any(commit in Path(file["filename"]).parts for file in data.cache_files):
                return data
    folder = _cached_snapshot(repo, commit)
    if folder is None:
        if failure is not None:
            raise failure
        reason = "HF_HUB_OFFLINE=1 forbids downloading it" if constants.HF_HUB_OFFLINE else "the Hub cannot be reached"
        raise SourceError(
            f"the sound dataset {repo!r} at commit {commit} is not in the local Hugging Face cache, and {reason}. "
            f"Download it once where the Hub is reachable (`hf download {repo} --repo-type dataset --revision "
            f"{commit}`), or give a local folder of audio"
        )
    return datasets.load_dataset(folder, config, split=split)


def _cached_commits(repo: str) -> list[str]:
    """The commits of a Hub dataset that the local Hugging Face cache holds files of."""
    from huggingface_hub import constants, scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        found = scan_cache_dir(constants.HF_HUB_CACHE)
    except CacheNotFound:
        return []
    return sorted(
        revision.commit_hash
        for entry in found.repos
        if entry.repo_id == repo and entry.repo_type == "dataset"
        for revision in entry.revisions
    )


def _cached_snapshot(repo: str, revision: str) -> str | None:
    """The folder of the files of ``revision`` (a commit, branch or tag) of a Hub dataset in the
    local Hugging Face cache, or ``None``."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return snapshot_download(repo, repo_type="dataset", revision=revision, local_files_only=True)
    except LocalEntryNotFoundError:
        return None
