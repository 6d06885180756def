"""The check that the Ray cluster ``RAY_ADDRESS`` names answers, before ``ray.init()`` waits for it."""

from __future__ import annotations

import os
import socket

from hfaug.errors import HfaugError

CONNECT_SECONDS = 5.0
"""How long a connection to the cluster's address may take to open."""


def refuse_unreachable_cluster() -> None:
    """Refuse a ``RAY_ADDRESS`` of a host and port where nothing answers: ``ray.init()`` retries it for minutes,
    printing Ray's timeouts only."""
    address = os.environ.get("RAY_ADDRESS", "").strip()
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():  # "auto", "local", or a form Ray tells the fault of
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as error:
        raise HfaugError(
            f"no Ray cluster answers at RAY_ADDRESS={address!r} ({error}); start it (`ray start --head` on that "
            "machine) or unset RAY_ADDRESS to start a local one"
        ) from None
