"""Writing a versioned dataset to its version folder, which readers find whole or not at all: written aside, then
put in place (kept when it holds the same files), with what killed saves left removed."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import filecmp
import json
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hfaug.locks import lock_folder, remove_locked_folder, remove_unheld_folder
from hfaug.versioned.dataset_types import VersionedDataset, VersionedDatasetDict, as_splits
from hfaug.versioned.layout import CARD, DATA_DIR, MANIFEST, PREVIEW_DIR
from hfaug.versioned.manifests import manifest_json
from hfaug.versioned.output_folder import prepare_output_dir
from hfaug.versioned.parquet_shards import write_version_shards
from hfaug.versioned.split_checks import (
    WITHOUT_EMPTY_SPLITS,
    empty_split_remedy,
    refuse_changed_splits,
    refuse_empty_splits,
)

logger = logging.getLogger(__name__)
_LEFTOVER = re.compile(r"\.(?P<version>[\w.-]+-[0-9a-f]{12})\.(?:partial|old)-(?P<pid>\d+)")  # of a save (see save)


def save(dataset: VersionedDataset | VersionedDatasetDict, directory: str | os.PathLike, *, preview: bool = True) -> Path:
    """Write a versioned dataset to ``directory/<version>/`` (Hub layout, card, manifest, preview).

    Writing a version that is there already keeps its folder when it holds the same files; else the
    folder is replaced whole (readers find the old folder or the new one). Two runs that write the same
    version at once both succeed.

    Args:
        dataset (`VersionedDataset` or `VersionedDatasetDict`): What `Recipe.apply` returned.
        directory (`str` or `Path`): The output folder (``~`` is expanded); the version folder is created inside.
        preview (`bool`, defaults to `True`): Also write ``preview/index.html``.

    Returns:
        `Path`: The version folder.

    Example:
        >>> out = recipe.apply(ds)
        >>> hfaug.versioned.save(out, "out")
        PosixPath('out/clinc150-intents-3f2a9c0e1b7d')
    """
    manifest = getattr(dataset, "manifest", None)
    if not isinstance(manifest, dict) or "version" not in manifest:
        raise TypeError("hfaug.versioned.save writes a dataset returned by recipe.apply (it carries a manifest)")
    from hfaug.card import render_card

    refuse_changed_splits(as_splits(dataset), manifest, "hfaug.versioned.save")
    remedy = empty_split_remedy(manifest, WITHOUT_EMPTY_SPLITS)
    refuse_empty_splits(as_splits(dataset), "hfaug.versioned.save", remedy)
    version = manifest["version"]
    root = prepare_output_dir(directory)
    target = root / version
    _remove_abandoned_staging(root)
    staging = root / f".{version}.partial-{os.getpid()}"
    # held until the save ends, however it ends; emptied of what a killed save by a process of this number left
    lock = lock_folder(staging, fcntl.LOCK_EX, fresh=True)
    assert lock is not None  # a blocking lock waits until it is taken
    try:
        with _unwritable_output_explained(root, version):
            (staging / DATA_DIR).mkdir()
            for split, data in as_splits(dataset).items():
                write_version_shards(data, staging / DATA_DIR, split)
            (staging / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
            (staging / CARD).write_text(render_card(manifest, dataset), encoding="utf-8")
            samples = getattr(dataset, "samples", None)
            if samples is not None:
                (staging / PREVIEW_DIR).mkdir()
                write_version_shards(samples, staging / PREVIEW_DIR, None)
            if preview:
                from hfaug.preview import write_preview

                write_preview(staging)
            _publish(staging, target)
    finally:
        remove_locked_folder(staging, lock)
    return target


@contextlib.contextmanager
def _unwritable_output_explained(root: Path, version: str) -> Iterator[None]:
    """An error writing version ``version`` into the output folder ``root`` because its disk is full (or the quota
    reached), raised again naming the folder and what to do (the system's error names neither; a folder that
    cannot be written at all is refused before, by :func:`hfaug.versioned.output_folder.prepare_output_dir`)."""
    try:
        yield
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise OSError(
            error.errno,
            f"writing version {version} into {str(root)!r} failed: {os.strerror(error.errno)}; nothing of it was kept. "
            "Free space there, or write it to another folder (hfaug apply --out; in Python, save's directory)",
        ) from error


def _publish(staging: Path, target: Path) -> None:
    """Put the version folder written in ``staging`` at ``target``, where readers find the folder that
    was there or the new one, never part of either. A ``target`` that holds the same files (the version
    written again, or by a run beside this one) is kept as it is; another one is moved aside first, then
    deleted. Losing the last rename to another run that wrote the same version is no failure."""
    lost = _files_replaced(target, staging)
    if lost is None:
        return
    if lost:
        logger.warning(_replacing(target, staging, lost))
    replaced = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        with contextlib.suppress(FileNotFoundError):
            target.rename(replaced)
        try:
            staging.rename(target)
        except OSError:  # another run put its folder of this version there first
            if _version_in(target) != _version_in(staging):
                raise
    finally:
        shutil.rmtree(replaced, ignore_errors=True)


def _files_replaced(old: Path, new: Path) -> list[str] | None:
    """The files within ``old`` that ``new`` lacks or holds with other bytes (none when ``old`` is missing or
    goes); None when both hold the same files, byte for byte, so that ``new`` would replace nothing."""
    try:
        olds, news = ({path.relative_to(folder) for path in folder.rglob("*") if path.is_file()} for folder in (old, new))
        lost = sorted(str(name) for name in olds if name not in news or not filecmp.cmp(old / name, new / name, shallow=False))
    except OSError:
        return []
    return None if olds and olds == news and not lost else lost


def _replacing(target: Path, staging: Path, lost: list[str]) -> str:
    """The warning that the version folder ``target`` is replaced by ``staging``, which writes its files ``lost``
    otherwise: the same rows read from another path (a card that differs in that path only), or files edited, or
    written with other options."""
    old, new = _manifest_in(target), _manifest_in(staging)
    source, path = old.get("source"), new.get("source", {}).get("path")
    if (
        set(lost) <= {CARD, MANIFEST}
        and isinstance(source, dict)
        and isinstance(source.get("path"), str)
        and isinstance(path, str)
        and source["path"] != path
        and {**old, "source": {**source, "path": path}} == new
        and (CARD not in lost or _text_in(staging / CARD).replace(path, source["path"]) == _text_in(target / CARD))
    ):
        return (
            f"replacing the version folder {target}: the same rows were read from {path!r}, where its "
            f"{', '.join(lost)} record {source['path']!r}"
        )
    shown = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
    return (
        f"replacing the version folder {target}, whose files {shown} this save does not write as they were (edited, "
        "or written with other options): keep files of your own outside version folders"
    )


def _manifest_in(folder: Path) -> dict[str, Any]:
    """``folder``'s manifest (empty when it has none that is a JSON object)."""
    try:
        manifest = json.loads(_text_in(folder / MANIFEST))
    except ValueError:
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _text_in(file: Path) -> str:
    """The text of ``file`` (empty when it cannot be read as UTF-8)."""
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return ""


def _version_in(folder: Path) -> str | None:
    """The version id of ``folder``'s manifest (``None`` when it has none)."""
    return _manifest_in(folder).get("version")


def _remove_abandoned_staging(root: Path) -> None:
    """Remove the staging folders (``.VERSION.partial-PID``) and replaced versions (``.VERSION.old-PID``)
    of saves that ended before they could clean up (killed: SIGTERM, SIGKILL, out of memory): those whose
    save's lock file (``.VERSION.partial-PID.lock``) is there and held by no process, in any PID namespace
    or on any host sharing the folder's locks. Nothing else is touched, the user's own hidden folders
    included."""
    for lock in root.glob(".*.partial-*.lock"):
        staging = lock.with_name(lock.name.removesuffix(".lock"))
        match = _LEFTOVER.fullmatch(staging.name)
        if match is not None:
            remove_unheld_folder(staging, root / f".{match['version']}.old-{match['pid']}")
