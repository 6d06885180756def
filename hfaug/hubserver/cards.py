"""The YAML metadata at the top of a repository card (its ``README.md``)."""

from __future__ import annotations

import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*(\n|$)", re.DOTALL)


def front_matter(text: str) -> Any:
    """The YAML metadata block at the top of a card (None when there is none)."""
    match = _FRONT_MATTER.match(text)
    return yaml.safe_load(match.group(1)) if match else None


def card_data(readme: bytes | None) -> dict[str, Any] | None:
    try:
        data = front_matter(readme.decode("utf-8", "replace")) if readme else None
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None
