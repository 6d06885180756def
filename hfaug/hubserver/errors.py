"""Errors of the local Hub server, each carrying the HTTP status and the ``X-Error-Code``
header that ``huggingface_hub`` turns into its own exception types."""

from __future__ import annotations


class HubError(Exception):
    """An error answered to the client.

    Args:
        message (`str`): What was wrong and what to do, sent as ``{"error": message}``.
        status (`int`, defaults to 400): HTTP status code.
        code (`str`, *optional*): ``X-Error-Code`` header (``RepoNotFound``, ``RevisionNotFound``,
            ``EntryNotFound``), which the client maps to its specific exceptions.
    """

    status = 400
    code: str | None = None

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class RepoNotFound(HubError):
    status = 404
    code = "RepoNotFound"


class RevisionNotFound(HubError):
    status = 404
    code = "RevisionNotFound"


class EntryNotFound(HubError):
    status = 404
    code = "EntryNotFound"


class Conflict(HubError):
    """409: the repository, branch or tag already exists, or a concurrent write won."""

    status = 409


class PreconditionFailed(HubError):
    """412: the commit's ``parentCommit`` is no longer the head of the branch."""

    status = 412


class Unauthorized(HubError):
    status = 401
