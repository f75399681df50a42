"""The advisor modal's submission: check the form, then answer where the form was opened.

A form opened from **Open the team form** replaces the message that carried the button (the
thread keeps one answer, now with the verdict); one opened by `/pmpo advise`, or whose
message Slack will not let us replace, answers in the user's DM, so the advice is never lost.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import advisor
from bot.advisor import modal
from bot.answer import Answer
from bot.listeners import replies
from bot.listeners.feedback import surface_at, value_for
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
        typed = f"advise {facts}"
        place = _opened_from(view)
        # an ephemeral answer is found again by its response_url alone (chat.update can't)
        here = surface_at(place.get("channel", ""), "ts" not in place and "response_url" in place)
        if not replaced_in_place(client, place, _message(result, typed, here), logger):
            client.chat_postMessage(channel=user_id, **_message(result, typed, "dm"))

    return handle_advisor_submission


def replaced_in_place(
    client: WebClient, place: dict[str, str], message: dict[str, Any], logger: logging.Logger
) -> bool:
    """Put the advice where the form's button was; False when there is no such message or
    Slack refuses (deleted, too old, a response_url past its 30 minutes)."""
    channel, ts, url = place.get("channel"), place.get("ts"), place.get("response_url")
    if channel and ts:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
            return True
        except Exception as exc:  # noqa: BLE001 - the DM below still delivers the advice
            logger.warning("advisor form: chat.update failed (%s); answering by DM", exc)
    if url:
        problem = replies.post(url, {"replace_original": True, **message}, float(client.timeout))
        if not problem:
            return True
        logger.warning("advisor form: response_url refused (%s); answering by DM", problem)
    return False


def _message(result: Answer, typed: str, surface: str) -> dict[str, Any]:
    """The advice as any other advice is shown where it lands: *More detail*, the vote
    buttons, and on an ephemeral answer *Share in channel*."""
    return blocks.render(
        result,
        more_value=typed,
        share_value=typed if surface == "command" and result.answered else None,
        feedback=value_for(result, typed, surface),
    )


def _opened_from(view: dict[str, Any]) -> dict[str, str]:
    """The modal's private metadata (set by `advisor_form.open_form`); only string fields."""
    try:
        place = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    if not isinstance(place, dict):
        return {}
    return {k: v for k, v in place.items() if isinstance(k, str) and isinstance(v, str) and v}


def _values(view: dict[str, Any]) -> dict[str, Any]:
    return (view.get("state") or {}).get("values") or {}


def acknowledge_view(ack: Ack) -> None:
    ack()
