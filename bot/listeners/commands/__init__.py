"""`/pmpo`: every subcommand of the grammar and free questions, answered in the ack itself.

Answers are ephemeral and carry a "Share in channel" button. `/pmpo reload` is for admins;
`/pmpo advise` with no facts opens the advisor's modal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.answer import Answer, Section
from bot.answering import answer
from bot.grammar import Command, parse
from bot.kb import reload_note
from bot.kb.store import ReloadReport
from bot.listeners import replies
from bot.listeners.actions.advisor_form import open_form
from bot.listeners.commands.gaps import gaps_message
from bot.listeners.feedback import value_for
from bot.listeners.shared import Deps, is_admin
from bot.render import blocks
from bot.safety import from_slack

MAX_LISTED = 25  # ids or error lines shown per list in a reload report
NOT_SHARED = ("help", "empty", "unknown")


def register(app: App, deps: Deps) -> None:
    # Only the subcommands that call Slack get a lazy function: Bolt deep-copies the request
    # for each one, which would double the cost of every plain answer.
    app.command("/pmpo", matchers=[calls_slack])(
        ack=pmpo_command(deps), lazy=[pmpo_after_ack(deps)]
    )
    app.command("/pmpo")(pmpo_command(deps))


def calls_slack(command: dict[str, Any]) -> bool:
    return _slow(parse(from_slack(command.get("text"))))


def _slow(parsed: Command) -> bool:
    """Subcommands answered after the ack, because they call Slack: reload and gaps
    (users.info; gaps reads the database too) and advise with no facts (views.open)."""
    return parsed.name in ("reload", "gaps") or (parsed.name == "advise" and not parsed.arg.strip())


def pmpo_command(deps: Deps) -> Callable[..., None]:
    def handle_pmpo(ack: Ack, command: dict[str, Any], logger: logging.Logger) -> None:
        text = from_slack(command.get("text"))
        parsed = parse(text)
        logger.info(
            "/pmpo user=%s kind=%s chars=%d", command.get("user_id", ""), parsed.name, len(text)
        )
        if _slow(parsed):
            ack()  # the answer follows through response_url or the modal
            return
        result = answer(deps.index(), parsed)
        share = text if result.answered and parsed.name not in NOT_SHARED else None
        feedback = value_for(result, text, "command")
        asked = deps.pick_asked(result, parsed.arg or text, "command")
        message = blocks.render(
            result, share_value=share, more_value=text, feedback=feedback, asked=asked
        )
        ack(response_type="ephemeral", **message)
        if deps.gaplog is not None:
            deps.gaplog.asked(result, parsed.arg or text, "command")

    return handle_pmpo


def pmpo_after_ack(deps: Deps) -> Callable[..., None]:
    def pmpo_reply(command: dict[str, Any], client: WebClient, logger: logging.Logger) -> None:
        parsed = parse(from_slack(command.get("text")))
        user_id = command.get("user_id", "")
        if parsed.name == "reload":
            message = reload_message(deps, client, user_id, logger)
            _send(client, command, message, "reload", logger)
        elif parsed.name == "gaps":
            message = gaps_message(deps, client, user_id, parsed.arg, logger)
            _send(client, command, message, "gaps", logger)
        elif not open_advisor(client, command, logger):
            message = blocks.render(answer(deps.index(), parsed))
            _send(client, command, message, "advise", logger)

    return pmpo_reply


def _send(
    client: WebClient,
    command: dict[str, Any],
    message: dict[str, Any],
    what: str,
    logger: logging.Logger,
) -> None:
    replies.send(
        client,
        command.get("response_url"),
        {"response_type": "ephemeral", **message},
        user_id=command.get("user_id", ""),
        what=f"/pmpo {what}",
        logger=logger,
    )


def open_advisor(client: WebClient, command: dict[str, Any], logger: logging.Logger) -> bool:
    """`/pmpo advise` with no facts: the form (the typed-facts answer when Slack refuses)."""
    return open_form(
        client, command.get("trigger_id"), {"channel": command.get("channel_id", "")}, {}, logger
    )


def reload_message(
    deps: Deps, client: WebClient, user_id: str, logger: logging.Logger
) -> dict[str, Any]:
    admin = is_admin(deps, client, user_id, logger)
    if admin is None:
        return blocks.simple(
            "Could not check who you are",
            verdict=(
                "Sorry, I could not ask Slack whether you are an admin just now. Nothing was "
                "reloaded. Please try `/pmpo reload` again in a minute."
            ),
        )
    if not admin:
        logger.warning("reload refused: user=%s is not a pmpo admin", user_id)
        return blocks.simple(
            "Reload is for admins",
            verdict=(
                "Sorry, only pmpo admins and workspace admins can reload the knowledge base. "
                "If a file needs a fix, ask one of them, or open a pull request on `knowledge/`."
            ),
        )
    report = deps.store.reload()
    note = reload_note.ReloadNote(time.time(), user_id, report.ok, report.entries)
    reload_note.write(deps.store.state_dir, note)  # for the admins' Home tab
    logger.info(
        "reload by user=%s ok=%s entries=%d added=%d removed=%d changed=%d errors=%d ms=%.0f",
        user_id,
        report.ok,
        report.entries,
        len(report.added),
        len(report.removed),
        len(report.changed),
        len(report.errors),
        report.seconds * 1000,
    )
    serving, live = (0, 0)
    if report.ok and "state_error" not in report.extra:
        serving, live = deps.store.followers(report.extra["key"])
    return blocks.render(report_answer(report, serving, live))


def report_answer(report: ReloadReport, serving: int = 0, live: int = 0) -> Answer:
    warnings = _listed("Warnings", [str(p) for p in report.warnings])
    if not report.ok:
        return Answer(
            kind="admin",
            answered=False,
            title="Reload refused: the knowledge files have errors",
            verdict=f"{len(report.errors)} error(s). I am still answering from the previous "
            "knowledge base. Fix these lines and run `/pmpo reload` again:",
            sections=(*_listed("Errors", [str(p) for p in report.errors]), *warnings),
        )
    return Answer(
        kind="admin",
        answered=True,
        title="Knowledge base reloaded",
        verdict=f"{report.entries} entries; {len(report.added)} added, {len(report.removed)} "
        f"removed, {len(report.changed)} changed ({report.seconds * 1000:.0f} ms). "
        + _followed(report, serving, live),
        sections=(
            *_listed("Added", list(report.added)),
            *_listed("Removed", list(report.removed)),
            *_listed("Changed", list(report.changed)),
            *warnings,
        ),
    )


def _followed(report: ReloadReport, serving: int, live: int) -> str:
    """How many pmpo processes answer from the new knowledge base, counted, not assumed."""
    if "state_error" in report.extra:
        return (
            "Only the process that ran the reload answers from it: the others were not told, "
            f"because {report.extra['state_error']}."
        )
    if live == 1 and serving:
        return "The one pmpo process running answers from it."
    if live and serving >= live:
        return f"All {live} pmpo processes answer from it."
    return (
        f"{serving} of {live} pmpo processes answer from it so far; the others keep the "
        "previous one and say why in their log."
    )


def _listed(heading: str, items: list[str]) -> tuple[Section, ...]:
    if not items:
        return ()
    shown = items[:MAX_LISTED]
    if len(items) > MAX_LISTED:
        shown.append(f"… and {len(items) - MAX_LISTED} more")
    return (Section(f"{heading} ({len(items)})", tuple(shown)),)
