"""The HTTP side of the local Hub server: the endpoints that ``huggingface_hub`` and
``datasets`` call, answered from a :class:`~hfaug.hubserver.store.HubStore`.

Routes are matched on the raw request path, segment by segment, because the client
percent-encodes revisions and folder paths (``refs%2Fpr%2F1``, ``data%2Ftrain``) and a
decoded path could not tell them apart from path separators.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote

import yaml
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from hfaug.hubserver.content import decode_base64
from hfaug.hubserver.errors import Conflict, EntryNotFound, HubError, RepoNotFound, Unauthorized
from hfaug.hubserver.lfs import OID_PATTERN
from hfaug.hubserver.records import iso_date
from hfaug.hubserver.repository import DEFAULT_BRANCH, GitRepository
from hfaug.hubserver.store import HubStore

logger = logging.getLogger("hfaug.hubserver")

_TYPES = "models|datasets|spaces|kernels"
_REPO = "{repo}"  # in a route's pattern: a repository id, in each form of _REPO_FORMS
_REPO_FORMS = (r"(?P<repo>[^/]+/[^/]+?)", r"(?P<repo>[^/]+?)")  # namespace/name, or a name alone
_API = rf"/api/(?P<type>{_TYPES})/{_REPO}"
_WEB_TYPES = "datasets|spaces|kernels"  # web paths of models have no type (and no namespace named like one)
_WEB = rf"/(?:(?P<type>{_WEB_TYPES})/|(?!(?:{_WEB_TYPES})/)){_REPO}"
_LFS_CONTENT_TYPE = "application/vnd.git-lfs+json"
_UPLOAD_TTL_S = 3600
_INVALID_CREDENTIALS = "Invalid credentials in Authorization header"
_LIST_FILTERS = ("author", "search", "limit")  # the listing filters this server applies
_LIST_DETAILS = ("full", "expand", "config", "cardData")  # ask for more fields: answered with those it keeps
_T = TypeVar("_T")
_FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*(\n|$)", re.DOTALL)


@dataclass(frozen=True)
class _Route:
    methods: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]  # one per form of repository id
    handler: str
    write: bool = False  # needs a valid token when the server has tokens
    stream: bool = False  # the handler reads the body itself (async)


def _route(methods: str, pattern: str, handler: str, *, write: bool = False, stream: bool = False) -> _Route:
    patterns = [pattern.replace(_REPO, form) for form in _REPO_FORMS] if _REPO in pattern else [pattern]
    return _Route(tuple(methods.split()), tuple(map(re.compile, patterns)), handler, write, stream)


def _repo_type(params: dict[str, str]) -> str:
    return (params.get("type") or "models")[:-1]


ROUTES: tuple[_Route, ...] = (
    _route("GET", r"/api/whoami-v2", "whoami"),
    _route("GET", r"/api/agent-harnesses", "agent_harnesses"),
    _route("POST", r"/api/repos/create", "create_repo", write=True),
    _route("DELETE", r"/api/repos/delete", "delete_repo", write=True),
    _route("POST", r"/api/repos/move", "move_repo", write=True),
    _route("POST", r"/api/validate-yaml", "validate_yaml"),
    _route("GET", rf"/api/(?P<type>{_TYPES})", "list_repos"),
    _route("GET", rf"{_API}", "repo_info"),
    _route("GET", rf"{_API}/revision/(?P<revision>[^/]+)", "repo_info"),
    _route("PUT", rf"{_API}/settings", "update_settings", write=True),
    _route("GET", rf"{_API}/refs", "refs"),
    _route("GET", rf"{_API}/tree/(?P<revision>[^/]+)(?:/(?P<path>.*))?", "tree"),
    _route("POST", rf"{_API}/paths-info/(?P<revision>[^/]+)", "paths_info"),
    _route("GET", rf"{_API}/commits/(?P<revision>[^/]+)", "commits"),
    _route("POST", rf"{_API}/preupload/(?P<revision>[^/]+)", "preupload", write=True),
    _route("POST", rf"{_API}/commit/(?P<revision>[^/]+)", "commit", write=True),
    _route("POST", rf"{_API}/branch/(?P<branch>[^/]+)", "create_branch", write=True),
    _route("DELETE", rf"{_API}/branch/(?P<branch>[^/]+)", "delete_branch", write=True),
    _route("POST", rf"{_API}/tag/(?P<revision>[^/]+)", "create_tag", write=True),
    _route("DELETE", rf"{_API}/tag/(?P<tag>[^/]+)", "delete_tag", write=True),
    _route("POST", rf"{_API}/super-squash/(?P<branch>[^/]+)", "super_squash"),
    _route("GET POST", rf"{_API}/xet-(?P<kind>read|write)-token(?:/.*)?", "xet_token"),
    _route("POST", rf"{_WEB}\.git/info/lfs/objects/batch", "lfs_batch", write=True),
    _route("POST", rf"{_WEB}\.git/info/lfs/objects/verify", "lfs_verify", write=True),
    _route("PUT", r"/lfs-upload/(?P<oid>[0-9a-f]{64})", "lfs_upload", stream=True),
    _route("GET", rf"{_WEB}/resolve/(?P<revision>[^/]+)/(?P<path>.+)", "resolve"),
)


@dataclass
class _Call:
    request: Request
    params: dict[str, str]
    user: str | None
    body: bytes = b""

    @property
    def repo_type(self) -> str:
        return _repo_type(self.params)

    @property
    def repo_id(self) -> str:
        return self.params["repo"]

    @property
    def base_url(self) -> str:
        return str(self.request.base_url).rstrip("/")

    def json(self) -> dict[str, Any]:
        """The request body: a JSON object (``{}`` when there is none)."""
        try:
            payload = json.loads(self.body or b"{}")
        except json.JSONDecodeError as error:
            raise HubError(f"the request body is not valid JSON: {error}") from None
        if not isinstance(payload, dict):
            raise HubError(f"the request body must be a JSON object ({{...}}), got {type(payload).__name__}")
        return payload

    def flag(self, name: str) -> bool:
        return self.request.query_params.get(name, "").lower() in ("1", "true")


def _is_operation(item: Any) -> bool:
    """Whether a line of a commit payload has the shape of one: an object whose ``value`` is an object."""
    return isinstance(item, dict) and isinstance(item.get("value"), dict)


def _web_prefix(repo_type: str) -> str:
    return "" if repo_type == "model" else f"{repo_type}s/"


def _private(payload: dict[str, Any]) -> bool | None:
    """Whether a create or settings request asks for a private repository (``None``: it does not say)."""
    visibility = _field(payload, "visibility", str, '"public" or "private"')
    if visibility is None:
        return _field(payload, "private", bool, "true or false")
    if visibility not in ("public", "private"):
        raise _wrong_field("visibility", '"public" or "private"', visibility)
    return visibility == "private"


def _error(status: int, message: str, code: str | None = None, **extra: Any) -> JSONResponse:
    headers = {"X-Error-Message": message.encode("ascii", "replace").decode().replace("\n", " ")}
    if code:
        headers["X-Error-Code"] = code
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


class HubApp:
    """The Hub protocol over a :class:`HubStore`.

    Args:
        store (`HubStore`): Where repositories live.
        tokens (`Sequence[str]`, defaults to `()`): Accepted bearer tokens. With tokens, every
            write needs one of them and private repositories are visible only with one; without,
            the server is open (keep it on loopback).
        user (`str`, defaults to `"local"`): Name of the server's single user: the namespace of
            repositories created without one, and the author of commits.
    """

    def __init__(self, store: HubStore, tokens: Sequence[str] = (), user: str = "local") -> None:
        self.store = store
        self.tokens = tuple(token for token in tokens if token)
        self.user = user
        self._secret = store.signing_key()  # signs LFS upload URLs

    # ------------------------------------------------------------------ plumbing
    def asgi(self) -> Starlette:
        """Requests of every method the Hub's API uses go to :meth:`dispatch`, which names those it does not implement."""
        methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
        return Starlette(routes=[Route("/{path:path}", self.dispatch, methods=methods)])

    async def dispatch(self, request: Request) -> Response:
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        path = raw_path.decode("latin-1").split("?", 1)[0]
        try:
            route, params = self._match(request.method, path)
            call = _Call(request, params, self._authenticate(request, route))
            handler: Callable[[_Call], Any] = getattr(self, route.handler)
            if route.stream:
                return await handler(call)
            call.body = await request.body()
            return await run_in_threadpool(handler, call)
        except HubError as error:
            return _error(error.status, error.message, error.code)
        except Exception as error:  # a bug or a broken repository: say so, keep serving
            logger.exception("%s %s failed", request.method, path)
            return _error(500, f"internal error of the hub server ({type(error).__name__}: {error}); see its log")

    def _match(self, method: str, path: str) -> tuple[_Route, dict[str, str]]:
        """The route of a request and its parameters, a repository named without namespace
        being in the user's. A path can read both ways (``/api/datasets/x/refs``: the info of
        ``x/refs``, or the refs of ``x``): the first reading whose repository exists wins."""
        verb = "GET" if method == "HEAD" else method
        readings, allowed = [], False
        for route in ROUTES:
            for pattern in route.patterns:
                match = pattern.fullmatch(path)
                if match is not None:
                    allowed = True
                    if verb in route.methods:
                        readings.append((route, self._params(match)))
        if not readings:
            if allowed:
                raise HubError(f"method {method} is not allowed on {path}", status=405)
            raise HubError(f"this server does not implement {method} {path}", status=404)
        return next((reading for reading in readings if self._names_a_repo(reading[1])), readings[0])

    def _params(self, match: re.Match[str]) -> dict[str, str]:
        params = {key: unquote(value) for key, value in match.groupdict().items() if value is not None}
        if "repo" in params and "/" not in params["repo"]:
            params["repo"] = f"{self.user}/{params['repo']}"
        return params

    def _names_a_repo(self, params: dict[str, str]) -> bool:
        try:
            return "repo" in params and self.store.exists(_repo_type(params), params["repo"])
        except HubError:  # not a valid repository id
            return False

    def _authenticate(self, request: Request, route: _Route) -> str | None:
        """The user of a valid token; None for anonymous requests (allowed to read)."""
        header = request.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            valid = scheme.lower() == "bearer" and bool(token)
            if valid and self.tokens:
                valid = any(hmac.compare_digest(token.encode(), known.encode()) for known in self.tokens)
            if not valid:
                raise Unauthorized(_INVALID_CREDENTIALS)
            return self.user
        if not self.tokens:
            return self.user
        if route.write:
            raise Unauthorized("Authorization required: this server needs a token to write (set HF_TOKEN)")
        return None

    def _open(self, call: _Call) -> GitRepository:
        repo = self.store.open(call.repo_type, call.repo_id)
        if repo.private and call.user is None:
            repo.close()
            raise RepoNotFound(f"Repository not found: {call.repo_type} {call.repo_id!r}")
        return repo

    # ------------------------------------------------------------------ account, repositories
    def whoami(self, call: _Call) -> Response:
        if call.user is None:
            raise Unauthorized(_INVALID_CREDENTIALS)
        auth = {"type": "access_token", "accessToken": {"displayName": "hub-server", "role": "write"}}
        return JSONResponse({"type": "user", "name": call.user, "fullname": call.user, "orgs": [], "auth": auth})

    def agent_harnesses(self, call: _Call) -> Response:
        """The registry the client reads for its user agent: empty here."""
        return JSONResponse({"standardEnvVars": [], "harnesses": {}})

    def create_repo(self, call: _Call) -> Response:
        payload = call.json()
        repo_type = payload.get("type") or "model"
        repo_id = _named_repo(payload, call.user or self.user)
        private = bool(_private(payload))
        url = f"{call.base_url}/{_web_prefix(repo_type)}{repo_id}"
        try:
            self.store.create_repo(repo_type, repo_id, private=private, author=call.user or self.user)
        except Conflict as error:  # as the Hub: the existing repository's url comes with the 409
            return _error(error.status, error.message, url=url)
        return JSONResponse({"url": url, "name": repo_id, "id": repo_id})

    def update_settings(self, call: _Call) -> Response:
        """The repository's visibility (the one setting this server keeps)."""
        payload = call.json()
        private = _private(payload)
        if private is None or set(payload) - {"private", "visibility"}:
            raise HubError(f"this server sets only a repository's visibility ('private' or 'visibility'), got {payload}")
        with self._open(call) as repo:
            repo.set_private(private)
        return JSONResponse({})

    def delete_repo(self, call: _Call) -> Response:
        payload = call.json()
        repo_id = _named_repo(payload, call.user or self.user)
        self.store.delete_repo(payload.get("type") or "model", repo_id)
        return JSONResponse({})

    def move_repo(self, call: _Call) -> Response:
        payload = call.json()
        self.store.move_repo(payload.get("type") or "model", str(payload.get("fromRepo")), str(payload.get("toRepo")))
        return JSONResponse({})

    def list_repos(self, call: _Call) -> Response:
        """The repositories of a type that the caller may see, filtered as the Hub filters them:
        ``author`` (the namespace), ``search`` (a case-insensitive part of the id) and ``limit``."""
        query = call.request.query_params
        unsupported = sorted(set(query) - {*_LIST_FILTERS, *_LIST_DETAILS})
        if unsupported:
            raise HubError(
                f"this server cannot list {call.repo_type}s by {', '.join(unsupported)}: it applies only "
                f"{', '.join(_LIST_FILTERS[:-1])} and {_LIST_FILTERS[-1]}; leave the others out and filter the "
                "listing on the client"
            )
        author, searches, limit = query.get("author"), query.getlist("search"), _limit(query.get("limit"))
        visible: list[dict[str, Any]] = []
        for repo_id in self.store.list_repos(call.repo_type):
            if len(visible) == limit:  # no need to open the others
                break
            if not _matches(repo_id, author, searches):
                continue
            with self.store.open(call.repo_type, repo_id) as repo:
                if call.user is not None or not repo.private:
                    visible.append({"id": repo_id, "author": repo_id.split("/")[0], "private": repo.private})
        return JSONResponse(visible)

    def validate_yaml(self, call: _Call) -> Response:
        try:
            metadata = _front_matter(str(call.json().get("content", "")))
        except yaml.YAMLError as error:
            return JSONResponse({"errors": [{"message": f"invalid YAML metadata: {error}"}]}, status_code=400)
        if metadata is not None and not isinstance(metadata, dict):
            return JSONResponse({"errors": [{"message": "the YAML metadata must be a mapping"}]}, status_code=400)
        return JSONResponse({"errors": [], "warnings": []})

    def repo_info(self, call: _Call) -> Response:
        with self._open(call) as repo:
            sha = repo.resolve(call.params.get("revision", DEFAULT_BRANCH))
            with_blobs = call.flag("blobs")
            files = repo.files(sha)
            siblings = []
            for entry in files:
                sibling: dict[str, Any] = {"rfilename": entry.path}
                if with_blobs:
                    sibling.update(size=entry.size, blobId=entry.oid)
                    if entry.lfs is not None:
                        lfs = entry.lfs
                        sibling["lfs"] = {"size": lfs["size"], "sha256": lfs["oid"], "pointerSize": lfs["pointerSize"]}
                siblings.append(sibling)
            info = {
                "_id": hashlib.sha1(str(repo.path).encode()).hexdigest()[:24],
                "id": call.repo_id,
                "author": call.repo_id.split("/")[0],
                "sha": sha,
                "private": repo.private,
                "gated": False,
                "disabled": False,
                "downloads": 0,
                "likes": 0,
                "tags": [],
                "createdAt": iso_date(repo.created_at),
                "lastModified": repo.summary(sha).date,
                "cardData": _card_data(repo.read_bytes(sha, "README.md")),
                "siblings": siblings,
                "usedStorage": sum(entry.size for entry in files),
            }
        if call.repo_type == "model":
            info["modelId"] = call.repo_id
        return JSONResponse(info)

    # ------------------------------------------------------------------ refs and history
    def refs(self, call: _Call) -> Response:
        with self._open(call) as repo:
            return JSONResponse(repo.refs())

    def commits(self, call: _Call) -> Response:
        with self._open(call) as repo:
            log = repo.log(call.params["revision"])
        return JSONResponse(
            [
                {"id": c.id, "title": c.title, "message": c.message, "authors": [{"user": c.author}], "date": c.date}
                for c in log
            ]
        )

    def create_branch(self, call: _Call) -> Response:
        with self._open(call) as repo:
            repo.create_branch(call.params["branch"], _field(call.json(), "startingPoint", str, "text"))
        return JSONResponse({})

    def delete_branch(self, call: _Call) -> Response:
        with self._open(call) as repo:
            repo.delete_branch(call.params["branch"])
        return JSONResponse({})

    def create_tag(self, call: _Call) -> Response:
        payload = call.json()
        with self._open(call) as repo:
            repo.create_tag(
                _field(payload, "tag", str, "text") or "",
                call.params["revision"],
                _field(payload, "message", str, "text"),
                call.user or self.user,
            )
        return JSONResponse({})

    def delete_tag(self, call: _Call) -> Response:
        with self._open(call) as repo:
            repo.delete_tag(call.params["tag"])
        return JSONResponse({})

    # ------------------------------------------------------------------ files
    def tree(self, call: _Call) -> Response:
        with self._open(call) as repo:
            sha = repo.resolve(call.params["revision"])
            entries = repo.list_tree(sha, call.params.get("path", ""), recursive=call.flag("recursive"))
            return JSONResponse([self._describe(repo, sha, entry, call.flag("expand")) for entry in entries])

    def paths_info(self, call: _Call) -> Response:
        if call.request.headers.get("content-type", "").startswith("application/json"):
            payload = call.json()
            paths, expand = _items(payload, "paths", str, "a list of paths"), bool(payload.get("expand"))
        else:
            form = parse_qs(call.body.decode(errors="replace"), keep_blank_values=True)
            paths, expand = form.get("paths", []), form.get("expand", ["false"])[0].lower() in ("1", "true")
        with self._open(call) as repo:
            sha = repo.resolve(call.params["revision"])
            entries = [entry for entry in (repo.entry(sha, path) for path in paths) if entry is not None]
            return JSONResponse([self._describe(repo, sha, entry, expand) for entry in entries])

    @staticmethod
    def _describe(repo: GitRepository, sha: str, entry: Any, expand: bool) -> dict[str, Any]:
        data = entry.as_json()
        if expand:
            last = repo.last_commit(sha, entry.path)
            data["lastCommit"] = {"id": last.id, "title": last.title, "date": last.date}
        return data

    def resolve(self, call: _Call) -> Response:
        with self._open(call) as repo:
            sha = repo.resolve(call.params["revision"])
            entry = repo.entry(sha, call.params["path"])
            if entry is None or entry.type != "file":
                raise EntryNotFound(f"{call.params['path']!r} does not exist in {call.repo_id} at {sha}")
            local = repo.local_file(entry)
        headers = {"X-Repo-Commit": sha, "ETag": f'"{entry.oid}"'}
        if entry.lfs is not None:
            headers.update(
                {
                    "ETag": f'"{entry.lfs["oid"]}"',
                    "X-Linked-Etag": f'"{entry.lfs["oid"]}"',
                    "X-Linked-Size": str(entry.size),
                }
            )
        return FileResponse(local, headers=headers, media_type="application/octet-stream")

    # ------------------------------------------------------------------ uploads
    def preupload(self, call: _Call) -> Response:
        payload = call.json()
        files = _items(payload, "files", dict, "a list of {'path', 'size', 'sample'} objects")
        gitignore = payload.get("gitIgnore")
        if gitignore is not None and not isinstance(gitignore, str):
            raise HubError("preupload 'gitIgnore' must be the text of a .gitignore file")
        with self._open(call) as repo:
            head = repo.resolve(call.params["revision"])
            patterns = repo.lfs_patterns(head)
            ignored = repo.ignore_filter(head, gitignore)
            answer = []
            for item in files:
                path = _field(item, "path", str, "text") or ""
                size = _field(item, "size", int, "a number of bytes") or 0
                sample = decode_base64(item.get("sample", ""), "preupload 'sample'")
                mode = repo.upload_mode(patterns, path, size, sample)
                existing = repo.entry(head, path)
                oid = None
                if existing is not None and existing.type == "file":
                    oid = existing.lfs["oid"] if existing.lfs is not None else existing.oid
                should_ignore = bool(ignored.is_ignored(path))
                answer.append({"path": path, "uploadMode": mode, "shouldIgnore": should_ignore, "oid": oid})
        return JSONResponse({"files": answer, "commitOid": head})

    def commit(self, call: _Call) -> Response:
        if call.flag("create_pr"):
            raise HubError("pull requests are not supported by this server: commit to a branch instead")
        lines = [line for line in call.body.splitlines() if line.strip()]
        try:
            items = [json.loads(line) for line in lines]
        except json.JSONDecodeError as error:
            raise HubError(f"the commit payload is not valid NDJSON: {error}") from None
        malformed = next((item for item in items if not _is_operation(item)), None)
        if malformed is not None:
            raise HubError(
                f'the commit payload holds {json.dumps(malformed)[:200]}: each line must be an object '
                '{"key": ..., "value": {...}}'
            )
        header: dict[str, Any] = next((item["value"] for item in items if item.get("key") == "header"), {})
        summary = _field(header, "summary", str, "text")
        if not summary:
            raise HubError("the commit payload needs a header line with a summary (the commit message)")
        with self._open(call) as repo:
            sha = repo.create_commit(
                call.params["revision"],
                [item for item in items if item.get("key") != "header"],
                summary=summary,
                description=_field(header, "description", str, "text") or "",
                parent_commit=_field(header, "parentCommit", str, "text"),
                author=call.user or self.user,
            )
        url = f"{call.base_url}/{_web_prefix(call.repo_type)}{call.repo_id}/commit/{sha}"
        return JSONResponse(
            {"success": True, "commitOid": sha, "commitUrl": url, "hookOutput": "", "pullRequestUrl": None}
        )

    def super_squash(self, call: _Call) -> Response:
        raise HubError(
            "this server does not squash history (super_squash_history): a branch keeps all its commits; to start "
            "over, delete the repository and push again",
            status=501,
        )

    def xet_token(self, call: _Call) -> Response:
        raise HubError(
            "this server does not speak the Xet protocol: set HF_HUB_DISABLE_XET=1 in the client's environment "
            "(before importing huggingface_hub) so that files go through LFS",
            status=501,
        )

    def _signature(self, oid: str, size: int, expires: int) -> str:
        return hmac.new(self._secret, f"{oid}:{size}:{expires}".encode(), hashlib.sha256).hexdigest()

    def lfs_batch(self, call: _Call) -> Response:
        payload = call.json()
        if payload.get("operation") != "upload":
            raise HubError("only the LFS 'upload' operation is supported; download files through /resolve/")
        self._open(call).close()
        verify = f"{call.base_url}/{_web_prefix(call.repo_type)}{call.repo_id}.git/info/lfs/objects/verify"
        objects = []
        for item in _items(payload, "objects", dict, "a list of {'oid', 'size'} objects"):
            oid, size = str(item.get("oid", "")), item.get("size")
            if not OID_PATTERN.fullmatch(oid) or not isinstance(size, int) or size < 0:
                message = "invalid object: expected a SHA-256 oid and a size in bytes"
                objects.append(
                    {
                        "oid": oid,
                        "size": size if isinstance(size, int) else 0,
                        "error": {"code": 422, "message": message},
                    }
                )
            elif self.store.lfs.size(oid) == size:
                objects.append({"oid": oid, "size": size})
            else:
                expires = int(time.time()) + _UPLOAD_TTL_S
                signature = self._signature(oid, size, expires)
                href = f"{call.base_url}/lfs-upload/{oid}?size={size}&expires={expires}&sig={signature}"
                actions = {"upload": {"href": href, "expires_in": _UPLOAD_TTL_S}, "verify": {"href": verify}}
                objects.append({"oid": oid, "size": size, "authenticated": True, "actions": actions})
        return JSONResponse(
            {"transfer": "basic", "objects": objects, "hash_algo": "sha256"}, media_type=_LFS_CONTENT_TYPE
        )

    def lfs_verify(self, call: _Call) -> Response:
        payload = call.json()
        oid, size = str(payload.get("oid", "")), payload.get("size")
        stored = self.store.lfs.size(oid) if OID_PATTERN.fullmatch(oid) else None
        if stored is None or stored != size:
            raise HubError(f"LFS object {oid} of {size} bytes was not uploaded completely; upload it again", status=404)
        return JSONResponse({"message": "ok"}, media_type=_LFS_CONTENT_TYPE)

    async def lfs_upload(self, call: _Call) -> Response:
        query = call.request.query_params
        oid = call.params["oid"]
        try:
            size, expires = int(query["size"]), int(query["expires"])
        except (KeyError, ValueError):
            raise HubError(
                "the upload URL is incomplete: ask the LFS batch endpoint for a new one", status=403
            ) from None
        expected = self._signature(oid, size, expires)
        if expires < time.time() or not hmac.compare_digest(expected, query.get("sig", "")):
            raise HubError("the upload URL is invalid or expired: ask the LFS batch endpoint for a new one", status=403)
        if self.store.lfs.size(oid) != size:
            await self.store.lfs.write(oid, size, call.request.stream())
        return Response(status_code=200)


