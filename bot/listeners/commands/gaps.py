"""`/pmpo gaps` (the report) and `/pmpo gaps purge`: admins only, as `/pmpo reload` is."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.db.gaplog import GapLog, Unavailable
from bot.gaps.report import GapReport
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


GapLogWork = Callable[[GapLog], dict[str, Any] | GapReport]


def as_admin(
    deps: Deps,
    client: WebClient,
    user_id: str,
    logger: logging.Logger,
    what: str,
    work: GapLogWork,
) -> dict[str, Any] | GapReport:
    """`work(gap_log)` for an admin; else the refusal, or one line on why the log is away."""
    refusal = admin_refusal(deps, client, user_id, logger, what)
    if refusal is not None:
        return refusal
    if deps.gaplog is None:
        return blocks.simple(
            "The gap log is off", verdict="The database could not be set up; see the server log."
        )
    try:
        return work(deps.gaplog)
    except Unavailable as exc:
        logger.error("%s: %s", what, exc)
        return blocks.simple(
            "Gap report unavailable",
            verdict=f"Sorry, {exc}. Answers are not affected; try again in a minute.",
        )


def gaps_message(
    deps: Deps, client: WebClient, user_id: str, arg: str, logger: logging.Logger
) -> dict[str, Any]:
    def work(gap_log: GapLog) -> dict[str, Any] | GapReport:
        if arg.strip().lower() == "purge":
            removed = gap_log.purge()
            logger.warning("gap log purged by user=%s (%d rows)", user_id, removed)
            return blocks.simple(
                "Gap log purged",
                verdict=f"{removed} logged question(s) removed, with every vote and count.",
            )
        if arg.strip():
            return blocks.simple(
                "Gap report", verdict="Try `/pmpo gaps` for the report or `/pmpo gaps purge`."
            )
        gap_log.flush(1.0)  # this process's own recent writes belong in the report
        return gap_log.report()

    result = as_admin(deps, client, user_id, logger, "gaps", work)
    if not isinstance(result, GapReport):
        return result
    logger.info("gaps report for user=%s groups=%d", user_id, len(result.groups))
    return report_message(result)
