"""What the local Hub server answers about a repository's content: its files and folders
(:class:`Entry`), its commits (:class:`CommitSummary`) and their dates in the Hub's format
(:func:`iso_date`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


@dataclass(frozen=True)
class Entry:
    """A file or folder of a commit, as the Hub's tree and paths-info endpoints describe it."""

    path: str
    type: str  # "file" or "directory"
    oid: str  # git blob or tree id
    size: int
    lfs: Mapping[str, Any] | None = None  # {"oid": sha256, "size": int, "pointerSize": int}

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "oid": self.oid, "size": self.size, "path": self.path}
        if self.lfs is not None:
            data["lfs"] = dict(self.lfs)
        return data


@dataclass(frozen=True)
class CommitSummary:
    id: str
    title: str
    message: str
    author: str
    date: str


def iso_date(timestamp: float) -> str:
    """``2024-05-01T12:00:00.000Z``: the date format of the Hub's API."""
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
