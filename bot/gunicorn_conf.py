"""Gunicorn settings for `web:` (HTTP mode).

    gunicorn -c bot/gunicorn_conf.py 'bot.web:create_wsgi_app()'

Threads rather than processes do most of the work (answers take milliseconds; Slack calls
wait on the network). Settings are checked in the master before any worker starts, so a
missing variable is one line, not a traceback per worker. No access log: it would hold
nothing useful, and request bodies are never logged.
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
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
threads = int(os.environ.get("PMPO_THREADS") or 8)
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = (os.environ.get("LOG_LEVEL") or "info").lower()
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Gunicorn 24+ opens a control socket at ~/.gunicorn/gunicorn.ctl by default: a file in the
# home directory of whoever runs the bot, for a feature pmpo does not use.
control_socket_disable = True


def on_starting(server: object) -> None:
    from bot.config import ConfigError, Settings

    try:
        Settings.from_env(mode="http")
    except ConfigError as exc:
        print(f"pmpo: {exc}", file=sys.stderr, flush=True)
        sys.exit(2)


M_ARENA_MAX = -8  # glibc mallopt() parameter


def post_fork(server: object, worker: object) -> None:
    # At most 2 glibc malloc arenas per worker (as MALLOC_ARENA_MAX=2 would; an explicit
    # MALLOC_ARENA_MAX wins). With the default (8 per core) the 24 threads spread over many
    # arenas, whose freed memory glibc keeps: under bench.stress resident memory grew ~3.5
    # MiB/min with Python's and SQLite's memory flat, all of it free space in the arenas.
    if "MALLOC_ARENA_MAX" in os.environ or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to tune
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)
