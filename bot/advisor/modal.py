"""The advisor's Slack modal as plain data (placeholder until the advisor issue lands)."""

from __future__ import annotations

from typing import Any

CALLBACK_ID = "pmpo_advise"


def build_view(private_metadata: str = "") -> dict[str, Any]:
    """The `views.open` view: a form for the team's facts."""
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": private_metadata,
        "title": {"type": "plain_text", "text": "PM + PO advisor"},
        "submit": {"type": "plain_text", "text": "Advise"},
        "blocks": [
            {
                "type": "input",
                "block_id": "squads",
                "optional": True,
                "label": {"type": "plain_text", "text": "Engineering squads"},
                "element": {"type": "plain_text_input", "action_id": "value"},
            }
        ],
    }


def read_submission(values: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Turn `view.state.values` into advisor text, or per-block errors for `response_action`."""
    squads = (values.get("squads", {}).get("value", {}) or {}).get("value") or ""
    return (f"squads={squads}" if squads else ""), {}
