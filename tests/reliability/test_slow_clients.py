"""Slow and idle clients through the real server: 150 connections that trickle their
headers or their body, one byte every 3 s, held for 30 s (each reconnects when the server
closes it), while `/healthz` and signed `/pmpo` keep answering within 1 s at p99.

gthread workers read headers in their threads: about 17 such clients stalled the server.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field

from tests.reliability.conftest import Served
from tests.slack.helpers import command_body, request, signed_post

SLOW_HEADERS = 100
SLOW_BODIES = 50
HOLD = 30.0
TRICKLE_EVERY = 3.0


@dataclass
class Trickle:
    """Slow connections in one thread: open them, send a byte each `TRICKLE_EVERY` s, and
    reopen each one the server closes, until `stop` is set."""

    port: int
    stop: threading.Event = field(default_factory=threading.Event)
    opened: int = 0
    closed_by_server: int = 0
    timeouts_408: int = 0
    errors: list[str] = field(default_factory=list)

    def run(self) -> None:
        sel = selectors.DefaultSelector()
        for i in range(SLOW_HEADERS + SLOW_BODIES):
            self._open(sel, body=i >= SLOW_HEADERS)
        next_byte = time.monotonic() + TRICKLE_EVERY
        while not self.stop.is_set():
            for key, _ in sel.select(timeout=0.2):
                sock: socket.socket = key.fileobj  # type: ignore[assignment]
                try:
                    data = sock.recv(4096)
                except OSError:
                    data = b""
                if b" 408 " in data:
                    self.timeouts_408 += 1
                if not data or b" 408 " in data:
                    self.closed_by_server += 1
                    sel.unregister(sock)
                    sock.close()
                    self._open(sel, body=key.data)
            if time.monotonic() >= next_byte:
                next_byte += TRICKLE_EVERY
                for key in list(sel.get_map().values()):
                    with contextlib.suppress(OSError):  # closed: the read side reopens it
                        key.fileobj.send(b"a")  # type: ignore[union-attr]
        for key in list(sel.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]

    def _open(self, sel: selectors.BaseSelector, body: bool) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError as exc:
            self.errors.append(type(exc).__name__)
            return
        sock.setblocking(False)
        if body:  # whole headers, then a body that never finishes
            sock.send(
                b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 4000\r\n\r\n{"
            )
        else:
            sock.send(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sel.register(sock, selectors.EVENT_READ, data=body)
        self.opened += 1


def test_slow_clients_do_not_stall_the_server(served: Served) -> None:
    trickle = Trickle(int(served.base.rsplit(":", 1)[1]))
    thread = threading.Thread(target=trickle.run, daemon=True)
    thread.start()
    latencies: list[float] = []
    failures: list[str] = []
    started = time.monotonic()
    try:
        time.sleep(1.0)  # every slow connection open first
        i = 0
        while time.monotonic() - started < HOLD:
            t0 = time.perf_counter()
            if i % 2:
                resp = request(served.base, "GET", "/healthz")
                ok = resp.status == 200
            else:
                resp = signed_post(
                    served.base,
                    "/slack/events",
                    command_body("whois-owns backlog"),
                    "application/x-www-form-urlencoded",
                )
                ok = resp.status == 200 and "Product Owner" in resp.text
            latencies.append(time.perf_counter() - t0)
            if not ok:
                failures.append(f"{resp.status} {resp.text[:80]}")
            i += 1
            time.sleep(0.1)
    finally:
        trickle.stop.set()
        thread.join(timeout=10)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)]
    assert not failures, failures[:5]
    assert len(latencies) > 100
    assert p99 < 1.0, f"p99 {p99:.3f} s over {len(latencies)} requests"
    assert not trickle.errors, trickle.errors[:5]
    # the deadlines closed the slow connections, which came back: 150 held the whole time
    assert trickle.opened >= SLOW_HEADERS + SLOW_BODIES + trickle.closed_by_server - 1
    assert trickle.closed_by_server >= SLOW_HEADERS + SLOW_BODIES
    assert trickle.timeouts_408 >= SLOW_BODIES
    assert "Traceback" not in served.server.log_text()
