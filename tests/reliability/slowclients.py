"""Slow clients for the tests and bench.stress: connections that send a request one byte at a
time, as a slowloris attack does, and come back whenever the server closes them."""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field

TRICKLE_EVERY = 3.0  # seconds between bytes


@dataclass
class Trickle:
    """Slow connections in one thread: open them, send a byte each `TRICKLE_EVERY` s, and
    reopen each one the server closes, until `stop` is set."""

    port: int
    headers: int  # connections that trickle their headers
    bodies: int  # connections that send whole headers, then trickle a body
    stop: threading.Event = field(default_factory=threading.Event)
    opened: int = 0
    closed_by_server: int = 0
    timeouts_408: int = 0
    errors: list[str] = field(default_factory=list)

    def run(self) -> None:
        sel = selectors.DefaultSelector()
        for i in range(self.headers + self.bodies):
            self._open(sel, body=i >= self.headers)
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
