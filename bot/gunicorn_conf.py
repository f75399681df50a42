"""Gunicorn settings for `web:` (HTTP mode).

    gunicorn -c bot/gunicorn_conf.py 'bot.web:create_asgi_app()'

Gunicorn manages the processes; each worker is an asyncio server (`bot.server.PmpoWorker`,
uvicorn) so slow and idle clients wait in its event loop, under header and body deadlines,
and never hold one of the `PMPO_THREADS` threads that build acks. Slack calls run after the
ack on each worker's reply pool (bot/listeners/lazy.py). Settings are checked in the master
before any worker starts, so a missing variable is one line, not a traceback per worker. No
access log: it would hold nothing useful, and request bodies are never logged.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path.cwd() / ".env", override=False)

bind = f"0.0.0.0:{os.environ.get('PORT') or '3000'}"
worker_class = "bot.server.PmpoWorker"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
timeout = 30
graceful_timeout = 20
keepalive = 5  # seconds an idle connection stays open after a response
accesslog = None
errorlog = "-"
loglevel = (os.environ.get("LOG_LEVEL") or "info").lower()
# Header limits (count, size) and deadlines are enforced by the worker, not gunicorn's
# limit_request_* settings, which only its own workers read: bot/server.py, bot/asgi.py.
# Gunicorn 24+ opens a control socket at ~/.gunicorn/gunicorn.ctl by default: a file in the
# home directory of whoever runs the bot, for a feature pmpo does not use.
control_socket_disable = True


def on_starting(server: object) -> None:
    """Check the settings, then validate and publish the knowledge files once: every worker,
    including one gunicorn starts later to replace another, serves exactly what was
    published (or what an admin reloaded since), never files edited or broken after."""
    from bot.config import ConfigError, Settings
    from bot.kb.store import publish_files

    try:
        settings = Settings.from_env(mode="http")
    except ConfigError as exc:
        print(f"pmpo: {exc}", file=sys.stderr, flush=True)
        sys.exit(2)
    for problem in publish_files(settings.knowledge_dir, settings.state_dir):
        print(f"pmpo: knowledge: {problem}", file=sys.stderr, flush=True)


M_ARENA_MAX = -8  # glibc mallopt() parameter


def post_fork(server: object, worker: object) -> None:
    # At most 2 glibc malloc arenas per worker (as MALLOC_ARENA_MAX=2 would; an explicit
    # MALLOC_ARENA_MAX wins). With the default (8 per core) the worker's threads spread over many
    # arenas, whose freed memory glibc keeps: under bench.stress resident memory grew ~3.5
    # MiB/min with Python's and SQLite's memory flat, all of it free space in the arenas.
    if "MALLOC_ARENA_MAX" in os.environ or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to tune
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)
