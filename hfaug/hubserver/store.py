"""Repositories of the local Hub server: bare git repositories (through dulwich) whose
large files are LFS pointers into a shared :class:`~hfaug.hubserver.lfs.LfsStore`, as on
the Hub. Commits, branches and tags are real git objects and refs, so they behave as on
the Hub: a commit names its parent, a tag keeps pointing at its commit, and a branch only
moves forward through a compare-and-swap of its ref.

Layout of ``root``::

    repos/<type>s/<namespace>/<name>.git   bare git repositories
    lfs/objects/<oid[:2]>/<oid[2:4]>/<oid>  LFS objects (SHA-256 of the content)
    cache/blobs/<sha1>                      git blobs written out once for downloads
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from dulwich.attrs import compile_gitattributes_patterns, match_path, parse_git_attributes
from dulwich.lfs import LFSPointer
from dulwich.ignore import IgnoreFilter, read_ignore_patterns
from dulwich.index import commit_tree
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, Tag, Tree
from dulwich.refs import check_ref_format
from dulwich.repo import Repo

from hfaug.hubserver.errors import (
    Conflict,
    EntryNotFound,
    HubError,
    PreconditionFailed,
    RepoNotFound,
    RevisionNotFound,
)
from hfaug.hubserver.lfs import LfsStore

if TYPE_CHECKING:
    from dulwich.objects import ObjectID
    from dulwich.refs import Ref

REPO_TYPES: tuple[str, ...] = ("model", "dataset", "space", "kernel")
DEFAULT_BRANCH = "main"
LFS_SIZE_THRESHOLD = 10 * 1024 * 1024  # larger files must go through LFS, as on the Hub
_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?")  # as the Hub; check_name also refuses '--', '..'
_COMMIT_SHA = re.compile(r"^[0-9a-f]{40}$")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # git cannot store a NUL in a tree; the Hub takes none of them

# Patterns stored through LFS in every new repository (written into its first commit).
DEFAULT_GITATTRIBUTES = (
    "\n".join(
        f"{pattern} filter=lfs diff=lfs merge=lfs -text"
        for pattern in (
            "*.7z",
            "*.arrow",
            "*.bin",
            "*.bz2",
            "*.ckpt",
            "*.gz",
            "*.h5",
            "*.joblib",
            "*.lz4",
            "*.model",
            "*.msgpack",
            "*.npy",
            "*.npz",
            "*.onnx",
            "*.parquet",
            "*.pb",
            "*.pickle",
            "*.pkl",
            "*.pt",
            "*.pth",
            "*.rar",
            "*.safetensors",
            "*.tar",
            "*.tar.*",
            "*.tgz",
            "*.xz",
            "*.zip",
            "*.zst",
            "*.flac",
            "*.mp3",
            "*.ogg",
            "*.wav",
            "*.bmp",
            "*.gif",
            "*.jpeg",
            "*.jpg",
            "*.png",
            "*.tiff",
            "*.webp",
            "*.mp4",
            "*.webm",
        )
    )
    + "\n"
)


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
    if not isinstance(name, str) or not name or not check_ref_format(_ref(f"refs/{kind}/{name}")):
        raise HubError(f"invalid {kind[:-1]} name {name!r}: it must be a valid git reference name")
    return name


def _ref(name: str) -> Ref:
    """The git ref ``name`` (``refs/heads/main``) as dulwich takes it."""
    return cast("Ref", name.encode())


def _object_id(sha: str) -> ObjectID:
    """The hex object id ``sha`` as dulwich takes it."""
    return cast("ObjectID", sha.encode())


def _nested_refs(ref: str, other: str) -> bool:
    """Whether one ref name is a folder of the other (``release`` and ``release/v1``): git
    cannot keep both, since a ref cannot be both a file and a folder."""
    return other.startswith(f"{ref}/") or ref.startswith(f"{other}/")


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


class GitRepository:
    """One bare repository of the server.

    Args:
        path (`Path`): The bare repository.
        repo_id (`str`): ``namespace/name``.
        lfs (`LfsStore`): Where LFS objects live.
        cache (`Path`): Folder for blobs written out to be served.
        lock (`threading.Lock`): Serialises writes to this repository.
    """

    def __init__(self, path: Path, repo_id: str, lfs: LfsStore, cache: Path, lock: threading.Lock) -> None:
        self.path = path
        self.repo_id = repo_id
        self.lfs = lfs
        self.cache = cache
        self.lock = lock
        self.git = Repo(str(path))

    def close(self) -> None:
        self.git.close()

    def __enter__(self) -> GitRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ settings
    @property
    def private(self) -> bool:
        return self.git.get_config().get_boolean((b"hub",), b"private", False)

    def set_private(self, private: bool) -> None:
        with self.lock:
            _write_settings(self.git, {b"private": _git_bool(private)})

    @property
    def created_at(self) -> float:
        """When the repository was created: the time of its first commit, kept in its config
        (and found in the history of main for a repository whose config does not keep it)."""
        try:
            return float(self.git.get_config().get((b"hub",), b"created"))
        except KeyError:
            return self._root_commit(DEFAULT_BRANCH).commit_time

    def _root_commit(self, revision: str) -> Commit:
        """The first commit of ``revision``'s history (the one without parents)."""
        walker = self.git.get_walker(include=[_object_id(self.resolve(revision))])
        return next(entry.commit for entry in walker if not entry.commit.parents)

    # ------------------------------------------------------------------ revisions
    def branch_head(self, branch: str) -> str | None:
        sha = self.git.refs.as_dict().get(_ref(f"refs/heads/{branch}"))
        return sha.decode() if sha else None

    def resolve(self, revision: str) -> str:
        """The commit a branch, tag or commit id names (branches win over tags, as in git)."""
        refs = self.git.refs.as_dict()
        for ref in (f"refs/heads/{revision}", f"refs/tags/{revision}", revision):
            sha = refs.get(_ref(ref))
            if sha is not None:
                return self.git.object_store.peel_sha(sha).decode()
        if _COMMIT_SHA.fullmatch(revision) and isinstance(self._object(revision), Commit):
            return revision
        raise RevisionNotFound(f"Invalid rev id: {revision} (no branch, tag or commit of {self.repo_id} has that name)")

    def _object(self, sha: str) -> Any:
        try:
            return self.git.object_store[_object_id(sha)]
        except KeyError:
            return None

    def commit(self, sha: str) -> Commit:
        commit = self.git.object_store[_object_id(sha)]
        if not isinstance(commit, Commit):
            raise RevisionNotFound(f"{sha} is a {commit.type_name.decode()} of {self.repo_id}, not a commit")
        return commit

    def summary(self, sha: str) -> CommitSummary:
        commit = self.commit(sha)
        message = commit.message.decode("utf-8", "replace")
        return CommitSummary(
            id=sha,
            title=message.split("\n", 1)[0],
            message=message,
            author=commit.author.decode("utf-8", "replace").split(" <", 1)[0],
            date=iso_date(commit.commit_time),
        )

    def log(self, revision: str) -> list[CommitSummary]:
        """Commits reachable from ``revision``, newest first."""
        head = self.resolve(revision)
        return [self.summary(entry.commit.id.decode()) for entry in self.git.get_walker(include=[_object_id(head)])]

    def last_commit(self, head: str, path: str) -> CommitSummary:
        """The newest commit reachable from ``head`` that changed ``path``."""
        walker = self.git.get_walker(include=[_object_id(head)], paths=[path.encode()], max_entries=1)
        for entry in walker:
            return self.summary(entry.commit.id.decode())
        return self.summary(head)

    # ------------------------------------------------------------------ files
    def _entry(self, path: str, mode: int, sha: ObjectID) -> Entry:
        if stat.S_ISDIR(mode):
            return Entry(path=path, type="directory", oid=sha.decode(), size=0)
        data = self.git.object_store[sha].as_raw_string()
        pointer = LFSPointer.from_bytes(data) if len(data) < 512 else None
        if pointer is not None and pointer.is_valid_oid():
            lfs = {"oid": pointer.oid, "size": pointer.size, "pointerSize": len(data)}
            return Entry(path=path, type="file", oid=sha.decode(), size=pointer.size, lfs=lfs)
        return Entry(path=path, type="file", oid=sha.decode(), size=len(data))

    def _lookup(self, commit_sha: str, path: str) -> tuple[int, ObjectID] | None:
        tree: Any = self.git.object_store[self.commit(commit_sha).tree]
        mode, sha = stat.S_IFDIR, tree.id
        for part in path.split("/") if path else []:
            if not isinstance(tree, Tree) or part.encode() not in tree:
                return None
            mode, sha = tree[part.encode()]
            tree = self.git.object_store[sha] if stat.S_ISDIR(mode) else None
        return mode, sha

    def entry(self, commit_sha: str, path: str) -> Entry | None:
        found = self._lookup(commit_sha, path.strip("/"))
        return None if found is None or not path.strip("/") else self._entry(path.strip("/"), *found)

    def list_tree(self, commit_sha: str, path: str = "", recursive: bool = False) -> list[Entry]:
        """Entries under ``path`` (its direct children, or all descendants when ``recursive``)."""
        path = path.strip("/")
        found = self._lookup(commit_sha, path)
        if found is None:
            raise EntryNotFound(f"{path!r} does not exist in {self.repo_id} at {commit_sha}")
        mode, sha = found
        if not stat.S_ISDIR(mode):
            return [self._entry(path, mode, sha)]
        prefix = f"{path}/" if path else ""
        if recursive:
            contents = iter_tree_contents(self.git.object_store, sha, include_trees=True)
            items = [(entry.path.decode(), entry.mode, entry.sha) for entry in contents if entry.path]
        else:
            tree = self.git.object_store[sha]
            assert isinstance(tree, Tree)  # a folder's entry names a tree
            items = [(item.path.decode(), item.mode, item.sha) for item in tree.items()]
        return [self._entry(prefix + name, mode, sha) for name, mode, sha in items]

    def files(self, commit_sha: str) -> list[Entry]:
        return [entry for entry in self.list_tree(commit_sha, recursive=True) if entry.type == "file"]

    def read_bytes(self, commit_sha: str, path: str) -> bytes | None:
        found = self._lookup(commit_sha, path)
        if found is None or stat.S_ISDIR(found[0]):
            return None
        return self.git.object_store[found[1]].as_raw_string()

    def local_file(self, entry: Entry) -> Path:
        """A file on disk holding the content of ``entry`` (the LFS object or the git blob)."""
        if entry.lfs is not None:
            path = self.lfs.path(entry.lfs["oid"])
            if not path.exists():
                raise EntryNotFound(f"the LFS object of {entry.path!r} is missing from the server's store")
            return path
        path = self.cache / entry.oid
        if not path.exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.cache, delete=False) as handle:
                handle.write(self.git.object_store[_object_id(entry.oid)].as_raw_string())
            os.replace(handle.name, path)
        return path

    def lfs_patterns(self, commit_sha: str | None) -> list[Any]:
        content = self.read_bytes(commit_sha, ".gitattributes") if commit_sha else None
        content = DEFAULT_GITATTRIBUTES.encode() if content is None else content
        return compile_gitattributes_patterns(parse_git_attributes(io.BytesIO(content)))

    def ignore_filter(self, commit_sha: str, gitignore: str | None) -> IgnoreFilter:
        """The ``.gitignore`` rules that an upload follows: ``gitignore``, the text the client
        sends, or else the root ``.gitignore`` of ``commit_sha`` (no rules when it has none)."""
        content = gitignore.encode() if gitignore is not None else self.read_bytes(commit_sha, ".gitignore") or b""
        return IgnoreFilter(read_ignore_patterns(io.BytesIO(content)))

    def upload_mode(self, patterns: list[Any], path: str, size: int, sample: bytes) -> str:
        """``"lfs"`` for files the attributes route to LFS, files over 10 MiB and binary
        files; ``"regular"`` for the rest (stored as git blobs)."""
        attributes = match_path(patterns, path.encode())
        if attributes.get(b"filter") == b"lfs" or size > LFS_SIZE_THRESHOLD or b"\x00" in sample:
            return "lfs"
        return "regular"

    # ------------------------------------------------------------------ writes
    def create_commit(
        self,
        branch: str,
        operations: Iterable[Mapping[str, Any]],
        *,
        summary: str,
        description: str = "",
        parent_commit: str | None = None,
        author: str,
    ) -> str:
        """Apply ``operations`` (``file``, ``lfsFile``, ``deletedFile``, ``deletedFolder``
        items of the commit NDJSON) on top of ``branch`` and move the branch to the new commit.

        Raises:
            PreconditionFailed: ``parent_commit`` is not the head of the branch any more.
        """
        with self.lock:
            head = self.branch_head(branch)
            if head is None:
                raise RevisionNotFound(
                    f"Invalid rev id: {branch} (commits go to a branch of {self.repo_id}; create it first)"
                )
            if parent_commit is not None and parent_commit != head:
                raise PreconditionFailed(
                    f"A commit has happened since: {branch} is at {head}, not at parentCommit {parent_commit}. "
                    "Refresh and try again."
                )
            files = FileTree(iter_tree_contents(self.git.object_store, self.commit(head).tree))
            for operation in operations:
                self._apply(files, operation)
            tree = commit_tree(self.git.object_store, files.blobs())
            sha = self._write_commit(tree, [head], summary, description, author)
            if not self.git.refs.set_if_equals(_ref(f"refs/heads/{branch}"), _object_id(head), _object_id(sha)):
                raise Conflict(f"{branch} of {self.repo_id} moved during the commit; try again")
            return sha

    def _apply(self, files: FileTree, operation: Mapping[str, Any]) -> None:
        """Apply one operation of a commit to ``files``, the files as the earlier operations left them."""
        key, value = operation.get("key"), operation.get("value") or {}
        path = check_path(str(value.get("path", "")).strip("/") if key == "deletedFolder" else value.get("path", ""))
        if key == "file":
            files.add(path, self._add_blob(_decode_content(path, value)))
        elif key == "lfsFile":
            oid = value.get("oid", "")
            size = self.lfs.size(oid)
            if size is None:
                raise HubError(
                    f"LFS object {oid} for {path!r} was not uploaded; upload it through the LFS batch "
                    "endpoint before committing",
                    status=422,
                )
            files.add(path, self._add_blob(LFSPointer(oid, size).to_bytes()))
        elif key == "deletedFile":
            files.delete_file(path)
        elif key == "deletedFolder":
            files.delete_folder(path)
        else:
            raise HubError(f"unknown commit operation {key!r}: expected file, lfsFile, deletedFile or deletedFolder")

    def _add_blob(self, content: bytes) -> ObjectID:
        blob = Blob.from_string(content)
        self.git.object_store.add_object(blob)
        return blob.id

    def _write_commit(self, tree: ObjectID, parents: list[str], summary: str, description: str, author: str) -> str:
        commit = Commit()
        commit.tree = tree
        commit.parents = [_object_id(parent) for parent in parents]
        identity = f"{author} <{author}@users.noreply.localhost>".encode()
        commit.author = commit.committer = identity
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = 0
        commit.encoding = b"UTF-8"
        commit.message = (summary + (f"\n\n{description}" if description else "") + "\n").encode()
        self.git.object_store.add_object(commit)
        return commit.id.decode()

    def create_branch(self, branch: str, starting_point: str | None) -> None:
        check_ref_name("heads", branch)
        with self.lock:
            start = self.resolve(starting_point or DEFAULT_BRANCH)
            self._add_ref("heads", branch, _object_id(start))

    def delete_branch(self, branch: str) -> None:
        with self.lock:
            if branch == DEFAULT_BRANCH:
                raise HubError(f"the default branch {DEFAULT_BRANCH!r} cannot be deleted", status=403)
            if self.branch_head(branch) is None:
                raise RevisionNotFound(f"Invalid rev id: {branch} (no such branch in {self.repo_id})")
            self.git.refs.remove_if_equals(_ref(f"refs/heads/{branch}"), None)

    def create_tag(self, tag: str, revision: str, message: str | None, author: str) -> str:
        check_ref_name("tags", tag)
        with self.lock:
            target = self.resolve(revision)
            sha = _object_id(target)
            if message:
                tag_object = Tag()
                tag_object.object = (Commit, sha)
                tag_object.name = tag.encode()
                tag_object.tagger = f"{author} <{author}@users.noreply.localhost>".encode()
                tag_object.tag_time, tag_object.tag_timezone = int(time.time()), 0
                tag_object.message = (message + "\n").encode()
                self.git.object_store.add_object(tag_object)
                sha = tag_object.id
            self._add_ref("tags", tag, sha)
            return target

    def _add_ref(self, kind: str, name: str, sha: ObjectID) -> None:
        """Create ``refs/<kind>/<name>`` (``heads`` or ``tags``) at ``sha``.

        Raises:
            Conflict: The ref exists, or git cannot keep it beside another one: ``release``
                and ``release/v1`` cannot both exist, since a ref cannot be both a file and a folder.
        """
        ref, what = f"refs/{kind}/{name}", "branch" if kind == "heads" else "tag"
        clash = next((other for other in map(bytes.decode, self.git.refs.as_dict()) if _nested_refs(ref, other)), None)
        if clash is not None:
            other = clash.removeprefix(f"refs/{kind}/")
            raise Conflict(
                f"Reference conflicts with {what} {other!r} of {self.repo_id}: git cannot keep both {name!r} and "
                f"{other!r} (a ref cannot be both a file and a folder); choose another {what} name"
            )
        if not self.git.refs.add_if_new(_ref(ref), sha):
            target = self.git.object_store.peel_sha(self.git.refs[_ref(ref)]).decode()
            raise Conflict(f"Reference already exists: {what} {name!r} of {self.repo_id} points to {target}")

    def delete_tag(self, tag: str) -> None:
        with self.lock:
            ref = _ref(f"refs/tags/{tag}")
            if ref not in self.git.refs.as_dict():
                raise RevisionNotFound(f"Invalid rev id: {tag} (no such tag in {self.repo_id})")
            self.git.refs.remove_if_equals(ref, None)

    def refs(self) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {"branches": [], "converts": [], "tags": [], "pullRequests": []}
        for ref, sha in sorted(self.git.refs.as_dict().items()):
            name = ref.decode()
            for prefix, kind in (("refs/heads/", "branches"), ("refs/tags/", "tags")):
                if name.startswith(prefix):
                    target = self.git.object_store.peel_sha(sha).decode()
                    out[kind].append({"name": name[len(prefix) :], "ref": name, "targetCommit": target})
        return out


