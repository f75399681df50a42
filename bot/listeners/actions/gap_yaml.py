"""The gap report's "Suggest YAML" buttons: the snippet for one group, for admins only.

The button carries only the group id; the group is found again in a fresh report, so the
snippet reflects the log as it is now, whichever process receives the click. From `/pmpo
gaps` the snippet follows through the response_url; from the App Home tab, by DM.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.gaps.grouping import find
from bot.gaps.report import GapReport
from bot.gaps.snippets import suggest
from bot.listeners import replies
from bot.listeners.commands.gaps import as_admin
from bot.listeners.shared import Deps
from bot.render import blocks
from bot.render.gaps import snippet_message


def gap_yaml_listener(deps: Deps) -> Callable[..., None]:
    def handle_gap_yaml(
        action: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        logger: logging.Logger,
    ) -> None:
        user_id = (body.get("user") or {}).get("id", "")
        group_id = str(action.get("value") or "")[:16]
        message = snippet_for(deps, client, user_id, group_id, logger)
        if not body.get("response_url"):  # clicked on the App Home tab: answer by DM
            client.chat_postMessage(channel=user_id, **message)
            return
        reply = {"response_type": "ephemeral", "replace_original": False, **message}
        replies.send(
            client, body.get("response_url"), reply, user_id=user_id, what="gap yaml", logger=logger
        )

    return handle_gap_yaml


def snippet_for(
    deps: Deps, client: WebClient, user_id: str, group_id: str, logger: logging.Logger
) -> dict[str, Any]:
    report = as_admin(deps, client, user_id, logger, "gap yaml", lambda log: log.report())
    if not isinstance(report, GapReport):
        return report
    group = find(report.groups, group_id)
    if group is None:
        return blocks.simple(
            "That gap is gone",
            verdict="It expired, was purged, or merged into another group: run `/pmpo gaps` again.",
        )
    return snippet_message(suggest(group, deps.index().kb), group.id)
