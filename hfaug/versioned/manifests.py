"""A version's ``manifest.json``: its text, the version folder that holds it (``OUT`` or ``OUT/<version>``), and the
manifest read back, checked to be one hfaug wrote."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hfaug.errors import HfaugError
from hfaug.versioned.layout import MANIFEST

_MANIFEST_KEYS = ("version", "splits", "stats")  # what every manifest hfaug writes has, and loading reads
_DESCRIBING_KEYS = ("hfaug_version", "recipe", "source")  # what it has too, which `hfaug show` and the card read


def manifest_json(manifest: Mapping[str, Any]) -> str:
    """The text of ``manifest.json``, in a version folder and on the Hub (keys in their order)."""
    try:
        return json.dumps(manifest, indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"
    except ValueError as error:  # NaN or infinity, which JSON cannot hold
        raise ValueError(
            f"the manifest cannot be written as JSON ({error}): a number it records is NaN or infinite; record a "
            "finite number or None in augmenter parameters and in recipe.apply(source=...)"
        ) from error


def find_version_dir(directory: str | os.PathLike) -> Path:
    """The version folder in ``directory``: ``directory`` itself when it holds a manifest,
    else its only sub-folder that does.

    Raises:
        FileNotFoundError: When there is none, or several (they are listed).
        NotADirectoryError: When ``directory`` is a file.
    """
    root = Path(directory).expanduser()
    if (root / MANIFEST).is_file():
        return root
    if root.is_file():
        raise NotADirectoryError(f"{str(root)!r} is a file; pass a folder written by `hfaug apply` (OUT or OUT/<version>)")
    if not root.is_dir():
        raise FileNotFoundError(f"{str(root)!r} not found; pass a folder written by `hfaug apply` (OUT or OUT/<version>)")
    versions = version_folders(root)
    if not versions:
        raise FileNotFoundError(
            f"{str(root)!r} holds no augmented dataset version (no {MANIFEST} in it or in a sub-folder); "
            "pass a folder written by `hfaug apply`"
        )
    if len(versions) > 1:
        names = ", ".join(path.name for path in versions)
        latest = max(versions, key=lambda folder: (folder / MANIFEST).stat().st_mtime)
        raise FileNotFoundError(
            f"{str(root)!r} holds {len(versions)} versions ({names}); pass one of them, e.g. "
            f"{str(latest)!r} (the latest written)"
        )
    return versions[0]


def version_folders(root: Path) -> list[Path]:
    """The sub-folders of the folder ``root`` that hold a version (hidden ones, left by interrupted writes, aside)."""
    return sorted(path for path in root.iterdir() if (path / MANIFEST).is_file() and not path.name.startswith("."))


def _refuse_version_not_held(root: Path, version: str | None) -> None:
    """Raise `HfaugError` when ``root`` holds several versions but not ``version``, naming them."""
    if not version or not root.is_dir() or (root / MANIFEST).is_file() or (root / version / MANIFEST).is_file():
        return
    held = [folder.name for folder in version_folders(root)]
    if len(held) > 1:
        raise HfaugError(
            f"{str(root)!r} has no version {version!r}; it holds {', '.join(map(repr, held))}: ask for one of them"
        )


def read_manifest(directory: str | os.PathLike, version: str | None = None) -> tuple[Path, dict[str, Any]]:
    """``(version folder, manifest)`` of a folder written by ``hfaug apply``.

    Args:
        directory (`str` or `Path`): ``OUT/<version>``, or ``OUT`` when it holds one version.
        version (`str`, *optional*): The version wanted: ``OUT/<version>`` when it is there, else
            the version of ``directory``, which must be this one.

    Raises:
        HfaugError: When the folder holds another version than ``version``.
    """
    root = Path(directory).expanduser()
    _refuse_version_not_held(root, version)
    folder = find_version_dir(root / version if version and (root / version / MANIFEST).is_file() else root)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as error:  # not JSON, or not UTF-8 (UnicodeDecodeError)
        raise ValueError(f"{str(folder / MANIFEST)!r} is not valid JSON ({error}); write the version again with `hfaug apply`") from None
    missing = missing_manifest_keys(manifest)
    if missing:
        raise ValueError(
            f"{str(folder / MANIFEST)!r} is not a manifest written by hfaug (it lacks {', '.join(missing)}); "
            "write the version again with `hfaug apply`"
        )
    cut = [key for key in _DESCRIBING_KEYS if key not in manifest]
    if cut:
        raise ValueError(
            f"{str(folder / MANIFEST)!r} lacks {', '.join(cut)}, which every manifest hfaug writes holds (the file was "
            "edited after it was written); write the version again with `hfaug apply`"
        )
    if version is not None and manifest.get("version") != version:
        raise HfaugError(
            f"{str(folder)!r} holds version {manifest.get('version')!r}, not {version!r}; "
            f"ask for {manifest.get('version')!r}, or pass the folder of version {version!r}"
        )
    return folder, manifest


def missing_manifest_keys(manifest: Any) -> list[str]:
    """The keys of a manifest written by hfaug that ``manifest`` (a parsed ``manifest.json``) lacks:
    none for hfaug's, all of them when it is not even a JSON object."""
    return [key for key in _MANIFEST_KEYS if not isinstance(manifest, dict) or key not in manifest]
