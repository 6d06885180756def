"""The filters of a listing of repositories that the local Hub server applies, as the Hub
applies them."""

from __future__ import annotations

from hfaug.hubserver.errors import HubError

LIST_FILTERS = ("author", "search", "limit")  # the listing filters this server applies
LIST_DETAILS = ("full", "expand", "config", "cardData")  # ask for more fields: answered with those it keeps


def matches(repo_id: str, author: str | None, searches: list[str]) -> bool:
    """Whether ``repo_id`` is in the namespace ``author`` (any, when None) and holds each of
    ``searches``, ignoring case, as the Hub's listing filters."""
    lowered = repo_id.lower()
    in_namespace = author is None or lowered.split("/")[0] == author.lower()
    return in_namespace and all(search.lower() in lowered for search in searches)


def limit(value: str | None) -> int | None:
    """The ``limit`` of a listing (None: no limit)."""
    if value is None:
        return None
    if not value.isdigit() or int(value) == 0:
        raise HubError(f"invalid listing limit {value!r}: use a positive number of repositories")
    return int(value)
