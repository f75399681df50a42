"""The advisor modal's submission: check the form, then send the advice to the user's DM."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import advisor
from bot.advisor import modal
from bot.listeners.shared import USER_ID, Deps
from bot.render import blocks


def register(app: App, deps: Deps) -> None:
    app.view(modal.CALLBACK_ID)(ack=check_advisor_form, lazy=[advisor_submission(deps)])
    app.view(re.compile(r".*"))(acknowledge_view)


def check_advisor_form(ack: Ack, view: dict[str, Any]) -> None:
    """Invalid fields go back to the modal in the ack; valid ones close it."""
    _, errors = modal.read_submission(_values(view))
    if errors:
        ack(response_action="errors", errors=errors)
    else:
        ack()


def advisor_submission(deps: Deps) -> Callable[..., None]:
    def handle_advisor_submission(
        body: dict[str, Any],
        view: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        facts, errors = modal.read_submission(_values(view))
        user_id = (body.get("user") or {}).get("id", "")
        if errors or not USER_ID.match(user_id):
            return
        result = advisor.advise(deps.store.current().kb, facts)
        logger.info(
            "advisor modal user=%s chars=%d answered=%s", user_id, len(facts), result.answered
        )
        message = blocks.render(result, more_value=f"advise {facts}")
        client.chat_postMessage(channel=user_id, **message)

    return handle_advisor_submission


def _values(view: dict[str, Any]) -> dict[str, Any]:
    return (view.get("state") or {}).get("values") or {}


def acknowledge_view(ack: Ack) -> None:
    ack()
