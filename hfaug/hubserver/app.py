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
from typing import Any
from urllib.parse import parse_qs, unquote

import yaml
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from hfaug.hubserver import calls, cards, fields, listing, routes
from hfaug.hubserver.calls import Call
from hfaug.hubserver.content import decode_base64
from hfaug.hubserver.errors import Conflict, EntryNotFound, HubError, RepoNotFound, Unauthorized
from hfaug.hubserver.lfs import OID_PATTERN
from hfaug.hubserver.records import iso_date
from hfaug.hubserver.repository import DEFAULT_BRANCH, GitRepository
from hfaug.hubserver.store import HubStore

logger = logging.getLogger("hfaug.hubserver")

_LFS_CONTENT_TYPE = "application/vnd.git-lfs+json"
_UPLOAD_TTL_S = 3600
_INVALID_CREDENTIALS = "Invalid credentials in Authorization header"


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
            call = Call(request, params, self._authenticate(request, route))
            handler: Callable[[Call], Any] = getattr(self, route.handler)
            if route.stream:
                return await handler(call)
            call.body = await request.body()
            return await run_in_threadpool(handler, call)
        except HubError as error:
            return calls.error(error.status, error.message, error.code)
        except Exception as error:  # a bug or a broken repository: say so, keep serving
            logger.exception("%s %s failed", request.method, path)
            return calls.error(500, f"internal error of the hub server ({type(error).__name__}: {error}); see its log")

    def _match(self, method: str, path: str) -> tuple[routes.Route, dict[str, str]]:
        """The route of a request and its parameters, a repository named without namespace
        being in the user's. A path can read both ways (``/api/datasets/x/refs``: the info of
        ``x/refs``, or the refs of ``x``): the first reading whose repository exists wins."""
        verb = "GET" if method == "HEAD" else method
        readings, allowed = [], False
        for route in routes.ROUTES:
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
            return "repo" in params and self.store.exists(routes.repo_type(params), params["repo"])
        except HubError:  # not a valid repository id
            return False

    def _authenticate(self, request: Request, route: routes.Route) -> str | None:
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

    def _open(self, call: Call) -> GitRepository:
        repo = self.store.open(call.repo_type, call.repo_id)
        if repo.private and call.user is None:
            repo.close()
            raise RepoNotFound(f"Repository not found: {call.repo_type} {call.repo_id!r}")
        return repo

    # ------------------------------------------------------------------ account, repositories
    def whoami(self, call: Call) -> Response:
        if call.user is None:
            raise Unauthorized(_INVALID_CREDENTIALS)
        auth = {"type": "access_token", "accessToken": {"displayName": "hub-server", "role": "write"}}
        return JSONResponse({"type": "user", "name": call.user, "fullname": call.user, "orgs": [], "auth": auth})

    def agent_harnesses(self, call: Call) -> Response:
        """The registry the client reads for its user agent: empty here."""
        return JSONResponse({"standardEnvVars": [], "harnesses": {}})

    def create_repo(self, call: Call) -> Response:
        payload = call.json()
        repo_type = payload.get("type") or "model"
        repo_id = fields.named_repo(payload, call.user or self.user)
        private = bool(fields.private(payload))
        url = f"{call.base_url}/{routes.web_prefix(repo_type)}{repo_id}"
        try:
            self.store.create_repo(repo_type, repo_id, private=private, author=call.user or self.user)
        except Conflict as error:  # as the Hub: the existing repository's url comes with the 409
            return calls.error(error.status, error.message, url=url)
        return JSONResponse({"url": url, "name": repo_id, "id": repo_id})

    def update_settings(self, call: Call) -> Response:
        """The repository's visibility (the one setting this server keeps)."""
        payload = call.json()
        private = fields.private(payload)
        if private is None or set(payload) - {"private", "visibility"}:
            raise HubError(f"this server sets only a repository's visibility ('private' or 'visibility'), got {payload}")
        with self._open(call) as repo:
            repo.set_private(private)
        return JSONResponse({})

    def delete_repo(self, call: Call) -> Response:
        payload = call.json()
        repo_id = fields.named_repo(payload, call.user or self.user)
        self.store.delete_repo(payload.get("type") or "model", repo_id)
        return JSONResponse({})

    def move_repo(self, call: Call) -> Response:
        payload = call.json()
        self.store.move_repo(payload.get("type") or "model", str(payload.get("fromRepo")), str(payload.get("toRepo")))
        return JSONResponse({})

    def list_repos(self, call: Call) -> Response:
        """The repositories of a type that the caller may see, filtered as the Hub filters them:
        ``author`` (the namespace), ``search`` (a case-insensitive part of the id) and ``limit``."""
        query = call.request.query_params
        unsupported = sorted(set(query) - {*listing.LIST_FILTERS, *listing.LIST_DETAILS})
        if unsupported:
            raise HubError(
                f"this server cannot list {call.repo_type}s by {', '.join(unsupported)}: it applies only "
                f"{', '.join(listing.LIST_FILTERS[:-1])} and {listing.LIST_FILTERS[-1]}; leave the others out and "
                "filter the listing on the client"
            )
        author, searches, limit = query.get("author"), query.getlist("search"), listing.limit(query.get("limit"))
        visible: list[dict[str, Any]] = []
        for repo_id in self.store.list_repos(call.repo_type):
            if len(visible) == limit:  # no need to open the others
                break
            if not listing.matches(repo_id, author, searches):
                continue
            with self.store.open(call.repo_type, repo_id) as repo:
                if call.user is not None or not repo.private:
                    visible.append({"id": repo_id, "author": repo_id.split("/")[0], "private": repo.private})
        return JSONResponse(visible)

    def validate_yaml(self, call: Call) -> Response:
        try:
            metadata = cards.front_matter(str(call.json().get("content", "")))
        except yaml.YAMLError as error:
            return JSONResponse({"errors": [{"message": f"invalid YAML metadata: {error}"}]}, status_code=400)
        if metadata is not None and not isinstance(metadata, dict):
            return JSONResponse({"errors": [{"message": "the YAML metadata must be a mapping"}]}, status_code=400)
        return JSONResponse({"errors": [], "warnings": []})

    def repo_info(self, call: Call) -> Response:
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
                "cardData": cards.card_data(repo.read_bytes(sha, "README.md")),
                "siblings": siblings,
                "usedStorage": sum(entry.size for entry in files),
            }
        if call.repo_type == "model":
            info["modelId"] = call.repo_id
        return JSONResponse(info)

    # ------------------------------------------------------------------ refs and history
    def refs(self, call: Call) -> Response:
        with self._open(call) as repo:
            return JSONResponse(repo.refs())

    def commits(self, call: Call) -> Response:
        with self._open(call) as repo:
            log = repo.log(call.params["revision"])
        return JSONResponse(
            [
                {"id": c.id, "title": c.title, "message": c.message, "authors": [{"user": c.author}], "date": c.date}
                for c in log
            ]
        )

    def create_branch(self, call: Call) -> Response:
        with self._open(call) as repo:
            repo.create_branch(call.params["branch"], fields.field(call.json(), "startingPoint", str, "text"))
        return JSONResponse({})

    def delete_branch(self, call: Call) -> Response:
        with self._open(call) as repo:
            repo.delete_branch(call.params["branch"])
        return JSONResponse({})

    def create_tag(self, call: Call) -> Response:
        payload = call.json()
        with self._open(call) as repo:
            repo.create_tag(
                fields.field(payload, "tag", str, "text") or "",
                call.params["revision"],
                fields.field(payload, "message", str, "text"),
                call.user or self.user,
            )
        return JSONResponse({})

    def delete_tag(self, call: Call) -> Response:
        with self._open(call) as repo:
            repo.delete_tag(call.params["tag"])
        return JSONResponse({})

    # ------------------------------------------------------------------ files
    def tree(self, call: Call) -> Response:
        with self._open(call) as repo:
            sha = repo.resolve(call.params["revision"])
            entries = repo.list_tree(sha, call.params.get("path", ""), recursive=call.flag("recursive"))
            return JSONResponse([self._describe(repo, sha, entry, call.flag("expand")) for entry in entries])

    def paths_info(self, call: Call) -> Response:
        if call.request.headers.get("content-type", "").startswith("application/json"):
            payload = call.json()
            paths, expand = fields.items(payload, "paths", str, "a list of paths"), bool(payload.get("expand"))
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

    def resolve(self, call: Call) -> Response:
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
    def preupload(self, call: Call) -> Response:
        payload = call.json()
        files = fields.items(payload, "files", dict, "a list of {'path', 'size', 'sample'} objects")
        gitignore = payload.get("gitIgnore")
        if gitignore is not None and not isinstance(gitignore, str):
            raise HubError("preupload 'gitIgnore' must be the text of a .gitignore file")
        with self._open(call) as repo:
            head = repo.resolve(call.params["revision"])
            patterns = repo.lfs_patterns(head)
            ignored = repo.ignore_filter(head, gitignore)
            answer = []
            for item in files:
                path = fields.field(item, "path", str, "text") or ""
                size = fields.field(item, "size", int, "a number of bytes") or 0
                sample = decode_base64(item.get("sample", ""), "preupload 'sample'")
                mode = repo.upload_mode(patterns, path, size, sample)
                existing = repo.entry(head, path)
                oid = None
                if existing is not None and existing.type == "file":
                    oid = existing.lfs["oid"] if existing.lfs is not None else existing.oid
                should_ignore = bool(ignored.is_ignored(path))
                answer.append({"path": path, "uploadMode": mode, "shouldIgnore": should_ignore, "oid": oid})
        return JSONResponse({"files": answer, "commitOid": head})

    def commit(self, call: Call) -> Response:
        if call.flag("create_pr"):
            raise HubError("pull requests are not supported by this server: commit to a branch instead")
        lines = [line for line in call.body.splitlines() if line.strip()]
        try:
            items = [json.loads(line) for line in lines]
        except json.JSONDecodeError as error:
            raise HubError(f"the commit payload is not valid NDJSON: {error}") from None
        malformed = next((item for item in items if not fields.is_operation(item)), None)
        if malformed is not None:
            raise HubError(
                f'the commit payload holds {json.dumps(malformed)[:200]}: each line must be an object '
                '{"key": ..., "value": {...}}'
            )
        header: dict[str, Any] = next((item["value"] for item in items if item.get("key") == "header"), {})
        summary = fields.field(header, "summary", str, "text")
        if not summary:
            raise HubError("the commit payload needs a header line with a summary (the commit message)")
        with self._open(call) as repo:
            sha = repo.create_commit(
                call.params["revision"],
                [item for item in items if item.get("key") != "header"],
                summary=summary,
                description=fields.field(header, "description", str, "text") or "",
                parent_commit=fields.field(header, "parentCommit", str, "text"),
                author=call.user or self.user,
            )
        url = f"{call.base_url}/{routes.web_prefix(call.repo_type)}{call.repo_id}/commit/{sha}"
        return JSONResponse(
            {"success": True, "commitOid": sha, "commitUrl": url, "hookOutput": "", "pullRequestUrl": None}
        )

    def super_squash(self, call: Call) -> Response:
        raise HubError(
            "this server does not squash history (super_squash_history): a branch keeps all its commits; to start "
            "over, delete the repository and push again",
            status=501,
        )

    def xet_token(self, call: Call) -> Response:
        raise HubError(
            "this server does not speak the Xet protocol: set HF_HUB_DISABLE_XET=1 in the client's environment "
            "(before importing huggingface_hub) so that files go through LFS",
            status=501,
        )

    def _signature(self, oid: str, size: int, expires: int) -> str:
        return hmac.new(self._secret, f"{oid}:{size}:{expires}".encode(), hashlib.sha256).hexdigest()

    def lfs_batch(self, call: Call) -> Response:
        payload = call.json()
        if payload.get("operation") != "upload":
            raise HubError("only the LFS 'upload' operation is supported; download files through /resolve/")
        self._open(call).close()
        verify = f"{call.base_url}/{routes.web_prefix(call.repo_type)}{call.repo_id}.git/info/lfs/objects/verify"
        objects = []
        for item in fields.items(payload, "objects", dict, "a list of {'oid', 'size'} objects"):
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

    def lfs_verify(self, call: Call) -> Response:
        payload = call.json()
        oid, size = str(payload.get("oid", "")), payload.get("size")
        stored = self.store.lfs.size(oid) if OID_PATTERN.fullmatch(oid) else None
        if stored is None or stored != size:
            raise HubError(f"LFS object {oid} of {size} bytes was not uploaded completely; upload it again", status=404)
        return JSONResponse({"message": "ok"}, media_type=_LFS_CONTENT_TYPE)

    async def lfs_upload(self, call: Call) -> Response:
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
