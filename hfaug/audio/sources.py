"""Banks of sounds for background noise and impulse responses: a folder of audio files,
a list of files, or the `Audio` column of another dataset.

A source is plain data, so it can sit in a recipe:

- ``"noises/"`` or ``"noise.wav"``: a folder (searched recursively) or a file;
- ``["a.wav", "b.flac"]``: files;
- ``{"dataset": "path/or/hub-id", "split": "train", "column": "audio", "config": None}``:
  a dataset saved with ``save_to_disk`` or loadable with ``load_dataset``.

Banks are opened once per process and clips are decoded (mono, resampled) on first use.
:func:`revision` pins the sounds of files, folders and saved datasets to their content.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hfaug.audio import codec
from hfaug.content_hash import CONTENT_PREFIX, content_revision
from hfaug.errors import HfaugError

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".aiff", ".aif", ".au", ".w64", ".opus", ".m4a")
_DATASET_KEYS = {"dataset", "split", "column", "config"}


def normalise(op: str, source: Any) -> Any:
    """``source`` checked and in canonical form (paths as given, dataset defaults filled in).

    Raises:
        ValueError: a missing path, an empty folder, or a malformed dataset source.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise ValueError(f"op {op!r}: the sound source {str(source)!r} does not exist; give a folder or files of audio")
        if path.is_dir() and not _files(path):
            raise ValueError(f"op {op!r}: the folder {str(source)!r} holds no audio files ({', '.join(AUDIO_SUFFIXES)})")
        return str(source)
    if isinstance(source, Mapping):
        unknown = set(source) - _DATASET_KEYS
        if "dataset" not in source or unknown:
            raise ValueError(
                f"op {op!r}: a dataset source is {{'dataset': path or hub id, 'split': 'train', 'column': 'audio', "
                f"'config': None}}; got {dict(source)!r}"
            )
        return {"dataset": str(source["dataset"]), "split": source.get("split", "train"),
                "column": source.get("column", "audio"), "config": source.get("config")}
    if isinstance(source, Sequence) and source and all(isinstance(item, (str, Path)) for item in source):
        return [normalise(op, item) for item in source]
    raise ValueError(
        f"op {op!r}: source must be a folder, a file, a list of files or {{'dataset': ...}}; got {source!r}"
    )


def revision(source: Any) -> str | None:
    """What pins a normalised source's sounds: ``content-<hash>`` of its files (a folder saved
    with ``save_to_disk`` included), or ``None`` for a dataset loaded by id."""
    if isinstance(source, list):
        digest = hashlib.blake2b("\n".join(map(str, map(revision, source))).encode(), digest_size=16)
        return CONTENT_PREFIX + digest.hexdigest()
    if isinstance(source, dict):
        return content_revision(source["dataset"]) if _saved_dataset(source["dataset"]) else None
    return content_revision(source)


def _saved_dataset(location: str) -> bool:
    return (Path(location) / "dataset_info.json").is_file() or (Path(location) / "dataset_dict.json").is_file()


class SourceError(HfaugError, ValueError):
    """A sound source cannot be opened: no row could be augmented, so the map stops."""


def bank(source: Any) -> SoundBank:
    """The (per-process) bank of a normalised source."""
    return _bank(json.dumps(source, sort_keys=True))


@functools.lru_cache(maxsize=16)
def _bank(key: str) -> SoundBank:
    return SoundBank(json.loads(key))


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix.lower() in AUDIO_SUFFIXES and path.is_file())


class SoundBank:
    """Clips to draw from, decoded to mono float32 on first use."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self._cells = self._resolve(source)
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

    def _clip(self, index: int, sample_rate: int) -> np.ndarray:
        """Clip ``index`` as mono float32 at ``sample_rate``."""
        sound = codec.decode(self._cells[index])
        samples = sound.samples.mean(axis=0)
        if sound.sample_rate != sample_rate:
            import soxr

            samples = soxr.resample(samples, sound.sample_rate, sample_rate).astype(np.float32)
        return samples


def _dataset_cells(source: dict[str, Any]) -> list[Any]:
    import datasets

    location = source["dataset"]
    try:
        if _saved_dataset(location):
            data = datasets.load_from_disk(location)
            if isinstance(data, datasets.DatasetDict):
                data = data[source["split"]]
        else:
            data = datasets.load_dataset(location, source["config"], split=source["split"])
    except Exception as error:
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
