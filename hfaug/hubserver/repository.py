"""One repository of the local Hub server (:class:`GitRepository`): a bare git repository (through
dulwich) whose large files are LFS pointers into a shared :class:`~hfaug.hubserver.lfs.LfsStore`, as
on the Hub. Commits, branches and tags are real git objects and refs, so they behave as on the Hub:
a commit names its parent, a tag keeps pointing at its commit, and a branch only moves forward
through a compare-and-swap of its ref."""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dulwich.attrs import compile_gitattributes_patterns, match_path, parse_git_attributes
from dulwich.lfs import LFSPointer
from dulwich.ignore import IgnoreFilter, read_ignore_patterns
from dulwich.index import commit_tree
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, Tag, Tree
from dulwich.repo import Repo

from hfaug.hubserver import git_ids
from hfaug.hubserver.content import decode_content
from hfaug.hubserver.errors import Conflict, EntryNotFound, HubError, PreconditionFailed, RevisionNotFound
from hfaug.hubserver.file_tree import FileTree
from hfaug.hubserver.gitattributes import DEFAULT_GITATTRIBUTES
from hfaug.hubserver.lfs import LfsStore
from hfaug.hubserver.names import check_path, check_ref_name
from hfaug.hubserver.records import CommitSummary, Entry, iso_date
from hfaug.hubserver.settings import git_bool, write_settings

if TYPE_CHECKING:
    from dulwich.objects import ObjectID

DEFAULT_BRANCH = "main"
PARTIAL_BLOB_PREFIX = ".partial-"  # of a blob being written out to be served, until it is complete
LFS_SIZE_THRESHOLD = 10 * 1024 * 1024  # larger files must go through LFS, as on the Hub
_COMMIT_SHA = re.compile(r"^[0-9a-f]{40}$")


def _nested_refs(ref: str, other: str) -> bool:
    """Whether one ref name is a folder of the other (``release`` and ``release/v1``): git
    cannot keep both, since a ref cannot be both a file and a folder."""
    return other.startswith(f"{ref}/") or ref.startswith(f"{other}/")


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
            write_settings(self.git, {b"private": git_bool(private)})

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
        walker = self.git.get_walker(include=[git_ids.object_id(self.resolve(revision))])
        return next(entry.commit for entry in walker if not entry.commit.parents)

    # ------------------------------------------------------------------ revisions
    def branch_head(self, branch: str) -> str | None:
        sha = self.git.refs.as_dict().get(git_ids.ref(f"refs/heads/{branch}"))
        return sha.decode() if sha else None

    def resolve(self, revision: str) -> str:
        """The commit a branch, tag or commit id names (branches win over tags, as in git)."""
        refs = self.git.refs.as_dict()
        for ref in (f"refs/heads/{revision}", f"refs/tags/{revision}", revision):
            sha = refs.get(git_ids.ref(ref))
            if sha is not None:
                return self.git.object_store.peel_sha(sha).decode()
        if _COMMIT_SHA.fullmatch(revision) and isinstance(self._object(revision), Commit):
            return revision
        raise RevisionNotFound(f"Invalid rev id: {revision} (no branch, tag or commit of {self.repo_id} has that name)")

    def _object(self, sha: str) -> Any:
        try:
            return self.git.object_store[git_ids.object_id(sha)]
        except KeyError:
            return None

    def commit(self, sha: str) -> Commit:
        commit = self.git.object_store[git_ids.object_id(sha)]
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
        return [
            self.summary(entry.commit.id.decode()) for entry in self.git.get_walker(include=[git_ids.object_id(head)])
        ]

    def last_commit(self, head: str, path: str) -> CommitSummary:
        """The newest commit reachable from ``head`` that changed ``path``."""
        walker = self.git.get_walker(include=[git_ids.object_id(head)], paths=[path.encode()], max_entries=1)
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
            partial = f"{PARTIAL_BLOB_PREFIX}{entry.oid}-"
            with tempfile.NamedTemporaryFile(dir=self.cache, prefix=partial, delete=False) as handle:
                handle.write(self.git.object_store[git_ids.object_id(entry.oid)].as_raw_string())
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
            if not self.git.refs.set_if_equals(
                git_ids.ref(f"refs/heads/{branch}"), git_ids.object_id(head), git_ids.object_id(sha)
            ):
                raise Conflict(f"{branch} of {self.repo_id} moved during the commit; try again")
            return sha

    def _apply(self, files: FileTree, operation: Mapping[str, Any]) -> None:
        """Apply one operation of a commit to ``files``, the files as the earlier operations left them."""
        key, value = operation.get("key"), operation.get("value") or {}
        path = check_path(str(value.get("path", "")).strip("/") if key == "deletedFolder" else value.get("path", ""))
        if key == "file":
            files.add(path, self._add_blob(decode_content(path, value)))
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
        commit.parents = [git_ids.object_id(parent) for parent in parents]
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
            self._add_ref("heads", branch, git_ids.object_id(start))

    def delete_branch(self, branch: str) -> None:
        with self.lock:
            if branch == DEFAULT_BRANCH:
                raise HubError(f"the default branch {DEFAULT_BRANCH!r} cannot be deleted", status=403)
            if self.branch_head(branch) is None:
                raise RevisionNotFound(f"Invalid rev id: {branch} (no such branch in {self.repo_id})")
            self.git.refs.remove_if_equals(git_ids.ref(f"refs/heads/{branch}"), None)

    def create_tag(self, tag: str, revision: str, message: str | None, author: str) -> str:
        check_ref_name("tags", tag)
        with self.lock:
            target = self.resolve(revision)
            sha = git_ids.object_id(target)
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
        if not self.git.refs.add_if_new(git_ids.ref(ref), sha):
            target = self.git.object_store.peel_sha(self.git.refs[git_ids.ref(ref)]).decode()
            raise Conflict(f"Reference already exists: {what} {name!r} of {self.repo_id} points to {target}")

    def delete_tag(self, tag: str) -> None:
        with self.lock:
            ref = git_ids.ref(f"refs/tags/{tag}")
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
