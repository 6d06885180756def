"""The routes of the Hub's API that the local Hub server answers: which method and path go to
which handler of :class:`~hfaug.hubserver.app.HubApp` (:data:`ROUTES`), and the paths of a
repository's web URLs (:func:`web_prefix`).

Patterns match the raw request path, whose revisions and folder paths are still
percent-encoded, so ``[^/]+`` takes one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPES = "models|datasets|spaces|kernels"
_REPO = "{repo}"  # in a route's pattern: a repository id, in each form of _REPO_FORMS
_REPO_FORMS = (r"(?P<repo>[^/]+/[^/]+?)", r"(?P<repo>[^/]+?)")  # namespace/name, or a name alone
_API = rf"/api/(?P<type>{_TYPES})/{_REPO}"
_WEB_TYPES = "datasets|spaces|kernels"  # web paths of models have no type (and no namespace named like one)
_WEB = rf"/(?:(?P<type>{_WEB_TYPES})/|(?!(?:{_WEB_TYPES})/)){_REPO}"


@dataclass(frozen=True)
class Route:
    methods: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]  # one per form of repository id
    handler: str
    write: bool = False  # needs a valid token when the server has tokens
    stream: bool = False  # the handler reads the body itself (async)


def _route(methods: str, pattern: str, handler: str, *, write: bool = False, stream: bool = False) -> Route:
    patterns = [pattern.replace(_REPO, form) for form in _REPO_FORMS] if _REPO in pattern else [pattern]
    return Route(tuple(methods.split()), tuple(map(re.compile, patterns)), handler, write, stream)


def repo_type(params: dict[str, str]) -> str:
    return (params.get("type") or "models")[:-1]


ROUTES: tuple[Route, ...] = (
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


def web_prefix(repo_type: str) -> str:
    return "" if repo_type == "model" else f"{repo_type}s/"
