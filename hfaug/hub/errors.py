"""Errors of pushing and loading versions on the Hub, and the Hub's HTTP errors told in words that say what to
do."""

from __future__ import annotations

from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError

from hfaug.errors import HfaugError

_NETWORK_MODULES = ("httpx", "httpx2", "httpcore", "requests", "urllib3")  # whose errors mean no answer came
CREDENTIALS_REFUSED = (401, 403)  # HTTP statuses of a missing, wrong or too weak token


class VersionConflict(HfaugError):
    """The tag cannot hold the version: it exists on the Hub with other data (or the same rows as
    another version), a branch has its name, or git cannot keep it beside another tag (``release``
    and ``release/v1``)."""


class PushConflict(HfaugError):
    """Concurrent pushes kept moving the branch; the push did not complete."""


class VersionNotFound(HfaugError, FileNotFoundError):
    """No such version (tag) in the repository."""


class VersionUnavailable(HfaugError):
    """A version (or its manifest) cannot be read: no such repository, the token was refused, or
    the Hub cannot be reached and it is not in the local cache."""


class HubUnreachable(VersionUnavailable, ConnectionError):
    """The Hub cannot be reached (or ``HF_HUB_OFFLINE`` is set) and the version, or its data, is not in the local
    cache."""


def is_network_error(error: BaseException) -> bool:
    """Whether ``error`` is the HTTP client's failure to reach the server (no answer), not the Hub's answer."""
    return isinstance(error, (ConnectionError, TimeoutError)) or type(error).__module__.partition(".")[0] in _NETWORK_MODULES


def no_repository(api: HfApi, repo_id: str) -> str:
    """What to say when the Hub of ``api`` has no dataset repository ``repo_id`` that its token can see."""
    return f"no dataset repository {repo_id} at {api.endpoint} (a private one needs a token: HF_TOKEN or `hf auth login`)"


def hub_failed(status: int | None) -> bool:
    """Whether the Hub's answer of HTTP ``status`` is its own failure (5xx, or 429: too many requests), which trying
    again later may mend, and not the request's fault."""
    return status is not None and (status >= 500 or status == 429)


def http_status(error: HfHubHTTPError) -> int | None:
    """The HTTP status of the Hub's answer (``None`` when there was none)."""
    return error.response.status_code if error.response is not None else None


def credentials_refused(endpoint: str, error: HfHubHTTPError, access: str) -> str:
    """What to do when the Hub at ``endpoint`` refused the token (``error``, HTTP 401 or 403) of a
    request that needs to ``access`` a repository (``"read me/x"``, ``"write to me/x"``)."""
    return (
        f"the Hub at {endpoint} refused the request (HTTP {http_status(error)}: {http_detail(error)}); "
        f"set HF_TOKEN or run `hf auth login` with a token that can {access}"
    )


def refusal_told(endpoint: str, error: HfHubHTTPError, access: str) -> str:
    """What the Hub's HTTP ``error`` says about a request that needs to ``access`` a repository: a refused token,
    with what to do (see :func:`credentials_refused`), or a failure of its own."""
    if http_status(error) in CREDENTIALS_REFUSED:
        return credentials_refused(endpoint, error, access)
    return f"the Hub at {endpoint} {failed(error)}"


def failed(error: HfHubHTTPError) -> str:
    """``failed (HTTP 503: <the Hub's message>)``: the Hub's failure as messages tell it."""
    return f"failed (HTTP {http_status(error)}: {http_detail(error)})"


def http_detail(error: HfHubHTTPError) -> str:
    """The Hub's own message in ``error`` (the error's first line when the Hub sent none)."""
    return (error.server_message or str(error).split("\n")[0]).strip()
