"""The on-disk translation cache: one SQLite file, keyed by (model revision, decoding, text).

Re-running a recipe, or another recipe over the same texts with the same model and
decoding, reads translations back instead of generating them. Several processes may
share one cache directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from hfaug.errors import HfaugError

_FILE = "translations.sqlite"
_connections: dict[tuple[str, int], sqlite3.Connection] = {}


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
        key = (str(self.path), os.getpid())  # a connection never crosses a fork
        if key not in _connections:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
            _connections[key] = connection
        return _connections[key]

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
        """Store translations (an existing key keeps its value)."""
        if items:
            with self._usable():
                self._connection().executemany("INSERT OR IGNORE INTO translations VALUES (?, ?)", items.items())

    def __len__(self) -> int:
        with self._usable():
            return self._connection().execute("SELECT COUNT(*) FROM translations").fetchone()[0]
