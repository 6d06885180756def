"""The local Hub server's settings of a repository (whether it is private, when it was created),
kept in the ``[hub]`` section of its git config."""

from __future__ import annotations

from collections.abc import Mapping

from dulwich.repo import Repo


def git_bool(value: bool) -> bytes:
    return b"true" if value else b"false"


def write_settings(git: Repo, settings: Mapping[bytes, bytes]) -> None:
    """Keep ``settings`` in the ``[hub]`` section of the repository's git config."""
    config = git.get_config()
    for name, value in settings.items():
        config.set((b"hub",), name, value)
    config.write_to_path()
