"""``smsenc serve``: the Infobip-compatible preview service (needs the ``[server]`` extra).

smsenc serve [--host 127.0.0.1] [--port 8080] [--api-key KEY]... [--max-body BYTES]
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import Any

DEFAULT_MAX_BODY = 65536  # the server's own default; kept here so --help imports nothing


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
        help="accept 'Authorization: App KEY'; repeat for several keys (required off loopback)",
    )
    serve.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"request body limit (default {DEFAULT_MAX_BODY})",
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


def _run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.api_key:
        raise ValueError(
            f"refusing to serve on {args.host} without an API key: anyone who can reach "
            "it could use it. Pass --api-key KEY (repeatable), or bind 127.0.0.1."
        )
    if not 0 <= args.port <= 65535:
        raise ValueError(f"--port must be 0-65535, not {args.port}")
    try:
        import uvicorn

        from ..server import create_app
    except ImportError as error:
        print(
            f"smsenc: serve needs the [server] extra ({error.name} is missing): "
            "pip install 'smsenc[server]'",
            file=sys.stderr,
        )
        return 2
    app = create_app(api_keys=args.api_key, max_body=args.max_body)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",  # says where it listens; the access log stays off
        access_log=False,
        server_header=False,
    )
    return 0