def _field(payload: dict[str, Any], key: str, kind: type[_T], expected: str) -> _T | None:
    """``payload[key]`` when it is a ``kind`` (None when it is missing or null)."""
    value = payload.get(key)
    if value is not None and not isinstance(value, kind):
        raise _wrong_field(key, expected, value)
    return value


def _items(payload: dict[str, Any], key: str, kind: type[_T], expected: str) -> list[_T]:
    """``payload[key]`` when it is a list of ``kind`` (empty when it is missing or null)."""
    items = _field(payload, key, list, expected) or []
    if not all(isinstance(item, kind) for item in items):
        raise _wrong_field(key, expected, items)
    return items


def _wrong_field(key: str, expected: str, value: Any) -> HubError:
    return HubError(f"the request's {key!r} must be {expected}, got {json.dumps(value)[:200]}")


def _named_repo(payload: dict[str, Any], user: str) -> str:
    """``namespace/name`` of the repository a create or delete request names (``user``'s by default)."""
    name, namespace = payload.get("name"), payload.get("organization") or user
    if not isinstance(name, str) or not isinstance(namespace, str):
        raise HubError("the request names no repository: send its 'name' (and its namespace as 'organization') as text")
    return f"{namespace}/{name}"


def _matches(repo_id: str, author: str | None, searches: list[str]) -> bool:
    """Whether ``repo_id`` is in the namespace ``author`` (any, when None) and holds each of
    ``searches``, ignoring case, as the Hub's listing filters."""
    lowered = repo_id.lower()
    in_namespace = author is None or lowered.split("/")[0] == author.lower()
    return in_namespace and all(search.lower() in lowered for search in searches)


