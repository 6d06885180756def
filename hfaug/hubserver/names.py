"""Checks of the names clients give the local Hub server, as the Hub checks them: repository
names and namespaces (:func:`check_name`), paths inside a repository (:func:`check_path`),
branch and tag names (:func:`check_ref_name`)."""

from __future__ import annotations

import re

from dulwich.refs import check_ref_format

from hfaug.hubserver import git_ids
from hfaug.hubserver.errors import HubError

_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?")  # as the Hub; check_name also refuses '--', '..'
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # git cannot store a NUL in a tree; the Hub takes none of them


def check_name(kind: str, value: str) -> str:
    if (
        not isinstance(value, str)
        or not _NAME.fullmatch(value)
        or ".." in value
        or "--" in value
        or value.endswith(".git")
    ):
        raise HubError(
            f"invalid {kind} {value!r}: use letters, digits, '-', '_' and '.', neither starting nor ending with '-' "
            "or '.', without '--' or '..', not ending with '.git' (at most 96 characters)"
        )
    return value


def check_path(path: str) -> str:
    """A path inside a repository: relative, with no empty, '.', '..' or '.git' part (in any case, as
    git on a case-insensitive file system reads it) and no control character."""
    parts = path.split("/") if isinstance(path, str) else [""]
    if (
        not path
        or any(part in ("", ".", "..") or part.lower() == ".git" for part in parts)
        or _CONTROL_CHARACTER.search(path)
    ):
        raise HubError(
            f"invalid path in repository {path!r}: use a relative path such as 'data/train.parquet', with no empty, "
            "'.', '..' or '.git' part and no control character"
        )
    return path


def check_ref_name(kind: str, name: str) -> str:
    if not isinstance(name, str) or not name or not check_ref_format(git_ids.ref(f"refs/{kind}/{name}")):
        raise HubError(f"invalid {kind[:-1]} name {name!r}: it must be a valid git reference name")
    return name
