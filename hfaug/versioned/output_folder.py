"""The output folder that versions are written into, checked before a long job (a file, a folder that cannot be
written, a version folder or one inside it are refused, saying what to pass) and created."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hfaug.errors import HfaugError
from hfaug.versioned.layout import MANIFEST
from hfaug.versioned.manifests import missing_manifest_keys


def check_output_dir(directory: str | os.PathLike) -> Path:
    """``directory`` (``~`` expanded), checked as :func:`prepare_output_dir` would find it, without creating it:
    so that a bad output folder fails before a long job, and one that the job's own errors stop leaves nothing."""
    root = Path(directory).expanduser()
    _refuse_output_in_a_version(root)
    if root.is_symlink() or root.exists():
        if not root.is_dir():
            raise HfaugError(f"output folder {str(root)!r} {_what_is_there(root)}; pass a folder (new or existing)")
        if not os.access(root, os.W_OK | os.X_OK):
            raise HfaugError(f"cannot write in the output folder {str(root)!r}; pass a folder you can write")
        return root
    above = next(folder for folder in root.absolute().parents if os.path.lexists(folder))
    why = "Not a directory" if not above.is_dir() else None if os.access(above, os.W_OK | os.X_OK) else "Permission denied"
    if why:
        raise HfaugError(f"cannot create the output folder {str(root)!r} ({why}); pass a folder you can write")
    return root


def prepare_output_dir(directory: str | os.PathLike) -> Path:
    """``directory`` (``~`` expanded), created if needed; an `HfaugError` that says what to pass when it is a
    file, a version folder or inside one, or cannot be created or written."""
    root = check_output_dir(directory)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise HfaugError(f"output folder {str(root)!r} {_what_is_there(root)}; pass a folder (new or existing)") from None
    except OSError as error:
        raise HfaugError(
            f"cannot create the output folder {str(root)!r} ({error.strerror}); pass a folder you can write"
        ) from None
    return root


def _refuse_output_in_a_version(root: Path) -> None:
    """Raise `HfaugError` when the output folder ``root`` is a version folder or lies inside one: the
    version written there would be deleted with that one (replaced by a save, or by its user)."""
    absolute = Path(os.path.abspath(root))
    resolved = Path(os.path.realpath(absolute))  # a link into a version folder is inside it too
    folders = dict.fromkeys((resolved, *resolved.parents, absolute, *absolute.parents))  # each folder once
    version = next((folder for folder in folders if _is_version_folder(folder)), None)
    if version is None:
        return
    if version in (absolute, resolved):
        where = f"a version folder (it holds {MANIFEST})"
    else:
        where = f"inside the version folder {_named_as(version, root)!r}"
    raise HfaugError(
        f"output folder {str(root)!r} is {where}: a version written in it would be deleted with that version; pass "
        f"the folder that holds the versions, {_named_as(version.parent, root)!r}"
    )


def _is_version_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest written by hfaug (another program's ``manifest.json`` is no version)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not missing_manifest_keys(manifest)


def _named_as(path: Path, given: Path) -> str:
    """The absolute ``path`` named as the user names paths: relative to the working folder where
    ``given``, the path they passed, is relative."""
    return str(path) if given.is_absolute() else os.path.relpath(path)


def _what_is_there(path: Path) -> str:
    """What ``path``, which is no folder, is: a file, or a symbolic link that leads to none."""
    if not path.is_symlink():
        return "is a file"
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13
        return "is a symbolic link that leads back to itself (a loop)"
    return f"is a symbolic link to the file {os.readlink(path)!r}"
