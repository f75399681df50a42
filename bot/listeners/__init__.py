"""Wires every Slack surface to the shared grammar and answers, one package per surface."""

from __future__ import annotations

from slack_bolt import App

from bot.config import Settings
from bot.kb.store import KnowledgeStore
from bot.listeners import actions, commands, events, home, views
from bot.listeners.dedup import EventDedup
from bot.listeners.shared import Deps


def register_listeners(
    app: App, store: KnowledgeStore, settings: Settings, dedup: EventDedup | None = None
) -> Deps:
    deps = Deps(store, settings, dedup or EventDedup(store.state_dir / "events.sqlite3"))
    commands.register(app, deps)
    home.register(app, deps)  # before the catch-alls in events and actions
    events.register(app, deps)
    actions.register(app, deps)
    views.register(app, deps)
    return deps
