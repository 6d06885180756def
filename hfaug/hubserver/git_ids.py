"""Git ref names and object ids as dulwich's typed API takes them (bytes, told apart for type checkers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from dulwich.objects import ObjectID
    from dulwich.refs import Ref


def ref(name: str) -> Ref:
    """The git ref ``name`` (``refs/heads/main``) as dulwich takes it."""
    return cast("Ref", name.encode())


def object_id(sha: str) -> ObjectID:
    """The hex object id ``sha`` as dulwich takes it."""
    return cast("ObjectID", sha.encode())
