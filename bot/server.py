"""The gunicorn worker class for `web:`: uvicorn's asyncio server, with a header deadline.

Gunicorn stays the process manager (it restarts a worker that dies, stops gracefully on
SIGTERM, checks settings before any worker starts); each worker serves every connection
from one event loop (uvicorn, via the uvicorn-worker package), so a connection that sends
its request one byte every few seconds costs a coroutine, not a thread. gthread workers
read headers in their threads: about 17 such clients stalled the whole server.

Uvicorn closes a connection that stays idle after a response (`keepalive`), but has no
deadline for a request's headers: a client may send them forever. `DeadlineH11Protocol`
adds one: from the moment a connection opens, or its previous response ends, the request's
headers must be complete within `HEADER_TIMEOUT` seconds or the connection gets 408 and is
closed. The body's deadline is `bot.asgi.BODY_TIMEOUT`, from the end of the headers.

Headers too large for h11's buffer get 431, as the app gives headers it can parse but
refuses: uvicorn answers every h11 parse error with 400, so which status a 100 KB header
got depended on how the kernel cut it into reads.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE, H11Protocol
from uvicorn_worker import UvicornWorker

HEADER_TIMEOUT = 5.0  # seconds; Slack sends a whole request at once

log = logging.getLogger("pmpo.web")


class DeadlineH11Protocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None
        self._partial = False  # part of the next request's headers has arrived

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._partial = bool(data)
        if self._header_deadline is not None and self.conn.their_state is not h11.IDLE:
            self._header_deadline.cancel()  # the headers are in; the body has its own deadline
            self._header_deadline = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._partial = False
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        limit = self.config.h11_max_incomplete_event_size or DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
        if self.conn.our_state is h11.IDLE and len(self.conn.trailing_data[0]) > limit:
            # h11's "Receive buffer too long": the headers outgrew its buffer
            self.logger.info("refused a request whose headers passed %d bytes", limit)
            body = b"request headers too large"
            self.transport.write(
                b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                b"content-type: text/plain; charset=utf-8\r\n"
                b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
            )
            self.transport.close()
            return
        super().send_400_response(msg)

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
        self._header_deadline = self.loop.call_later(HEADER_TIMEOUT, self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self._partial and self.conn.our_state is h11.IDLE:  # say why, if it asked
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\n"
                b"content-length: 20\r\nconnection: close\r\n\r\nrequest headers slow"
            )
        self.transport.close()


class PmpoWorker(UvicornWorker):
    """`worker_class` in bot/gunicorn_conf.py."""

    CONFIG_KWARGS: dict[str, Any] = {
        "loop": "asyncio",
        "http": DeadlineH11Protocol,
        "lifespan": "on",
        "timeout_graceful_shutdown": 15,  # under gunicorn's graceful_timeout (20 s)
    }
