"""A request as a handler of :class:`~hfaug.hubserver.app.HubApp` sees it (:class:`Call`),
and the JSON answer of an error (:func:`error`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from hfaug.hubserver import routes
from hfaug.hubserver.errors import HubError


@dataclass
class Call:
    request: Request
    params: dict[str, str]
    user: str | None
    body: bytes = b""

    @property
    def repo_type(self) -> str:
        return routes.repo_type(self.params)

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


def error(status: int, message: str, code: str | None = None, **extra: Any) -> JSONResponse:
    headers = {"X-Error-Message": message.encode("ascii", "replace").decode().replace("\n", " ")}
    if code:
        headers["X-Error-Code"] = code
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
