"""The content of a file as a commit to the local Hub server sends it: text, or bytes encoded in base64."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from hfaug.hubserver.errors import HubError


def decode_base64(value: Any, what: str) -> bytes:
    """``value`` decoded from base64, strictly: text with other characters than line breaks and spaces (MIME's lines
    of 76) is refused, not skipped."""
    try:
        return base64.b64decode("".join(value.split()) if isinstance(value, str) else value, validate=True)
    except (binascii.Error, TypeError, ValueError) as error:
        raise HubError(f"{what} is not valid base64 ({error}): send the file's bytes base64-encoded") from None


def decode_content(path: str, value: Mapping[str, Any]) -> bytes:
    content = value.get("content", "")
    if value.get("encoding", "utf-8") == "base64":
        return decode_base64(content, f"the content of {path!r}")
    return str(content).encode()
