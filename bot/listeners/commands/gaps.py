"""`/pmpo gaps` (the report) and `/pmpo gaps purge`: admins only, as `/pmpo reload` is."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from bot.db.gaplog import Unavailable
from bot.listeners.shared import Deps, is_admin
from bot.render import blocks
from bot.render.gaps import report_message


def admin_refusal(
    deps: Deps, client: WebClient, user_id: str, logger: logging.Logger, what: str
) -> dict[str, Any] | None:
    """None for an admin; else the message saying why not (Slack unreachable, or not one)."""
    admin = is_admin(deps, client, user_id, logger)
    if admin is None:
        return blocks.simple(
            "Could not check who you are",
            verdict="Sorry, I could not ask Slack whether you are an admin just now. "
            "Please try again in a minute.",
        )
    if not admin:
        logger.warning("%s refused: user=%s is not a pmpo admin", what, user_id)
        return blocks.simple(
            "The gap report is for admins",
            verdict="Sorry, only pmpo admins and workspace admins can see or purge the "
            "questions pmpo could not answer.",
        )
    return None


def gaps_message(
    deps: Deps, client: WebClient, user_id: str, arg: str, logger: logging.Logger
) -> dict[str, Any]:
    refusal = admin_refusal(deps, client, user_id, logger, "gaps")
    if refusal is not None:
        return refusal
    if deps.gaplog is None:
        return blocks.simple(
            "The gap log is off", verdict="The database could not be set up; see the server log."
        )
    try:
        if arg.strip().lower() == "purge":
            removed = deps.gaplog.purge()
            logger.warning("gap log purged by user=%s (%d rows)", user_id, removed)
            return blocks.simple(
                "Gap log purged",
                verdict=f"{removed} logged question(s) removed, with every vote and count.",
            )
        if arg.strip():
            return blocks.simple(
                "Gap report", verdict="Try `/pmpo gaps` for the report or `/pmpo gaps purge`."
            )
        deps.gaplog.flush(1.0)  # this process's own recent writes belong in the report
        report = deps.gaplog.report()
    except Unavailable as exc:
        logger.error("gaps: %s", exc)
        return blocks.simple(
            "Gap report unavailable",
            verdict=f"Sorry, {exc}. Answers are not affected; try again in a minute.",
        )
    logger.info("gaps report for user=%s groups=%d", user_id, len(report.groups))
    return report_message(report)
