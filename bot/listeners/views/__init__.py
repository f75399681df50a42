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
    app.view(modal.CALLBACK_ID)(advisor_submission(deps))
    app.view(re.compile(r".*"))(acknowledge_view)


def advisor_submission(deps: Deps) -> Callable[..., None]:
    def handle_advisor_submission(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        values = (view.get("state") or {}).get("values") or {}
        facts, errors = modal.read_submission(values)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        user_id = (body.get("user") or {}).get("id", "")
        if not USER_ID.match(user_id):
            return
        result = advisor.advise(deps.store.current().kb, facts)
        logger.info(
            "advisor modal user=%s chars=%d answered=%s", user_id, len(facts), result.answered
        )
        message = blocks.render(result, more_value=f"advise {facts}")
        client.chat_postMessage(channel=user_id, **message)

    return handle_advisor_submission


def acknowledge_view(ack: Ack) -> None:
    ack()
