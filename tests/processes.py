"""Waiting for processes a test started (and their workers) to end, without sleeping."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
from collections.abc import Iterator


def ends_within(pid: int, seconds: float) -> bool:
    """Whether process ``pid`` (any process, a child's child too) has ended or ends within ``seconds``."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([handle], [], [], seconds)[0])
    finally:
        os.close(handle)


@contextlib.contextmanager
def stopped_at_the_end(process: subprocess.Popen, *pipe_ends: int) -> Iterator[set[int]]:
    """Yields a set for the process ids of ``process``'s workers; at the end, kills ``process`` and those
    workers still there and closes ``pipe_ends``."""
    workers: set[int] = set()
    try:
        yield workers
    finally:
        process.kill()
        process.wait()
        for end in pipe_ends:
            os.close(end)
        for worker in workers:
            if not ends_within(worker, 0):
                os.kill(worker, signal.SIGKILL)
