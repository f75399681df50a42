"""The App Home tab: published on `app_home_opened`, its example buttons answered in the
user's DM, and for admins (the same check as `/pmpo reload`) the Reload button and the gap
report, whose Suggest YAML buttons answer by DM (`actions.gap_yaml`)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.answering import answer_value
from bot.db.gaplog import Unavailable
from bot.kb import reload_note
from bot.listeners.commands import reload_message
from bot.listeners.feedback import value_for
from bot.listeners.shared import USER_ID, Deps, ack_only, clicked, is_admin
from bot.render import blocks, gaps, home

ASK = re.compile(rf"^{re.escape(home.ASK_ACTION_PREFIX)}\d$")


def register(app: App, deps: Deps) -> None:
    # ack at once; publishing, answering and reloading call Slack after the ack (lazy)
    app.event("app_home_opened")(ack=ack_only, lazy=[home_opened(deps)])
    app.action(ASK)(ack=ack_only, lazy=[example_clicked(deps)])
    app.action(home.RELOAD_ACTION_ID)(ack=ack_only, lazy=[reload_clicked(deps)])


def home_opened(deps: Deps) -> Callable[..., None]:
    def handle_home_opened(
        event: dict[str, Any], client: WebClient, logger: logging.Logger
    ) -> None:
        if event.get("tab", "home") != "home":
            return  # the Messages tab needs nothing from us
        user_id = event.get("user", "")
        if USER_ID.match(user_id):
            publish(deps, client, user_id, logger)

    return handle_home_opened


def publish(
    deps: Deps, client: WebClient, user_id: str, logger: logging.Logger, report: str = ""
) -> None:
    """The member's view, or the admin's (figures, last reload, Reload button)."""
    kb = deps.store.current().kb
    admin = None
    if is_admin(deps, client, user_id, logger):
        admin = home.AdminInfo(
            entries=len(kb.entries),
            sources=len(kb.sources),
            files=len(kb.files),
            last_reload=reload_note.describe(reload_note.read(deps.store.state_dir)),
            report=report,
        )
    gaps = admin_gaps(deps) if admin is not None else []
    client.views_publish(user_id=user_id, view=home.build(kb, admin, gaps))
    logger.info("home published user=%s admin=%s", user_id, admin is not None)


def admin_gaps(deps: Deps) -> list[dict[str, Any]]:
    """The gap report for the admin's Home tab; a one-line reason when there is none."""
    if deps.gaplog is None:
        return gaps.home_blocks(None, "The gap log is off: the database could not be set up.")
    try:
        return gaps.home_blocks(deps.gaplog.report())
    except Unavailable as exc:
        return gaps.home_blocks(None, f"Gap report unavailable: {exc}.")


def example_clicked(deps: Deps) -> Callable[..., None]:
    def handle_example(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        text, user_id = clicked(action, body)
        if not USER_ID.match(user_id):
            return
        result = answer_value(deps.index(), text)
        logger.info("home example user=%s kind=%s", user_id, result.kind)
        # channel=<user id> posts in the app's DM with that person
        message = blocks.render(result, more_value=text, feedback=value_for(result, text, "dm"))
        client.chat_postMessage(channel=user_id, **message)

    return handle_example


def reload_clicked(deps: Deps) -> Callable[..., None]:
    def handle_reload(body: dict[str, Any], client: WebClient, logger: logging.Logger) -> None:
        user_id = (body.get("user") or {}).get("id", "")
        if not USER_ID.match(user_id):
            return
        message = reload_message(deps, client, user_id, logger)  # refuses non-admins
        outcome = message.get("text", "").splitlines()
        report = " ".join(outcome[:2])
        publish(deps, client, user_id, logger, report=report)

    return handle_reload
