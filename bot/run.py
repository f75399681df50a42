"""`pmpo run` / `make run`: start the bot the way the settings ask.

- No Slack settings at all: say how to connect to Slack, then start the offline console.
- `SLACK_APP_TOKEN` set: Socket Mode, one process, no public URL.
- Otherwise: HTTP mode under gunicorn on `$PORT` (`bot.web`).

A missing or malformed setting prints one line and exits 2.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from dotenv import load_dotenv

from bot.config import ConfigError, Settings, has_slack_settings
from bot.kbdir import DEFAULT_KB
from bot.startup_checks import mode_mismatch, network_problem, refused_error

log = logging.getLogger("pmpo.run")

CONNECT_HINT = (
    "pmpo: no Slack settings (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN), so this "
    "is the offline console. To connect to Slack, follow README → “Connect to Slack”: create "
    "the app from manifest.yml, then copy .env.example to .env and fill in the tokens."
)


def main(directory: str | os.PathLike[str] | None = None) -> int:
    load_dotenv(Path.cwd() / ".env", override=False)
    directory = Path(directory) if directory else None
    if (directory is None or directory == DEFAULT_KB) and os.environ.get("PMPO_KNOWLEDGE_DIR"):
        directory = Path(os.environ["PMPO_KNOWLEDGE_DIR"])
    directory = directory or DEFAULT_KB
    if not has_slack_settings():
        print(CONNECT_HINT, file=sys.stderr, flush=True)
        return offline_console(directory)
    try:
        settings = Settings.from_env(knowledge_dir=directory)
    except ConfigError as exc:
        print(f"pmpo: {exc}", file=sys.stderr)
        return 2
    from bot.safety import setup_logging

    setup_logging(settings.log_level, settings.secrets)
    problem = check_token(settings)
    if problem:
        print(f"pmpo: {problem}", file=sys.stderr)
        return 2
    mismatch = mode_mismatch(settings.socket_mode)
    if mismatch:
        print(f"pmpo: {mismatch}", file=sys.stderr, flush=True)
    if settings.socket_mode:
        return run_socket_mode(settings)
    return exec_web(settings)


def offline_console(directory: Path) -> int:
    from bot.console import console
    from bot.kb.loader import load_dir
    from bot.matcher import Index

    result = load_dir(directory)
    if result.kb is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"pmpo: the knowledge base in {directory} did not load", file=sys.stderr)
        return 1
    return console(Index(result.kb), sys.stdin, sys.stdout)


def check_token(settings: Settings) -> str:
    """auth.test once at start-up: a revoked or mistyped token is one clear line. Slack being
    unreachable is only a warning: the bot retries on its first request."""
    from slack_sdk import WebClient

    client = WebClient(token=settings.bot_token, base_url=settings.api_url, timeout=5)
    try:
        client.auth_test()
    except Exception as exc:  # noqa: BLE001 - refused token or network: told apart below
        error = refused_error(exc)
        if error:
            return (
                f"SLACK_BOT_TOKEN was refused by Slack ({error}): copy the current Bot User "
                "OAuth Token from api.slack.com/apps → your app → OAuth & Permissions, into .env"
            )
        print(
            f"pmpo: warning: could not check SLACK_BOT_TOKEN, a network problem reaching "
            f"{settings.api_url} ({network_problem(exc)}), not a refused token; starting anyway",
            file=sys.stderr,
            flush=True,
        )
    return ""


def run_socket_mode(settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import create_app
    from bot.config import default_state_dir
    from bot.db.signal import SharedReloadSignal
    from bot.kb.store import KnowledgeStore
    from bot.listeners import open_database, open_gaplog

    state_dir = Path(settings.state_dir or default_state_dir(settings.knowledge_dir))
    db = open_database(state_dir)
    shared = SharedReloadSignal(state_dir, db) if db is not None and db.shared else None
    store = KnowledgeStore(settings.knowledge_dir, state_dir, signal=shared)
    store.watch()
    gaplog = open_gaplog(state_dir, db)
    app = create_app(settings, store, gaplog=gaplog)
    handler = SocketModeHandler(app, settings.app_token)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        handler.connect()
    except Exception as exc:
        handler.close()
        print(f"pmpo: {socket_mode_problem(exc)}", file=sys.stderr)
        return 2
    log.info(
        "Socket Mode connected; knowledge base %s (%d entries)",
        "loaded" if store.current().loaded else "NOT loaded",
        len(store.current().kb.entries),
    )
    stop.wait()
    log.info("stopping: finishing in-flight requests")
    handler.close()
    app.listener_runner.listener_executor.shutdown(wait=True)
    if gaplog is not None:
        gaplog.close()  # write what waits, or keep it in the state directory
    return 0


def socket_mode_problem(exc: Exception) -> str:
    error = refused_error(exc)
    if error:
        return (
            f"Socket Mode: Slack refused SLACK_APP_TOKEN ({error}): create an app-level token "
            "with connections:write in api.slack.com/apps → your app → Basic Information → "
            "App-Level Tokens, and turn Socket Mode on"
        )
    return f"Socket Mode: could not connect to Slack ({network_problem(exc)}); check the network"


def exec_web(settings: Settings) -> int:
    conf = Path(__file__).with_name("gunicorn_conf.py")
    os.environ["PMPO_KNOWLEDGE_DIR"] = str(settings.knowledge_dir)
    os.environ["PORT"] = str(settings.port)
    argv = [sys.executable, "-m", "gunicorn", "-c", str(conf), "bot.web:create_asgi_app()"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)
    return 0  # not reached


if __name__ == "__main__":
    from bot.kbdir import knowledge_dir

    raise SystemExit(main(knowledge_dir()))
