"""A small fake of the Slack Web API for tests: records every call, answers the methods pmpo
uses, and injects faults (429 with Retry-After, 500, invalid_auth, a stall, a dropped
connection) per method.

Run it on 127.0.0.1:0 and point `SLACK_API_URL` at `fake.api_url`. Response URLs
(`fake.response_url("x")`) are served too and recorded under the method name `response_url`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0TEST"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    path: str
    at: float = field(default_factory=time.time)

    def text_everywhere(self) -> str:
        """Every string the app sent in this call, for markup checks."""
        return json.dumps(self.params, ensure_ascii=False)


# errors Slack answers with HTTP 200 and ok: false (a revoked token, a message since deleted)
SLACK_ERRORS = frozenset({"invalid_auth", "message_not_found"})


@dataclass
class Fault:
    # "429", "500", "stall", "drop", "html" (a proxy's error page), or one of SLACK_ERRORS
    kind: str
    times: int = 1
    retry_after: int = 1
    seconds: float = 0.0


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.faults: dict[str, list[Fault]] = {}
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base}/response/{name}"

    # -- configuration ---------------------------------------------------------------------
    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self.users.clear()
            self.faults.clear()

    def set_user(self, user_id: str, *, is_admin: bool = False, is_owner: bool = False) -> None:
        self.users[user_id] = {"is_admin": is_admin, "is_owner": is_owner}

    def inject(self, method: str, kind: str, *, times: int = 1, **options: Any) -> None:
        with self._cond:
            self.faults.setdefault(method, []).append(Fault(kind, times, **options))

    # -- inspection ------------------------------------------------------------------------
    def calls_for(self, method: str, **match: Any) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == method and all(c.params.get(k) == v for k, v in match.items())
            ]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 8.0, **match: Any
    ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [
                    c
                    for c in self.calls
                    if c.method == method and all(c.params.get(k) == v for k, v in match.items())
                ]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self._cond.wait(remaining)

    # -- serving ---------------------------------------------------------------------------
    def _record(self, call: Call) -> Fault | None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
            queue = self.faults.get(call.method) or []
            if queue:
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.pop(0)
                return fault
        return None

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://pmpo-test.slack.com/",
                "team": "pmpo test",
                "user": "pmpo",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "users.info":
            user_id = str(params.get("user", ""))
            flags = self.users.get(user_id, {"is_admin": False, "is_owner": False})
            return {"ok": True, "user": {"id": user_id, "name": user_id.lower(), **flags}}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0TEST", **(params.get("view") or {})}}
        return {"ok": True}


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            params: dict[str, Any] = dict(parse_qsl(parts.query))
            ctype = self.headers.get("Content-Type") or ""
            if raw:
                if "json" in ctype:
                    params.update(json.loads(raw))
                else:
                    params.update(parse_qsl(raw.decode()))
            for key in ("blocks", "view"):
                if isinstance(params.get(key), str):
                    with contextlib.suppress(ValueError):
                        params[key] = json.loads(params[key])
            if parts.path.startswith("/response/"):
                method = "response_url"
                params["_id"] = parts.path.rsplit("/", 1)[1]
            elif parts.path.startswith("/api/"):
                method = parts.path[len("/api/") :]
            else:
                self._send(404, b"not found", "text/plain")
                return
            fault = fake._record(Call(method, params, dict(self.headers.items()), parts.path))
            if fault is not None:
                if fault.kind == "drop":
                    self.close_connection = True
                    return
                if fault.kind == "stall":
                    time.sleep(fault.seconds)
                elif fault.kind == "429":
                    self._send(
                        429,
                        json.dumps({"ok": False, "error": "ratelimited"}).encode(),
                        "application/json",
                        {"Retry-After": str(fault.retry_after)},
                    )
                    return
                elif fault.kind == "500":
                    self._send(500, b'{"ok": false, "error": "fatal_error"}', "application/json")
                    return
                elif fault.kind == "html":
                    self._send(200, b"<html><body>Proxy error</body></html>", "text/html")
                    return
                elif fault.kind in SLACK_ERRORS:
                    error = json.dumps({"ok": False, "error": fault.kind}).encode()
                    self._send(200, error, "application/json")
                    return
            if method == "response_url":
                self._send(200, b"ok", "text/plain")
                return
            body = json.dumps(fake._answer(method, params)).encode()
            self._send(200, body, "application/json; charset=utf-8")

        def _send(
            self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler
