"""Answers that go back through a `response_url` (reload reports, shared answers, fallbacks).

Bolt's `respond()` retries only dropped connections and reports a 429 or 500 from Slack by
returning it, not raising: the answer would vanish without a word in the log. `send` retries
the way the Web API client does and says whether the answer arrived; when it did not, the
person gets a short apology by DM and the log one line.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.listeners.retry import quiet_sdk_logger, retry_handlers
from bot.listeners.shared import USER_ID

_SDK_LOG = quiet_sdk_logger()

NOT_DELIVERED = (
    "Sorry, Slack did not accept my answer just now ({problem}). Please try again in a minute."
)


def post(url: str, message: dict[str, Any], timeout: float = 10.0) -> str:
    """Post `message` to `url`; '' when Slack took it, else a short reason."""
    client = WebhookClient(
        url=url, timeout=int(timeout), retry_handlers=retry_handlers(), logger=_SDK_LOG
    )
    try:
        response = client.send_dict(message)
    except Exception as exc:  # noqa: BLE001 - timeouts, refused connections, DNS
        return type(exc).__name__
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    body = (response.body or "").strip()
    if body.startswith("{"):  # Slack answers "ok"; a JSON body is an error report
        try:
            error = json.loads(body)
        except ValueError:
            return ""
        if isinstance(error, dict) and error.get("ok") is False:
            return str(error.get("error") or "not ok")[:60]
    return ""


def send(
    client: WebClient,
    url: str | None,
    message: dict[str, Any],
    *,
    user_id: str,
    what: str,
    logger: logging.Logger,
) -> bool:
    """`post`, and on failure an apology by DM; one log line either way it goes wrong."""
    problem = post(url, message, float(client.timeout)) if url else "no response_url"
    if not problem:
        return True
    told = "no"
    if USER_ID.match(user_id or ""):
        try:
            client.chat_postMessage(channel=user_id, text=NOT_DELIVERED.format(problem=problem))
            told = "by DM"
        except Exception as exc:  # noqa: BLE001 - Slack is having a bad minute
            told = f"no ({type(exc).__name__})"
    logger.error(
        "%s: answer not delivered to response_url (%s); user told: %s", what, problem, told
    )
    return False
