"""Load on ``smsenc serve``: requests/s and latency over loopback, against ``preview()``.

Run from the repository root (needs the ``[server]`` extra; the client is asyncio on raw sockets)::

    python -m benchmarks.serve_load           # 5,000 requests on 1 connection, 40,000 on 32
    python -m benchmarks.serve_load --quick   # a smoke run: 200 and 1,600

The server is ``smsenc serve`` in its own process (as users run it); the client is raw
asyncio streams with keep-alive in this process, pre-encoded requests and a minimal
response parser, so that the client costs as little as possible on the same machine.
Every answer must be a 200 with the body ``preview().to_dict()`` gives; anything else
counts as an error.  Each latency is one request's send-to-last-byte time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass

import smsenc

BODIES: tuple[dict[str, str], ...] = (
    {"text": "Your code is 482913. It expires in 10 minutes."},
    {"text": "Yarın 14:00'te Kadıköy'de buluşalım mı?", "languageCode": "TR"},
    {"text": "¿Mañana a las 9? Llevo el pingüino.", "languageCode": "AUTODETECT"},
    {"text": "Καλημέρα σας, τα λέμε αύριο.", "transliteration": "GREEK"},
    {"text": "See you soon 😀 — “quoted”", "transliteration": "NON_UNICODE"},
)
"""The requests, sent in turn: typical short messages, one per kind of answer."""


def _request(body: dict[str, str], port: int) -> bytes:
    payload = json.dumps(body).encode("ascii")
    head = (
        f"POST /sms/1/preview HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode("ascii") + payload


def _expected(body: dict[str, str]) -> bytes:
    result = smsenc.preview(body["text"], body.get("languageCode"), body.get("transliteration"))
    return json.dumps(result.to_dict(), separators=(",", ":")).encode("ascii")


@dataclass(frozen=True)
class Run:
    """One load run: its shape and what it measured."""

    concurrency: int
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = ordered[len(ordered) // 2] * 1e3
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3
        return (
            f"concurrency {self.concurrency:>2}: {self.requests} requests in "
            f"{self.seconds:.2f} s = {self.requests / self.seconds:,.0f} requests/s, "
            f"p50 {p50:.3f} ms, p99 {p99:.3f} ms, errors {self.errors}"
        )

    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def _connection(
    port: int, count: int, start: int, latencies: list[float], expected: list[bytes]
) -> int:
    """Send ``count`` requests one after another on one keep-alive connection; errors."""
    requests = [_request(body, port) for body in BODIES]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    try:
        for i in range(start, start + count):
            k = i % len(BODIES)
            began = time.perf_counter()
            writer.write(requests[k])
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - began)
            if not head.startswith(b"HTTP/1.1 200 ") or body != expected[k]:
                errors += 1
    finally:
        writer.close()
    return errors


async def _load(port: int, requests: int, concurrency: int) -> Run:
    expected = [_expected(body) for body in BODIES]
    latencies: list[float] = []
    share = requests // concurrency
    began = time.perf_counter()
    results = await asyncio.gather(
        *(_connection(port, share, c * share, latencies, expected) for c in range(concurrency)),
        return_exceptions=True,
    )
    seconds = time.perf_counter() - began
    errors = sum(r if isinstance(r, int) else share for r in results)
    return Run(concurrency, share * concurrency, seconds, latencies, errors)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_server(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "smsenc", "serve", "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"smsenc serve exited: {process.stderr and process.stderr.read()!r}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("smsenc serve did not start within 30 s")


def _in_process() -> float:
    """Seconds per ``preview(...).to_dict()`` over :data:`BODIES`, best of 5."""

    def once() -> None:
        for body in BODIES:
            smsenc.preview(
                body["text"], body.get("languageCode"), body.get("transliteration")
            ).to_dict()

    number = 2000
    return min(timeit.repeat(once, number=number, repeat=5)) / (number * len(BODIES))


def main(argv: list[str] | None = None) -> int:
    """Run the load and print the figures; exit 1 if any request failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run, a few seconds")
    quick = parser.parse_args(argv).quick
    single, many = (200, 1_600) if quick else (5_000, 40_000)
    loop_factory: Callable[[], asyncio.AbstractEventLoop]
    try:
        import uvloop

        loop_factory = uvloop.new_event_loop
    except ImportError:  # the client still works on asyncio's own loop, only slower
        loop_factory = asyncio.new_event_loop
    port = _free_port()
    server = _start_server(port)
    try:
        loop = loop_factory()
        loop.run_until_complete(_load(port, 500, 4))  # warm up: imports, caches
        one = loop.run_until_complete(_load(port, single, 1))
        thirty_two = loop.run_until_complete(_load(port, many, 32))
        loop.close()
    finally:
        server.terminate()
        server.wait(10)
    local = _in_process()
    print(f"smsenc serve on 127.0.0.1, {os.cpu_count()} CPUs, client in one process (asyncio)")
    print(one.line())
    print(thirty_two.line())
    mean_one = statistics.fmean(one.latencies)
    print(f"in-process preview().to_dict(): {local * 1e6:.1f} µs per request")
    print(
        f"one connection: {mean_one * 1e3:.3f} ms per request = {mean_one / local:.0f}x "
        f"in-process; p99 adds {(one.p99() - local) * 1e3:.3f} ms over it"
    )
    rate = thirty_two.requests / thirty_two.seconds
    print(
        f"targets: >= 5,000 requests/s at 32 connections: {rate:,.0f} "
        f"({'met' if rate >= 5000 else 'not met'}); p99 on one connection < 1 ms over "
        f"in-process: {(one.p99() - local) * 1e3:.3f} ms "
        f"({'met' if one.p99() - local < 1e-3 else 'not met'})"
    )
    return 1 if one.errors or thirty_two.errors else 0


if __name__ == "__main__":
    sys.exit(main())
