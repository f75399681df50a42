"""`@pmpo` mentions (answered in their thread) and direct messages (answered in the DM).

Never answers a bot (itself included), answers each message once however often Slack
delivers it, and acknowledges every other subscribed event so Slack never sees a 404.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.answering import answer_text
from bot.listeners.feedback import value_for
from bot.listeners.shared import Deps, from_a_bot, strip_bot_mention
from bot.render import blocks
from bot.safety import from_slack


def register(app: App, deps: Deps) -> None:
    # ack at once (Bolt acks events itself); the answer is posted after, by the lazy function
    app.event("app_mention")(ack=_ack_only, lazy=[mention_listener(deps)])
    app.event("message")(ack=_ack_only, lazy=[message_listener(deps)])  # every subtype
    app.event(re.compile(r".*"))(acknowledge_only)


def mention_listener(deps: Deps) -> Callable[..., None]:
    def handle_mention(
        event: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        logger: logging.Logger,
    ) -> None:
        if from_a_bot(event, context.bot_user_id) or event.get("subtype"):
            return
        if not _first_time(deps, event, body, logger):
            return
        thread_ts = event.get("thread_ts") or event.get("ts")
        _reply(deps, client, context, event, thread_ts, logger, "mention")

    return handle_mention


def message_listener(deps: Deps) -> Callable[..., None]:
    def handle_message(
        event: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        logger: logging.Logger,
    ) -> None:
        if event.get("channel_type") != "im":
            return  # channel messages reach pmpo as app_mention
        if event.get("subtype") or from_a_bot(event, context.bot_user_id):
            return  # edits, deletions, joins, bots (pmpo itself included)
        if not _first_time(deps, event, body, logger):
            return
        _reply(deps, client, context, event, event.get("thread_ts"), logger, "dm")

    return handle_message


def _ack_only(ack: Ack) -> None:
    ack()


def acknowledge_only(event: dict[str, Any], logger: logging.Logger) -> None:
    logger.debug("event %s acknowledged, nothing to do", event.get("type"))


def _first_time(
    deps: Deps, event: dict[str, Any], body: dict[str, Any], logger: logging.Logger
) -> bool:
    # The message (channel + ts) is the key: a Slack retry and an app_mention/message pair
    # for the same message share it. event_id is the fallback.
    if event.get("channel") and event.get("ts"):
        key = f"msg:{event['channel']}:{event['ts']}"
    else:
        key = f"evt:{body.get('event_id', '')}"
    if deps.dedup.first_time(key):
        return True
    logger.info("duplicate delivery of %s ignored (event_id=%s)", key, body.get("event_id"))
    return False


def _reply(
    deps: Deps,
    client: WebClient,
    context: BoltContext,
    event: dict[str, Any],
    thread_ts: str | None,
    logger: logging.Logger,
    surface: str,
) -> None:
    text = strip_bot_mention(from_slack(event.get("text")), context.bot_user_id)
    result = answer_text(deps.index(), text)
    logger.info(
        "%s channel=%s user=%s chars=%d kind=%s answered=%s",
        surface,
        event.get("channel"),
        event.get("user"),
        len(text),
        result.kind,
        result.answered,
    )
    message = blocks.render(
        result,
        more_value=text,
        feedback=value_for(result, text, surface),
        asked=deps.pick_asked(result, text, surface),
    )
    client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, **message)
    if deps.gaplog is not None:
        deps.gaplog.asked(result, text, surface)
