"""All repositories of the local Hub server and their LFS objects, under one folder
(:class:`HubStore`); each repository is a :class:`~hfaug.hubserver.repository.GitRepository`.

Layout of ``root``::

    repos/<type>s/<namespace>/<name>.git   bare git repositories
    lfs/objects/<oid[:2]>/<oid[2:4]>/<oid>  LFS objects (SHA-256 of the content)
    cache/blobs/<sha1>                      git blobs written out once for downloads
    signing.key                             the key that signs LFS upload links
    .create-* .delete-*                     a repository being created or deleted (removed on start)
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from pathlib import Path

from dulwich.objects import Tree
from dulwich.repo import Repo

from hfaug.hubserver import git_ids
from hfaug.hubserver.errors import Conflict, HubError, RepoNotFound
from hfaug.hubserver.gitattributes import DEFAULT_GITATTRIBUTES
from hfaug.hubserver.lfs import LfsStore
from hfaug.hubserver.names import check_name
from hfaug.hubserver.repository import DEFAULT_BRANCH, PARTIAL_BLOB_PREFIX, GitRepository
from hfaug.hubserver.settings import git_bool, write_settings

REPO_TYPES: tuple[str, ...] = ("model", "dataset", "space", "kernel")


class HubStore:
    """All repositories of the server and their LFS objects, under ``root``.

    Args:
        root (`str` or `Path`): Folder of the server's data; created when missing. Keep it
            between runs: repositories, tags and LFS objects persist.

    Example:
        >>> store = HubStore("hub-data")
        >>> store.create_repo("dataset", "me/demo", private=False, author="me")
        >>> with store.open("dataset", "me/demo") as repo:
        ...     repo.resolve("main")
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.lfs = LfsStore(self.root / "lfs")
        self.cache = self.root / "cache" / "blobs"
        self._locks: dict[Path, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._recover()

    def _recover(self) -> None:
        """Clear what a server killed mid-write leaves behind: git lock files (a ref being
        moved), partial LFS uploads and blobs written out for downloads, half-created or half-deleted
        repositories. Refs only ever hold complete commits. (So: one server per data folder.)"""
        for lock in (self.root / "repos").glob("*/*/*.git/**/*.lock"):
            lock.unlink(missing_ok=True)
        for partial in [*(self.lfs.root / "tmp").iterdir(), *self.cache.glob(f"{PARTIAL_BLOB_PREFIX}*")]:
            partial.unlink(missing_ok=True)
        for staging in [*self.root.glob(".create-*"), *self.root.glob(".delete-*")]:
            shutil.rmtree(staging, ignore_errors=True)

    def signing_key(self) -> bytes:
        """A secret kept in ``root`` (created once, readable by its owner only) that signs LFS
        upload URLs, so that URLs handed out before a restart stay valid."""
        path = self.root / "signing.key"
        if not path.exists():
            staging = self.root / f".signing.key.{os.getpid()}"
            descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
            try:
                os.link(staging, path)  # atomic, and never replaces a key another process wrote
            except FileExistsError:
                pass
            finally:
                staging.unlink()
        return path.read_bytes()

    def repo_path(self, repo_type: str, repo_id: str) -> Path:
        if repo_type not in REPO_TYPES:
            raise HubError(f"invalid repo type {repo_type!r}: expected one of {', '.join(REPO_TYPES)}")
        namespace, _, name = repo_id.partition("/")
        check_name("namespace", namespace)
        check_name("repository name", name)
        return self.root / "repos" / f"{repo_type}s" / namespace / f"{name}.git"

    def _lock(self, path: Path) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(path, threading.Lock())

    def exists(self, repo_type: str, repo_id: str) -> bool:
        return (self.repo_path(repo_type, repo_id) / "HEAD").exists()

    def open(self, repo_type: str, repo_id: str) -> GitRepository:
        path = self.repo_path(repo_type, repo_id)
        if not (path / "HEAD").exists():
            raise RepoNotFound(f"Repository not found: {repo_type} {repo_id!r}")
        return GitRepository(path, repo_id, self.lfs, self.cache, self._lock(path))

    def create_repo(self, repo_type: str, repo_id: str, *, private: bool, author: str) -> None:
        """A new repository whose ``main`` holds one commit with the default ``.gitattributes``."""
        path = self.repo_path(repo_type, repo_id)
        with self._lock(path):
            if (path / "HEAD").exists():
                raise Conflict(f"You already created this {repo_type} repo: {repo_id}")
            staging = Path(tempfile.mkdtemp(dir=self.root, prefix=".create-"))
            try:
                git = Repo.init_bare(str(staging))
                git.refs.set_symbolic_ref(git_ids.ref("HEAD"), git_ids.ref(f"refs/heads/{DEFAULT_BRANCH}"))
                git.close()
                with GitRepository(staging, repo_id, self.lfs, self.cache, threading.Lock()) as repo:
                    blob = repo._add_blob(DEFAULT_GITATTRIBUTES.encode())
                    tree = Tree()
                    tree.add(b".gitattributes", 0o100644, blob)
                    repo.git.object_store.add_object(tree)
                    sha = repo._write_commit(tree.id, [], "initial commit", "", author)
                    repo.git.refs.add_if_new(git_ids.ref(f"refs/heads/{DEFAULT_BRANCH}"), git_ids.object_id(sha))
                    created = str(repo.commit(sha).commit_time).encode()
                    write_settings(repo.git, {b"private": git_bool(private), b"created": created})
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging, path)
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    def delete_repo(self, repo_type: str, repo_id: str) -> None:
        path = self.repo_path(repo_type, repo_id)
        with self._lock(path):
            if not (path / "HEAD").exists():
                raise RepoNotFound(f"Repository not found: {repo_type} {repo_id!r}")
            trash = Path(tempfile.mkdtemp(dir=self.root, prefix=".delete-"))
            os.replace(path, trash / "repo")
            shutil.rmtree(trash, ignore_errors=True)

    def move_repo(self, repo_type: str, from_id: str, to_id: str) -> None:
        """Rename a repository; its history, branches, tags and visibility go with it.

        Raises:
            RepoNotFound: ``from_id`` does not exist.
            Conflict: ``to_id`` exists.
        """
        source, target = self.repo_path(repo_type, from_id), self.repo_path(repo_type, to_id)
        if source == target:
            raise HubError(f"Cannot move {from_id} to itself: give its new name as toRepo")
        first, second = sorted((source, target))
        with self._lock(first), self._lock(second):
            if not (source / "HEAD").exists():
                raise RepoNotFound(f"Repository not found: {repo_type} {from_id!r}")
            if (target / "HEAD").exists():
                raise Conflict(
                    f"Cannot move {from_id} to {to_id}: a {repo_type} repository of that name exists; delete it "
                    "first or choose another name"
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)

    def list_repos(self, repo_type: str) -> list[str]:
        base = self.root / "repos" / f"{repo_type}s"
        return sorted(
            f"{namespace.name}/{repo.name[: -len('.git')]}"
            for namespace in (base.iterdir() if base.exists() else [])
            for repo in namespace.iterdir()
            if repo.name.endswith(".git")
        )
