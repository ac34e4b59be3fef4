"""A real ``smsenc serve`` application on an ephemeral loopback port, for the tests
that talk to it over a socket (the endpoint's and the browser's)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from smsenc.server import create_app


@contextmanager
def running_server(**options: object) -> Iterator[str]:
    """Serve ``create_app(**options)`` with uvicorn on 127.0.0.1 and yield its base URL."""
    app = create_app(**options)  # type: ignore[arg-type]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # readiness, not a timing assertion
        if not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
