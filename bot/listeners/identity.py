"""Who the bot is (`auth.test`: its user id and bot id), learnt off the request path.

Bolt's single-workspace authorization calls `auth.test` inside the first request a process
gets and waits for it: with Slack slow or unreachable at that moment, that ack misses
Slack's 3-second deadline. Here a daemon thread asks, retrying with backoff, while requests
are authorized at once with the bot token; until the answer arrives the bot's own messages
are still recognised by their `bot_id` (bot/listeners/shared.py: `from_a_bot`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("pmpo.identity")

FIRST_RETRY = 1.0  # seconds; doubles after each failure
MAX_RETRY = 300.0


class BotIdentity:
    def __init__(self, client: WebClient) -> None:
        self.client = client
        self.bot_user_id: str | None = None
        self.bot_id: str | None = None
        self._stop = threading.Event()

    def learn(self) -> BotIdentity:
        """Start asking Slack in the background; returns self."""
        threading.Thread(target=self._ask, name="pmpo-auth-test", daemon=True).start()
        return self

    def _ask(self) -> None:
        wait = FIRST_RETRY
        told = False
        while not self._stop.is_set():
            try:
                result = self.client.auth_test()
                self.bot_user_id = result.get("user_id")
                self.bot_id = result.get("bot_id")
                if told:
                    log.info("auth.test answered; bot user %s", self.bot_user_id)
                return
            except SlackApiError as exc:
                cause = str((exc.response or {}).get("error") or "error")
            except Exception as exc:  # noqa: BLE001 - Slack unreachable: try again later
                cause = type(exc).__name__
            if not told:
                log.warning("auth.test failed (%s); retrying in the background", cause)
                told = True
            self._stop.wait(wait)
            wait = min(wait * 2, MAX_RETRY)

    def authorizer(self) -> Callable[..., AuthorizeResult]:
        """Bolt's `authorize` (a plain function: Bolt passes arguments by their names)."""

        def authorize(
            enterprise_id: str | None, team_id: str | None, user_id: str | None
        ) -> AuthorizeResult:
            return AuthorizeResult(
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                bot_token=self.client.token,
                bot_user_id=self.bot_user_id,
                bot_id=self.bot_id,
            )

        return authorize

    def stop(self) -> None:
        self._stop.set()
