"""The advisor's Slack modal as plain data: the form (`build_view`) and its answers
(`read_submission`). Slack wiring lives with the listeners; nothing here calls Slack.

Every field is optional. Invalid values come back as `{block_id: message}` for
`ack(response_action="errors", errors=...)`, so the user fixes them in the modal itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from bot.team_facts import parse_value
from bot.team_facts.model import fmt

CALLBACK_ID = "pmpo_advise"
ACTION_ID = "value"

# block_id -> (fact, label, placeholder)
TEXT_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("squads", "squads", "Engineering squads (Scrum teams)", "e.g. 3"),
    ("people", "people", "People on the team or in the company", "e.g. 25, or 20-30"),
    ("engineers", "engineers", "Engineers", "e.g. 40"),
    ("products", "products", "Products", "e.g. 1"),
    ("markets", "markets", "Markets the product serves", "e.g. 2"),
    ("backlog", "backlog_share", "Share of the PM's time on backlog and sprint work", "e.g. 50%"),
)
SELECT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("strategy", "strategy_suffering", "Is strategic work suffering?"),
    ("founder", "technical_founder", "Technical founder acting as PM?"),
)
_KEYS = {
    "squads": "squads",
    "people": "people",
    "engineers": "engineers",
    "products": "products",
    "markets": "markets",
    "backlog_share": "backlog",
    "strategy_suffering": "strategy",
    "technical_founder": "founder",
}
_YES_NO = [
    {"text": {"type": "plain_text", "text": "Yes"}, "value": "yes"},
    {"text": {"type": "plain_text", "text": "No"}, "value": "no"},
]
_HINTS = {
    "strategy": "A roadmap untouched for months, customer interviews postponed, "
    "roadmap reviews cancelled.",
    "backlog": "Stories, grooming, refinement and sprint planning, as a percent of the week.",
}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def prefill(facts: Mapping[str, Any]) -> dict[str, str]:
    """The fields a story already answered, from the advice's facts (`extra["facts"]`, as
    `ask --json` prints them): the asker opens the form to add what is missing, not to type
    the story's numbers again. Keyed by block id; the form reads them back like typed ones."""
    filled: dict[str, str] = {}
    for block_id, fact, *_ in (*TEXT_FIELDS, *SELECT_FIELDS):
        value = facts.get(fact)
        unit = "%" if fact == "backlog_share" else ""
        if isinstance(value, bool):
            filled[block_id] = "yes" if value else "no"
        elif _number(value):
            filled[block_id] = f"{fmt(value)}{unit}"
        elif isinstance(value, list) and len(value) == 2 and all(map(_number, value)):
            filled[block_id] = f"{fmt(value[0])}-{fmt(value[1])}{unit}"
    return filled


def _number(value: Any) -> bool:
    """A count or share as the facts hold it; a click's value is not trusted to be one."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def build_view(
    private_metadata: str = "", filled: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The `views.open` view: a form for the team's facts, `filled` in where already known."""
    filled = filled or {}
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "Tell me what you know about the team; every field is optional. "
                "I'll weigh it against the articles' criteria for one PM/PO or two people.",
            },
        }
    ]
    for block_id, _fact, label, placeholder in TEXT_FIELDS:
        block: dict[str, Any] = {
            "type": "input",
            "block_id": block_id,
            "optional": True,
            "label": _plain(label),
            "element": {
                "type": "plain_text_input",
                "action_id": ACTION_ID,
                "placeholder": _plain(placeholder),
                "max_length": 40,
            },
        }
        if block_id in _HINTS:
            block["hint"] = _plain(_HINTS[block_id])
        if filled.get(block_id):
            block["element"]["initial_value"] = filled[block_id][:40]
        blocks.append(block)
    for block_id, _fact, label in SELECT_FIELDS:
        block = {
            "type": "input",
            "block_id": block_id,
            "optional": True,
            "label": _plain(label),
            "element": {
                "type": "static_select",
                "action_id": ACTION_ID,
                "placeholder": _plain("Not sure"),
                "options": _YES_NO,
            },
        }
        if block_id in _HINTS:
            block["hint"] = _plain(_HINTS[block_id])
        chosen = [o for o in _YES_NO if o["value"] == filled.get(block_id)]
        if chosen:
            block["element"]["initial_option"] = chosen[0]
        blocks.append(block)
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": private_metadata,
        "title": _plain("PM + PO advisor"),
        "submit": _plain("Advise"),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def _field(values: dict[str, Any], block_id: str) -> str:
    element = (values.get(block_id) or {}).get(ACTION_ID) or {}
    if not isinstance(element, dict):
        return ""
    selected = element.get("selected_option")
    if isinstance(selected, dict):
        return str(selected.get("value") or "")
    return str(element.get("value") or "").strip()


def read_submission(values: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Turn `view.state.values` into advisor text, or per-block errors for `response_action`.

    Valid input gives e.g. `("squads=4 people=25 backlog=50% strategy=yes", {})`; an invalid
    field gives `("", {"squads": "“-3”: the number of squads can't be negative."})`.
    """
    parts: list[str] = []
    errors: dict[str, str] = {}
    fields = [(b, f) for b, f, *_ in TEXT_FIELDS] + [(b, f) for b, f, _ in SELECT_FIELDS]
    for block_id, fact_name in fields:
        raw = _field(values or {}, block_id)
        if not raw:
            continue
        fact, problem = parse_value(fact_name, raw)
        if problem:
            errors[block_id] = problem
        elif fact is not None:
            parts.append(f"{_KEYS[fact_name]}={fact.show()}")
    if errors:
        return "", errors
    return " ".join(parts), {}
