"""The on-disk translation cache: one SQLite file, keyed by (model revision, decoding, text).

Re-running a recipe, or another recipe over the same texts with the same model and
decoding, reads translations back instead of generating them. Several processes may
share one cache directory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path

from hfaug.errors import HfaugError

_FILE = "translations.sqlite"
KEPT_CONNECTIONS = 4
"""How many cache files a process keeps open; the least recently used beyond these is closed."""


@dataclasses.dataclass(frozen=True)
class _Opened:
    """A connection and the identity (device, inode) of the file it opened."""

    connection: sqlite3.Connection
    file: tuple[int, int] | None


_connections: OrderedDict[tuple[str, int], _Opened] = OrderedDict()
"""Open connections by (path, process id), least recently used first."""


def cache_key(revision: str, decoding: str, text: str, variant: str) -> str:
    """Key of one translation: model revision, decoding signature, source text, variant
    (hypothesis rank or sampling seed)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (revision, decoding, variant, text):
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
    return digest.hexdigest()


class TranslationCache:
    """Translations stored under ``directory``.

    Args:
        directory (`str`): Folder of the cache (created if needed).
    """

    def __init__(self, directory: str) -> None:
        self.path = Path(os.path.expanduser(directory)) / _FILE

    @contextlib.contextmanager
    def _usable(self) -> Iterator[None]:
        """Turn a cache that cannot be opened, read or written into one error that names it."""
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            raise HfaugError(
                f"backtranslate: cannot use the translation cache {self.path} ({type(error).__name__}: {error}). "
                "Delete that file if it is damaged or not hfaug's (a new one is made), or pass cache_dir= "
                "another folder that hfaug can write (or None)."
            ) from error

    def _connection(self) -> sqlite3.Connection:
        """This process's connection to the cache file, opened again where the file was deleted or replaced
        (its folder removed between runs): the old connection would write into a file nobody reads."""
        pid = os.getpid()  # a connection never crosses a fork
        key = (str(self.path), pid)
        _close_stale(pid)
        if key not in _connections:
            _connections[key] = self._open()
        _connections.move_to_end(key)
        _close_least_recently_used(pid)
        return _connections[key].connection

    def _open(self) -> _Opened:
        """A new connection to the cache file, creating its folder, file and table where missing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
        return _Opened(connection, _file_identity(self.path))

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached translations among ``keys``."""
        keys = list(keys)
        found: dict[str, str] = {}
        with self._usable():
            connection = self._connection()
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(connection.execute(f"SELECT key, text FROM translations WHERE key IN ({marks})", chunk))
        return found

    def put_many(self, items: dict[str, str]) -> None:
        """Store translations (an existing key keeps its value), in one transaction: one commit, and one wait
        for the write lock that other processes may hold, per batch rather than per translation."""
        if items:
            with self._usable():
                connection = self._connection()
                connection.execute("BEGIN IMMEDIATE")
                with connection:  # commits, or rolls back on an error
                    connection.executemany("INSERT OR IGNORE INTO translations VALUES (?, ?)", items.items())

    def __len__(self) -> int:
        with self._usable():
            return self._connection().execute("SELECT COUNT(*) FROM translations").fetchone()[0]


def _file_identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file at ``path``; `None` where there is none (or it cannot be reached)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _close(key: tuple[str, int]) -> None:
    """Close and forget the connection kept under ``key``."""
    _connections.pop(key).connection.close()


def _close_stale(pid: int) -> None:
    """Close process ``pid``'s connections whose file was deleted or replaced since they opened it."""
    for key in _own_keys(pid):
        if _connections[key].file != _file_identity(Path(key[0])):
            _close(key)


def _close_least_recently_used(pid: int) -> None:
    """Close process ``pid``'s connections beyond the :data:`KEPT_CONNECTIONS` most recently used."""
    for key in _own_keys(pid)[:-KEPT_CONNECTIONS]:
        _close(key)


def _own_keys(pid: int) -> list[tuple[str, int]]:
    """The keys of process ``pid``'s connections, least recently used first (those a forked process
    inherited belong to its parent and are left alone)."""
    return [key for key in _connections if key[1] == pid]
