"""The fields of a request's JSON payload, read as the handlers expect them: a value of the
wrong type is refused with an error naming the field and what it must be."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from hfaug.hubserver.errors import HubError

_T = TypeVar("_T")


def field(payload: dict[str, Any], key: str, kind: type[_T], expected: str) -> _T | None:
    """``payload[key]`` when it is a ``kind`` (None when it is missing or null)."""
    value = payload.get(key)
    if value is not None and not isinstance(value, kind):
        raise _wrong_field(key, expected, value)
    return value


def items(payload: dict[str, Any], key: str, kind: type[_T], expected: str) -> list[_T]:
    """``payload[key]`` when it is a list of ``kind`` (empty when it is missing or null)."""
    items = field(payload, key, list, expected) or []
    if not all(isinstance(item, kind) for item in items):
        raise _wrong_field(key, expected, items)
    return items


def _wrong_field(key: str, expected: str, value: Any) -> HubError:
    return HubError(f"the request's {key!r} must be {expected}, got {json.dumps(value)[:200]}")


def named_repo(payload: dict[str, Any], user: str) -> str:
    """``namespace/name`` of the repository a create or delete request names (``user``'s by default)."""
    name, namespace = payload.get("name"), payload.get("organization") or user
    if not isinstance(name, str) or not isinstance(namespace, str):
        raise HubError("the request names no repository: send its 'name' (and its namespace as 'organization') as text")
    return f"{namespace}/{name}"


def private(payload: dict[str, Any]) -> bool | None:
    """Whether a create or settings request asks for a private repository (``None``: it does not say)."""
    visibility = field(payload, "visibility", str, '"public" or "private"')
    if visibility is None:
        return field(payload, "private", bool, "true or false")
    if visibility not in ("public", "private"):
        raise _wrong_field("visibility", '"public" or "private"', visibility)
    return visibility == "private"


def is_operation(item: Any) -> bool:
    """Whether a line of a commit payload has the shape of one: an object whose ``value`` is an object."""
    return isinstance(item, dict) and isinstance(item.get("value"), dict)
