"""Names on the Hub: the tags and repository ids it takes (refused before anything is sent, in words that say what
a valid one looks like), and tags in order, as messages list them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from huggingface_hub.errors import HFValidationError
from huggingface_hub.utils import validate_repo_id

_TAGS_LISTED = 20  # more tags than this are counted
_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
REPO_ID_RULE = (
    "use owner/name (or name alone) of letters, digits, '-', '_' and '.', neither part starting or ending with '-' "
    "or '.', without '--' or '..', the name at most 96 characters (e.g. 'me/sst2-aug')"
)
"""What a repository id that the Hub takes looks like (``huggingface_hub``'s ``validate_repo_id``), for messages."""


def check_version(caller: str, version: Any) -> None:
    """Refuse a version that is not a str (``huggingface_hub`` fails on it deep inside)."""
    if not isinstance(version, str):
        raise TypeError(
            f"{caller}: version must be a str (a tag, branch or commit id), got {version!r} "
            f"({type(version).__name__}); pass e.g. version='v1' or version='1'"
        )


def listed(tags: list[str]) -> str:
    """``v1, v2, ...``: the first :data:`_TAGS_LISTED` tags, with their number when there are more."""
    more = f", ... ({len(tags)} in all)" if len(tags) > _TAGS_LISTED else ""
    return ", ".join(tags[:_TAGS_LISTED]) + more if tags else "(none)"


def check_tag(tag: str) -> None:
    """Refuse, before any upload, a tag that git (hence the Hub) would refuse: besides the characters,
    ``..`` anywhere, a final ``.``, and a ``/``-separated part that is empty, starts with ``.`` or
    ends with ``.lock`` (as ``git check-ref-format`` does)."""
    problem = _tag_problem(tag)
    if problem is not None:
        raise ValueError(f"push_to_hub: {tag!r} cannot be a tag: {problem} (e.g. 'v1' or the version id)")


def check_repo_id(caller: str, repo_id: str) -> None:
    """Refuse, before anything is sent, a repository id that the Hub would refuse, saying what a valid one looks like
    (``huggingface_hub``'s own error names neither the call nor the rule in full)."""
    if not is_repo_id(repo_id):
        raise ValueError(f"{caller}: {repo_id!r} cannot be a repository id: {REPO_ID_RULE}")


def is_repo_id(repo_id: str) -> bool:
    """Whether the Hub takes ``repo_id`` as a repository id (``huggingface_hub``'s ``validate_repo_id``)."""
    try:
        validate_repo_id(repo_id)
    except HFValidationError:
        return False
    return True


def _tag_problem(tag: str) -> str | None:
    """What git finds wrong with ``tag`` (see :func:`check_tag`), or None."""
    parts = tag.split("/")
    if not _TAG.fullmatch(tag):
        return "use letters, digits, '.', '_', '-' and '/', starting with a letter or digit"
    if ".." in tag:
        return "'..' is not allowed in a tag"
    if any(not part for part in parts):
        return "no part between '/' may be empty"
    if any(part.startswith(".") for part in parts):
        return "no part between '/' may start with '.'"
    if tag.endswith("."):
        return "a tag may not end with '.'"
    if any(part.endswith(".lock") for part in parts):
        return "no part between '/' may end with '.lock'"
    return None


def in_natural_order(names: Iterable[str]) -> list[str]:
    """``names`` with their runs of digits sorted as numbers (``v2`` before ``v10``), ties in one order (``v01``,
    ``v1``)."""
    return sorted(names, key=lambda name: (_natural_order(name), name))


def _natural_order(name: str) -> list[str | int]:
    """``name`` with its runs of digits as numbers, which sort as such: ``['v', 10, '']``."""
    return [int(part) if index % 2 else part for index, part in enumerate(re.split(r"(\d+)", name))]
