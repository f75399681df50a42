"""The HTTP app gunicorn serves in HTTP mode (`web:` in the Procfile): a WSGI gate and Bolt.

- `POST /slack/events`: every Slack request (commands, events, buttons, modals), through
  Bolt's WSGI adapter. Before Bolt sees a request, this module checks its size (413), its
  signature and timestamp (401), and its shape (400: a JSON body must be an object, a form
  must not repeat a field, a `payload` must be a JSON object), so nothing unsigned is parsed
  and nothing malformed reaches Bolt, where it would cost a traceback and a 500.
- `GET /healthz`: 200 `ok` when the knowledge base is loaded, 503 otherwise.
- Anything else: 404. Bodies over `MAX_BODY` bytes get 413 before anything parses them.

Gunicorn loads it as `bot.web:create_asgi_app()` with the worker class `bot.server.PmpoWorker`
(an asyncio server: slow clients wait in the event loop, see bot/asgi.py); importing this
module needs no settings.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from bot.asgi import MAX_BODY, WsgiBridge
from bot.config import ConfigError, Settings
from bot.kb.store import KnowledgeStore

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.db.gaplog import GapLog

MAX_SKEW = 5 * 60  # seconds: Slack's own rule for a fresh request
MAX_STAMP = 16  # digits: Unix time has 10 until the year 2286
MAX_SIGNATURE = 100  # "v0=" and 64 hex digits
SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

log = logging.getLogger("pmpo.web")

StartResponse = Callable[..., Any]


class PmpoWSGI:
    def __init__(
        self,
        slack: Callable[..., Iterable[bytes]],
        store: KnowledgeStore,
        signing_secret: str = "",
    ) -> None:
        self.slack = slack
        self.store = store
        self.secret = signing_secret.encode()
        self.gaplog: GapLog | None = None  # closed at shutdown (bot.web.create_asgi_app)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            if self.store.current().loaded:
                return _plain(start_response, "200 OK", "ok")
            return _plain(start_response, "503 Service Unavailable", "knowledge base not loaded")
        if path == SLACK_PATH and method == "POST":
            return self._slack(environ, start_response)
        return _plain(start_response, "404 Not Found", "not found")

    def _slack(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared and not declared.isdigit():
            return _plain(start_response, "400 Bad Request", "bad content-length", close=True)
        if declared and int(declared) > MAX_BODY:
            log.warning("refused a %s-byte request body (limit %d)", declared, MAX_BODY)
            return _plain(start_response, "413 Content Too Large", "request too large", close=True)
        stream = environ.get("wsgi.input")
        want = int(declared) if declared else MAX_BODY + 1
        body = stream.read(want) if stream is not None and want else b""
        if len(body) > MAX_BODY:
            log.warning("refused a request body over %d bytes", MAX_BODY)
            return _plain(start_response, "413 Content Too Large", "request too large", close=True)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(start_response, "400 Bad Request", "body is not UTF-8")
        problem = header_problem(environ)
        if problem:
            log.info("refused a request with a malformed header: %s", problem)
            return _plain(start_response, "400 Bad Request", problem)
        if self.secret and not signed(self.secret, environ, body):
            log.info("refused a request without a valid, fresh Slack signature")
            return _plain(start_response, "401 Unauthorized", "invalid request")
        problem = shape_problem(environ.get("CONTENT_TYPE") or "", body)
        if problem:
            log.warning("refused a signed but malformed request: %s", problem)
            return _plain(start_response, "400 Bad Request", problem)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            return self.slack(environ, start_response)
        except Exception as exc:  # a shape Bolt trips on: one line, not a traceback per hit
            log.error("Bolt failed on a signed request: %s", type(exc).__name__)
            log.debug("Bolt failure", exc_info=True)
            return _plain(start_response, "500 Internal Server Error", "internal error")


def header_problem(environ: dict[str, Any]) -> str:
    """'' unless a Slack header is too long to be Slack's: a 5,000-digit timestamp is no
    time at all (`int()` refuses over 4,300 digits), and no v0 signature is 100 bytes."""
    stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
    if len(stamp) > MAX_STAMP:
        return "X-Slack-Request-Timestamp is not a Unix time"
    if len(environ.get("HTTP_X_SLACK_SIGNATURE") or "") > MAX_SIGNATURE:
        return "X-Slack-Signature is too long"
    return ""


def signed(secret: bytes, environ: dict[str, Any], body: bytes) -> bool:
    """Slack's v0 signature over `v0:timestamp:body`, with a timestamp within `MAX_SKEW`."""
    stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
    signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
    if len(stamp) > MAX_STAMP or not (stamp.isascii() and stamp.isdigit()):
        return False
    if abs(time.time() - int(stamp)) > MAX_SKEW:
        return False
    digest = hmac.new(secret, b"v0:" + stamp.encode() + b":" + body, hashlib.sha256)
    return hmac.compare_digest("v0=" + digest.hexdigest(), signature)


