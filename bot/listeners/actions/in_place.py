"""Buttons that change the answer they sit on: **More detail** (the whole answer) and the
"Did you mean…" / closest-topic choices (the chosen answer, short).

Either way the clicked message is replaced in place, never followed by a second one: an
ephemeral `/pmpo` answer through its `response_url` (`replace_original`), a message pmpo
posted in a thread or DM through `chat.update`, with the `response_url` as the fallback when
Slack refuses the update.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.answer import ADVISOR_CHOICE, entry_ref, read_advice_ref, read_entry_ref
from bot.answering import answer_value, none_fit_answer
from bot.listeners import replies
from bot.listeners.feedback import surface_of, value_for
from bot.listeners.shared import Deps, ack_only, clicked, clicked_channel, clicked_message_ts
from bot.render import blocks

PICK = re.compile(rf"^{re.escape(blocks.PICK_ACTION_PREFIX)}\d$")


def register(app: App, deps: Deps) -> None:
    # ack at once; the new answer replaces the message after the ack (a lazy listener), so
    # a slow Slack never delays the ack
    app.action(blocks.MORE_ACTION_ID)(ack=ack_only, lazy=[in_place_listener(deps, full=True)])
    app.action(PICK)(ack=ack_only, lazy=[in_place_listener(deps, full=False)])
    app.action(blocks.NONE_ACTION_ID)(ack=ack_only, lazy=[none_fit_listener(deps)])


def in_place_listener(deps: Deps, *, full: bool) -> Callable[..., None]:
    what = "more" if full else "pick"

    def handle_in_place(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        text, user_id = clicked(action, body)
        container = body.get("container") or {}
        ephemeral = bool(container.get("is_ephemeral"))
        result = answer_value(deps.index(), text)
        ref = read_entry_ref(text)
        if ref is not None:
            entry_id, asked = ref
            if not full and asked and result.answered and deps.gaplog is not None:
                deps.gaplog.picked(entry_id, asked, surface_of(body))
            text = entry_ref(entry_id)  # the buttons below name the entry, nothing more
        elif not full and result.kind == "advice" and deps.gaplog is not None:
            # the story wanted the advisor, not an entry: the gap report must not suggest
            # filing it under the first choice offered
            story = read_advice_ref(text)
            if story:
                deps.gaplog.picked(ADVISOR_CHOICE, story, surface_of(body))
        logger.info(
            "%s user=%s chars=%d kind=%s answered=%s",
            what,
            user_id,
            len(text),
            result.kind,
            result.answered,
        )
        share = text if ephemeral and result.answered and result.kind != "help" else None
        message = blocks.render(
            result,
            full=full,
            share_value=share,
            more_value=None if full else text,
            feedback=value_for(result, text, surface_of(body)),
        )
        replace_message(client, body, message, ephemeral=ephemeral, what=what, logger=logger)

    return handle_in_place


def none_fit_listener(deps: Deps) -> Callable[..., None]:
    def handle_none_fit(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        asked, user_id = clicked(action, body)
        surface = surface_of(body)
        log = deps.gaplog
        noted = asked != blocks.NOTHING_ASKED and log is not None and log.none_fit(asked, surface)
        logger.info("none fit user=%s noted=%s", user_id, noted)
        ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))
        message = blocks.render(none_fit_answer(noted))
        replace_message(client, body, message, ephemeral=ephemeral, what="none fit", logger=logger)

    return handle_none_fit


def replace_message(
    client: WebClient,
    body: dict[str, Any],
    message: dict[str, Any],
    *,
    ephemeral: bool,
    what: str,
    logger: logging.Logger,
) -> None:
    channel = clicked_channel(body)
    ts = clicked_message_ts(body)
    user_id = (body.get("user") or {}).get("id", "")
    if not ephemeral and channel and ts:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
            return
        except Exception as exc:  # noqa: BLE001 - not ours to update, or Slack is down
            logger.warning("%s: chat.update failed (%s); using response_url", what, exc)
    replies.send(
        client,
        body.get("response_url"),
        {"replace_original": True, **message},
        user_id=user_id,
        what=what,
        logger=logger,
    )
