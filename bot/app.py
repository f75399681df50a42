"""The Bolt app factory: one `App` for HTTP mode and Socket Mode alike.

`create_app(settings, store)` builds the Web API client (pointed at `SLACK_API_URL`, with
bounded retries for 429s, 5xx and dropped connections), the `App` (every HTTP request
signature-checked), the global error handler, and the listeners.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.db.gaplog import GapLog
from bot.kb.store import KnowledgeStore
from bot.listeners import register_listeners
from bot.listeners.dedup import EventDedup
from bot.listeners.identity import BotIdentity
from bot.listeners.lazy import LazyRunner, ReplyPool
from bot.listeners.replies import post as post_to_response_url
from bot.listeners.retry import (  # noqa: F401 - re-exported, bot.app is where people look
    MAX_RETRY_AFTER,
    BoundedRateLimitRetryHandler,
    quiet_sdk_logger,
    retry_handlers,
)
from bot.listeners.shared import APOLOGY
from bot.safety import redact

log = logging.getLogger("pmpo.app")

REPLY_THREADS = 32  # Slack calls in flight per process; each waits at most http_timeout
REPLY_QUEUE = 1024  # replies waiting for a thread; past that a reply is dropped and logged


def create_web_client(settings: Settings) -> WebClient:
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=int(settings.http_timeout),
        retry_handlers=retry_handlers(),
        logger=quiet_sdk_logger(),
    )


class _DropClientTokenWarning(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN (read from env) is unused because we pass `client` and
    `authorize`, which carry that same token; the warning is noise on every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "`token` will be unused" not in message and "will be ignored" not in message


def create_app(
    settings: Settings,
    store: KnowledgeStore,
    *,
    dedup: EventDedup | None = None,
    gaplog: GapLog | None = None,
) -> App:
    bolt_logger = logging.getLogger("pmpo.bolt")
    if not any(isinstance(f, _DropClientTokenWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_DropClientTokenWarning())
    pool = ReplyPool(workers=REPLY_THREADS, queue=REPLY_QUEUE)
    client = create_web_client(settings)
    app = App(
        name="pmpo",
        client=client,
        signing_secret=settings.signing_secret,
        request_verification_enabled=True,
        # auth.test (who the bot is) is asked in the background, never inside a request, so
        # a worker boots and acks while Slack is slow or unreachable; `pmpo run` checks the
        # token up front.
        authorize=BotIdentity(client).learn().authorizer(),
        process_before_response=True,
        listener_executor=pool,
        logger=bolt_logger,
    )
    app.listener_runner.lazy_listener_runner = LazyRunner(pool, handle_error, bolt_logger)
    app.error(handle_error)
    register_listeners(app, store, settings, dedup, gaplog)
    return app


def handle_error(
    error: Exception,
    body: dict[str, Any],
    client: WebClient,
    response: BoltResponse | None,
    logger: logging.Logger,
) -> BoltResponse | None:
    """Log once with a request id, and tell the person, where they asked."""
    rid = uuid.uuid4().hex[:10]
    apology = APOLOGY.format(rid=rid)
    kind = body.get("type") or ("slash_command" if body.get("command") else "unknown")
    told = "no"
    reply: BoltResponse | None = None
    try:
        if body.get("command") and response is not None:
            reply = _json_response({"response_type": "ephemeral", "text": apology})
            told = "in the ack"
        elif body.get("response_url") or body.get("command"):
            told = _post_to_response_url(client, body.get("response_url"), apology)
        elif body.get("type") == "event_callback":
            event = body.get("event") or {}
            if event.get("channel") and not event.get("bot_id"):
                in_dm = event.get("channel_type") == "im"
                thread = event.get("thread_ts") or (None if in_dm else event.get("ts"))
                client.chat_postMessage(channel=event["channel"], thread_ts=thread, text=apology)
                told = "in the thread" if thread else "in the DM"
        elif body.get("type") == "view_submission":
            user_id = (body.get("user") or {}).get("id")
            if response is not None:
                reply = _json_response({"response_action": "clear"})
            if user_id:
                client.chat_postMessage(channel=user_id, text=apology)
                told = "by DM"
        else:
            url = _first_response_url(body)
            if url:
                told = _post_to_response_url(client, url, apology)
    except Exception as exc:  # noqa: BLE001 - telling the user is best effort
        told = f"no ({type(exc).__name__})"
    detail = " ".join(redact(str(error)).split())[:300]  # one line, whatever the error says
    expected = isinstance(error, SlackApiError | OSError)
    logger.error(
        "error rid=%s kind=%s %s: %s (user told: %s)",
        rid,
        kind,
        type(error).__name__,
        detail,
        told,
        exc_info=None if expected else error,
    )
    return reply


def _json_response(payload: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200,
        body=json.dumps(payload),
        headers={"content-type": "application/json;charset=utf-8"},
    )


def _first_response_url(body: dict[str, Any]) -> str | None:
    urls = body.get("response_urls") or []
    return urls[0].get("response_url") if urls else None


def _post_to_response_url(client: WebClient, url: str | None, text: str) -> str:
    """'via response_url' when the apology arrived, else why not."""
    if not url:
        return "no (no response_url)"
    message = {"response_type": "ephemeral", "replace_original": False, "text": text}
    problem = post_to_response_url(url, message, float(client.timeout))
    return f"no ({problem})" if problem else "via response_url"