def shape_problem(content_type: str, body: bytes) -> str:
    """'' when Bolt can take `body`; else what is wrong with it (a signed body is Slack's, so
    this only bites on a Slack change, a proxy mangling bodies, or a leaked secret)."""
    text = body.decode("utf-8")
    if "json" in content_type.lower():
        data = _json(text)
        if not isinstance(data, dict):
            return "body is not a JSON object"
        if "event" in data and not isinstance(data["event"], dict):
            return "event is not a JSON object"
        return ""
    fields = parse_qsl(text, keep_blank_values=True)
    names = [name for name, _ in fields]
    if len(names) != len(set(names)):
        return "a form field is repeated"
    payload = dict(fields).get("payload")
    if payload is not None and not isinstance(_json(payload), dict):
        return "payload is not a JSON object"
    return ""


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: "[[[[..." thousands deep
        return None


def _plain(
    start_response: StartResponse, status: str, text: str, close: bool = False
) -> list[bytes]:
    data = text.encode()
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    if close:
        headers.append(("Connection", "close"))
    start_response(status, headers)
    return [data]


def create_wsgi_app(
    settings: Settings | None = None, store: KnowledgeStore | None = None
) -> PmpoWSGI:
    """The gate and the Bolt app as one WSGI app, built from the environment (and `.env`)."""
    return _build(settings, store)[0]


def create_asgi_app(
    settings: Settings | None = None, store: KnowledgeStore | None = None
) -> WsgiBridge:
    """What gunicorn serves (`bot.server.PmpoWorker`): the WSGI app behind the asyncio
    bridge; on shutdown the reply pool finishes what it holds."""
    gate, app = _build(settings, store)
    replies = app.listener_runner.listener_executor
    threads = int(os.environ.get("PMPO_THREADS") or 8)

    def on_shutdown() -> None:
        replies.shutdown(True)  # replies may still record votes: drain them first
        if gate.gaplog is not None:
            gate.gaplog.close()  # write what waits, or keep it in the state directory

    return WsgiBridge(gate, threads=threads, max_body=MAX_BODY, on_shutdown=(on_shutdown,))


def _build(settings: Settings | None, store: KnowledgeStore | None) -> tuple[PmpoWSGI, App]:
    from dotenv import load_dotenv
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.app import create_app
    from bot.config import default_state_dir
    from bot.db.signal import SharedReloadSignal
    from bot.listeners import open_database, open_gaplog
    from bot.safety import setup_logging

    if settings is None:
        load_dotenv(Path.cwd() / ".env", override=False)
        try:
            settings = Settings.from_env(mode="http")
        except ConfigError as exc:
            print(f"pmpo: {exc}", file=sys.stderr, flush=True)
            raise SystemExit(3) from None  # gunicorn: worker boot error, stop the server
    setup_logging(settings.log_level, settings.secrets)
    state_dir = Path(settings.state_dir or default_state_dir(settings.knowledge_dir))
    db = open_database(state_dir)
    if store is None:
        signal = SharedReloadSignal(state_dir, db) if db is not None and db.shared else None
        store = KnowledgeStore(settings.knowledge_dir, state_dir, follow=True, signal=signal)
        store.watch()
    gaplog = open_gaplog(store.state_dir, db)
    app = create_app(settings, store, gaplog=gaplog)
    log.info(
        "HTTP mode ready: %s on %s, knowledge base %s (%d entries)",
        SLACK_PATH,
        settings.api_url,
        "loaded" if store.current().loaded else "NOT loaded",
        len(store.current().kb.entries),
    )
    gate = PmpoWSGI(SlackRequestHandler(app, path=SLACK_PATH), store, settings.signing_secret)
    gate.gaplog = gaplog
    return gate, app
