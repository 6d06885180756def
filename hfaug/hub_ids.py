"""Telling Hub ids (``name`` or ``owner/name``) from local paths."""

from __future__ import annotations


def looks_like_path(name: str) -> bool:
    """Whether ``name`` can only be a local path: it starts with ``/``, ``.`` or ``~``, or has
    more than one ``/``, or a backslash. A Hub id is ``name`` or ``owner/name``."""
    return name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name
