"""SIGTERM (what ``kill``, ``timeout``, ``docker stop`` and CI cancels send) raised as an exception, so that
the work under way unwinds as on Ctrl-C: ``datasets`` removes a map's partial files only on an `Exception`
or a `KeyboardInterrupt`. Installed only by the ``hfaug`` command and in hfaug's own forked workers,
never in a process that imports the library."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

EXIT_TERMINATED = 128 + signal.SIGTERM
"""The exit status of a process ended by SIGTERM, as a shell reports it."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived. A `KeyboardInterrupt` so that ``except Exception`` (an augmenter keeping a row
    on error) lets it through, as it lets Ctrl-C through."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut short the unwinding under way
    raise Terminated(f"terminated by signal {signum}")


@contextlib.contextmanager
def sigterm_kept() -> Iterator[None]:
    """Within: code that sets a SIGTERM handler of its own (``ray.init``, whose handler exits with status 15 before
    anything unwinds) leaves the one :func:`sigterm_raises` set, where it is set."""
    before = signal.getsignal(signal.SIGTERM)
    try:
        yield
    finally:
        if before is _raise_terminated and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, before)


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within: SIGTERM raises :class:`Terminated` in the main thread; after, SIGTERM does what it did
    before. Off the main thread (where Python cannot set signal handlers) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)
