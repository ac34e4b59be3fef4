"""A real ``smsenc serve`` application on an ephemeral loopback port.

uvicorn runs in a thread of the test process on a socket bound to port 0, exactly as
``smsenc serve`` runs it (the CLI itself is started as a subprocess in test_cli.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from smsenc.server import create_app


class Server:
    """A running server: its base URL and port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"


@contextmanager
def running_server(app: ASGIApp | None = None, **options: Any) -> Iterator[Server]:
    """Serve ``app`` (or ``create_app(**options)``) on 127.0.0.1 until the block ends;
    ``app`` may wrap the service (the browser tests delay its answers)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app or create_app(**options), log_level="critical", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10  # readiness, not a timing assertion
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield Server(port)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