def _git_bool(value: bool) -> bytes:
    return b"true" if value else b"false"


def _write_settings(git: Repo, settings: Mapping[bytes, bytes]) -> None:
    """Keep ``settings`` in the ``[hub]`` section of the repository's git config."""
    config = git.get_config()
    for name, value in settings.items():
        config.set((b"hub",), name, value)
    config.write_to_path()


def decode_base64(value: Any, what: str) -> bytes:
    """``value`` decoded from base64, strictly: text with other characters is refused, not skipped."""
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, TypeError, ValueError) as error:
        raise HubError(f"{what} is not valid base64 ({error}): send the file's bytes base64-encoded") from None


def _decode_content(path: str, value: Mapping[str, Any]) -> bytes:
    content = value.get("content", "")
    if value.get("encoding", "utf-8") == "base64":
        return decode_base64(content, f"the content of {path!r}")
    return str(content).encode()


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
        moved), partial LFS uploads, half-created or half-deleted repositories. Refs only ever
        hold complete commits. (So: one server per data folder.)"""
        for lock in (self.root / "repos").glob("*/*/*.git/**/*.lock"):
            lock.unlink(missing_ok=True)
        for partial in (self.lfs.root / "tmp").iterdir():
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
                git.refs.set_symbolic_ref(_ref("HEAD"), _ref(f"refs/heads/{DEFAULT_BRANCH}"))
                git.close()
                with GitRepository(staging, repo_id, self.lfs, self.cache, threading.Lock()) as repo:
                    blob = repo._add_blob(DEFAULT_GITATTRIBUTES.encode())
                    tree = Tree()
                    tree.add(b".gitattributes", 0o100644, blob)
                    repo.git.object_store.add_object(tree)
                    sha = repo._write_commit(tree.id, [], "initial commit", "", author)
                    repo.git.refs.add_if_new(_ref(f"refs/heads/{DEFAULT_BRANCH}"), _object_id(sha))
                    created = str(repo.commit(sha).commit_time).encode()
                    _write_settings(repo.git, {b"private": _git_bool(private), b"created": created})
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
