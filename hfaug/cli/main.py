"""Entry point of the ``hfaug`` command: dispatches to one module per sub-command.

Each module in :data:`COMMANDS` has ``add_parser(subparsers)``, which registers its
sub-command and sets ``run`` (a function of the parsed arguments returning an exit code).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import importlib
import io
import linecache
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from hfaug._version import __version__
from hfaug.errors import HfaugError
from hfaug.signals import EXIT_TERMINATED, Terminated, sigterm_raises

COMMANDS: tuple[str, ...] = (
    "hfaug.cli.list_command",
    "hfaug.cli.apply_command",
    "hfaug.cli.show_command",
    "hfaug.cli.preview_command",
    "hfaug.cli.push_command",
    "hfaug.cli.recipes_command",
)
USER_ERRORS = (HfaugError, OSError, ValueError, KeyError, TypeError)
EXIT_HUB_FAILURE = 1
"""The exit status when the Hub cannot be reached or fails (a `ConnectionError`), as for ``hfaug push``: not a user error."""
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
"""The exit status on Ctrl-C, as a shell reports a process ended by SIGINT."""
_PACKAGE = Path(__file__).resolve().parents[1]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hfaug", description="Data augmentation for Hugging Face datasets.")
    parser.add_argument("--version", action="version", version=f"hfaug {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        importlib.import_module(module).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for user errors, 1 when the Hub cannot be reached or fails, 130
    on Ctrl-C, 143 on SIGTERM: each with one line on stderr). SIGTERM unwinds the command as Ctrl-C does, so that
    partial files are removed."""
    _open_closed_streams()
    with _escaping_what_streams_cannot_encode():  # usage errors and the error lines below too
        args = build_parser().parse_args(argv)
        try:
            with sigterm_raises(), _logged_warnings_told(args.command):
                return int(args.run(args) or 0)
        except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
            return 0
        except USER_ERRORS as error:
            if os.environ.get("HFAUG_DEBUG") or _is_bug(error):
                raise
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            print(f"hfaug {args.command}: error: {message}", file=sys.stderr)
            return EXIT_HUB_FAILURE if isinstance(error, ConnectionError) else EXIT_USER_ERROR
        except Terminated:
            print("hfaug: terminated", file=sys.stderr)
            return EXIT_TERMINATED
        except KeyboardInterrupt:
            print("hfaug: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED


@contextlib.contextmanager
def _logged_warnings_told(command: str) -> Iterator[None]:
    """Have the warnings hfaug logs (a single file named like held-out data, sample rows left out) printed on stderr
    as the ``command``'s own, after ``hfaug COMMAND: warning: ``; not after the command."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"hfaug {command}: warning: %(message)s"))
    logger = logging.getLogger("hfaug")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _is_bug(error: BaseException) -> bool:
    """Whether ``error`` is a `KeyError` or `TypeError` that Python raised in hfaug's own code (a missing key, a
    wrong argument), not one hfaug raised to tell the user: that is shown with its traceback, to be reported."""
    if not isinstance(error, (KeyError, TypeError)) or isinstance(error, HfaugError):
        return False
    innermost = error.__traceback__
    while innermost is not None and innermost.tb_next is not None:
        innermost = innermost.tb_next
    if innermost is None:
        return False
    filename = innermost.tb_frame.f_code.co_filename
    line = linecache.getline(filename, innermost.tb_lineno).lstrip()
    return Path(filename).resolve().is_relative_to(_PACKAGE) and not line.startswith("raise")


def _open_closed_streams() -> None:
    """Point a closed standard stream (``2>&-``, as under some daemons and cron jobs: Python sets it to ``None``)
    at os.devnull, so that progress bars and messages written to it are dropped rather than fail the command."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open for the whole run


@contextlib.contextmanager
def _escaping_what_streams_cannot_encode() -> Iterator[None]:
    """Have a standard stream whose encoding cannot write every character (an ASCII console: the C locale without
    UTF-8 mode) write those as backslash escapes (\\xe9), in its own encoding, rather than fail the command; as it
    was after it (``main`` called from an application's own code)."""
    escaped = [
        (stream, stream.errors)
        for stream in (sys.stdout, sys.stderr)
        if isinstance(stream, io.TextIOWrapper) and not codecs.lookup(stream.encoding).name.startswith("utf")
    ]
    for stream, _ in escaped:
        stream.reconfigure(errors="backslashreplace")
    try:
        yield
    finally:
        for stream, errors in escaped:
            with contextlib.suppress(OSError, ValueError):  # a reader gone (a broken pipe) or the stream closed
                stream.reconfigure(errors=errors)
