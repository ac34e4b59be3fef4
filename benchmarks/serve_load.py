"""Load on ``smsenc serve``: requests/s and latency over loopback, against ``preview()``.

Run from the repository root (needs the ``[server]`` extra)::

    python -m benchmarks.serve_load           # 1 connection, then 32: 10 s each with wrk
    python -m benchmarks.serve_load --quick   # a smoke run: 2 s each

(The asyncio client sends a fixed count instead: 5,000 requests on 1 connection and
40,000 on 32, or 200 and 1,600 with ``--quick``.)

The server is ``smsenc serve --workers N`` (default one per CPU), as users run it.  The client is
``wrk`` (Debian's package; C, with a Lua script generated here) when it is on the PATH,
else raw asyncio streams in this process (``--client asyncio`` forces them): on a small
machine the client shares the cores with the server, and a Python client costs several
times what wrk does, so it measures itself as much as the server.  Either way each
connection keeps alive, the requests cycle through :data:`BODIES`, and every answer must
be a 200 with the body ``preview().to_dict()`` gives; anything else counts as an error.
Each latency is one request's send-to-last-byte time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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
    percentiles: tuple[float, float, float] | None = None
    """(p50, p99, mean) in seconds, when the client reports them instead of latencies."""

    def line(self) -> str:
        p50, p99 = self.p50() * 1e3, self.p99() * 1e3
        return (
            f"concurrency {self.concurrency:>2}: {self.requests} requests in "
            f"{self.seconds:.2f} s = {self.requests / self.seconds:,.0f} requests/s, "
            f"p50 {p50:.3f} ms, p99 {p99:.3f} ms, errors {self.errors}"
        )

    def p50(self) -> float:
        if self.percentiles:
            return self.percentiles[0]
        return sorted(self.latencies)[len(self.latencies) // 2]

    def p99(self) -> float:
        if self.percentiles:
            return self.percentiles[1]
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

    def mean(self) -> float:
        return self.percentiles[2] if self.percentiles else statistics.fmean(self.latencies)


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


WRK_SCRIPT = """
-- No response() callback: wrk then parses no bodies and calls no Lua per answer, so the
-- client costs the shared cores as little as it can; _check_bodies checks the answers.
requests, index = {REQUESTS}, 0
function request()
  index = index % #requests + 1
  return requests[index]
end
function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.6f %.6f %.6f %d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1e6, latency:percentile(99) / 1e6,
    latency.mean / 1e6, e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def _check_bodies(port: int) -> int:
    """Send each of :data:`BODIES` once; how many answers are not the expected 200."""
    wrong = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        stream = sock.makefile("rb")
        for body in BODIES:
            sock.sendall(_request(body, port))
            status = stream.readline()
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if not status.startswith(b"HTTP/1.1 200 ") or stream.read(length) != _expected(body):
                wrong += 1
    return wrong


def _wrk(port: int, seconds: int, concurrency: int) -> Run:
    """As many requests as ``concurrency`` connections make in ``seconds``, with wrk
    (one thread); wrk bounds a run by its duration, not by a request count."""
    bodies = [json.dumps(body).encode("ascii") for body in BODIES]
    calls = [
        f'wrk.format("POST", "/sms/1/preview", {{["Content-Type"] = "application/json"}}, '
        f"[==[{body.decode('ascii')}]==])"
        for body in bodies
    ]
    script = WRK_SCRIPT.replace("{REQUESTS}", "{" + ", ".join(calls) + "}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        command = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "-s", file.name]
        done = subprocess.run(
            [*command, f"http://127.0.0.1:{port}/sms/1/preview"],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(file.name)
    found = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", done.stdout)
    if found is None:
        raise SystemExit(f"wrk printed no result: {done.stdout}{done.stderr}")
    count, micros, p50, p99, mean, errors = found.groups()
    # wrk reports percentiles, not each latency: the Run keeps the three it gives.
    return Run(
        concurrency,
        int(count),
        int(micros) / 1e6,
        [],
        int(errors),
        (float(p50), float(p99), float(mean)),
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "smsenc", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
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
    parser.add_argument(
        "--client", choices=("wrk", "asyncio"), help="default: wrk when on the PATH"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="default: one per CPU"
    )
    args = parser.parse_args(argv)
    client = args.client or ("wrk" if shutil.which("wrk") else "asyncio")
    single, many = (200, 1_600) if args.quick else (5_000, 40_000)
    port = _free_port()
    server = _start_server(port, args.workers)
    try:
        if client == "wrk":
            wrong = _check_bodies(port)
            _wrk(port, 1, 4)  # warm up: imports, caches
            duration = 2 if args.quick else 10
            one, thirty_two = _wrk(port, duration, 1), _wrk(port, duration, 32)
            if wrong:
                print(f"{wrong} of {len(BODIES)} answers differ from preview().to_dict()")
        else:
            wrong = 0  # the asyncio client compares every answer
            one, thirty_two = _asyncio_runs(port, single, many)
    finally:
        server.terminate()
        server.wait(10)
    local = _in_process()
    print(
        f"smsenc serve --workers {args.workers} on 127.0.0.1, {os.cpu_count()} CPUs, "
        f"client: {client}"
    )
    print(one.line())
    print(thirty_two.line())
    print(f"in-process preview().to_dict(): {local * 1e6:.1f} µs per request")
    print(
        f"one connection: {one.mean() * 1e3:.3f} ms per request = {one.mean() / local:.0f}x "
        f"in-process; p99 adds {(one.p99() - local) * 1e3:.3f} ms over it"
    )
    rate = thirty_two.requests / thirty_two.seconds
    print(
        f"targets: >= 5,000 requests/s at 32 connections: {rate:,.0f} "
        f"({'met' if rate >= 5000 else 'not met'}); p99 on one connection < 1 ms over "
        f"in-process: {(one.p99() - local) * 1e3:.3f} ms "
        f"({'met' if one.p99() - local < 1e-3 else 'not met'})"
    )
    return 1 if wrong or one.errors or thirty_two.errors else 0


def _asyncio_runs(port: int, single: int, many: int) -> tuple[Run, Run]:
    """The two runs with the asyncio client (on uvloop when it is installed)."""
    loop_factory: Callable[[], asyncio.AbstractEventLoop]
    try:
        import uvloop

        loop_factory = uvloop.new_event_loop
    except ImportError:  # the client still works on asyncio's own loop, only slower
        loop_factory = asyncio.new_event_loop
    loop = loop_factory()
    try:
        loop.run_until_complete(_load(port, 500, 4))  # warm up: imports, caches
        one = loop.run_until_complete(_load(port, single, 1))
        return one, loop.run_until_complete(_load(port, many, 32))
    finally:
        loop.close()


if __name__ == "__main__":
    sys.exit(main())
