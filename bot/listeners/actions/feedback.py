"""Helpful / Not helpful clicks: record the vote, then thank the voter quietly.

Where the thanks goes depends on where the answer is: an ephemeral `/pmpo` reply is redrawn
(through its response_url) with "Thanks" instead of the buttons; a DM answer is updated in
place (the voter is the only person in it); a channel answer stays as it is for everyone
else, and the voter alone gets an ephemeral "Thanks". The thanks carries one button to
change the vote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.answering import answer_value
from bot.grammar import parse
from bot.listeners import replies
from bot.listeners.feedback import parse_value
from bot.listeners.shared import USER_ID, Deps
from bot.render import blocks


def vote_listener(deps: Deps, helpful: bool) -> Callable[..., None]:
    def handle_vote(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        raw = str(action.get("value") or "")
        fields = parse_value(raw)
        user_id = (body.get("user") or {}).get("id", "")
        if fields is None or not USER_ID.match(user_id):
            logger.warning("vote ignored: not a pmpo vote value (user=%s)", user_id)
            return
        kept = deps.gaplog is not None and deps.gaplog.vote(
            answer_key=fields["k"],
            user_id=user_id,
            helpful=helpful,
            entry_id=fields["e"],
            question=parse(fields["t"]).arg or fields["t"],  # the question, not `ask `/`owns `
            surface=fields["s"],
            matched=fields["m"],
        )
        logger.info("vote user=%s entry=%s helpful=%s kept=%s", user_id, fields["e"], helpful, kept)
        thank(deps, client, body, fields, raw, helpful, logger)

    return handle_vote


def thank(
    deps: Deps,
    client: WebClient,
    body: dict[str, Any],
    fields: dict[str, str],
    raw: str,
    helpful: bool,
    logger: logging.Logger,
) -> None:
    user_id = body["user"]["id"]
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    message = body.get("message") or {}
    if fields["s"] == "command":
        result = answer_value(deps.index(), fields["t"])
        redrawn = blocks.render(
            result, share_value=fields["t"], more_value=fields["t"], feedback=raw, voted=helpful
        )
        reply = {"response_type": "ephemeral", "replace_original": True, **redrawn}
        replies.send(
            client, body.get("response_url"), reply, user_id=user_id, what="vote", logger=logger
        )
    elif fields["s"] == "dm" and message.get("ts") and channel:
        kept = [b for b in message.get("blocks") or [] if b.get("block_id") != "pmpo_feedback"]
        kept.append(blocks.feedback_actions(raw, helpful))
        client.chat_update(channel=channel, ts=message["ts"], blocks=kept, text=message.get("text"))
    else:  # a channel answer, or the voter's own thanks from an earlier click
        thanks = {
            "text": "Thanks for the feedback.",
            "blocks": [blocks.feedback_actions(raw, helpful)],
        }
        if container.get("is_ephemeral") and body.get("response_url"):
            reply = {"response_type": "ephemeral", "replace_original": True, **thanks}
            replies.send(
                client, body.get("response_url"), reply, user_id=user_id, what="vote", logger=logger
            )
        elif channel:
            thread = message.get("thread_ts")
            client.chat_postEphemeral(channel=channel, user=user_id, thread_ts=thread, **thanks)
