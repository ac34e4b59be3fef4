"""``smsenc serve``: the Infobip-compatible preview service (needs the ``[server]`` extra).

smsenc serve [--host 127.0.0.1] [--port 8080] [--api-key KEY]... [--api-key-file PATH]...
             [--max-body BYTES] [--workers N]

Keys may also come from the environment variable ``SMSENC_API_KEYS``; the keys of every
source are merged.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import json
import os
import re
import socket
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_MAX_BODY = 65536  # the server's own default; kept here so --help imports nothing

API_KEYS_VARIABLE = "SMSENC_API_KEYS"
"""The environment variable of accepted keys, separated by commas or whitespace: unlike
``--api-key``, it does not show in ``ps``."""


def register(commands: Any) -> None:
    """Add ``serve`` to ``commands``."""
    serve = commands.add_parser(
        "serve", help="Infobip-compatible POST /sms/1/preview over HTTP (extra [server])"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="TCP port (default 8080)")
    serve.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        help=(
            "accept 'Authorization: App KEY'; repeat for several keys (a key is required "
            "off loopback). Shows in ps: prefer --api-key-file or SMSENC_API_KEYS"
        ),
    )
    serve.add_argument(
        "--api-key-file",
        action="append",
        default=[],
        metavar="PATH",
        help="read accepted keys from PATH: one per line, '#' starts a comment line; repeatable",
    )
    serve.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"request body limit (default {DEFAULT_MAX_BODY})",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes (default 1); about one per core serves the most",
    )
    serve.set_defaults(run=_run)


def is_loopback(host: str) -> bool:
    """Whether ``host`` binds only this machine: ``localhost`` or a loopback address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def _key_lines(path: str) -> Iterable[tuple[int, str]]:
    """(line number, key) of each key in an ``--api-key-file``: blank lines and lines
    whose first visible character is ``#`` are skipped (a key itself may hold ``#``)."""
    try:
        # utf-8-sig: a byte order mark (as some Windows editors write) is not the key's.
        content = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"--api-key-file {path} is not UTF-8 text (at byte {error.start})"
        raise ValueError(message) from None
    except OSError as error:
        raise ValueError(f"cannot read --api-key-file {path}: {error.strerror}") from None
    for number, line in enumerate(content.splitlines(), 1):
        key = line.strip()
        if key and not key.startswith("#"):
            yield number, key


def gather_api_keys(given: Iterable[str], files: Iterable[str], variable: str | None) -> list[str]:
    """Every accepted key, merged from ``--api-key``, the ``--api-key-file`` files and
    the value of :data:`API_KEYS_VARIABLE`, in that order, each once.

    A file that holds no key is an error (a wrong path should not start a server
    without the keys meant for it); an empty variable means no keys.  Messages name the
    file and line, never the key.
    """
    keys = list(given)
    for path in files:
        found = 0
        for number, key in _key_lines(path):
            if any(char.isspace() for char in key):
                raise ValueError(
                    f"--api-key-file {path}, line {number}: whitespace inside a key; "
                    "write one key per line"
                )
            keys.append(key)
            found += 1
        if not found:
            raise ValueError(f"--api-key-file {path} holds no key (one key per line)")
    keys += [key for key in re.split(r"[,\s]+", variable or "") if key]
    return list(dict.fromkeys(keys))


def check_port_free(host: str, port: int) -> None:
    """A ValueError saying so when ``host:port`` cannot be bound, checked before uvicorn
    starts: uvicorn would log "Application startup complete" first and fail after.

    The probe binds as uvicorn does (IPv6 when the host holds ``:``, ``SO_REUSEADDR``),
    so it refuses exactly what uvicorn would; port 0 (any free port) is not probed.
    """
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ValueError(
                    f"port {port} on {host} is already in use; stop what holds it or "
                    "choose another --port"
                ) from None
            reason = error.strerror or str(error)
            raise ValueError(f"cannot listen on {host} port {port}: {reason}") from None


def _run(args: argparse.Namespace) -> int:
    api_keys = gather_api_keys(args.api_key, args.api_key_file, os.environ.get(API_KEYS_VARIABLE))
    if not is_loopback(args.host) and not api_keys:
        raise ValueError(
            f"refusing to serve on {args.host} without an API key: anyone who can reach "
            f"it could use it. Give keys with --api-key-file PATH, {API_KEYS_VARIABLE} or "
            "--api-key KEY, or bind 127.0.0.1."
        )
    if not 0 <= args.port <= 65535:
        raise ValueError(f"--port must be 0-65535, not {args.port}")
    if args.workers < 1:
        raise ValueError(f"--workers must be at least 1, not {args.workers}")
    try:
        import uvicorn

        from ..server import SETTINGS_VARIABLE, create_app
    except ImportError as error:
        print(
            f"smsenc: serve needs the [server] extra ({error.name} is missing): "
            "pip install 'smsenc[server]'",
            file=sys.stderr,
        )
        return 2
    app = create_app(api_keys=api_keys, max_body=args.max_body)  # checks the settings
    target: Any = app
    if args.workers > 1:
        # Each worker process builds its own app: by import path, settings in the
        # environment (which only this user's processes can read).
        settings = {"api_keys": api_keys, "max_body": args.max_body}
        os.environ[SETTINGS_VARIABLE] = json.dumps(settings)
        target = "smsenc.server:create_app_from_environment"
    check_port_free(args.host, args.port)
    uvicorn.run(
        target,
        factory=args.workers > 1,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="info",  # says where it listens; the access log stays off
        access_log=False,
        server_header=False,
    )
    return 0
