"""Wires every Slack surface to the shared grammar and answers, one package per surface."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from slack_bolt import App

from bot.config import Settings
from bot.db.engine import Database
from bot.db.gaplog import GapLog
from bot.kb.store import KnowledgeStore
from bot.listeners import actions, commands, events, home, views
from bot.listeners.dedup import EventDedup
from bot.listeners.shared import Deps, FirstTime

log = logging.getLogger("pmpo.app")


def register_listeners(
    app: App,
    store: KnowledgeStore,
    settings: Settings,
    dedup: EventDedup | None = None,
    gaplog: GapLog | None = None,
) -> Deps:
    gaplog = gaplog or open_gaplog(store.state_dir, open_database(store.state_dir))
    local = dedup or EventDedup(store.state_dir / "events.sqlite3")
    deps = Deps(store, settings, shared_dedup(gaplog, local) if dedup is None else local, gaplog)
    commands.register(app, deps)
    home.register(app, deps)  # before the catch-alls in events and actions
    events.register(app, deps)
    actions.register(app, deps)
    views.register(app, deps)
    return deps


def shared_dedup(gaplog: GapLog | None, local: EventDedup) -> FirstTime:
    """On PostgreSQL every host checks the one table of answered events (a Slack retry may
    reach another host); on SQLite this host's own filter already covers its processes."""
    if gaplog is not None and gaplog.db.shared:
        from bot.db.events import SharedEventDedup

        return SharedEventDedup(gaplog.db, local)
    return local


def open_database(state_dir: Path) -> Database | None:
    """DATABASE_URL or SQLite in the state directory. Nothing connects yet, so a database
    that is down at start-up costs nothing here; a setup error (a driver missing) turns the
    database features off with one line, and answers go on."""
    try:
        return Database.from_env(state_dir)
    except Exception as exc:  # noqa: BLE001
        log.error("database off: could not set it up (%s: %s)", type(exc).__name__, exc)
        return None


def open_gaplog(state_dir: Path, db: Database | None) -> GapLog | None:
    if db is None:
        return None
    gaplog = GapLog.from_env(state_dir, db=db)
    if db.shared and not os.environ.get("PMPO_VOTE_SALT"):
        log.warning(
            "DATABASE_URL is PostgreSQL but PMPO_VOTE_SALT is unset: hosts with different "
            "state directories will not recognise each other's votes; set it on every host"
        )
    gaplog.recorder.start()  # expiry runs hourly even when nobody asks anything
    return gaplog
