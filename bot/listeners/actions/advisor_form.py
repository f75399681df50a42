"""**Open the team form** under advice that needs more facts: the advisor's modal, filled in
with the facts the story gave, so the asker adds only what is missing. The modal remembers the
message the button sat on, so the advice replaces it in place (in the thread where the story
was told) rather than arriving somewhere else; `/pmpo advise` has no such message, and its
advice goes to the DM."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.advisor import modal
from bot.listeners import replies
from bot.listeners.shared import clicked, clicked_channel, clicked_message_ts
from bot.render import blocks


def form_listener() -> Callable[..., None]:
    def handle_form(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        value, user_id = clicked(action, body)
        facts = _facts(value)
        if open_form(client, body.get("trigger_id"), _place(body), facts, logger):
            return
        message = blocks.simple(
            "Could not open the form",
            verdict="Slack did not open the form just now. Type the facts instead, e.g. "
            "`/pmpo advise 3 squads, 25 people, backlog 50%`.",
        )
        replies.send(
            client,
            body.get("response_url"),
            {"response_type": "ephemeral", "replace_original": False, **message},
            user_id=user_id,
            what="advisor form",
            logger=logger,
        )

    return handle_form


def open_form(
    client: WebClient,
    trigger_id: str | None,
    place: dict[str, str],
    facts: dict[str, Any],
    logger: logging.Logger,
) -> bool:
    """Open the advisor's modal; False when there is no trigger or Slack refuses. `place`
    (the channel, and the clicked message when there is one) travels in the modal's private
    metadata, which Slack hands back with the submission."""
    if not trigger_id:
        return False
    view = modal.build_view(json.dumps(place), modal.prefill(facts))
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except Exception as exc:  # noqa: BLE001 - the caller offers the typed form instead
        logger.warning("views.open failed (%s)", type(exc).__name__)
        return False
    return True


def _place(body: dict[str, Any]) -> dict[str, str]:
    """Where the clicked message is: its channel and ts, or for an ephemeral message (which
    `chat.update` cannot reach) the click's `response_url`."""
    place = {"channel": clicked_channel(body)}
    if (body.get("container") or {}).get("is_ephemeral"):
        url = body.get("response_url")
        if isinstance(url, str) and url:
            place["response_url"] = url
    elif ts := clicked_message_ts(body):
        place["ts"] = ts
    return place


def _facts(value: str) -> dict[str, Any]:
    """The button's facts; anything else (an old or forged value) fills in nothing."""
    try:
        facts = json.loads(value or "{}")
    except ValueError:
        return {}
    return facts if isinstance(facts, dict) else {}
