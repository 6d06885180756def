"""The files of a commit being built, changed one operation at a time (:class:`FileTree`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from hfaug.hubserver.errors import Conflict, EntryNotFound

if TYPE_CHECKING:
    from dulwich.objects import ObjectID


def _folders_of(path: str) -> list[str]:
    """The folders that hold ``path``, outermost first: ``a``, ``a/b`` for ``a/b/c``."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]


class FileTree:
    """The files of a commit as a flat map ``path -> (mode, blob id)``, changed one operation
    at a time, in order, and checked so that no path is both a file and a folder.

    Args:
        contents (`Iterable`): The blobs of the starting tree (``iter_tree_contents`` entries).
    """

    def __init__(self, contents: Iterable[Any]) -> None:
        self._files = {entry.path.decode(): (entry.mode, entry.sha) for entry in contents}
        self._folders = Counter(folder for path in self._files for folder in _folders_of(path))

    def add(self, path: str, sha: ObjectID) -> None:
        """Add or replace the file ``path``.

        Raises:
            Conflict: ``path`` is a folder, or one of its folders is a file.
        """
        if self._folders[path]:
            raise Conflict(
                f"Cannot add the file {path!r}: it is a folder; delete the folder earlier in the same commit "
                f"(CommitOperationDelete('{path}/')) or choose another path"
            )
        parent = next((folder for folder in _folders_of(path) if folder in self._files), None)
        if parent is not None:
            raise Conflict(
                f"Cannot add the file {path!r}: {parent!r} is a file, not a folder; delete it earlier in the same "
                "commit or choose another path"
            )
        if path not in self._files:
            self._folders.update(_folders_of(path))
        self._files[path] = (0o100644, sha)

    def delete_file(self, path: str) -> None:
        if path not in self._files:
            raise EntryNotFound(f"A file with this name doesn't exist: {path!r}")
        del self._files[path]
        self._folders.subtract(_folders_of(path))

    def delete_folder(self, path: str) -> None:
        inside = [file for file in self._files if file.startswith(f"{path}/")]
        if not inside:
            raise EntryNotFound(f"A folder with this name doesn't exist: {path!r}")
        for file in inside:
            self.delete_file(file)

    def blobs(self) -> list[tuple[bytes, ObjectID, int]]:
        """``(path, blob id, mode)`` of every file, as ``dulwich.index.commit_tree`` takes them."""
        return [(path.encode(), sha, mode) for path, (mode, sha) in self._files.items()]
