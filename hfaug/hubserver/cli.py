"""Command line of the local Hub server: ``python -m hfaug.hubserver``."""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys
from collections.abc import Sequence

from hfaug.errors import MissingDependency, optional_imports

PROG = "python -m hfaug.hubserver"
TOKEN_ENV = "HFAUG_HUB_SERVER_TOKEN"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A local server that speaks the Hugging Face Hub's HTTP protocol, backed by git repositories. "
        "Point clients at it with HF_ENDPOINT=http://HOST:PORT and HF_HUB_DISABLE_XET=1.",
    )
    parser.add_argument(
        "--root",
        required=True,
        help="data folder (repositories, LFS objects), kept between runs; one server per folder",
    )
    parser.add_argument("--port", type=int, default=8123, help="port to listen on; 0 picks a free one (default 8123)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    parser.add_argument(
        "--token",
        action="append",
        default=[],
        help=f"accepted bearer token (repeatable; also read from ${TOKEN_ENV}). Without any, the server is open.",
    )
    parser.add_argument("--user", default="local", help="user name of the server's single account (default 'local')")
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    return parser


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _fail(message: str) -> int:
    """Print ``message`` as the command's one line of error; returns the exit status of a usage error."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until interrupted; prints ``listening on http://HOST:PORT`` once bound."""
    args = build_parser().parse_args(argv)
    tokens = [token for token in [*args.token, os.environ.get(TOKEN_ENV, "")] if token]  # "" is no token
    if not tokens and not _is_loopback(args.host):
        empty = " (the --token given is empty)" if args.token else ""
        return _fail(f"refusing to serve {args.host} without a token{empty}; pass --token or set ${TOKEN_ENV}")

    try:
        with optional_imports(__name__, "the local Hub server"):
            import uvicorn

            from hfaug.hubserver.app import create_app
    except MissingDependency as error:
        return _fail(str(error))

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as error:
        return _fail(f"cannot listen on {args.host}:{args.port}: {error.strerror}")
    sock.listen(128)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    try:
        app = create_app(args.root, tokens=tokens, user=args.user)
    except OSError as error:  # --root is a file, cannot be created, or is not writable
        sock.close()
        where = f": {error.filename!r}" if error.filename else ""
        return _fail(
            f"cannot keep the data in --root {args.root}: {error.strerror}{where}; "
            "pass a folder this user can create and write"
        )
    config = uvicorn.Config(app, log_level=args.log_level)
    print(f"listening on http://{shown}:{port} (data in {os.path.abspath(args.root)})", flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    return 0
