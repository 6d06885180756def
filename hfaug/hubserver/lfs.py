"""Content-addressed storage of LFS objects (``objects/<oid[:2]>/<oid[2:4]>/<oid>``, the
layout git-lfs uses), written by streaming to a temporary file and renamed into place."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from hfaug.hubserver.errors import HubError

OID_PATTERN = re.compile(r"^[0-9a-f]{64}$")


class LfsStore:
    """LFS objects under ``root``, keyed by the SHA-256 of their content.

    Args:
        root (`str` or `Path`): Folder of the store; created when missing.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)

    def path(self, oid: str) -> Path:
        if not isinstance(oid, str) or not OID_PATTERN.fullmatch(oid):
            raise HubError(f"invalid LFS oid {oid!r}: expected 64 lowercase hex digits (a SHA-256)")
        return self.root / "objects" / oid[:2] / oid[2:4] / oid

    def size(self, oid: str) -> int | None:
        """Size of the object, or None when it is not stored."""
        try:
            return self.path(oid).stat().st_size
        except FileNotFoundError:
            return None

    async def write(self, oid: str, size: int, chunks: AsyncIterator[bytes]) -> None:
        """Store the streamed content of ``oid``; the object appears only once it is
        complete and its SHA-256 and size match (an interrupted upload leaves nothing)."""
        target = self.path(oid)
        digest = hashlib.sha256()
        written = 0
        handle = tempfile.NamedTemporaryFile(dir=self.root / "tmp", delete=False)
        try:
            with handle:
                async for chunk in chunks:
                    digest.update(chunk)
                    written += len(chunk)
                    handle.write(chunk)
            if written != size or digest.hexdigest() != oid:
                raise HubError(
                    f"uploaded content does not match the LFS object: expected sha256 {oid} and {size} bytes, "
                    f"got sha256 {digest.hexdigest()} and {written} bytes; upload the file again",
                    status=422,
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(handle.name, target)
        finally:
            if os.path.exists(handle.name):
                os.unlink(handle.name)
