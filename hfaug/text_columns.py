"""Which `datasets` features hold text (apart from `datasets` itself, which ``import hfaug`` does not load)."""

from __future__ import annotations

from typing import Any

TEXT_DTYPES = ("string", "large_string", "string_view")
"""The dtypes of a `Value` that holds text: `datasets` gives each of them as a `str`."""


def holds_text(feature: Any) -> bool:
    """Whether a column of ``feature`` holds text (a `Value` of one of :data:`TEXT_DTYPES`)."""
    return getattr(feature, "dtype", None) in TEXT_DTYPES
