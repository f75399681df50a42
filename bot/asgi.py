"""Runs the WSGI gate (`bot.web.PmpoWSGI`) under an asyncio server, for slow and idle clients.

The event loop owns every socket; a request reaches a thread only once its whole body has
arrived, within `BODY_TIMEOUT` seconds and `MAX_BODY` bytes. So a client that trickles its
body (or never finishes it) costs a coroutine and a few KiB, never one of the `threads`
that answer Slack. (a2wsgi, the usual bridge, hands the body to the WSGI app as a stream
read from a thread: the thread would wait on the client, which is what this module is for.)
Header deadlines are the server's job: `bot.server`.

Acks are built on the thread pool, not in the event loop, although every ack is pure CPU
today and the hop costs some throughput when the host is saturated (bench/slack_ack.py at
concurrency 32: p99 ~60-100 ms run inline, ~130-190 ms on the pool, same host): an ack that
one day waits on something (a database, a lock held by a reload) then stalls one thread,
not every connection of the worker and `/healthz` with them.

Lifespan: shutdown runs the `on_shutdown` callbacks (the reply pool drains there).
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger("pmpo.web")

MAX_BODY = 64 * 1024
MAX_HEADERS = 100  # Slack sends about 15
MAX_HEADER_BYTES = 8190  # per header, as gunicorn's limit_request_field_size
DRAIN = 1024 * 1024  # bytes of an oversized body read (and dropped) before the 413
BODY_TIMEOUT = 10.0  # seconds from the end of the headers to the end of the body

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Message = dict[str, Any]


class WsgiBridge:
    def __init__(
        self,
        wsgi: Wsgi,
        *,
        threads: int = 8,
        max_body: int = MAX_BODY,
        body_timeout: float = BODY_TIMEOUT,
        on_shutdown: tuple[Callable[[], None], ...] = (),
    ) -> None:
        self.wsgi = wsgi
        self.max_body = max_body
        self.body_timeout = body_timeout
        self.on_shutdown = on_shutdown
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="pmpo-ack")

    async def __call__(self, scope: Message, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                loop = asyncio.get_running_loop()
                for callback in self.on_shutdown:
                    await loop.run_in_executor(None, callback)
                self.pool.shutdown(wait=True)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Message, receive: Callable, send: Callable) -> None:
        raw = scope.get("headers") or []
        if len(raw) > MAX_HEADERS or any(len(k) + len(v) > MAX_HEADER_BYTES for k, v in raw):
            log.info("refused a request with over %d headers or one too long", MAX_HEADERS)
            await _reply(send, 431, "request headers too large")
            return
        headers: dict[str, bytes] = {}
        for key, value in raw:
            name = key.decode("latin-1").lower()
            headers[name] = headers[name] + b", " + value if name in headers else value
        declared = headers.get("content-length", b"").decode("latin-1")
        if declared and not declared.isdigit():
            await _reply(send, 400, "bad content-length")
            return
        if declared and (len(declared) > 12 or int(declared) > self.max_body):
            log.warning("refused a %s-byte request body (limit %d)", declared[:12], self.max_body)
            await _reply(send, 413, "request too large")
            return
        try:
            async with asyncio.timeout(self.body_timeout):
                body = await self._body(receive)
        except TimeoutError:
            log.info("closed a request whose body took over %.0f s", self.body_timeout)
            await _reply(send, 408, "request body too slow")
            return
        if body is None:
            return  # the client went away
        if len(body) > self.max_body:
            log.warning("refused a request body over %d bytes", self.max_body)
            await _reply(send, 413, "request too large")
            return
        environ = _environ(scope, headers, body)
        loop = asyncio.get_running_loop()
        try:
            status, out_headers, chunks = await loop.run_in_executor(
                self.pool, _run_wsgi, self.wsgi, environ
            )
        except Exception as exc:  # noqa: BLE001 - one line, not a traceback per hit
            log.error("the app failed on a request: %s", type(exc).__name__)
            log.debug("app failure", exc_info=True)
            await _reply(send, 500, "internal error")
            return
        await send({"type": "http.response.start", "status": status, "headers": out_headers})
        await send({"type": "http.response.body", "body": chunks})

    async def _body(self, receive: Callable) -> bytes | None:
        """The whole body, or None on disconnect. Past `max_body` the rest is read and thrown
        away, up to `DRAIN` bytes, so the client reads the 413 instead of a broken pipe;
        only the first `max_body` + 1 bytes are kept."""
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            if size <= self.max_body:
                parts.append(chunk)
            size += len(chunk)
            if not message.get("more_body") or size > self.max_body + DRAIN:
                return b"".join(parts)


def _environ(scope: Message, headers: dict[str, bytes], body: bytes) -> dict[str, Any]:
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": "",
        "PATH_INFO": scope["path"],
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]),
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        if name == "content-type":
            environ["CONTENT_TYPE"] = value.decode("latin-1")
        elif name != "content-length":
            environ["HTTP_" + name.upper().replace("-", "_")] = value.decode("latin-1")
    return environ


def _run_wsgi(wsgi: Wsgi, environ: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        started[:] = [status, headers]

    result = wsgi(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = started
    encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    return int(status.split(" ", 1)[0]), encoded, body


async def _reply(send: Callable, status: int, text: str) -> None:
    data = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(data)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
