"""Buttons. "Share in channel" re-answers the original question from the current knowledge
base and posts it for everyone through the command's response_url; the vote buttons are in
`feedback.py`, the gap report's "Suggest YAML" in `gap_yaml.py`."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.answering import answer_value
from bot.listeners import replies
from bot.listeners.actions import in_place
from bot.listeners.actions.advisor_form import form_listener
from bot.listeners.actions.feedback import vote_listener
from bot.listeners.actions.gap_yaml import gap_yaml_listener
from bot.listeners.feedback import value_for
from bot.listeners.shared import USER_ID, Deps, ack_only, clicked
from bot.render import blocks
from bot.render.gaps import YAML_ACTION_ID


def register(app: App, deps: Deps) -> None:
    app.action(blocks.SHARE_ACTION_ID)(ack=acknowledge_action, lazy=[share_listener(deps)])
    in_place.register(app, deps)
    app.action(blocks.FORM_ACTION_ID)(ack=ack_only, lazy=[form_listener()])
    # votes and snippets call Slack (and the database): acked at once, answered lazily
    app.action(blocks.HELPFUL_ACTION_ID)(ack=ack_only, lazy=[vote_listener(deps, helpful=True)])
    app.action(blocks.UNHELPFUL_ACTION_ID)(ack=ack_only, lazy=[vote_listener(deps, helpful=False)])
    app.action(re.compile(rf"^{YAML_ACTION_ID}_\d+$"))(ack=ack_only, lazy=[gap_yaml_listener(deps)])
    app.action(re.compile(r".*"))(acknowledge_action)


def share_listener(deps: Deps) -> Callable[..., None]:
    def handle_share(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        text, user_id = clicked(action, body)
        result = answer_value(deps.index(), text)
        note = f"Shared by <@{user_id}>" if USER_ID.match(user_id) else ""
        logger.info("share user=%s chars=%d kind=%s", user_id, len(text), result.kind)
        message = {
            "response_type": "in_channel",
            "replace_original": False,
            **blocks.render(
                result, note=note, more_value=text, feedback=value_for(result, text, "mention")
            ),
        }
        replies.send(
            client, body.get("response_url"), message, user_id=user_id, what="share", logger=logger
        )

    return handle_share


def acknowledge_action(ack: Ack) -> None:
    ack()
