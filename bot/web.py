"""The WSGI application gunicorn serves in HTTP mode (`web:` in the Procfile).

- `POST /slack/events`: every Slack request (commands, events, buttons, modals), through
  Bolt's WSGI adapter, which checks the signature and timestamp of each one.
- `GET /healthz`: 200 `ok` when the knowledge base is loaded, 503 otherwise.
- Anything else: 404. Bodies over `MAX_BODY` bytes get 413 before anything parses them.

Gunicorn loads it as `bot.web:create_wsgi_app()` (or `bot.web:application`, built on first
access), so importing this module needs no settings.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings
from bot.kb.store import KnowledgeStore

MAX_BODY = 64 * 1024
SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

log = logging.getLogger("pmpo.web")

StartResponse = Callable[..., Any]


class PmpoWSGI:
    def __init__(self, slack: Callable[..., Iterable[bytes]], store: KnowledgeStore) -> None:
        self.slack = slack
        self.store = store

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
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.slack(environ, start_response)


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
    """Build the whole HTTP-mode app from the environment (and `.env`)."""
    from dotenv import load_dotenv
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.app import create_app
    from bot.safety import setup_logging

    if settings is None:
        load_dotenv(Path.cwd() / ".env", override=False)
        try:
            settings = Settings.from_env(mode="http")
        except ConfigError as exc:
            print(f"pmpo: {exc}", file=sys.stderr, flush=True)
            raise SystemExit(3) from None  # gunicorn: worker boot error, stop the server
    setup_logging(settings.log_level, settings.secrets)
    if store is None:
        store = KnowledgeStore(settings.knowledge_dir, settings.state_dir)
    app = create_app(settings, store)
    log.info(
        "HTTP mode ready: %s on %s, knowledge base %s (%d entries)",
        SLACK_PATH,
        settings.api_url,
        "loaded" if store.current().loaded else "NOT loaded",
        len(store.current().kb.entries),
    )
    return PmpoWSGI(SlackRequestHandler(app, path=SLACK_PATH), store)


_application: PmpoWSGI | None = None


def __getattr__(name: str) -> Any:
    """`bot.web:application` for servers that want a module attribute; built on first use."""
    global _application
    if name == "application":
        if _application is None:
            _application = create_wsgi_app()
        return _application
    raise AttributeError(name)
