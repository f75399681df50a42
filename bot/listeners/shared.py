"""What every listener needs: the knowledge store, the settings, the duplicate filter, the
gap log, and a few Slack-shaped helpers (who is an admin, is this message from a bot)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Protocol

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.config import Settings
from bot.db.gaplog import GapLog
from bot.gaps.text import normalise
from bot.kb.store import KnowledgeStore
from bot.matcher import Index
from bot.safety import from_slack

BUTTON_VALUE = 2000  # Slack's limit on a button's value
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
APOLOGY = "Sorry, something went wrong on my side (ref {rid}). Please try again in a minute."


class FirstTime(Protocol):
    """The duplicate-event filter: `EventDedup` (this host) or `SharedEventDedup` (every
    host, through PostgreSQL)."""

    def first_time(self, key: str | None) -> bool: ...


@dataclass
class Deps:
    store: KnowledgeStore
    settings: Settings
    dedup: FirstTime
    gaplog: GapLog | None = None  # None: the database layer could not even be set up

    def index(self) -> Index:
        return self.store.current().index

    def pick_asked(self, result: Answer, question: str, surface: str) -> str:
        """The question a reply's choice buttons carry, so a click on one can be logged
        (`GapLog.picked`): only for a reply with choices, where the gap log keeps questions
        from this surface."""
        log = self.gaplog
        if result.answered or not result.suggestions or log is None:
            return ""
        return normalise(question) if log.privacy.keeps(surface) else ""


def is_admin(deps: Deps, client: WebClient, user_id: str, logger: logging.Logger) -> bool | None:
    """PMPO_ADMINS, or a workspace admin/owner per users.info. The id comes from the signed
    payload, never from message text. None: Slack could not say (after its retries), so the
    caller apologises instead of calling the person a non-admin."""
    if not USER_ID.match(user_id or ""):
        return False
    if user_id in deps.settings.admins:
        return True
    try:
        user = client.users_info(user=user_id).get("user") or {}
    except SlackApiError as exc:
        logger.warning(
            "admin check: users.info failed for %s (%s)", user_id, exc.response.get("error")
        )
        return None
    except Exception as exc:  # network trouble: refuse, politely, rather than guess
        logger.warning("admin check: users.info failed for %s (%s)", user_id, type(exc).__name__)
        return None
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def ack_only(ack: Ack) -> None:
    """The ack of a listener whose work (calls to Slack) runs after it, as a lazy listener."""
    ack()


def clicked(action: dict[str, Any], body: dict[str, Any]) -> tuple[str, str]:
    """A button click's question (Slack-escaped in the value, read back here) and who
    clicked (from the signed payload)."""
    value = str(action.get("value") or "")[:BUTTON_VALUE]
    return from_slack(value), (body.get("user") or {}).get("id", "")


def clicked_channel(body: dict[str, Any]) -> str:
    """The channel of the message a button sits on ("" on the App Home tab)."""
    container = body.get("container") or {}
    return str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")


def clicked_message_ts(body: dict[str, Any]) -> str:
    """The ts of the message a button sits on ("" when Slack sent none)."""
    container = body.get("container") or {}
    return str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")


def from_a_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype") == "bot_message"
        or (bot_user_id and event.get("user") == bot_user_id)
    )


def strip_bot_mention(text: str, bot_user_id: str | None) -> str:
    """Remove mentions of the bot anywhere in `text` (the grammar strips a leading one too)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return text.strip()