def _limit(value: str | None) -> int | None:
    """The ``limit`` of a listing (None: no limit)."""
    if value is None:
        return None
    if not value.isdigit() or int(value) == 0:
        raise HubError(f"invalid listing limit {value!r}: use a positive number of repositories")
    return int(value)


def _front_matter(text: str) -> Any:
    """The YAML metadata block at the top of a card (None when there is none)."""
    match = _FRONT_MATTER.match(text)
    return yaml.safe_load(match.group(1)) if match else None


def _card_data(readme: bytes | None) -> dict[str, Any] | None:
    try:
        data = _front_matter(readme.decode("utf-8", "replace")) if readme else None
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def create_app(root: str, tokens: Sequence[str] = (), user: str = "local") -> Callable[..., Awaitable[None]]:
    """An ASGI application serving the repositories under ``root``.

    Args:
        root (`str`): Data folder (created when missing).
        tokens (`Sequence[str]`, defaults to `()`): Accepted bearer tokens (see :class:`HubApp`).
        user (`str`, defaults to `"local"`): The server's user name.

    Example:
        >>> import uvicorn
        >>> uvicorn.run(create_app("hub-data", tokens=["secret"]), host="127.0.0.1", port=8123)
    """
    return HubApp(HubStore(root), tokens=tokens, user=user).asgi()
